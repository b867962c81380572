/* Progressive enhancement only: the cohort page is complete without this script.
   Sorts a table (the people, the skill matrix) when a column header is clicked. It reads
   data-value attributes and the matrix cells' class (c3 shown ... c0 missing) only, so no
   text from a resume is ever interpreted, and it builds no markup. Equal values keep the
   rows' label order. */
(function () {
  function cellValue(cell, type) {
    if (type === "cell") {
      var match = /\bc(-?\d)\b/.exec(cell.className);
      return match ? parseInt(match[1], 10) : -1;
    }
    var value = cell.getAttribute("data-value");
    return type === "number" ? parseFloat(value) : (value || "");
  }
  function sortable(table) {
    var headRow = table.tHead.rows[table.tHead.rows.length - 1];
    var heads = headRow.querySelectorAll("th[data-type]");
    heads.forEach(function (head) {
      var button = head.querySelector("button");
      var column = head.cellIndex;
      var type = head.getAttribute("data-type");
      button.addEventListener("click", function () {
        /* text sorts A-Z first; numbers and matrix cells highest first */
        var current = head.getAttribute("aria-sort");
        var ascending = current ? current !== "ascending" : type === "text";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        head.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a.cells[column], type);
          var y = cellValue(b.cells[column], type);
          var order = type === "text" ? x.localeCompare(y) : x - y;
          if (order !== 0 && !isNaN(order)) { return ascending ? order : -order; }
          return a.getAttribute("data-label").localeCompare(b.getAttribute("data-label"));
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }
  document.querySelectorAll("table.sortable").forEach(sortable);
})();
