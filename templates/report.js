// framing report: open a finding's note on click, tap, Enter or Space; Escape closes it; the
// legend's check boxes switch categories and voices on and off. Events are delegated, so the
// live editor can replace the article and call framingReport.apply(). No network, no data from
// the article.
(function () {
  "use strict";
  document.documentElement.classList.add("js");  // notes now open on click, tap, Enter or Space
  function marks() { return Array.prototype.slice.call(document.querySelectorAll("mark.f")); }
  function close(except) {
    marks().forEach(function (m) {
      if (m !== except && m.classList.contains("open")) { m.classList.remove("open"); m.setAttribute("aria-expanded", "false"); }
    });
  }
  function keepInView(mark) {  // shift an open note left when it would run past the window's edge
    var note = mark.querySelector(".note");
    if (!note) { return; }
    note.style.left = "";
    var overflow = note.getBoundingClientRect().right - (document.documentElement.clientWidth - 8);
    if (overflow > 0) { note.style.left = (-overflow) + "px"; }
  }
  function toggle(mark) {
    var opening = !mark.classList.contains("open");
    close(mark);
    mark.classList.toggle("open", opening);
    mark.setAttribute("aria-expanded", opening ? "true" : "false");
    if (opening) { keepInView(mark); }
  }
  function markOf(target) { return target && target.closest ? target.closest("mark.f") : null; }
  function marking() {  // a lesson page (framing audit --class) before its check: the audit is hidden
    return document.body.classList.contains("lesson") && !document.body.classList.contains("checked");
  }
  document.addEventListener("click", function (event) {
    if (marking()) { return; }  // lesson.js marks the word
    var mark = markOf(event.target);
    if (mark && !mark.classList.contains("off")) { toggle(mark); } else { close(null); }
  });
  document.addEventListener("keydown", function (event) {
    if (marking()) { return; }
    var mark = markOf(event.target);
    if (event.key === "Escape") { close(null); return; }
    if (mark && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); toggle(mark); }
  });

  function apply() {
    var on = {};
    document.querySelectorAll("input[data-filter]").forEach(function (box) { on[box.getAttribute("data-filter")] = box.checked; });
    marks().forEach(function (mark) {
      var categories = (mark.getAttribute("data-categories") || "").split(" ");
      var voice = mark.getAttribute("data-voice");
      var shown = categories.some(function (c) { return on["cat:" + c] !== false; }) && on["voice:" + voice] !== false;
      mark.classList.toggle("off", !shown);
      mark.setAttribute("tabindex", shown ? "0" : "-1");
      if (!shown) { mark.classList.remove("open"); }
    });
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("input[data-filter]")) { apply(); }
  });
  document.querySelectorAll(".filters").forEach(function (f) { f.hidden = false; });

  window.framingReport = { apply: apply, marks: marks, markOf: markOf };
  apply();
})();
