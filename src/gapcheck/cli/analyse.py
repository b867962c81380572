"""`gapcheck RESUME [PORTFOLIO]...`: analyse one person and write one report."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from gapcheck.cli.params import options_from, target_options
from gapcheck.report.formats import DEFAULT_FORMAT, FORMAT_NAMES, format_for_suffix, write_output

SINGLE_RUN_GC_THRESHOLDS = (10_000, 50, 100)  # Python's defaults: (700, 10, 10)


def default_output(resume: Path, fmt: str) -> Path:
    """`<resume stem>.gapcheck.<ext>` in the current directory."""
    return Path(f"{resume.stem}.gapcheck.{fmt}")


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
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def analyse_command(
    resume: Path,
    portfolio: tuple[Path, ...],
    role: str,
    level: str | None,
    job: Path | None,
    output: str | None,
    fmt: str | None,
    taxonomy: Path | None,
    today: str | None,
    pdf_engine: str,
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

    options = options_from(role, level, job, taxonomy, today, pdf_engine)
    if fmt is None:
        fmt = format_for_suffix(output) if output else DEFAULT_FORMAT  # '-' has no suffix

    analysis = analyse(resume, portfolio, options=options)
    text = render(analysis, fmt)
    target = write_output(text, output or default_output(resume, fmt))  # None: standard output
    if target is not None and not quiet:
        click.echo(terminal_summary(analysis, str(target), color=sys.stdout.isatty()))
