"""The cohort files (summary.csv, results.jsonl, index.html), built in one bounded pass.

The batch hands over its state records one at a time, read back from disk in label
order; each record's full JSON result goes straight into results.jsonl and is then
dropped, so the parent's memory does not grow with the size of the batch (only the
compact per-person summaries the cohort page needs are kept).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from gapcheck.batch.outputs import CsvStream, OutputFolder
from gapcheck.batch.state import StateRecord
from gapcheck.batch.task import AnalysisOptions
from gapcheck.report.cohort import CohortEntry, cohort_context, render_cohort
from gapcheck.version import __version__

CSV_HEADER = (
    "file",
    "status",
    "score",
    "band",
    "top_gaps",
    "skills_found",
    "skill_count",
    "warnings",
    "error",
    "report",
)


def csv_row(record: StateRecord) -> list[Any]:
    s = record.summary
    if record.status != "analysed" or s is None:
        return [record.label, record.status, "", "", "", "", "", "", record.error, ""]
    return [
        record.label,
        record.status,
        f"{s.score:.1f}",
        s.band,
        "; ".join(s.top_gaps),
        "; ".join(s.skills),
        len(s.skills),
        "; ".join(s.warnings),
        "",
        record.report or "",
    ]


def jsonl_line(record: StateRecord) -> str:
    if record.status == "analysed" and record.result is not None:
        head = {"file": record.label, "status": record.status, "report": record.report}
        # The result is already JSON text: splice it in rather than parse and re-encode it.
        return json.dumps(head, ensure_ascii=False)[:-1] + ', "result": ' + record.result + "}\n"
    failure = {
        "file": record.label,
        "status": record.status,
        "failure": record.failure_kind,
        "error": record.error,
    }
    return json.dumps(failure, ensure_ascii=False) + "\n"


def write_cohort_files(
    output: OutputFolder, records: Iterable[StateRecord], options: AnalysisOptions
) -> None:
    """Write the three cohort files from `records` (consumed once, in the order given)."""
    entries: list[CohortEntry] = []
    with (
        output.open_stream("summary.csv") as csv_file,
        output.open_stream("results.jsonl") as jsonl,
    ):
        rows = CsvStream(csv_file, CSV_HEADER)
        for record in records:
            rows.row(csv_row(record))
            jsonl.write(jsonl_line(record))
            entries.append(
                CohortEntry(
                    label=record.label,
                    status=record.status,
                    report=record.report,
                    summary=record.summary,
                    error=record.error,
                    failure_kind=record.failure_kind,
                )
            )
    target = options.plan.target
    context = cohort_context(
        entries,
        role_name=target.role_name,
        level=target.level if options.plan.level_given else "level inferred per person",
        generated_on=options.plan.generated_on,
        gapcheck_version=__version__,
        redacted=options.redact,
    )
    output.write_text("index.html", render_cohort(context))
