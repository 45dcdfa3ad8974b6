// framing corpus report: sort a table by clicking (or Enter on) a header marked data-sort, and
// filter the tables' rows by group, genre, topic and date with the form at the top (and show the
// distinguishing terms with or without the word model's hints). Rows carry
// their values in data- attributes; no network, nothing loaded.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  function field(name) { var el = form.elements[name]; return el ? el.value : ""; }
  function apply() {
    var group = field("group"), genre = field("genre"), topic = field("topic"), from = field("from"), to = field("to");
    var shown = 0, listed = 0;
    document.querySelectorAll("tr[data-group]").forEach(function (tr) {
      var d = tr.dataset, show = !group || d.group === group;
      if (d.slice !== undefined) { show = show && d.slice === (genre || "all"); }
      if (d.genre !== undefined) { show = show && (!genre || d.genre === genre) && (!topic || d.topic === topic); }
      var date = d.date !== undefined ? d.date : d.month;
      if (date !== undefined && (from || to)) {
        show = show && !!date && (!from || date >= from.slice(0, date.length)) && (!to || date.slice(0, 10) <= to);
      }
      tr.hidden = !show;
      if (d.genre !== undefined) { listed += 1; shown += show ? 1 : 0; }
    });
    var hints = form.elements.hints ? form.elements.hints.checked : false;
    document.querySelectorAll("[data-hints]").forEach(function (el) { el.hidden = (el.getAttribute("data-hints") === "on") !== hints; });
    var count = document.getElementById("shown");
    if (count) { count.textContent = shown === listed ? "" : shown + " of these " + listed + " shown."; }
  }
  function key(td) {
    var value = td.getAttribute("data-value"), text = td.textContent.trim();
    if (value !== null) { return value === "" ? -Infinity : parseFloat(value); }
    return isNaN(parseFloat(text)) || /[^\d.,\s-]/.test(text) ? text.toLowerCase() : parseFloat(text.replace(/,/g, ""));
  }
  function sort(th) {
    var table = th.closest("table"), body = table.tBodies[0], column = th.cellIndex;
    var up = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th[aria-sort]").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", up ? "ascending" : "descending");
    Array.prototype.slice.call(body.rows).map(function (tr, i) { return [key(tr.cells[column]), i, tr]; })
      .sort(function (a, b) { return (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]) * (up ? 1 : -1); })
      .forEach(function (entry) { body.appendChild(entry[2]); });
  }
  document.querySelectorAll("th[data-sort]").forEach(function (th) {
    th.tabIndex = 0;
    th.addEventListener("click", function () { sort(th); });
    th.addEventListener("keydown", function (event) { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(th); } });
  });
  if (form) {
    form.hidden = false;
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
  }
})();
