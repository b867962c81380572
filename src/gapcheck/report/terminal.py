"""The few lines the CLI prints after writing a report.

The lead first: with a job posting its headline, then what the resume is measured
against, the level and why, the score and the three next steps. Then the posting's
missing requirements and eligibility (before the role's gaps), the skills to name, the
next learn gaps by name, cautions, and where the report is. Every value passes through
`one_line` (via `shorten`), which drops control characters, so a file, posting or skill
name cannot smuggle terminal escape sequences onto the user's screen. ANSI colour is
added only when the caller says the output is a terminal.
"""

from __future__ import annotations

import click

from gapcheck.records import Analysis, Gap
from gapcheck.report.advice import (
    RequirementRow,
    eligibility_rows,
    level_sentence,
    posting_headline,
    requirement_groups,
    split_gaps,
)
from gapcheck.report.display import band_label, file_name, level_label, shorten
from gapcheck.report.fits import postings_view
from gapcheck.report.parts import SkillNames, cautions
from gapcheck.report.since import changes_view
from gapcheck.scoring.next_steps import next_steps
from gapcheck.support.text import number, one_line

MORE_GAPS = 4  # learn gaps named after the next steps
ELIGIBILITY_SHOWN = 4
FITS_SHOWN = 3  # postings named, best fit first, against several
WIDTH = 100  # longest line printed, so the summary reads well in an 100-column terminal
BAND_COLOURS = {"weak": "red", "fair": "yellow", "good": "cyan", "strong": "green"}
ELIGIBILITY_COLOURS = {"met": "green", "not met": "bright_red"}


def _missing(rows: tuple[RequirementRow, ...]) -> str:
    return ", ".join(f"{row.names} (line {row.line})" for row in rows)


def terminal_summary(analysis: Analysis, report_location: str, color: bool) -> str:
    """A readable summary of `analysis` in about twenty lines; ANSI colour only if `color`."""

    def style(text: str, *, bold: bool = False, dim: bool = False, fg: str | None = None) -> str:
        # None, not False: click turns False into a reset code that would cancel bold.
        return click.style(text, bold=bold or None, dim=dim or None, fg=fg) if color else text

    score, job = analysis.score, analysis.job
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
        )
    ]
    if job is not None:
        lines.append(style(shorten(posting_headline(job), WIDTH), bold=True))
    postings = postings_view(analysis)
    if postings is not None:
        lines.append(style(f"Best fits of {postings.count} postings:", bold=True))
        for row in postings.rows[:FITS_SHOWN]:
            knocked = f"; knockout: {'; '.join(row.knockouts)}" if row.knockouts else ""
            lines.append(
                f"  {row.rank}. "
                + shorten(f"{row.title}: {row.fit} fit ({row.counts}){knocked}", WIDTH - 5)
            )
    lines += [
        shorten(level_sentence(analysis), WIDTH),
        "Score "
        + style(
            f"{number(score.value)}/100 {band_label(score.band)}",
            bold=True,
            fg=BAND_COLOURS.get(score.band),
        )
        + f": {shown} of {len(score.items)} expected skills shown",
    ]
    changes = changes_view(analysis)
    if changes is not None:
        label = f"Since {changes.since}: "
        said = "; ".join(
            [changes.score_line.lower()]
            + [f"{what.lower()}: {', '.join(names)}" for what, names in changes.rows()[:3]]
        )
        lines.append(style(label, bold=True) + shorten(said, WIDTH * 2 - len(label)))
        for note in changes.notes[:1]:
            lines.append(style("Caution: ", fg="yellow", bold=True) + shorten(note, WIDTH - 9))
    steps = next_steps(analysis)
    if steps:
        lines.append(style("Next:", bold=True))
        # The step on one line, why under it, dimmed: both stay readable however long.
        for index, step in enumerate(steps, start=1):
            lines.append(f"  {index}. " + shorten(step.title, WIDTH - 5))
            lines.append("     " + style(shorten(step.why, WIDTH - 5), dim=True))
    if job is not None:  # the posting before the role's gaps
        for group in requirement_groups(job, SkillNames(analysis).skills):
            if group.missing:
                label = f"Posting {group.level}, missing: "
                lines.append(
                    style(label, bold=True) + shorten(_missing(group.missing), WIDTH - len(label))
                )
        checks = eligibility_rows(job)
        for check in checks[:ELIGIBILITY_SHOWN]:
            # "Eligibility: Bachelor's degree, met: Master's degree on the resume (line 7)"
            name = shorten(check.name, 40)
            status = check.status_label.lower()
            said = shorten(
                f"{check.detail} (line {check.line})", WIDTH - 17 - len(name) - len(status)
            )
            colour = ELIGIBILITY_COLOURS.get(check.status)
            lines.append(
                f"Eligibility: {name}, "
                + (style(status, fg=colour) if colour else status)
                + f": {said}"
            )
        if len(checks) > ELIGIBILITY_SHOWN:
            lines.append(f"     ... and {len(checks) - ELIGIBILITY_SHOWN} more in the report")
    split = split_gaps(analysis.gaps)
    if split.show:
        label = "Name on your resume: "
        lines.append(
            style(label, bold=True)
            + shorten(
                "; ".join(
                    f"{g.name} ({g.shown_by.because})" if g.shown_by else g.name for g in split.show
                ),
                WIDTH - len(label),
            )
        )
    learn = (*split.detailed, *split.more)
    # The next steps name the first learn gaps ("Learn X", "Learn X (the posting ...)");
    # the line after them names the next few.
    titles = [s.title for s in steps]
    rest: list[Gap] = [
        g
        for g in learn
        if not any(t == f"Learn {g.name}" or t.startswith(f"Learn {g.name} (") for t in titles)
    ]
    if rest:
        label = "Then learn: "
        more = len(rest) - MORE_GAPS
        tail = f" and {more} more in the report" if more > 0 else ""
        lines.append(
            style(label, bold=True)
            + shorten(", ".join(g.name for g in rest[:MORE_GAPS]), WIDTH - len(label) - len(tail))
            + tail
        )
    elif not learn and not split.show:
        if not score.items:
            lines.append("The taxonomy lists no expected skills for this role; nothing to rank.")
        else:
            lines.append("No missing skills for this role.")
    for note in cautions(analysis)[:2]:
        lines.append(style("Caution: ", fg="yellow", bold=True) + shorten(note, WIDTH - 9))
    lines.append(style("Report: ", bold=True) + one_line(report_location))
    return "\n".join(lines)
