// framing report: open a finding's note on click, tap or Enter; Escape closes it; the legend's
// check boxes switch categories and voices on and off. No network, no data from the article.
(function () {
  "use strict";
  document.documentElement.classList.add("js");  // notes now open on click, tap, Enter or Space
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.f"));
  function close(except) {
    marks.forEach(function (m) {
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
  marks.forEach(function (mark) {
    mark.addEventListener("click", function (event) { event.stopPropagation(); toggle(mark); });
    mark.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); toggle(mark); }
      if (event.key === "Escape") { close(null); }
    });
  });
  document.addEventListener("click", function () { close(null); });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") { close(null); } });

  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-filter]"));
  function apply() {
    var on = {};
    boxes.forEach(function (box) { on[box.getAttribute("data-filter")] = box.checked; });
    marks.forEach(function (mark) {
      var categories = (mark.getAttribute("data-categories") || "").split(" ");
      var voice = mark.getAttribute("data-voice");
      var shown = categories.some(function (c) { return on["cat:" + c] !== false; }) && on["voice:" + voice] !== false;
      mark.classList.toggle("off", !shown);
      mark.setAttribute("tabindex", shown ? "0" : "-1");
      if (!shown) { mark.classList.remove("open"); }
    });
  }
  boxes.forEach(function (box) { box.addEventListener("change", apply); });
  var filters = document.getElementById("filters");
  if (filters) { filters.hidden = false; }
  apply();
})();
