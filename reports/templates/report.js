/* Progressive enhancement only: the report is complete without this script.
   Adds sorting to the gaps table, and a filter plus expand/collapse-all to the found
   skills. It never builds markup from strings (no innerHTML): only textContent. */
(function () {
  "use strict";

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text) { node.textContent = text; }
    return node;
  }

  function sortValue(row, index, kind) {
    var cell = row.children[index];
    var raw = cell ? (cell.getAttribute("data-value") || cell.textContent) : "";
    return kind === "number" ? parseFloat(raw) || 0 : raw.toLocaleLowerCase();
  }

  function makeSortable(table) {
    var headers = Array.prototype.slice.call(table.querySelectorAll("thead th"));
    var body = table.tBodies[0];
    headers.forEach(function (header, index) {
      var kind = header.getAttribute("data-sort");
      if (!kind || !body) { return; }
      // The header keeps its text (it must print, and Chromium drops form controls from
      // repeated print headers); the button beside it carries an accessible name.
      var button = element("button", { type: "button", "class": "sort-button", "aria-label": "Sort by " + header.textContent.trim() });
      header.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = header.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = sortValue(a, index, kind), y = sortValue(b, index, kind);
          var order = x < y ? -1 : x > y ? 1 : 0;
          if (order === 0) {  // ties keep rank order, so sorting is stable and predictable
            return sortValue(a, 0, "number") - sortValue(b, 0, "number");
          }
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function addSkillTools(section) {
    var groups = section.querySelector(".skill-groups");
    if (!groups) { return; }
    var tools = element("div", { "class": "skill-tools" });
    var label = element("label", { "for": "skill-filter", "class": "visually-hidden" }, "Filter found skills");
    var input = element("input", { id: "skill-filter", type: "search", placeholder: "Filter skills…", autocomplete: "off" });
    var expand = element("button", { type: "button", "class": "tool-button" }, "Expand all");
    var collapse = element("button", { type: "button", "class": "tool-button" }, "Collapse all");
    var status = element("span", { "class": "muted", role: "status", "aria-live": "polite" });
    [label, input, expand, collapse, status].forEach(function (node) { tools.appendChild(node); });
    groups.parentNode.insertBefore(tools, groups);

    var skills = Array.prototype.slice.call(groups.querySelectorAll(".skill"));
    function setOpen(open) {
      skills.forEach(function (skill) {
        if (!skill.classList.contains("hidden-by-filter")) {
          skill.querySelector("details").open = open;
        }
      });
    }
    expand.addEventListener("click", function () { setOpen(true); });
    collapse.addEventListener("click", function () { setOpen(false); });
    input.addEventListener("input", function () {
      var needle = input.value.trim().toLocaleLowerCase();
      var shown = 0;
      skills.forEach(function (skill) {
        var match = !needle || (skill.getAttribute("data-name") || "").toLocaleLowerCase().indexOf(needle) !== -1;
        skill.classList.toggle("hidden-by-filter", !match);
        if (match) { shown += 1; }
      });
      groups.querySelectorAll(".skill-group").forEach(function (group) {
        group.classList.toggle("hidden-by-filter", !group.querySelector(".skill:not(.hidden-by-filter)"));
      });
      status.textContent = needle ? shown + " of " + skills.length + " skills shown" : "";
    });
  }

  document.querySelectorAll("table.sortable").forEach(makeSortable);
  var skillsSection = document.getElementById("skills");
  if (skillsSection) { addSkillTools(skillsSection); }
}());
