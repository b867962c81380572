"""The Markdown report (`--format md`): short enough to paste into an email.

Score, next steps, ranked gaps with reasons, learning path, certifications and found
skills by category; no evidence lines. Every value from the analysis goes through
`escape`, so resume text can neither inject HTML (a Markdown viewer would pass it
through) nor restyle the message with emphasis, links or code spans.
"""

from __future__ import annotations

import re

from gapcheck.records import Analysis
from gapcheck.report.context import (
    SkillNames,
    all_warnings,
    cautions,
    portfolio_only_names,
    skill_groups,
)
from gapcheck.report.display import band_label, file_name, level_label, status_label
from gapcheck.scoring.next_steps import next_steps
from gapcheck.support.text import number, one_line, percent, points

# Inline Markdown syntax: emphasis, code, links/images, strikethrough, tables, escapes.
_MARKDOWN_SYNTAX = re.compile(r"([\\`*_\[\]~|])")
# An ampersand that starts a character reference would be decoded by a viewer.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
NO_CERTIFICATION = "No certification in the taxonomy covers your remaining gaps."


def escape(text: str) -> str:
    """`text` as literal Markdown on one line: no HTML tags, no inline syntax, no entities."""
    text = _ENTITY.sub("&amp;", one_line(text))
    text = text.replace("<", "&lt;")
    return _MARKDOWN_SYNTAX.sub(r"\\\1", text)


def render_markdown(analysis: Analysis) -> str:
    """The Markdown report: heading, score, then one section per part that has content."""
    names = SkillNames(analysis)
    lines = _header(analysis)
    for section in (
        _next_steps(analysis),
        _gaps(analysis, names),
        _learning_path(analysis),
        _near_misses(analysis),
        _job(analysis, names),
        _certifications(analysis),
        _found_skills(analysis, names),
        _warnings(analysis),
    ):
        if section:
            lines += ["", *section]
    return "\n".join(lines) + "\n"


def _section(title: str, body: list[str]) -> list[str]:
    return [f"## {title}", "", *body]


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
        f"{escape(level_label(target.level))} · {escape(analysis.generated_on)} · {versions}",
        "",
        f"**Score: {number(score.value)}/100 ({escape(band_label(score.band))})**, "
        f"{shown} of {len(score.items)} expected skills shown "
        f"({number(score.earned)} of {number(score.possible)} weighted points).",
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


def _gaps(analysis: Analysis, names: SkillNames) -> list[str]:
    body = [] if analysis.gaps else ["None: every skill this role expects is shown."]
    for gap in analysis.gaps:
        partial = f", {percent(gap.credit)} shown" if gap.credit > 0 else ""
        body.append(
            f"{gap.rank}. **{escape(gap.name)}** ({escape(names.category(gap.category))}, "
            f"{points(gap.weight * (1 - gap.credit))}{partial}): {escape(gap.reason)}"
        )
        if gap.hint:
            body.append(f"   How: {escape(gap.hint)}")
    return _section("Missing skills, ranked", body)


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


def _job(analysis: Analysis, names: SkillNames) -> list[str]:
    job = analysis.job
    if job is None:
        return []
    body = [
        f"{escape(job.title)} ({escape(file_name(job.source))}): "
        f"{number(job.score.value)}/100 ({escape(band_label(job.score.band))})."
    ]
    missing = (("required", job.missing_required), ("preferred", job.missing_preferred))
    lists = [
        f"- Missing {kind}: " + ", ".join(escape(names.skill(i)) for i in ids)
        for kind, ids in missing
        if ids
    ]
    return _section("Against the job posting", [*body, *([""] if lists else []), *lists])


def _certifications(analysis: Analysis) -> list[str]:
    body = [] if analysis.certifications else [NO_CERTIFICATION]
    for cert in analysis.certifications:
        exam = f", exam {escape(cert.exam_code)}" if cert.exam_code else ""
        covers = ", ".join(escape(n) for n in cert.covers_names) or "none of your gaps"
        body.append(
            f"- **{escape(cert.name)}** ({escape(cert.provider)}, {escape(cert.level)}{exam}; "
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
