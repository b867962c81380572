"""Options shared by `gapcheck RESUME` and `gapcheck batch`: what to compare against."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from gapcheck.errors import UsageError
from gapcheck.records import ENGINES, LEVELS

F = TypeVar("F", bound=Callable[..., object])

_TARGET_OPTIONS = (
    click.option(
        "--role",
        default="ml-engineer",
        show_default=True,
        help="Role to compare against (see `gapcheck roles`).",
    ),
    click.option(
        "--level",
        type=click.Choice(LEVELS),
        default="mid",
        show_default=True,
        help="Seniority of the position.",
    ),
    click.option(
        "--job",
        type=click.Path(path_type=Path),
        help="A job posting (txt, md, pdf) to compare against too.",
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
        default="pdfminer",
        show_default=True,
        help="PDF reader; pdfium needs gapcheck[fast].",
    ),
)


def target_options(command: F) -> F:
    """Add --role, --level, --job, --taxonomy, --date and --pdf-engine to a command."""
    for option in reversed(_TARGET_OPTIONS):
        command = option(command)
    return command


def checked_date(today: str | None) -> str | None:
    """The --date value in ISO form, or None when not given; a usage error if malformed."""
    if today is None:
        return None
    try:
        return dt.date.fromisoformat(today).isoformat()
    except ValueError:
        raise UsageError("--date", f"'{today}' is not a date", "use YYYY-MM-DD") from None
