"""The provenance `taxonomy build` counted, compared with and written into a taxonomy file:
each skill's `provenance:` line and each certification's `named_by:` line."""

from __future__ import annotations

import re
from pathlib import Path

from gapcheck.authoring.build import BuildReport
from gapcheck.errors import UsageError
from gapcheck.taxonomy.model import Taxonomy


def provenance_from(report: BuildReport) -> dict[str, dict[str, tuple[int, str]]]:
    """skill id -> guide id -> (mentions, emphasis), for the documents that are guides."""
    result: dict[str, dict[str, tuple[int, str]]] = {}
    guides = {guide for _, guide in report.documents if guide}
    for skill in report.skills:
        result[skill.skill_id] = {
            c.document: (c.mentions, c.emphasis) for c in skill.counts if c.document in guides
        }
    return result


def compare(report: BuildReport, taxonomy: Taxonomy) -> list[str]:
    """Where the taxonomy's recorded provenance and named_by differ from the report."""
    guides = [guide for _, guide in report.documents if guide]
    built = provenance_from(report)
    differences: list[str] = []
    for skill in taxonomy.skills:
        recorded = {
            p.guide: (p.mentions, p.emphasis) for p in skill.provenance if p.guide in guides
        }
        counted = built.get(skill.id, {})
        for guide in guides:
            have, want = recorded.get(guide), counted.get(guide)
            if have != want:
                differences.append(
                    f"skill '{skill.id}', guide '{guide}': "
                    f"recorded {_describe(have)}, counted {_describe(want)}"
                )
    for cert in taxonomy.certifications:
        recorded_by = sorted(g for g in cert.named_by if g in guides)
        counted_by = sorted(g for g in report.certifications.get(cert.id, ()) if g in guides)
        if recorded_by != counted_by:
            differences.append(
                f"certification '{cert.id}': named_by records {recorded_by or 'none'}, "
                f"counted {counted_by or 'none'}"
            )
    return differences


def _describe(entry: tuple[int, str] | None) -> str:
    return "nothing" if entry is None else f"{entry[0]} mention(s), {entry[1]}"


_SKILL_START = re.compile(r"^  - id:\s*(\S+)\s*$")
_CERT_SECTION = re.compile(r"^certifications:\s*$")
_SKILLS_SECTION = re.compile(r"^(?:skills|extend_skills):\s*$")
_TOP_KEY = re.compile(r"^\S")
_FIELD = re.compile(r"^    (provenance|named_by):")


def _provenance_lines(
    report: BuildReport, taxonomy: Taxonomy
) -> tuple[dict[str, str], dict[str, str]]:
    """The new `provenance:` line of every skill and `named_by:` line of every certification."""
    built_guides = {guide for _, guide in report.documents if guide}
    guide_order = [g.id for g in taxonomy.guides]
    built = provenance_from(report)
    skill_lines: dict[str, str] = {}
    for skill in taxonomy.skills:
        # A guide that was not built keeps what the file records for it.
        merged = {
            p.guide: (p.mentions, p.emphasis)
            for p in skill.provenance
            if p.guide not in built_guides
        }
        merged.update(built.get(skill.id, {}))
        entries = ", ".join(
            f"{guide}: {{mentions: {merged[guide][0]}, emphasis: {merged[guide][1]}}}"
            for guide in guide_order
            if guide in merged
        )
        skill_lines[skill.id] = f"    provenance: {{{entries}}}"
    cert_lines: dict[str, str] = {}
    for cert in taxonomy.certifications:
        kept = {g for g in cert.named_by if g not in built_guides}
        counted = set(report.certifications.get(cert.id, ())) & built_guides
        named = [g for g in guide_order if g in kept | counted]
        cert_lines[cert.id] = f"    named_by: [{', '.join(named)}]"
    return skill_lines, cert_lines


def write_provenance(path: Path, report: BuildReport, taxonomy: Taxonomy) -> tuple[int, int]:
    """Rewrite the provenance and named_by lines of the taxonomy file at `path` in place.

    Only those one-line fields change (an entry without one gets it added at the end of
    its block), so comments and layout survive. Entries must be written in block style,
    "- id: ..." on a line of its own. A guide not among the built documents keeps what
    the file records for it. Returns (skills changed, certifications changed).
    """
    if not any(guide for _, guide in report.documents):
        raise UsageError(
            "--write",
            "none of the documents is one of the taxonomy's guides",
            "list them under guides: (with their file names) first",
        )
    skill_lines, cert_lines = _provenance_lines(report, taxonomy)
    new_lines = {"skills": skill_lines, "certifications": cert_lines}
    field_of = {"skills": "provenance", "certifications": "named_by"}
    lines = path.read_text(encoding="utf-8").split("\n")
    section = ""
    current: tuple[str, str] | None = None
    field_at: dict[tuple[str, str], int | None] = {}  # entry -> index of its field line
    last_at: dict[tuple[str, str], int] = {}  # entry -> index of its last line
    for index, line in enumerate(lines):
        if _TOP_KEY.match(line):
            section = "skills" if _SKILLS_SECTION.match(line) else ""
            section = "certifications" if _CERT_SECTION.match(line) else section
            current = None
            continue
        start = _SKILL_START.match(line)
        if start and section and start.group(1) in new_lines[section]:
            current = (section, start.group(1))
            field_at[current], last_at[current] = None, index
            continue
        if current is None or not line.startswith("    "):
            continue
        last_at[current] = index
        field = _FIELD.match(line)
        if field is not None and field.group(1) == field_of[current[0]]:
            field_at[current] = index
    changed = {"skills": 0, "certifications": 0}
    inserts: list[tuple[int, str]] = []
    for (kind, entry), field_index in field_at.items():
        text = new_lines[kind][entry]
        if field_index is None:
            inserts.append((last_at[(kind, entry)] + 1, text))
            changed[kind] += 1
        elif lines[field_index] != text:
            lines[field_index] = text
            changed[kind] += 1
    for index, text in sorted(inserts, reverse=True):
        lines.insert(index, text)
    path.write_text("\n".join(lines), encoding="utf-8")
    return changed["skills"], changed["certifications"]
