"""The Markdown report (`--format md`): short enough to paste into an email.

The lead (the headline against a job posting, what the resume is measured against, the
level and why, the score), the next steps, then the posting's requirements and
eligibility, the skills to name, the top learn gaps with reasons (the rest by name), the
learning path, certifications and found skills by category; no evidence walls (only the
line that shows each skill to name). Every value from the analysis goes through `escape`,
so resume and posting text can neither inject HTML (a Markdown viewer would pass it
through) nor restyle the message with emphasis, links or code spans.
"""

from __future__ import annotations

import re

from gapcheck.records import Analysis, Gap
from gapcheck.report.advice import (
    RequirementRow,
    against_text,
    asked_label,
    certification_level,
    eligibility_rows,
    level_sentence,
    posting_counts_text,
    posting_headline,
    posting_title,
    requirement_groups,
    split_gaps,
)
from gapcheck.report.context import skill_groups
from gapcheck.report.display import band_label, file_name, shorten, status_label
from gapcheck.report.fits import asked_labels, postings_view
from gapcheck.report.parts import SkillNames, all_warnings, cautions, portfolio_only_names
from gapcheck.report.since import changes_view
from gapcheck.scoring.next_steps import next_steps
from gapcheck.support.text import number, one_line, percent, points

# Inline Markdown syntax: emphasis, code, links/images, strikethrough, tables, escapes.
_MARKDOWN_SYNTAX = re.compile(r"([\\`*_\[\]~|])")
# An ampersand that starts a character reference would be decoded by a viewer.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
NO_CERTIFICATION = "No certification in the taxonomy covers your remaining gaps."
QUOTE_LIMIT = 110  # characters of a posting's clause quoted per requirement
SHOW_TITLE = "You know these — name them on your resume"
LISTED_FITS = 10  # postings listed by fit (the HTML and JSON reports list them all)
LEARN_TITLE = "What to learn, ranked"


def escape(text: str) -> str:
    """`text` as literal Markdown on one line: no HTML tags, no inline syntax, no entities."""
    text = _ENTITY.sub("&amp;", one_line(text))
    text = text.replace("<", "&lt;")
    # "](" could still read as the middle of a link to a viewer that forgives the escaped
    # bracket; with the parenthesis escaped too, nothing in it looks like a link target.
    return _MARKDOWN_SYNTAX.sub(r"\\\1", text).replace("\\](", "\\]\\(")


def render_markdown(analysis: Analysis) -> str:
    """The Markdown report: the lead, then one section per part that has content.

    With a job posting its section comes first, before the skills to name and to learn.
    """
    names = SkillNames(analysis)
    split = split_gaps(analysis.gaps)
    lines = _header(analysis)
    for section in (
        _next_steps(analysis),
        _changes(analysis),
        _job(analysis, names),
        _postings(analysis),
        _show(split.show),
        _gaps(analysis, split.detailed, split.more, names, asked_labels(analysis)),
        _learning_path(analysis),
        _near_misses(analysis),
        _certifications(analysis),
        _found_skills(analysis, names),
        _warnings(analysis),
    ):
        if section:
            lines += ["", *section]
    return "\n".join(lines) + "\n"


def _section(title: str, body: list[str]) -> list[str]:
    return [f"## {title}", "", *body]


def _quote(text: str) -> str:
    return f"“{escape(shorten(text, QUOTE_LIMIT))}”"


def _header(analysis: Analysis) -> list[str]:
    score, target = analysis.score, analysis.target
    resumes = [file_name(d.source) for d in analysis.documents if d.role == "resume"]
    shown = sum(1 for item in score.items if item.credit > 0)
    versions = (
        f"gapcheck {escape(analysis.gapcheck_version)}, taxonomy "
        f"{escape(analysis.taxonomy_version)} (facts as of {escape(analysis.taxonomy_as_of)})"
    )
    lines = [
        f"# {escape(target.role_name)} gap report: {escape(resumes[0] if resumes else 'resume')}",
        "",
    ]
    if analysis.job is not None:
        lines += [f"**{escape(posting_headline(analysis.job))}**", ""]
    postings = postings_view(analysis)
    if postings is not None:
        lines += [f"**{escape(postings.headline)}**", ""]
    lines += [
        f"Measured against {escape(against_text(analysis))}. {escape(level_sentence(analysis))}.",
        "",
        f"**Score: {number(score.value)}/100 ({escape(band_label(score.band))})**, "
        f"{shown} of {len(score.items)} expected skills shown "
        f"({number(score.earned)} of {number(score.possible)} weighted points).",
        "",
        f"{escape(analysis.generated_on)} · {versions}",
    ]
    for note in cautions(analysis):
        lines += ["", f"> Read with care: {escape(note)}"]
    return lines


def _next_steps(analysis: Analysis) -> list[str]:
    body = []
    for index, step in enumerate(next_steps(analysis), start=1):
        body += [
            f"{index}. **{escape(step.title)}**: {escape(step.detail)}",
            f"   Why: {escape(step.why)}",
        ]
    return _section("Three things to do next", body) if body else []


def _requirement(row: RequirementRow) -> str:
    name = escape(row.names)
    extra = [escape(row.note)] if row.note else []
    if row.met_by:
        extra.append(f"shown: {escape(row.met_by)}")
    notes = f" ({'; '.join(extra)})" if extra else ""
    status = f"Missing: **{name}**" if not row.met else f"Shown: {name}"
    return f"- {status}{notes}, line {row.line}: {_quote(row.text)}"


def _job(analysis: Analysis, names: SkillNames) -> list[str]:
    job = analysis.job
    if job is None:
        return []
    body = [
        f"**{escape(posting_title(job))}** ({escape(file_name(job.source))}): "
        f"{escape(posting_counts_text(job))}; posting coverage "
        f"{number(job.score.value)}/100 ({escape(band_label(job.score.band))})."
    ]
    groups = requirement_groups(job, names.skills)
    for group in groups:
        body += ["", f"{group.title}, {group.met} of {group.total} shown:"]
        body += [_requirement(row) for row in (*group.missing, *group.shown)]
    if not groups:  # a JobGap without requirement records: the skill lists
        missing = (("required", job.missing_required), ("preferred", job.missing_preferred))
        lists = [
            f"- Missing {kind}: " + ", ".join(escape(names.skill(i)) for i in ids)
            for kind, ids in missing
            if ids
        ]
        body += ["", *lists] if lists else []
    checks = eligibility_rows(job)
    if checks:
        body += ["", "Eligibility (what the posting asks you to have or be, not skills to learn):"]
        body += [
            f"- {escape(c.status_label)}: **{escape(c.name)}**"
            + (f" ({escape(c.level)})" if c.level != "required" else "")
            + f": {escape(c.detail)} (line {c.line}: {_quote(c.text)})"
            for c in checks
        ]
    return _section("Against the job posting", body)


def _changes(analysis: Analysis) -> list[str]:
    """What changed since an earlier report: the score, then each kind of change."""
    view = changes_view(analysis)
    if view is None:
        return []
    body = [f"**{escape(view.score_line)}**"]
    body += [f"> Read with care: {escape(note)}" for note in view.notes]
    body.append("")
    body += [
        f"- {label}: " + ", ".join(escape(name) for name in names) for label, names in view.rows()
    ]
    if not view.changed:
        body.append("Nothing changed: the same score, skills, gaps and certifications.")
    return _section(f"What changed since {escape(view.since)}", body)


def _postings(analysis: Analysis) -> list[str]:
    """Several postings: the best fits, one line each, before the plan across them."""
    view = postings_view(analysis)
    if view is None:
        return []
    body = [
        "Match counts each posting's skills (required twice, preferred once, a group of "
        "alternatives once); fit is the match with a point of doubt either way, halved for "
        "each knockout (a required eligibility check not met, unless the posting accepts "
        "equivalent experience or obtaining it later).",
        "",
    ]
    for row in view.rows[:LISTED_FITS]:
        knockouts = "; ".join(escape(k) for k in row.knockouts) or "none"
        if row.waived:
            knockouts += " (not counted: " + "; ".join(escape(k) for k in row.waived) + ")"
        file = f" ({escape(row.source)})" if row.source else ""
        missing = "; ".join(escape(m) for m in row.top_missing) or "nothing required"
        body.append(
            f"{row.rank}. **{escape(row.title)}**{file}: fit {row.fit}, "
            f"match {row.match} ({escape(row.counts)}); knockouts: {knockouts}; "
            f"top missing: {missing}"
        )
    if view.count > LISTED_FITS:
        body += [
            "",
            f"{view.count - LISTED_FITS} more postings are ranked in the HTML and JSON reports.",
        ]
    return _section(f"Postings ranked by fit ({view.count})", body)


def _show(gaps: tuple[Gap, ...]) -> list[str]:
    """Skills the person evidently has: what shows each, the line quoted, where to name it."""
    body = []
    for gap in gaps:
        shown = gap.shown_by
        if shown is None:
            where = ":"
        else:
            where = (
                f", shown by {escape(shown.because)}: "
                f"“{escape(shorten(shown.evidence.snippet, QUOTE_LIMIT))}” "
                f"(page {shown.evidence.page}, line {shown.evidence.line})."
            )
        body.append(f"- **{escape(gap.name)}**{where} {escape(gap.hint)}".rstrip())
    return _section(SHOW_TITLE, body) if body else []


def _gaps(
    analysis: Analysis,
    detailed: tuple[Gap, ...],
    more: tuple[Gap, ...],
    names: SkillNames,
    labels: dict[str, str],
) -> list[str]:
    if detailed:
        body = []
    elif not analysis.score.items:
        body = ["None: the taxonomy lists no expected skills for this role."]
    else:
        body = ["None: every other skill this role expects is shown."]
    for gap in detailed:
        partial = f", {percent(gap.credit)} shown" if gap.credit > 0 else ""
        label = asked_label(gap, labels)
        asked = f"; {escape(label)}" if label else ""
        body.append(
            f"{gap.rank}. **{escape(gap.name)}** ({escape(names.category(gap.category))}, "
            f"{points(gap.weight * (1 - gap.credit))}{partial}{asked}): {escape(gap.reason)}"
        )
        if gap.hint:
            body.append(f"   How: {escape(gap.hint)}")
    if more:
        body += [
            "",
            f"More to learn, lower ranked ({len(more)}): "
            + ", ".join(f"{escape(g.name)} (#{g.rank})" for g in more),
        ]
    return _section(LEARN_TITLE, body)


def _learning_path(analysis: Analysis) -> list[str]:
    body = [
        f"{index}. **{escape(step.stage_name)}**: "
        + ", ".join(f"{escape(g.name)} (#{g.rank})" for g in step.skills)
        for index, step in enumerate(analysis.learning_path, start=1)
    ]
    return _section("Learning path", body) if body else []


def _near_misses(analysis: Analysis) -> list[str]:
    body = [
        f"- **{escape(miss.name)}**, {percent(miss.credit)} shown "
        f"({escape(miss.why_partial)}): {escape(miss.advice)}"
        for miss in analysis.near_misses
    ]
    return _section("Closest to having", body) if body else []


def _certifications(analysis: Analysis) -> list[str]:
    body = [] if analysis.certifications else [NO_CERTIFICATION]
    for cert in analysis.certifications:
        exam = f", exam {escape(cert.exam_code)}" if cert.exam_code else ""
        covers = ", ".join(escape(n) for n in cert.covers_names) or "none of your gaps"
        body.append(
            f"- **{escape(cert.name)}** ({escape(cert.provider)}, "
            f"{escape(certification_level(cert.level))}{exam}; "
            f"{escape(status_label(cert.status).lower())} as of {escape(cert.status_date)}): "
            f"covers {covers}"
        )
    for note in analysis.retired_held:
        successor = f"; successor: {escape(note.successor)}" if note.successor else ""
        body.append(
            f"- Note: your resume lists **{escape(note.name)}**, "
            f"{escape(status_label(note.status).lower())} since {escape(note.status_date)}"
            f"{successor}"
        )
    return _section("Certifications", body)


def _found_skills(analysis: Analysis, names: SkillNames) -> list[str]:
    groups = skill_groups(analysis, names)
    body = [
        f"- **{escape(group.name)}**: "
        + ", ".join(escape(s.name) + ("" if s.explicit else " (implied)") for s in group.skills)
        for group in groups
    ]
    only = portfolio_only_names(analysis)
    if only:
        body.append(
            f"- Only your portfolio shows: {', '.join(escape(name) for name in only)}"
            " (put them on your resume too)"
        )
    title = f"Found skills ({len(analysis.detection.skills)})"
    return _section(title, body or ["No skills were recognised."])


def _warnings(analysis: Analysis) -> list[str]:
    body = [f"- {escape(warning)}" for warning in all_warnings(analysis)]
    return _section("Warnings", body) if body else []
