// framing lesson (framing audit --class), after report.js: a click marks a word as loaded, or its whole
// sentence as an unattributed claim; "Check" shows the audit and, per dimension, what the students found,
// missed and marked beyond it. Nothing leaves the page.
(function () {
  "use strict";
  var marks = window.framingReport.marks, markOf = window.framingReport.markOf;
  function tool() { var t = document.querySelector("input[name=tool]:checked"); return t ? t.value : "loaded"; }
  function words(sentence) { return Array.prototype.slice.call(document.querySelectorAll(sentence ? "span.w[data-s='" + sentence + "']" : "span.w")); }
  function pick(word, on) {
    if (tool() === "loaded") { word.classList.toggle("picked-loaded", on); return; }
    var sentence = word.getAttribute("data-s");
    (sentence ? words(sentence) : [word]).forEach(function (w) { w.classList.toggle("picked-unattributed", on); });
  }
  function pickWord(target) {
    var word = target && target.closest ? target.closest("span.w") : null;
    if (word) { pick(word, !word.classList.contains(tool() === "loaded" ? "picked-loaded" : "picked-unattributed")); }
  }
  function markSelection() {
    var selection = window.getSelection();
    if (!selection || !selection.rangeCount || selection.isCollapsed) { return; }
    var range = selection.getRangeAt(0);
    words().forEach(function (w) { if (range.intersectsNode(w)) { pick(w, true); } });
    selection.removeAllRanges();
  }
  function text(element, content) { var e = document.createElement(element); e.textContent = content; return e; }
  function quoted(list) { return list.map(function (t) { return "\u201c" + t + "\u201d"; }).join(", "); }
  function compare(dimension, picked, noun) {
    var findings = {};  // finding id -> its words, and whether a student's mark touches it
    marks().forEach(function (mark) {
      var touched = mark.querySelector("span.w." + picked) !== null;
      (mark.getAttribute("data-" + dimension) || "").split(" ").filter(Boolean).forEach(function (id) {
        var f = findings[id] || (findings[id] = { text: [], found: false });
        var words = mark.cloneNode(true);
        words.querySelectorAll(".note, .ref").forEach(function (e) { e.remove(); });
        var after = mark.nextSibling;  // a space between two marks of one finding lies outside both
        f.text.push(words.textContent + (after && after.nodeType === 3 && /^\s/.test(after.textContent) ? " " : ""));
        f.found = f.found || touched;
        if (!touched) { mark.classList.add("missed-" + dimension); }
      });
    });
    var ids = Object.keys(findings), found = ids.filter(function (id) { return findings[id].found; });
    var missed = ids.filter(function (id) { return !findings[id].found; })
      .map(function (id) { return findings[id].text.join("").replace(/\s+/g, " ").trim().replace(/[.,;:]$/, ""); });
    var beyond = [], seen = {};
    words().forEach(function (w) {
      var mark = markOf(w);
      if (!w.classList.contains(picked) || (mark && mark.getAttribute("data-" + dimension))) { return; }
      w.classList.add("beyond");
      var key = dimension === "loaded" ? w.textContent : "sentence " + w.getAttribute("data-s");
      if (!seen[key]) { seen[key] = true; beyond.push(key); }
    });
    var item = document.createElement("li");
    item.appendChild(text("strong", noun + ": "));
    item.appendChild(document.createTextNode("you found " + found.length + " of the " + ids.length + " framing flags."));
    if (missed.length) { item.appendChild(text("span", " Missed: " + quoted(missed.slice(0, 12)) + (missed.length > 12 ? " and more." : "."))); }
    if (beyond.length) { item.appendChild(text("span", " You also marked " + quoted(beyond.slice(0, 12)) + ": worth discussing, since framing's lists can miss what a reader sees.")); }
    return item;
  }
  function check() {
    document.body.classList.add("checked");
    document.querySelectorAll(".answer").forEach(function (a) { a.hidden = false; });
    var list = document.createElement("ul");
    list.appendChild(compare("loaded", "picked-loaded", "Loaded words"));
    list.appendChild(compare("unattributed", "picked-unattributed", "Unattributed claims and vague attributions"));
    var answer = document.querySelector("input[name=one-sided]:checked"), truth = document.body.getAttribute("data-one-sided");
    var sides = document.createElement("li");
    sides.appendChild(text("strong", "One-sided sourcing: "));
    sides.appendChild(document.createTextNode("you said " + (answer ? answer.value : "unsure") + "; framing says " +
      (truth === "yes" ? "yes (see Sources and sides)." : truth === "no" ? "no: the sides it found are heard." : "not judged: too few voices take a side.")));
    list.appendChild(sides);
    var results = document.getElementById("lesson-results");
    results.textContent = "";
    results.appendChild(text("h3", "Your reading beside framing's"));
    results.appendChild(list);
    document.getElementById("check").disabled = true;
  }
  document.addEventListener("click", function (event) {
    if (!document.body.classList.contains("checked")) { pickWord(event.target); }
  });
  document.getElementById("mark-selection").addEventListener("click", markSelection);
  document.getElementById("check").addEventListener("click", check);
  document.getElementById("print-worksheet").addEventListener("click", function () { window.print(); });
})();
