"""`gapcheck RESUME [PORTFOLIO]...`: analyse one person and write one report."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from gapcheck.cli.params import checked_date, target_options

FORMAT_BY_SUFFIX = {".html": "html", ".htm": "html", ".json": "json", ".md": "md"}
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
    type=click.Choice(["html", "json", "md"]),
    help="Report format (default: from -o's suffix, else html).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def analyse_command(
    resume: Path,
    portfolio: tuple[Path, ...],
    role: str,
    level: str,
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
    from gapcheck.support.atomic import write_text_atomically
    from gapcheck.report import terminal_summary

    today = checked_date(today)
    if fmt is None:
        fmt = (
            FORMAT_BY_SUFFIX.get(Path(output).suffix.lower(), "html")
            if output and output != "-"
            else "html"
        )

    analysis = analyse(
        resume,
        portfolio,
        role=role,
        level=level,
        job=job,
        taxonomy=taxonomy,
        today=today,
        engine=pdf_engine,
    )
    text = render(analysis, fmt)
    if output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = Path(output) if output else default_output(resume, fmt)
    write_text_atomically(target, text)
    if not quiet:
        click.echo(terminal_summary(analysis, str(target), color=sys.stdout.isatty()))
