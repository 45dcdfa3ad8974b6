// framing live editor: re-audit the draft after a pause in typing, open examples and files,
// download the report and the JSON. The audit HTML comes from the server's escaped templates.
(function () {
  "use strict";
  var PAUSE_MS = 150;
  var draft = document.getElementById("draft");
  var title = document.getElementById("title");
  var audit = document.getElementById("audit");
  var status = document.getElementById("status");
  var examples = document.getElementById("examples");
  var backdrop = document.getElementById("backdrop");
  var timer = null, sequence = 0;

  function say(message, isError) {
    status.textContent = message;
    status.classList.toggle("error", !!isError);
  }
  function body() { return JSON.stringify({ text: draft.value, title: title.value || null }); }
  function post(path) {
    return fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: body() })
      .then(function (response) {
        if (response.ok) { return response; }
        return response.json().then(function (e) { throw new Error(e.error || response.statusText); });
      });
  }
  function refresh() {
    var mine = ++sequence;
    if (!draft.value.trim()) { audit.innerHTML = ""; backdrop.textContent = ""; say(""); return; }
    var started = performance.now();
    post("/api/render").then(function (r) { return r.json(); }).then(function (result) {
      if (mine !== sequence) { return; }  // a newer draft is on its way
      audit.innerHTML = result.html;
      paint(result.text, result.marks);
      if (window.framingReport) { window.framingReport.apply(); }
      say(result.findings + " finding(s), audited in " + Math.round(performance.now() - started) + " ms");
    }).catch(function (error) { if (mine === sequence) { say(error.message, true); } });
  }
  // Highlights in the draft itself: a backdrop behind the transparent textarea holds the same
  // text (as text nodes, never HTML) with <mark> elements at the findings' offsets.
  function paint(text, marks) {
    backdrop.textContent = "";
    if (text !== draft.value) { return; }  // typed on meanwhile: the next audit repaints
    var cuts = [0, text.length];
    marks.forEach(function (m) { cuts.push(m.start, m.end); });
    cuts = cuts.filter(function (c, i, all) { return all.indexOf(c) === i; }).sort(function (a, b) { return a - b; });
    for (var i = 0; i + 1 < cuts.length; i++) {
      var a = cuts[i], b = cuts[i + 1], piece = text.slice(a, b);
      var over = marks.filter(function (m) { return m.start <= a && b <= m.end; });
      if (!over.length) { backdrop.appendChild(document.createTextNode(piece)); continue; }
      var mark = document.createElement("mark");
      var words = over.filter(function (m) { return m.kind !== "claim"; });
      mark.className = words.length ? "sev-" + words[0].severity : "claim";
      mark.setAttribute("data-categories", over.map(function (m) { return m.category; }).join(" "));
      mark.textContent = piece;
      backdrop.appendChild(mark);
    }
    backdrop.appendChild(document.createTextNode("\n"));  // keeps a last empty line the same height
    backdrop.scrollTop = draft.scrollTop;
  }
  draft.addEventListener("scroll", function () { backdrop.scrollTop = draft.scrollTop; });

  function soon() { clearTimeout(timer); timer = setTimeout(refresh, PAUSE_MS); }
  draft.addEventListener("input", soon);
  title.addEventListener("input", soon);

  function load(text) { draft.value = text; refresh(); }
  fetch("/api/examples").then(function (r) { return r.json(); }).then(function (names) {
    names.forEach(function (name) {
      var option = document.createElement("option");
      option.value = name; option.textContent = name;
      examples.appendChild(option);
    });
  });
  examples.addEventListener("change", function () {
    if (!examples.value) { return; }
    fetch("/api/examples/" + encodeURIComponent(examples.value)).then(function (r) { return r.json(); })
      .then(function (example) { load(example.text); });
  });
  document.getElementById("upload").addEventListener("change", function (event) {
    var file = event.target.files[0];
    if (!file) { return; }
    file.arrayBuffer().then(function (bytes) {
      return fetch("/api/extract", { method: "POST", headers: { "X-Filename": file.name }, body: bytes });
    }).then(function (r) {
      return r.json().then(function (result) { if (!r.ok) { throw new Error(result.error); } return result; });
    }).then(function (result) { load(result.text); }).catch(function (error) { say(error.message, true); });
  });

  function download(path, name, type) {
    if (!draft.value.trim()) { say("Nothing to download: the draft is empty.", true); return; }
    post(path).then(function (r) { return r.blob(); }).then(function (blob) {
      var link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([blob], { type: type }));
      link.download = name;
      document.body.appendChild(link);
      link.click();
      setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
    }).catch(function (error) { say(error.message, true); });
  }
  document.getElementById("download-report").addEventListener("click", function () {
    download("/api/report", "framing-report.html", "text/html");
  });
  document.getElementById("download-json").addEventListener("click", function () {
    download("/api/audit", "framing-audit.json", "application/json");
  });
})();
