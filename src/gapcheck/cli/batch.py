"""`gapcheck batch`: many resumes, one report each, plus a cohort view."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from gapcheck.cli.echo import escaped
from gapcheck.cli.params import options_from, target_options
from gapcheck.errors import UsageError

BATCH_EPILOG = """
\b
Outputs in OUTDIR:
  index.html       cohort view: people by score, most common gaps, score
                   distribution, files that failed and why
  reports/*.html   one report per resume, named after its path
                   (person-NN.html with --redact)
  summary.csv      one row per input file (file, status, score, band, top
                   gaps, skills found, warnings, error, level, rank; fit
                   columns with --job; what changed since the last run)
  skills.csv       one row per person and skill: status, strength, years,
                   document, page, line
  results.jsonl    the full JSON result per resume, one per line

\b
Every file found is listed with a status: analysed, failed (damaged,
limit reached, out of memory...), not-a-resume (a posting, a README, a
letter), or skipped (an image or another type gapcheck does not read).

\b
Running the same command again resumes: files whose content, options,
taxonomy and gapcheck version are unchanged are not analysed again;
files that reached a limit or crashed are tried again (--retry-failed
retries every failure, --force redoes all).

\b
Exit status:
  0  every file was analysed
  1  some files were not (each is listed with its status and reason, and in
     index.html), or an output could not be written (full disk, read-only)
  2  usage error (bad option, no input found, output folder in use)

\b
Examples:
  gapcheck batch resumes/ -o cohort/
  gapcheck batch 'applicants/**/*.pdf' -o out/ --level entry --jobs 4
  gapcheck batch people/ --per-person -o out/ --redact
  gapcheck batch resumes/ --job posting.txt -o out/   # people ranked by fit
"""


def _dask_executor(address: str) -> tuple[Any, Any, int]:
    """(client, executor, capacity) for an existing Dask cluster."""
    try:
        import distributed
    except ImportError:
        raise UsageError(
            "--scheduler",
            "needs the optional Dask support",
            "install it with: pip install 'gapcheck[dask]'",
        ) from None
    # Any: distributed's annotations are partial, and mypy --strict rejects its calls.
    client_class: Any = distributed.Client
    try:
        client = client_class(address, timeout="20s")
    except (OSError, TimeoutError) as exc:
        raise UsageError(
            "--scheduler",
            f"cannot reach the Dask scheduler at {address} ({exc})",
            "check the address",
        ) from None
    capacity = sum(client.nthreads().values()) or 1
    return client, client.get_executor(), capacity



@click.command("batch", epilog=BATCH_EPILOG)
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "-o",
    "--output",
    "outdir",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    metavar="OUTDIR",
    help="Output folder (created if missing).",
)
@target_options
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Parallel workers (default: the number of CPUs).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=120.0,
    show_default=True,
    help="CPU seconds one file may use (a busy machine does not count); 0 for no limit.",
)
@click.option(
    "--max-memory",
    type=click.IntRange(min=0),
    default=1024,
    show_default=True,
    metavar="MB",
    help="Memory one local worker may use; 0 for no limit.",
)
@click.option("--force", is_flag=True, help="Analyse every file again, even unchanged ones.")
@click.option(
    "--retry-failed",
    is_flag=True,
    help="Analyse files that failed in an earlier run again, even unchanged ones.",
)
@click.option(
    "--redact",
    is_flag=True,
    help="Leave the person's name (wherever it appears), e-mail addresses, phone numbers and "
    "links out of every output; people are labelled Person 01, Person 02, ...",
)
@click.option(
    "--per-person",
    is_flag=True,
    help="Each subfolder of an input folder is one person: resume plus portfolio files.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Run on an existing Dask cluster (needs gapcheck[dask]), e.g. tcp://host:8786.",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show the progress bar (default: only when standard error is a terminal).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but the files that failed.")
def batch_command(
    inputs: tuple[str, ...],
    outdir: Path,
    role: str,
    level: str | None,
    job: tuple[Path, ...],
    taxonomy: Path | None,
    today: str | None,
    pdf_engine: str,
    jobs: int | None,
    timeout: float,
    max_memory: int,
    force: bool,
    retry_failed: bool,
    redact: bool,
    per_person: bool,
    scheduler: str | None,
    progress: bool | None,
    quiet: bool,
) -> None:
    """Analyse every resume in INPUT... (files, folders, glob patterns) into OUTDIR.

    Each file is analysed alone in a worker process: a broken, huge or hostile file
    fails by itself (with its reason) and the batch goes on.
    """
    from gapcheck.batch.executor import dask_share
    from gapcheck.batch.inputs import collect_inputs
    from gapcheck.batch.progress import Progress
    from gapcheck.batch.run import BatchSettings, check_output_folder, run_batch
    from gapcheck.batch.task import AnalysisOptions

    # Every option is checked, and the posting read, once, before any resume is opened.
    plan = options_from(role, level, job, taxonomy, today, pdf_engine).resolve()
    check_output_folder(outdir)
    people = collect_inputs(inputs, per_person=per_person, exclude=outdir)
    options = AnalysisOptions(plan, redact=redact)
    client = None
    settings = BatchSettings(
        jobs=jobs or os.cpu_count() or 1,
        timeout=timeout or None,
        max_memory_mb=max_memory or None,
        force=force,
        retry_failed=retry_failed,
    )
    if scheduler:
        client, executor, capacity = _dask_executor(scheduler)
        settings = BatchSettings(
            jobs=settings.jobs,
            timeout=settings.timeout,
            max_memory_mb=None,
            force=force,
            retry_failed=retry_failed,
            executor=executor,
            executor_capacity=capacity,
            ship_files=True,
            share=dask_share(client),
        )
    show_progress = (sys.stderr.isatty() if progress is None else progress) and not quiet
    bar = Progress(len(people), sys.stderr, enabled=show_progress)
    try:
        summary = run_batch(people, outdir, options, settings, progress=bar)
    except KeyboardInterrupt:
        # Every finished file is complete on disk; the next run picks up from there.
        click.echo("", err=True)
        click.echo("gapcheck: interrupted; run the same command again to continue", err=True)
        sys.exit(130)
    finally:
        if client is not None:
            client.close()

    if not quiet:
        click.echo(f"{_counts(summary)}; cohort view: {summary.outdir / 'index.html'}", err=True)
    if summary.problems:
        click.echo(f"gapcheck: {len(summary.problems)} file(s) not analysed:", err=True)
        for label, status, reason in summary.problems:
            click.echo(f"  {escaped(label)} [{status}]: {escaped(reason)}", err=True)
        sys.exit(1)


def _counts(summary: Any) -> str:
    """ "3 of 5 analysed, 1 failed, 1 not a resume (2 unchanged since the last run)"."""
    parts = [f"{summary.analysed} of {summary.total} analysed"]
    for count, words in (
        (summary.failed, "failed"),
        (summary.not_resume, "not a resume"),
        (summary.skipped, "skipped because of type"),
    ):
        if count:
            parts.append(f"{count} {words}")
    text = ", ".join(parts)
    if summary.unchanged:
        text += f" ({summary.unchanged} unchanged since the last run)"
    return text
