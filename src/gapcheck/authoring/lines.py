"""A document's units as the lines the detector reads, and the detector's evidence back
to the unit (and the offset in it) it was found in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gapcheck.authoring.text import Unit
from gapcheck.records import Evidence

LIST_JOIN = " • "
LIST_JOIN_MAX_WORDS = 10


@dataclass(frozen=True)
class DetectorLine:
    """One line given to the detector: a unit, or a run of short items of one list."""

    text: str
    parts: tuple[tuple[int, int], ...]  # (unit index, offset of the unit's text in `text`)
    joinable: bool  # a short list item: the next item of its list may join it


def detector_lines(units: Sequence[Unit]) -> list[DetectorLine]:
    """Units as detector lines. Consecutive short items of one list share a line, joined by
    bullets, so the detector sees the list they are ("Hadoop • Spark • MapReduce"): one
    item per line would give an ambiguous term such as Spark no list to stand in."""
    lines: list[DetectorLine] = []
    for index, unit in enumerate(units):
        short = (
            unit.list_item
            and len(unit.text.split()) <= LIST_JOIN_MAX_WORDS
            and not unit.text.endswith((".", "!", "?", ":"))
        )
        previous = lines[-1] if lines else None
        if (
            short
            and previous is not None
            and previous.joinable
            and previous.parts[-1][0] == index - 1
            and units[index - 1].heading == unit.heading
        ):
            offset = len(previous.text) + len(LIST_JOIN)
            lines[-1] = DetectorLine(
                previous.text + LIST_JOIN + unit.text, (*previous.parts, (index, offset)), True
            )
        else:
            lines.append(DetectorLine(unit.text, ((index, 0),), short))
    return lines


def locate(
    lines: Sequence[DetectorLine], evidence: Evidence
) -> tuple[int, int | None, int | None] | None:
    """(unit index, start, end in the unit's text) of a piece of evidence, or None."""
    if not 0 < evidence.line <= len(lines):
        return None
    line = lines[evidence.line - 1]
    # The engine may have joined this line to the one before it; find it in the snippet.
    offset = evidence.snippet.find(line.text)
    if offset < 0:
        return (line.parts[0][0], None, None)
    position = evidence.start - offset
    unit, unit_offset = line.parts[0]
    for index, part_offset in line.parts:
        if part_offset <= position:
            unit, unit_offset = index, part_offset
    start = position - unit_offset
    return (unit, start, start + evidence.end - evidence.start)
