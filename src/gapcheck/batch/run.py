"""Run a batch: skip unchanged people, analyse the rest in isolated workers, write outputs.

Order of writes for one person: report (reports/NAME.html), then its state record; so
a killed run leaves every finished person complete and nothing half-written. The
cohort files (index.html, summary.csv, results.jsonl) are rebuilt from the state
records of all current inputs at the end of every run, so resumed, skipped and new
results appear together. Rows are always in label order (the cohort view sorts by score,
ties by label), so two runs over the same inputs write the same files.
"""

from __future__ import annotations

import concurrent.futures as cf
import io
import json
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gapcheck.batch.executor import ExecutorPool
from gapcheck.batch.inputs import BatchInput
from gapcheck.batch.naming import assign_report_names, person_labels, person_report_name
from gapcheck.batch.outputs import OutputFolder, csv_text
from gapcheck.batch.progress import Progress
from gapcheck.batch.redact import redact_failure, remove_unlisted
from gapcheck.batch.state import STATE_FOLDER, StateRecord, StateStore, work_key
from gapcheck.batch.task import AnalyseFile, AnalysisOptions, FileOutcome, FileTask
from gapcheck.batch.worker import IsolatedPool, TaskResult
from gapcheck.errors import GapcheckError, UsageError
from gapcheck.report.cohort import CohortEntry, cohort_context, render_cohort
from gapcheck.version import __version__

REPORTS_FOLDER = "reports"
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
MAX_SHIPPED_BYTES = 64 * 2**20  # a person's files sent to a remote worker; larger ones fail alone


@dataclass(frozen=True)
class BatchSettings:
    jobs: int = 0  # 0: one worker per CPU
    timeout: float | None = 120.0
    max_memory_mb: int | None = 1024
    force: bool = False
    executor: cf.Executor | None = None  # run on this executor instead of local workers
    executor_capacity: int = 0  # tasks in flight on the executor (0: jobs)
    ship_files: bool = False  # send file contents to the workers (they may be other machines)


@dataclass
class BatchSummary:
    total: int = 0
    analysed: int = 0
    failed: int = 0
    skipped: int = 0  # unchanged since a previous run, not analysed again
    failures: list[tuple[str, str]] = field(default_factory=list)  # (label, reason), by label
    worker_restarts: int = 0
    peak_worker_rss_mb: float = 0.0
    cpu_seconds: float = 0.0  # CPU the analysed files used in their workers
    outdir: Path = Path()


def check_output_folder(outdir: Path) -> None:
    """Refuse a non-empty folder that no batch wrote, so gapcheck never mixes into other files."""
    if outdir.is_dir() and not (outdir / STATE_FOLDER).is_dir() and any(outdir.iterdir()):
        raise UsageError(
            outdir.name,
            "the output folder is not empty and was not written by gapcheck batch",
            "choose a new or empty folder",
        )


def _files_of(person: BatchInput) -> list[tuple[str, Path]]:
    files = [("resume", person.resume)] if person.resume is not None else []
    return files + [("portfolio", p) for p in person.portfolio]


def _ship(person: BatchInput) -> tuple[tuple[str, bytes], ...]:
    """The person's files as (name, bytes); folders in the portfolio are expanded first."""
    from gapcheck.reading.inputs import expand_portfolio

    assert person.resume is not None  # people without a resume never become tasks
    try:
        paths = [person.resume, *expand_portfolio(list(person.portfolio))]
        if sum(p.stat().st_size for p in paths) > MAX_SHIPPED_BYTES:
            return ()
        return tuple((p.name, p.read_bytes()) for p in paths)
    except (OSError, GapcheckError):
        return ()  # the worker then reads the paths itself and reports why it cannot


def _failure_record(
    person: BatchInput, key: str, kind: str, error: str, seconds: float, shown: str | None
) -> StateRecord:
    label = person.label
    if shown is not None:
        # Redacted: the record keeps only the person's label and a scrubbed reason, since
        # OUTDIR may be shared whole and no resume was read to find the name by.
        files = [str(p) for p in (person.resume, *person.portfolio) if p is not None]
        error = redact_failure(error, [label, *files])
        label = shown
    return StateRecord(
        label=label,
        key=key,
        status="failed",
        report=None,
        summary=None,
        result=None,
        failure_kind=kind,
        error=error,
        seconds=seconds,
    )


def _record_from(
    result: TaskResult, person: BatchInput, key: str, report: str, shown: str | None
) -> StateRecord:
    if result.failure is not None:
        failure = result.failure
        return _failure_record(person, key, failure.kind, failure.reason, result.seconds, shown)
    outcome: FileOutcome = result.value
    return StateRecord(
        label=person.label if shown is None else shown,
        key=key,
        status="analysed",
        report=report,
        summary=outcome.summary,
        result=outcome.result,
        seconds=result.seconds,
    )


def run_batch(
    people: Sequence[BatchInput],
    outdir: Path,
    options: AnalysisOptions,
    settings: BatchSettings,
    *,
    work: Callable[[FileTask], FileOutcome] | None = None,
    initializer: Callable[[], None] | None = None,
    progress: Progress | None = None,
    observer: Callable[[TaskResult], None] | None = None,
) -> BatchSummary:
    """Analyse every person not already finished, then rebuild the cohort outputs.

    `work` replaces the real per-file analysis (tests pass functions that crash, hang or
    allocate); by default it is AnalyseFile(options), warmed up once per worker.
    `observer` sees every TaskResult as it arrives (benchmarks record time and memory).
    """
    check_output_folder(outdir)
    output = OutputFolder(outdir)
    output.make_folder(REPORTS_FOLDER)
    output.remove_stale_temporaries()
    output.remove_stale_temporaries(REPORTS_FOLDER)
    store = StateStore(output)
    if work is None:
        analyse_file = AnalyseFile(options)
        work, initializer = analyse_file, analyse_file.warm_up

    shown: dict[str, str] = {}  # redacted: each input's label in the outputs ("Person 01")
    if options.redact:
        # Labels and report names must not repeat a file or folder name that may be the
        # person's own; reports and records of other labels (older runs) are removed.
        shown = person_labels(p.label for p in people)
        names = {label: person_report_name(text) for label, text in shown.items()}
        remove_unlisted(output, [REPORTS_FOLDER, STATE_FOLDER], set(names.values()))
    else:
        names = assign_report_names(p.label for p in people)
    summary = BatchSummary(total=len(people), outdir=output.root)
    progress = progress or Progress(len(people), io.StringIO(), enabled=False)

    records: dict[str, StateRecord] = {}
    todo: list[tuple[int, BatchInput]] = []
    keys: dict[int, str] = {}
    for index, person in enumerate(people):
        key = work_key(_files_of(person), options)
        name = names[person.label]
        previous = store.load(name)
        if (
            not settings.force
            and previous is not None
            and previous.key == key
            and previous.final
            and previous.label == shown.get(person.label, previous.label)
            and (
                previous.status != "analysed"
                or (previous.report is not None and output.exists(previous.report))
            )
        ):
            records[person.label] = previous
            summary.skipped += 1
            progress.skip()
            continue
        if person.resume is None:
            reason = "no resume found in this folder (name it resume or cv, as PDF or DOCX)"
            record = _failure_record(person, key, "input", reason, 0.0, shown.get(person.label))
            store.save(name, record)
            records[person.label] = record
            progress.advance(failed=True)
            continue
        keys[index] = key
        todo.append((index, person))

    for result in _results(todo, work, initializer, settings, summary):
        if observer is not None:
            observer(result)
        person = people[result.task_id]
        name = names[person.label]
        report = f"{REPORTS_FOLDER}/{name}"
        record = _record_from(result, person, keys[result.task_id], report, shown.get(person.label))
        if record.status == "analysed":
            output.write_text(report, result.value.html)
            summary.cpu_seconds += result.cpu_seconds
        store.save(name, record)
        records[person.label] = record
        progress.advance(failed=record.status != "analysed")
    progress.finish()

    ordered = [records[p.label] for p in people if p.label in records]
    # The terminal list names the real files (under --redact too): it is for the user only.
    summary.failures = [
        (p.label, records[p.label].error)
        for p in people
        if p.label in records and records[p.label].status != "analysed"
    ]
    summary.failed = len(summary.failures)
    summary.analysed = len(ordered) - summary.failed
    _write_cohort_files(output, ordered, options)
    return summary


def _tasks(todo: list[tuple[int, BatchInput]], ship: bool) -> Iterator[tuple[int, FileTask]]:
    """FileTasks made as the pool asks for them, so shipped bytes never pile up in memory."""
    for index, person in todo:
        yield (
            index,
            FileTask(
                label=person.label,
                resume=str(person.resume),
                portfolio=tuple(str(p) for p in person.portfolio),
                shipped=_ship(person) if ship else (),
            ),
        )


def _results(
    todo: list[tuple[int, BatchInput]],
    work: Callable[[FileTask], FileOutcome],
    initializer: Callable[[], None] | None,
    settings: BatchSettings,
    summary: BatchSummary,
) -> Iterator[TaskResult]:
    if not todo:
        return
    jobs = settings.jobs or os.cpu_count() or 1
    pool: IsolatedPool | ExecutorPool
    if settings.executor is not None:
        pool = ExecutorPool(
            settings.executor,
            work,
            capacity=settings.executor_capacity or jobs,
            timeout=settings.timeout,
        )
    else:
        start_method = multiprocessing.get_start_method()
        if initializer is not None and start_method == "fork":
            # Warm up once here: forked workers inherit the loaded detector instead of each
            # building it (the worker's own warm-up then finds it ready).
            initializer()
        pool = IsolatedPool(
            work,
            workers=min(jobs, len(todo)),
            initializer=initializer,
            timeout=settings.timeout,
            max_memory_mb=settings.max_memory_mb,
        )
    try:
        yield from pool.map(_tasks(todo, settings.ship_files))
    finally:
        summary.worker_restarts = pool.restarts
        summary.peak_worker_rss_mb = pool.peak_rss_mb


def _csv_row(record: StateRecord) -> list[Any]:
    s = record.summary
    if record.status != "analysed" or s is None:
        return [
            record.label,
            record.status,
            "",
            "",
            "",
            "",
            "",
            "",
            record.error,
            "",
        ]
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


def _jsonl_line(record: StateRecord) -> str:
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


def _write_cohort_files(
    output: OutputFolder,
    records: Sequence[StateRecord],
    options: AnalysisOptions,
) -> None:
    output.write_text("summary.csv", csv_text(CSV_HEADER, (_csv_row(r) for r in records)))
    output.write_text("results.jsonl", "".join(_jsonl_line(r) for r in records))
    entries = [
        CohortEntry(
            label=r.label,
            status=r.status,
            report=r.report,
            summary=r.summary,
            error=r.error,
            failure_kind=r.failure_kind,
        )
        for r in records
    ]
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
