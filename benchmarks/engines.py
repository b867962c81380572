"""The skills each PDF engine finds in the real resumes, and every difference with its cause.

    python benchmarks/engines.py                     # ../shared/corpus and ../shared/corpus2
    python benchmarks/engines.py --corpus DIR ...    # other folders of PDFs
    python benchmarks/engines.py --write             # also replace its section of RESULTS.md
    python benchmarks/engines.py --json

Each PDF is read and analysed twice, with pdfminer (the default engine) and with pdfium
(gapcheck[fast]), through the public API (`read_person`, `analyse_documents`). For every
skill or certification only one engine finds, it prints the line that engine read (where
the skill was found) and the line of the other engine's reading that shares most words
with it, so a reader sees why: a word split or joined differently, a line broken or
ordered differently, a glyph one engine could not map. A file one engine refuses (no
text layer, garbled) is listed with both answers. Needs pypdfium2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
DEFAULT_CORPORA = (SHARED / "corpus", SHARED / "corpus2")
ENGINES = ("pdfminer", "pdfium")
DATE = "2026-12-07"  # the analyses' fixed date (only dates in reports depend on it)
SECTION_START = "<!-- engines.py: start -->"
SECTION_END = "<!-- engines.py: end -->"
_WORDS = re.compile(r"[a-z0-9+#]+")


@dataclass
class Reading:
    """What one engine made of one file."""

    lines: list[str] = field(default_factory=list)
    found: dict[str, tuple[int, str]] = field(default_factory=dict)  # id -> (line, snippet)
    error: str | None = None


@dataclass
class Difference:
    file: str
    kind: str  # "skill" or "certification"
    id: str
    found_by: str
    line: int
    snippet: str
    other_line: str  # the closest line the other engine read ("" when none shares a word)


def read_with(path: Path, engine: str) -> Reading:
    from gapcheck.api import analyse_documents, read_person
    from gapcheck.errors import GapcheckError
    from gapcheck.options import Options

    try:
        documents = read_person(path, engine=engine)
        analysis = analyse_documents(documents, Options(today=DATE, engine=engine).resolve())
    except GapcheckError as error:
        return Reading(error=f"{type(error).__name__}: {error.problem}")
    reading = Reading(lines=[line.text for line in documents[0].lines])
    for skill in analysis.detection.skills:
        if skill.explicit:
            first = skill.evidence[0]
            reading.found[f"skill:{skill.id}"] = (first.line, first.snippet)
    for held in analysis.detection.certifications:
        reading.found[f"certification:{held.id}"] = (held.evidence.line, held.evidence.snippet)
    return reading


def closest_line(snippet: str, lines: list[str]) -> str:
    """The line sharing most words with `snippet` (ties: the first), or "" when none does."""
    words = set(_WORDS.findall(snippet.lower()))
    best, best_shared = "", 0
    for line in lines:
        shared = len(words & set(_WORDS.findall(line.lower())))
        if shared > best_shared:
            best, best_shared = line, shared
    return best


def compare(files: list[Path]) -> dict[str, Any]:
    differences: list[Difference] = []
    refused: list[tuple[str, str, str]] = []  # file, pdfminer's answer, pdfium's answer
    same = 0
    for path in files:
        name = f"{path.parent.name}/{path.name}"
        readings = {engine: read_with(path, engine) for engine in ENGINES}
        errors = [readings[engine].error for engine in ENGINES]
        if any(errors):  # the same file refused by both engines is an agreement
            refused.append((name, errors[0] or "read", errors[1] or "read"))
            same += all(errors)
            continue
        found_here = False
        for engine, other in (ENGINES, ENGINES[::-1]):
            mine, theirs = readings[engine], readings[other]
            for key in sorted(set(mine.found) - set(theirs.found)):
                kind, _, ident = key.partition(":")
                line, snippet = mine.found[key]
                closest = closest_line(snippet, theirs.lines)
                differences.append(Difference(name, kind, ident, engine, line, snippet, closest))
                found_here = True
        same += not found_here
    return {
        "files": len(files),
        "same": same,
        "differences": [d.__dict__ for d in differences],
        "refused": refused,
        "only": {engine: sum(1 for d in differences if d.found_by == engine) for engine in ENGINES},
    }


def markdown(result: dict[str, Any], corpora: list[Path]) -> str:
    names = ", ".join(f"`../shared/{c.name}`" for c in corpora)
    lines = [
        SECTION_START,
        "## PDF engines: same skills? (`python benchmarks/engines.py`)",
        "",
        f"Run of {dt.date.today().isoformat()} on {names} ({result['files']} PDFs); "
        f"{os.cpu_count()} shared cores, CPython {platform.python_version()}. Explicit skills "
        "and certifications each engine finds through the public API.",
        "",
        f"- same skills and certifications: {result['same']} of {result['files']} files",
        f"- found only with pdfminer: {result['only']['pdfminer']}; "
        f"only with pdfium: {result['only']['pdfium']}",
    ]
    for name, miner, pdfium in result["refused"]:
        lines.append(f"- {name} refused: pdfminer: {miner}; pdfium: {pdfium}")
    if result["differences"]:
        lines += [
            "",
            "| file | skill | found by | line it read | the other engine's closest line |",
            "| --- | --- | --- | --- | --- |",
        ]
        for d in result["differences"]:
            lines.append(
                f"| {d['file']} | {d['id']} | {d['found_by']} | {_cell(d['snippet'])} "
                f"| {_cell(d['other_line']) or '(no line shares a word)'} |"
            )
    lines += [SECTION_END, ""]
    return "\n".join(lines)


def _cell(text: str, limit: int = 140) -> str:
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return text.replace("|", "\\|")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, action="append", help="folder of PDFs (repeatable)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--write", action="store_true", help="replace its section of RESULTS.md")
    args = parser.parse_args(argv)
    try:
        import pypdfium2  # noqa: F401 - the pdfium engine is optional (gapcheck[fast])
    except ImportError:
        print("pypdfium2 is not installed: pip install 'gapcheck[fast]'", file=sys.stderr)
        return 2
    corpora = [c for c in (args.corpus or DEFAULT_CORPORA) if c.is_dir()]
    files = sorted(p for corpus in corpora for p in corpus.glob("*.pdf"))
    if not files:
        print("no PDFs found (pass --corpus DIR)", file=sys.stderr)
        return 2
    result = compare(files)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(markdown(result, corpora))
    if args.write:
        from run_support import replace_section

        replace_section(markdown(result, corpora), SECTION_START, SECTION_END)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
