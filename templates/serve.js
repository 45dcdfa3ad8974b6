// framing live editor: re-audit the draft after a pause in typing, open examples and files,
// download the report and the JSON. The audit HTML comes from the server's escaped templates.
// The draft's highlights: a note under the one at the caret (apply its suggestion, or ignore it
// with a reason), and the audit pane follows the caret.
(function () {
  "use strict";
  var PAUSE_MS = 150;
  var draft = document.getElementById("draft");
  var title = document.getElementById("title");
  var audit = document.getElementById("audit");
  var status = document.getElementById("status");
  var examples = document.getElementById("examples");
  var backdrop = document.getElementById("backdrop");
  var markdown = document.getElementById("markdown");
  var note = document.getElementById("draft-note");
  var timer = null, sequence = 0;
  var audited = { text: null, marks: [] };  // the last audit shown: offsets into audited.text

  function say(message, isError) {
    status.textContent = message;
    status.classList.toggle("error", !!isError);
  }
  function body() { return JSON.stringify({ text: draft.value, title: title.value || null, markdown: markdown.checked }); }
  function post(path) {
    return fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: body() })
      .then(function (response) {
        if (response.ok) { return response; }
        return response.json().then(function (e) { throw new Error(e.error || response.statusText); });
      });
  }
  function refresh() {
    var mine = ++sequence;
    if (!draft.value.trim()) {
      audit.innerHTML = ""; backdrop.textContent = ""; audited = { text: null, marks: [] }; hideNote(); say(""); return;
    }
    var started = performance.now();
    post("/api/render").then(function (r) { return r.json(); }).then(function (result) {
      if (mine !== sequence) { return; }  // a newer draft is on its way
      audit.innerHTML = result.html;
      paint(result.text, result.marks, result.excluded);
      if (window.framingReport) { window.framingReport.apply(); }
      if (document.activeElement === draft) { follow(false); }  // typing on: the pane keeps up
      say(result.findings + " finding(s), audited in " + Math.round(performance.now() - started) + " ms");
    }).catch(function (error) { if (mine === sequence) { say(error.message, true); } });
  }
  // Highlights in the draft itself: a backdrop behind the transparent textarea holds the same
  // text (as text nodes, never HTML) with <mark class="cat-..."> elements (the report's colours)
  // at the findings' offsets, and the lines that are not scored greyed.
  function paint(text, marks, excluded) {
    backdrop.textContent = "";
    audited = { text: text, marks: marks };
    if (text !== draft.value) { audited.text = null; return; }  // typed on meanwhile: the next audit repaints
    var cuts = [0, text.length];
    marks.concat(excluded).forEach(function (m) { cuts.push(m.start, m.end); });
    cuts = cuts.filter(function (c, i, all) { return all.indexOf(c) === i; }).sort(function (a, b) { return a - b; });
    for (var i = 0; i + 1 < cuts.length; i++) {
      var a = cuts[i], b = cuts[i + 1], piece = text.slice(a, b);
      var inside = function (m) { return m.start <= a && b <= m.end; };
      var over = marks.filter(inside), element;
      if (over.length) {
        element = document.createElement("mark");
        element.className = over.map(function (m) { return "cat-" + m.category; }).join(" ") +
          (over.every(function (m) { return m.kind === "claim"; }) ? " claim-only" : "");
        element.setAttribute("data-categories", over.map(function (m) { return m.category; }).join(" "));
        element.setAttribute("data-findings", over.map(function (m) { return m.id; }).join(" "));
      } else if (excluded.some(inside)) {
        element = document.createElement("span");
        element.className = "excluded";
      } else { backdrop.appendChild(document.createTextNode(piece)); continue; }
      element.textContent = piece;
      backdrop.appendChild(element);
    }
    backdrop.appendChild(document.createTextNode("\n"));  // keeps a last empty line the same height
    backdrop.scrollTop = draft.scrollTop;
  }

  // The findings at the caret: words before sentence-level claims, the narrowest first.
  function at(caret) {
    if (audited.text !== draft.value) { return []; }
    return audited.marks.filter(function (m) { return m.start <= caret && caret <= m.end; }).sort(function (x, y) {
      return (x.kind === "claim") - (y.kind === "claim") || (x.end - x.start) - (y.end - y.start);
    });
  }
  function nearest(caret) {  // a word finding when there is one, else a claim
    var best = null, distance = Infinity, words = audited.marks.filter(function (m) { return m.kind !== "claim"; });
    (words.length ? words : audited.marks).forEach(function (m) {
      var d = caret < m.start ? m.start - caret : caret - m.end;
      if (d < distance) { best = m; distance = d; }
    });
    return best;
  }
  // The audit pane follows the caret: the finding at it (or the nearest) is marked current and
  // scrolled into the pane's view; `open` shows the note under the highlight at the caret too.
  function follow(open) {
    var caret = draft.selectionStart, here = at(caret);
    var target = here[0] || (audited.text === draft.value ? nearest(caret) : null);
    document.querySelectorAll(".current").forEach(function (e) { e.classList.remove("current"); });
    if (!target) { hideNote(); return; }
    var selector = "mark[data-findings~='" + target.id + "']";
    backdrop.querySelectorAll(selector).forEach(function (e) { e.classList.add("current"); });
    var inPane = audit.querySelector(selector);
    if (inPane) {
      inPane.classList.add("current");
      var top = inPane.getBoundingClientRect().top - audit.getBoundingClientRect().top;
      if (top < 0 || top > audit.clientHeight - 40) { audit.scrollTop += top - audit.clientHeight / 3; }
    }
    if (open && here.length && draft.selectionStart === draft.selectionEnd) { showNote(here); }
    else if (!here.length) { hideNote(); }
  }

  // The note under a highlight: what, why, instead, and the buttons (from <template id="note-item">).
  var shown = "";
  function showNote(found) {
    var ids = found.map(function (m) { return m.id; }).join(" ");
    if (ids !== shown) {
      note.textContent = "";
      found.forEach(function (m) { note.appendChild(item(m)); });
      shown = ids;
    }
    note.hidden = false;
    place();
  }
  function hideNote() { note.hidden = true; shown = ""; }
  function place() {  // under the highlight, or above it near the bottom; hidden when scrolled away
    var first = backdrop.querySelector("mark[data-findings~='" + shown.split(" ")[0] + "']");
    if (note.hidden || !first) { return; }
    var box = note.parentNode.getBoundingClientRect(), r = first.getBoundingClientRect();
    if (r.bottom < box.top || r.top > box.bottom) { hideNote(); return; }
    var top = r.bottom - box.top + 6;
    if (top + note.offsetHeight > box.height) { top = r.top - box.top - note.offsetHeight - 6; }
    note.style.top = Math.max(0, top) + "px";
    note.style.left = Math.max(0, Math.min(r.left - box.left, box.width - note.offsetWidth)) + "px";
  }
  function item(m) {
    var element = document.getElementById("note-item").content.firstElementChild.cloneNode(true);
    element.querySelector(".what").textContent = m.message;
    element.querySelector(".why").textContent = m.explanation;
    var alt = element.querySelector(".alt"), apply = element.querySelector(".apply");
    if (m.suggestion.length) { alt.textContent = "Instead: " + m.suggestion.join("; "); } else { alt.remove(); }
    if (m.replacement) {
      apply.textContent = "Apply “" + m.replacement + "”";
      apply.addEventListener("click", function () { edit(m.start, m.end, m.replacement, true); });
    } else { apply.remove(); }
    var form = element.querySelector("form"), reason = form.querySelector("input");
    element.querySelector(".ignore").addEventListener("click", function () { form.hidden = false; place(); reason.focus(); });
    element.querySelector(".cancel").addEventListener("click", function () { form.hidden = true; draft.focus(); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (reason.value.trim()) { ignore(m, reason.value); }
    });
    return element;
  }

  // Edits go through the textarea's own editing, so Ctrl+Z undoes them; then the draft is re-audited.
  function edit(start, end, text, caretAfter) {
    if (audited.text !== draft.value) { say("The draft changed: wait for its audit, then try again.", true); return; }
    var caret = draft.selectionStart;
    hideNote();
    draft.focus();
    draft.setSelectionRange(start, end);
    if (!document.execCommand("insertText", false, text)) {
      draft.setRangeText(text, start, end, "end");
      draft.dispatchEvent(new Event("input"));
    }
    if (!caretAfter) {  // the caret stays on the same words
      caret += caret >= end ? text.length - (end - start) : 0;
      draft.setSelectionRange(caret, caret);
    }
  }
  // A suppression (framing/house_rules.py) for the finding's rule: in Markdown a comment line before
  // its paragraph, in plain text at the end of its line (joined to one already there).
  function ignore(m, why) {
    var text = draft.value, reason = why.replace(/\s+/g, " ").replace(/-->/g, "->").trim();
    if (markdown.checked) {
      var start = 0, blank = /\n[ \t]*\n/g, found;
      while ((found = blank.exec(text)) && found.index < m.start) { start = blank.lastIndex; }
      edit(start, start, "<!-- framing: ignore " + m.rule + " -- " + reason + " -->\n");
      return;
    }
    var begin = text.lastIndexOf("\n", m.start - 1) + 1, end = text.indexOf("\n", m.start);
    end = end < 0 ? text.length : end;
    var line = text.slice(begin, end), there = /framing-ignore\s+[\w.\-]+(?:\s*,\s*[\w.\-]+)*/.exec(line);
    if (there) {
      var after = begin + there.index + there[0].length, rest = text.slice(after, end);
      edit(after, end, ", " + m.rule + (/--\s*\S/.test(rest) ? rest.replace(/\s+$/, "") + "; " : " -- ") + reason);
    } else {
      edit(end, end, (/\s$/.test(line) ? "" : " ") + "framing-ignore " + m.rule + " -- " + reason);
    }
  }

  draft.addEventListener("click", function () { follow(true); });
  draft.addEventListener("keyup", function (event) {
    if (/^(Arrow|Home|End|Page)/.test(event.key)) { follow(true); }
  });
  draft.addEventListener("keydown", function (event) { if (event.key === "Escape") { hideNote(); } });
  note.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { hideNote(); draft.focus(); }
  });
  note.parentNode.addEventListener("focusout", function (event) {
    if (!note.parentNode.contains(event.relatedTarget)) { hideNote(); }
  });
  audit.addEventListener("click", function (event) {  // a finding in the pane: marked current in the draft too
    var mark = event.target.closest && event.target.closest("mark.f"), id = mark && mark.getAttribute("data-findings").split(" ")[0];
    var m = id && audited.marks.filter(function (x) { return x.id === id; })[0];
    if (!m) { return; }
    document.querySelectorAll(".current").forEach(function (e) { e.classList.remove("current"); });
    mark.classList.add("current");
    var inDraft = backdrop.querySelector("mark[data-findings~='" + id + "']");
    if (inDraft) {
      inDraft.classList.add("current");
      draft.scrollTop += inDraft.getBoundingClientRect().top - draft.getBoundingClientRect().top - draft.clientHeight / 3;
    }
  });
  draft.addEventListener("scroll", function () { backdrop.scrollTop = draft.scrollTop; place(); });

  function soon() { clearTimeout(timer); timer = setTimeout(refresh, PAUSE_MS); }
  draft.addEventListener("input", function () { hideNote(); soon(); });
  title.addEventListener("input", soon);
  markdown.addEventListener("change", refresh);

  function load(text, name) { draft.value = text; draft.setSelectionRange(0, 0); markdown.checked = /\.(md|markdown|html?|xhtml)$/i.test(name || ""); refresh(); }
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
    }).then(function (result) { load(result.text, file.name); }).catch(function (error) { say(error.message, true); });
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
