"""Run a batch: skip unchanged people, analyse the rest in isolated workers, write outputs.

Order of writes for one person: report (reports/NAME.html), then its state record; so
a killed run leaves every finished person complete and nothing half-written. Nothing
of a finished person stays in memory: the cohort files (index.html, summary.csv,
results.jsonl) are rebuilt at the end of every run by reading the state records of all
current inputs back one at a time, so resumed, skipped and new results appear together
and the parent's memory does not grow with the batch. Rows are always in label order
(the cohort view sorts by score, ties by label), so two runs over the same inputs write
the same files.

Every input ends in one status: analysed, failed (with what happened: damaged, limit
reached, out of memory, crash), not-a-resume, or skipped (a file of another type found
in a folder). The output folder is locked for the run.
"""

from __future__ import annotations

import concurrent.futures as cf
import io
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from gapcheck.batch.cohort_files import write_cohort_files
from gapcheck.batch.executor import ExecutorPool
from gapcheck.batch.inputs import BatchInput
from gapcheck.batch.naming import assign_report_names, person_labels, person_report_name
from gapcheck.batch.outputs import LOCK_NAME, OutputFolder, output_error
from gapcheck.batch.progress import Progress
from gapcheck.batch.redact import redact_failure, remove_unlisted
from gapcheck.batch.state import STATE_FOLDER, StateRecord, StateStore, Status, work_key
from gapcheck.batch.task import AnalyseFile, AnalysisOptions, FileOutcome, FileTask
from gapcheck.batch.worker import IsolatedPool, TaskResult
from gapcheck.errors import GapcheckError, UsageError

REPORTS_FOLDER = "reports"
MAX_SHIPPED_BYTES = 64 * 2**20  # a person's files sent to a remote worker; larger ones fail alone
NO_RESUME = "no resume found in this folder (name it resume or cv, as PDF, DOCX, TXT or Markdown)"


@dataclass(frozen=True)
class BatchSettings:
    jobs: int = 0  # 0: one worker per CPU
    timeout: float | None = 120.0  # CPU seconds one file may use
    max_memory_mb: int | None = 1024
    force: bool = False
    retry_failed: bool = False  # analyse failed files again even when their input is unchanged
    executor: cf.Executor | None = None  # run on this executor instead of local workers
    executor_capacity: int = 0  # tasks in flight on the executor (0: jobs)
    ship_files: bool = False  # send file contents to the workers (they may be other machines)
    # Sends the per-file work to the executor's workers once, returning a stand-in to
    # submit in its place (Dask: a scattered future); None pickles it into every task.
    share: (
        Callable[[Callable[[FileTask], FileOutcome]], Callable[[FileTask], FileOutcome]] | None
    ) = None


@dataclass
class BatchSummary:
    total: int = 0
    analysed: int = 0
    failed: int = 0
    not_resume: int = 0
    skipped: int = 0  # files of another type found in a folder, listed but not read
    unchanged: int = 0  # finished in a previous run with the same input, not analysed again
    # (label, status, reason) of every input not analysed, by label
    problems: list[tuple[str, str, str]] = field(default_factory=list)
    worker_restarts: int = 0
    peak_worker_rss_mb: float = 0.0
    cpu_seconds: float = 0.0  # CPU the analysed files used in their workers
    outdir: Path = Path()

    @property
    def failures(self) -> list[tuple[str, str]]:
        """(label, reason) of the inputs that failed."""
        return [(label, reason) for label, status, reason in self.problems if status == "failed"]


def check_output_folder(outdir: Path) -> None:
    """Refuse a non-empty folder that no batch wrote, so gapcheck never mixes into other files."""
    if (
        outdir.is_dir()
        and not (outdir / STATE_FOLDER).is_dir()
        and any(p.name != LOCK_NAME for p in outdir.iterdir())
    ):
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


def _unread_record(
    person: BatchInput,
    key: str,
    status: Status,
    kind: str,
    error: str,
    seconds: float,
    shown: str | None,
) -> StateRecord:
    """The record of an input that was not analysed (failed, not a resume, skipped)."""
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
        status=status,
        report=None,
        summary=None,
        result=None,
        failure_kind=kind,
        error=error,
        seconds=seconds,
    )


def _record_from(
    result: TaskResult,
    person: BatchInput,
    key: str,
    report: str,
    shown: str | None,
    before: StateRecord | None,
) -> StateRecord:
    if result.failure is not None:
        failure = result.failure
        if failure.kind == "not-a-resume":
            status: Status = "not-a-resume"
            kind = ""
        else:
            status, kind = "failed", failure.kind
        return _unread_record(person, key, status, kind, failure.reason, result.seconds, shown)
    outcome: FileOutcome = result.value
    return StateRecord(
        label=person.label if shown is None else shown,
        key=key,
        status="analysed",
        report=report,
        summary=outcome.summary,
        result=outcome.result,
        seconds=result.seconds,
        previous=before.summary if before is not None else None,
    )


def _reusable(
    previous: StateRecord | None,
    key: str,
    label: str,
    output: OutputFolder,
    settings: BatchSettings,
) -> bool:
    """Whether a previous run's record stands for this input as it is now."""
    return (
        not settings.force
        and previous is not None
        and previous.key == key
        and previous.final
        and not (settings.retry_failed and previous.status == "failed")
        and previous.label == label
        and (
            previous.status != "analysed"
            or (previous.report is not None and output.exists(previous.report))
        )
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
    A write the disk refuses (full, read-only) ends the run with an OutputError; every
    person finished before it stays finished.
    """
    check_output_folder(outdir)
    output = OutputFolder(outdir)
    try:
        with output.locked():
            return _run_locked(
                people, output, options, settings, work, initializer, progress, observer
            )
    except OSError as exc:
        raise output_error(output.root.name, exc) from None


def _run_locked(
    people: Sequence[BatchInput],
    output: OutputFolder,
    options: AnalysisOptions,
    settings: BatchSettings,
    work: Callable[[FileTask], FileOutcome] | None,
    initializer: Callable[[], None] | None,
    progress: Progress | None,
    observer: Callable[[TaskResult], None] | None,
) -> BatchSummary:
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

    todo: list[tuple[int, BatchInput]] = []
    keys: dict[int, str] = {}
    for index, person in enumerate(people):
        key = work_key(_files_of(person), options)
        name = names[person.label]
        previous = store.load(name)
        if _reusable(previous, key, shown.get(person.label, person.label), output, settings):
            assert previous is not None  # _reusable checked it
            if previous.status == "analysed" and previous.previous != previous.summary:
                # Unchanged since the last run: it has no changes to report any more.
                store.save(name, replace(previous, previous=previous.summary))
            summary.unchanged += 1
            progress.skip()
            continue
        if person.skipped or person.resume is None:
            status: Status = "skipped" if person.skipped else "failed"
            kind = "" if person.skipped else "input"
            reason = person.skipped or NO_RESUME
            record = _unread_record(person, key, status, kind, reason, 0.0, shown.get(person.label))
            store.save(name, record)
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
        # Read again rather than kept from the first pass: holding every waiting person's
        # previous summary would make the parent's memory grow with the batch.
        before = store.load(name)
        record = _record_from(
            result,
            person,
            keys[result.task_id],
            report,
            shown.get(person.label),
            before if before is not None and before.status == "analysed" else None,
        )
        if record.status == "analysed":
            output.write_text(report, result.value.html)
            summary.cpu_seconds += result.cpu_seconds
        store.save(name, record)
        progress.advance(failed=record.status != "analysed")
    progress.finish()
    write_cohort_files(output, _counted(people, names, store, summary), options)
    return summary


def _counted(
    people: Sequence[BatchInput],
    names: dict[str, str],
    store: StateStore,
    summary: BatchSummary,
) -> Iterator[StateRecord]:
    """Every input's record, read back in label order, counted into `summary` on the way."""
    for person in people:
        record = store.load(names[person.label])
        if record is None:
            continue  # its record could not be written or read back: the run said why
        if record.status == "analysed":
            summary.analysed += 1
        else:
            # The terminal list names the real files (under --redact too): it is for the
            # user only.
            summary.problems.append((person.label, record.status, record.error))
            if record.status == "failed":
                summary.failed += 1
            elif record.status == "not-a-resume":
                summary.not_resume += 1
            else:
                summary.skipped += 1
        yield record


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
            settings.share(work) if settings.share is not None else work,
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
