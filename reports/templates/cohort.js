/* Progressive enhancement only: the cohort page is complete without this script.
   Sorts the people table when a column header is clicked. It reads data-value
   attributes only, so no text from a resume is ever interpreted, and builds no markup. */
(function () {
  var table = document.getElementById("people");
  if (!table) { return; }
  var heads = table.querySelectorAll("th[data-type]");
  heads.forEach(function (head, column) {
    var button = head.querySelector("button");
    button.addEventListener("click", function () {
      var ascending = head.getAttribute("aria-sort") !== "ascending";
      heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
      head.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var numeric = head.getAttribute("data-type") === "number";
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[column].getAttribute("data-value");
        var y = b.cells[column].getAttribute("data-value");
        var order = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
        if (order !== 0) { return ascending ? order : -order; }
        return a.getAttribute("data-label").localeCompare(b.getAttribute("data-label"));
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
})();
