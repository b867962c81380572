"""Warnings about a resume's sections, which a user can act on before trusting a score.

They join the reader's warnings at the end of the document's diagnostics, so a report
lists them after what the reader saw (layout, unreadable text).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from gapcheck.records import Document, Section

NO_SKILLS_WARNING = "no Skills section found: skills are only found in running text"
NO_HEADINGS_WARNING = "no section headings found: every line is treated as one section"


def section_warnings(document: Document, sections: Sequence[Section]) -> tuple[str, ...]:
    """What the sections found in `document` warn about; portfolio material has no
    expected sections, so it is never warned about."""
    if document.role != "resume":
        return ()
    if not any(section.heading for section in sections):
        return (NO_HEADINGS_WARNING,)
    if "skills" not in {section.kind for section in sections}:
        return (NO_SKILLS_WARNING,)
    return ()


def with_section_warnings(document: Document, sections: Sequence[Section]) -> Document:
    """`document` with `section_warnings` added to its diagnostics (itself when none)."""
    found = section_warnings(document, sections)
    if not found:
        return document
    diagnostics = document.diagnostics
    warnings = (*diagnostics.warnings, *found)
    return replace(document, diagnostics=replace(diagnostics, warnings=warnings))
