"""The cohort files, built in one bounded pass over the batch's state records:

    summary.csv     one row per input, in the order given (label order): the columns it
                    always had, then level, failure, rank; with a posting the fit, the
                    required skills met and missing and the knockouts; when anyone's
                    results changed since their previous analysis, what changed for each
                    person (score, skills, gaps), so an unchanged re-run writes the same file
    skills.csv      long format, one row per person and skill (the role's, the posting's,
                    and any other found): status, strength, years, where it was found
    results.jsonl   the full JSON result of every input, one per line
    index.html      the cohort page (gapcheck.report.cohort)

The batch hands over its state records one at a time, read back from disk in label
order; each record's full JSON result goes straight into results.jsonl and is then
dropped, and its cells straight into skills.csv. What stays in memory is bounded: the
cohort page's accumulator (gapcheck.report.cohort_build) and six numbers per analysed
person for its rank in summary.csv (its rows wait in an unnamed temporary file until the
ranks and the columns are known).
"""

from __future__ import annotations

import json
import tempfile
from array import array
from collections.abc import Iterable, Iterator
from typing import IO, Any

from gapcheck.batch.outputs import CsvStream, OutputFolder
from gapcheck.batch.state import StateRecord
from gapcheck.batch.summary import PersonSummary, changes_between
from gapcheck.batch.task import AnalysisOptions
from gapcheck.report.cohort import CohortBuilder, CohortEntry, PostingInfo, render_cohort
from gapcheck.report.cohort_build import rank_key
from gapcheck.report.cohort_model import PersonChanges
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
CSV_MORE = ("level", "failure", "rank")
CSV_FIT = (
    "fit",  # 0-100: the skill match on the posting, halved per knockout
    "skill_match",  # 0-100
    "required_met",
    "required_total",
    "preferred_met",
    "preferred_total",
    "required_missing",
    "knockouts",
)
CSV_CHANGES = (
    "previous_score",
    "score_change",
    "newly_shown",
    "no_longer_shown",
    "gaps_closed",
    "gaps_opened",
)
SKILLS_HEADER = (
    "person",
    "skill_id",
    "skill",
    "status",  # shown, shown-by-evidence, implied, missing
    "strength",
    "years",
    "document",
    "page",
    "line",
    "weight",  # the role's weight for this person (0: not a skill of the role)
    "posting",  # required, preferred, or empty
)
KEY_SIZE = 6  # numbers of a rank key kept per analysed person


def csv_row(record: StateRecord) -> list[Any]:
    """The columns summary.csv always had (CSV_HEADER)."""
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


def fit_cells(summary: PersonSummary | None) -> list[Any]:
    fit = summary.fit if summary is not None else None
    if fit is None:
        return [""] * len(CSV_FIT)
    return [
        f"{100 * fit.fit:.1f}",
        f"{100 * fit.match:.1f}",
        fit.required_met,
        fit.required_total,
        fit.preferred_met,
        fit.preferred_total,
        "; ".join(fit.missing_required),
        "; ".join(fit.knockouts),
    ]


def change_cells(changes: PersonChanges | None) -> list[Any]:
    if changes is None:
        return [""] * len(CSV_CHANGES)
    return [
        f"{changes.previous_score:.1f}",
        f"{changes.score_delta:+.1f}" if changes.score_delta else "0.0",
        "; ".join(changes.newly_shown),
        "; ".join(changes.no_longer_shown),
        "; ".join(changes.gaps_closed),
        "; ".join(changes.gaps_opened),
    ]


def skill_rows(label: str, summary: PersonSummary) -> Iterator[list[Any]]:
    """One person's rows of skills.csv: every cell of their summary, in its order."""
    for cell in summary.cells:
        yield [
            label,
            cell.skill_id,
            cell.name,
            cell.status_word,
            "" if cell.strength is None else f"{cell.strength:g}",
            "" if cell.years is None else f"{cell.years:g}",
            cell.document,
            "" if cell.page is None else cell.page,
            "" if cell.line is None else cell.line,
            f"{cell.weight:g}",
            cell.posting,
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


def _changes(record: StateRecord) -> PersonChanges | None:
    if record.status != "analysed" or record.summary is None or record.previous is None:
        return None
    return changes_between(record.previous, record.summary)


def write_cohort_files(
    output: OutputFolder, records: Iterable[StateRecord], options: AnalysisOptions
) -> None:
    """Write the four cohort files from `records` (consumed once, in the order given)."""
    plan = options.plan
    posting = None
    if plan.posting is not None:
        posting = PostingInfo(plan.posting.title or plan.posting.source, plan.posting.source)
    builder = CohortBuilder(posting=posting)
    keys = array("d")  # KEY_SIZE numbers per analysed person: their rank key, label aside
    analysed_rows: list[int] = []  # rows (0-based) of summary.csv that get a rank
    any_changes = False
    with (
        tempfile.TemporaryFile("w+", encoding="utf-8", dir=output.root) as spool,
        output.open_stream("results.jsonl") as jsonl,
        output.open_stream("skills.csv") as skills_file,
    ):
        skills = CsvStream(skills_file, SKILLS_HEADER)
        for row_number, record in enumerate(records):
            jsonl.write(jsonl_line(record))
            changes = _changes(record)
            any_changes = any_changes or (changes is not None and changes.any)
            summary = record.summary if record.status == "analysed" else None
            if summary is not None:
                for row in skill_rows(record.label, summary):
                    skills.row(row)
                analysed_rows.append(row_number)
                key = rank_key("", summary, posting is not None)
                keys.extend(float(k) for k in key[:KEY_SIZE])
            row = [
                *csv_row(record),
                summary.level if summary is not None else "",
                record.failure_kind,
                *fit_cells(summary),
                *change_cells(changes),
            ]
            spool.write(json.dumps(row, ensure_ascii=False) + "\n")
            builder.add(
                CohortEntry(
                    label=record.label,
                    status=record.status,
                    report=record.report,
                    summary=summary,
                    error=record.error,
                    failure_kind=record.failure_kind,
                    changes=changes,
                )
            )
        spool.seek(0)
        _write_summary(output, spool, keys, analysed_rows, posting is not None, any_changes)
    target = plan.target
    context = builder.context(
        role_name=target.role_name,
        level=target.level if plan.level_given else "level inferred per person",
        generated_on=plan.generated_on,
        gapcheck_version=__version__,
        redacted=options.redact,
    )
    output.write_text("index.html", render_cohort(context))


def _ranks(keys: array[float], rows: list[int]) -> dict[int, int]:
    """Row number -> rank (1 = best), by the cohort page's order; ties by row (label)."""
    count = len(rows)
    order = sorted(range(count), key=lambda i: (*keys[i * KEY_SIZE : (i + 1) * KEY_SIZE], i))
    return {rows[index]: rank for rank, index in enumerate(order, 1)}


def _write_summary(
    output: OutputFolder,
    spool: IO[str],
    keys: array[float],
    analysed_rows: list[int],
    with_fit: bool,
    with_changes: bool,
) -> None:
    ranks = _ranks(keys, analysed_rows)
    base = len(CSV_HEADER) + len(CSV_MORE) - 1  # the spooled row has no rank yet
    header = [*CSV_HEADER, *CSV_MORE]
    header += list(CSV_FIT) if with_fit else []
    header += list(CSV_CHANGES) if with_changes else []
    with output.open_stream("summary.csv") as csv_file:
        rows = CsvStream(csv_file, header)
        for row_number, line in enumerate(spool):
            cells = json.loads(line)
            fit = cells[base : base + len(CSV_FIT)]
            changes = cells[base + len(CSV_FIT) :]
            rows.row(
                [
                    *cells[:base],
                    ranks.get(row_number, ""),
                    *(fit if with_fit else ()),
                    *(changes if with_changes else ()),
                ]
            )
