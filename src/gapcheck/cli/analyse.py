"""`gapcheck RESUME [PORTFOLIO]...`: analyse one person and write one report."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from gapcheck.cli.params import person_options_from, target_options
from gapcheck.report.formats import (
    FORMAT_NAMES,
    FORMATS,
    check_output_target,
    output_format,
    write_output,
)

SINGLE_RUN_GC_THRESHOLDS = (10_000, 50, 100)  # Python's defaults: (700, 10, 10)


MAX_DEFAULT_STEM = 100  # characters of the resume's name kept in the default output name
_UNSAFE_IN_NAMES = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069/\\]")


def default_output(resume: Path, fmt: str) -> Path:
    """`<resume stem>.gapcheck.<ext>` in the current directory, the stem made harmless:
    no control or direction-override characters, no leading '-' (it would read as an
    option), and short enough for any file system."""
    stem = _UNSAFE_IN_NAMES.sub("_", resume.stem).lstrip("-. ")[:MAX_DEFAULT_STEM] or "resume"
    return Path(f"{stem}.gapcheck.{FORMATS[fmt].suffixes[0].lstrip('.')}")


@click.command("analyse", hidden=True)
@click.argument("resume", type=click.Path(path_type=Path, dir_okay=True))
@click.argument("portfolio", nargs=-1, type=click.Path(path_type=Path))
@target_options
@click.option(
    "-o",
    "--output",
    help="Report file; '-' for standard output. Default: <resume>.gapcheck.<format>.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMAT_NAMES),
    help="Report format (default: from -o's suffix, else html).",
)
@click.option(
    "--since",
    type=click.Path(path_type=Path),
    metavar="OLD.json",
    help="An earlier JSON report of this resume: say what changed since (score, skills, "
    "gaps, certifications).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def analyse_command(
    resume: Path,
    portfolio: tuple[Path, ...],
    role: str,
    level: str | None,
    job: tuple[Path, ...],
    output: str | None,
    fmt: str | None,
    taxonomy: Path | None,
    today: str | None,
    pdf_engine: str,
    since: Path | None,
    quiet: bool,
) -> None:
    """Analyse RESUME (plus optional PORTFOLIO files or folders) and write a report."""
    import gc

    # One short-lived run: nearly everything it allocates (modules, the skill matchers)
    # lives to the end, and the collector's default thresholds would re-scan those objects
    # some 300 times (~0.1 s of a cold start). Young objects are still collected; only
    # full collections become rare.
    gc.set_threshold(*SINGLE_RUN_GC_THRESHOLDS)

    from gapcheck.api import analyse, render
    from gapcheck.report.terminal import terminal_summary

    options = person_options_from(role, level, job, taxonomy, today, pdf_engine, since)
    fmt = output_format(output, fmt)  # before any reading: a bad -o costs nothing
    target = output or default_output(resume, fmt)
    check_output_target(target)

    analysis = analyse(resume, portfolio, options=options)
    text = render(analysis, fmt)
    written = write_output(text, target)  # None: standard output
    if written is not None and not quiet:
        click.echo(terminal_summary(analysis, str(written), color=sys.stdout.isatty()))
