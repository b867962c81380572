"""The few lines the CLI prints after writing a report.

Score and band, the top five gaps, the best certification, cautions, and where the
report is. Every value passes through `one_line`, which drops control characters, so a
file or skill name cannot smuggle terminal escape sequences onto the user's screen.
ANSI colour is added only when the caller says the output is a terminal.
"""

from __future__ import annotations

import click

from gapcheck.records import Analysis
from gapcheck.report.context import cautions
from gapcheck.report.display import band_label, file_name, level_label, shorten
from gapcheck.support.text import number, one_line

TOP_GAPS = 5
WIDTH = 100  # longest line printed, so the summary reads well in an 100-column terminal
BAND_COLOURS = {"weak": "red", "fair": "yellow", "good": "cyan", "strong": "green"}


def terminal_summary(analysis: Analysis, report_location: str, color: bool) -> str:
    """A readable summary of `analysis` in at most 19 lines; ANSI colour only if `color`."""

    def style(text: str, *, bold: bool = False, dim: bool = False, fg: str | None = None) -> str:
        # None, not False: click turns False into a reset code that would cancel bold.
        return click.style(text, bold=bold or None, dim=dim or None, fg=fg) if color else text

    score = analysis.score
    resumes = [file_name(d.source) for d in analysis.documents if d.role == "resume"]
    shown = sum(1 for item in score.items if item.credit > 0)
    lines = [
        style(
            shorten(
                f"{resumes[0] if resumes else 'resume'} vs {analysis.target.role_name} "
                f"({level_label(analysis.target.level).lower()})",
                WIDTH,
            ),
            bold=True,
        ),
        "Score "
        + style(
            f"{number(score.value)}/100 {band_label(score.band)}",
            bold=True,
            fg=BAND_COLOURS.get(score.band),
        )
        + f": {shown} of {len(score.items)} expected skills shown",
    ]
    if analysis.gaps:
        lines.append(style("Top gaps:", bold=True))
        # Name on one line, the reason for its rank dimmed under it: both stay readable
        # however long the taxonomy's names are.
        for gap in analysis.gaps[:TOP_GAPS]:
            lines.append(f"{gap.rank:>3}. " + shorten(gap.name, WIDTH - 5))
            lines.append("     " + style(shorten(gap.reason, WIDTH - 5), dim=True))
        if len(analysis.gaps) > TOP_GAPS:
            lines.append(f"     ... and {len(analysis.gaps) - TOP_GAPS} more in the report")
    elif not score.items:
        lines.append("The taxonomy lists no expected skills for this role; nothing to rank.")
    else:
        lines.append("No missing skills for this role.")
    if analysis.certifications:
        cert = analysis.certifications[0]
        lines.append(
            style("Top certification: ", bold=True)
            + shorten(f"{cert.name} ({cert.provider})", WIDTH - 19)
        )
        if cert.covers_names:
            lines.append("     " + shorten(f"covers {', '.join(cert.covers_names)}", WIDTH - 5))
    for note in cautions(analysis)[:2]:
        lines.append(style("Caution: ", fg="yellow", bold=True) + shorten(note, WIDTH - 9))
    lines.append(style("Report: ", bold=True) + one_line(report_location))
    return "\n".join(lines)
