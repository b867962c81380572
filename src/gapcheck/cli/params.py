"""The options shared by `gapcheck RESUME` and `gapcheck batch`, declared once.

Choices and defaults come from `gapcheck.options` (the one options record); the values
are checked there, by `Options.resolve`, not here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import click

from gapcheck.errors import UsageError
from gapcheck.options import DEFAULT_ENGINE, DEFAULT_ROLE, Options
from gapcheck.records import ENGINES, LEVELS

F = TypeVar("F", bound=Callable[..., object])

_TARGET_OPTIONS = (
    click.option(
        "--role",
        default=DEFAULT_ROLE,
        show_default=True,
        help="Role to compare against (see `gapcheck roles`).",
    ),
    click.option(
        "--level",
        type=click.Choice(LEVELS),
        help="Seniority to judge the resume for (default: inferred from its dated roles, "
        "titles and degrees; the report says why).",
    ),
    click.option(
        "--job",
        type=click.Path(path_type=Path),
        multiple=True,
        help="A job posting (txt, md, pdf) to compare against too. Repeat it, or name a "
        "folder, to rank several postings by fit and plan across them (not in batch).",
    ),
    click.option(
        "--taxonomy",
        type=click.Path(path_type=Path),
        help="A taxonomy YAML to use instead of (or extending) the built-in one.",
    ),
    click.option(
        "--date",
        "today",
        metavar="YYYY-MM-DD",
        help="Date printed in the report (default: today).",
    ),
    click.option(
        "--pdf-engine",
        type=click.Choice(ENGINES),
        default=DEFAULT_ENGINE,
        show_default=True,
        help="PDF reader; pdfium needs gapcheck[fast].",
    ),
)


def target_options(command: F) -> F:
    """Add --role, --level, --job, --taxonomy, --date and --pdf-engine to a command."""
    for option in reversed(_TARGET_OPTIONS):
        command = option(command)
    return command


def options_from(
    role: str,
    level: str | None,
    job: Path | Sequence[Path] | None,
    taxonomy: Path | None,
    today: str | None,
    pdf_engine: str,
) -> Options:
    """The options record for the values of `target_options`, for a command that compares
    with one posting file at most (`gapcheck batch`): several `--job`, or a folder, is a
    usage error here."""
    jobs = _job_paths(job)
    if len(jobs) > 1 or (jobs and jobs[0].is_dir()):
        raise UsageError(
            "--job",
            "gapcheck batch compares every resume with one posting file",
            "pass one file, or run gapcheck RESUME --job FOLDER for one person",
        )
    return Options(
        role=role,
        level=level,
        job=jobs[0] if jobs else None,
        taxonomy=taxonomy,
        today=today,
        engine=pdf_engine,
    )


def person_options_from(
    role: str,
    level: str | None,
    job: Sequence[Path],
    taxonomy: Path | None,
    today: str | None,
    pdf_engine: str,
    since: Path | None = None,
) -> Options:
    """The options record for `gapcheck RESUME`: any number of `--job` files or folders,
    and an earlier report to compare with (`--since`)."""
    jobs = _job_paths(job)
    return Options(
        role=role,
        level=level,
        job=jobs[0] if jobs else None,
        jobs=tuple(jobs[1:]),
        since=since,
        taxonomy=taxonomy,
        today=today,
        engine=pdf_engine,
    )


def _job_paths(job: Path | Sequence[Path] | None) -> list[Path]:
    if job is None:
        return []
    if isinstance(job, Path):
        return [job]
    return list(job)
