"""The cohort view: one page over a whole batch, built from a pure context function.

`cohort_context` turns the batch's entries into plain values (rows, chart geometry,
counts) and is tested on its own; `render_cohort` only fills the template. The page is
self-contained and inert like the single report: autoescaped, StrictUndefined, a CSP
that allows no network and only the one inline script (by its hash), which sorts the
table and nothing else.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from gapcheck.batch.task import PersonSummary

COMMON_GAPS_SHOWN = 15
HISTOGRAM_BINS = 10  # 0-10, 10-20, ..., 90-100
BAND_ORDER = ("weak", "fair", "good", "strong")

# Sorts the people table when a column header is clicked; reads data-value attributes
# only, so no text from a resume is ever interpreted.
SORT_SCRIPT = """
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
""".strip()


def script_hash(script: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode(
        "ascii"
    )


CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    f"script-src '{script_hash(SORT_SCRIPT)}'; base-uri 'none'; form-action 'none'"
)


@dataclass(frozen=True)
class CohortEntry:
    """One row of the batch as the cohort view sees it."""

    label: str
    status: str  # "analysed" or "failed"
    report: str | None = None  # relative link to the person's report
    summary: PersonSummary | None = None
    error: str = ""
    failure_kind: str = ""


def _histogram(scores: Sequence[float], width: int = 560, height: int = 180) -> dict[str, Any]:
    counts = [0] * HISTOGRAM_BINS
    for value in scores:
        counts[min(HISTOGRAM_BINS - 1, max(0, int(value // (100 / HISTOGRAM_BINS))))] += 1
    tallest = max(counts) if counts and max(counts) > 0 else 1
    plot_height = height - 40  # room for the axis labels and the counts above the bars
    bar_width = width / HISTOGRAM_BINS
    bars = []
    for index, count in enumerate(counts):
        bar_height = round(plot_height * count / tallest, 1)
        low = index * 100 // HISTOGRAM_BINS
        bars.append(
            {
                "low": low,
                "high": low + 100 // HISTOGRAM_BINS,
                "count": count,
                "x": round(index * bar_width + 2, 1),
                "width": round(bar_width - 4, 1),
                "y": round(20 + plot_height - bar_height, 1),
                "height": bar_height,
                "label_x": round(index * bar_width + bar_width / 2, 1),
            }
        )
    return {
        "width": width,
        "height": height,
        "axis_y": height - 20,
        "label_y": height - 5,
        "bars": bars,
    }


def _common_gaps(
    summaries: Sequence[PersonSummary], limit: int, width: int = 560
) -> list[dict[str, Any]]:
    """Skills most often missing: how many of the analysed people lack each (any gap counts)."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for summary in summaries:
        for gap in {g.skill_id: g for g in summary.gaps}.values():
            counts[gap.skill_id] += 1
            names.setdefault(gap.skill_id, gap.name)
    total = len(summaries)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], names[item[0]].lower(), item[0]))[
        :limit
    ]
    label_width = 200
    rows = []
    for index, (skill_id, count) in enumerate(ranked):
        share = count / total if total else 0.0
        rows.append(
            {
                "skill_id": skill_id,
                "name": names[skill_id],
                "count": count,
                "total": total,
                "percent": round(100 * share),
                "text": f"{count} of {total} lack {names[skill_id]}",
                "y": index * 26,
                "bar_x": label_width,
                "bar_width": round((width - label_width - 80) * share, 1),
                "count_x": round(label_width + (width - label_width - 80) * share + 6, 1),
            }
        )
    return rows


def cohort_context(
    entries: Sequence[CohortEntry],
    *,
    role_name: str,
    level: str,
    generated_on: str,
    gapcheck_version: str,
    redacted: bool = False,
) -> dict[str, Any]:
    """Everything the cohort template shows, as plain values, in a deterministic order."""
    analysed = [e for e in entries if e.status == "analysed" and e.summary is not None]
    failed = sorted((e for e in entries if e.status != "analysed"), key=lambda e: e.label)
    summaries = [e.summary for e in analysed if e.summary is not None]
    # Highest score first; equal scores by label, so the order never depends on timing.
    people = []
    for entry in sorted(
        analysed, key=lambda e: (-(e.summary.score if e.summary else 0.0), e.label)
    ):
        summary = entry.summary
        assert summary is not None  # filtered above
        people.append(
            {
                "label": entry.label,
                "report": entry.report,
                "score": f"{summary.score:.1f}",
                "score_value": summary.score,
                "band": summary.band,
                "band_value": BAND_ORDER.index(summary.band) if summary.band in BAND_ORDER else -1,
                "top_gaps": list(summary.top_gaps),
                "gap_count": len(summary.gaps),
                "skill_count": len(summary.skills),
                "portfolio_only": len(summary.portfolio_only),
                "warnings": list(summary.warnings),
            }
        )
    bands = Counter(s.band for s in summaries)
    scores = [s.score for s in summaries]
    return {
        "title": f"Cohort gap analysis: {role_name} ({level})",
        "role_name": role_name,
        "level": level,
        "generated_on": generated_on,
        "gapcheck_version": gapcheck_version,
        "redacted": redacted,
        "csp": CSP,
        "script": SORT_SCRIPT,
        "total": len(entries),
        "analysed": len(analysed),
        "failed_count": len(failed),
        "median_score": f"{_median(scores):.1f}" if scores else "n/a",
        "bands": [{"band": b, "count": bands.get(b, 0)} for b in BAND_ORDER],
        "people": people,
        "common_gaps": _common_gaps(summaries, COMMON_GAPS_SHOWN),
        "common_gaps_height": max(
            26, 26 * min(COMMON_GAPS_SHOWN, len({g.skill_id for s in summaries for g in s.gaps}))
        ),
        "histogram": _histogram(scores),
        "failed": [{"label": e.label, "reason": e.error, "kind": e.failure_kind} for e in failed],
    }


def _median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def render_cohort(context: dict[str, Any]) -> str:
    import jinja2

    from gapcheck.support.resources import templates_dir

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    return environment.get_template("cohort.html.j2").render(**context)
