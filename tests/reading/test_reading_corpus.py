"""The real resumes in ../shared/corpus: read completely, in a sane order, into sections."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from functools import cache
from itertools import pairwise
from pathlib import Path

import pytest

from gapcheck.reading import read_document
from gapcheck.reading.cleanup import CID_TOKEN
from gapcheck.records import Document
from gapcheck.sections.split import split_sections

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
PDFS = sorted(CORPUS.glob("*.pdf")) if CORPUS.is_dir() else []

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not PDFS, reason=f"the real resume corpus is not at {CORPUS}"),
]

INDEPENDENT_COLUMNS = (
    "altacv-sample-sidebar.pdf",
    "awesomecv-example-twocolumn.pdf",
    "deedy-author-resume-twocolumn.pdf",
)
# Section kinds each layout-heavy resume must yield (derived from its headings).
EXPECTED_KINDS = {
    "altacv-sample-sidebar.pdf": {"experience", "skills", "languages", "education", "publications"},
    "awesomecv-example-twocolumn.pdf": {
        "summary",
        "education",
        "experience",
        "awards",
        "publications",
    },
    "deedy-author-resume-twocolumn.pdf": {
        "education",
        "courses",
        "skills",
        "experience",
        "research",
        "awards",
        "publications",
    },
    "moderncv-fancy.pdf": {
        "education",
        "experience",
        "languages",
        "skills",
        "interests",
        "publications",
    },
    "moderncv-classic.pdf": {
        "education",
        "experience",
        "languages",
        "skills",
        "interests",
        "publications",
    },
    "timmychan-data-science-template.pdf": {"skills", "experience", "education", "volunteering"},
    "openresume-example-laverne.pdf": {"summary", "education", "awards", "volunteering", "skills"},
}


@cache
def _read(name: str, engine: str = "pdfminer") -> Document:
    return read_document(CORPUS / name, engine=engine)


@cache
def _labels() -> dict[str, dict[str, object]]:
    data = json.loads((CORPUS / "labels.json").read_text(encoding="utf-8"))
    return {entry["file"]: entry for entry in data["labels"]}


def _alphanumerics(text: str) -> Counter[str]:
    text = unicodedata.normalize("NFKC", CID_TOKEN.sub("", text))
    return Counter(ch for ch in text if ch.isalnum())


@pytest.mark.parametrize("engine", ["pdfminer", "pdfium"])
@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_every_resume_is_read(path: Path, engine: str) -> None:
    document = _read(path.name, engine)
    label = _labels()[path.name]
    assert document.diagnostics.pages == label["pages"]
    assert document.diagnostics.unreadable_share < 0.01
    assert len(document.lines) > 20
    sections = split_sections(document)
    assert sum(len(s.lines) + bool(s.heading) for s in sections) == len(document.lines)


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_no_characters_are_lost(path: Path) -> None:
    """Against plain extract_text: only icon-font glyphs (and their leaked names) may go."""
    from pdfminer.high_level import extract_text

    plain = _alphanumerics(extract_text(str(path)))
    ours = _alphanumerics("\n".join(line.text for line in _read(path.name).lines))
    lost = sum((plain - ours).values())
    added = sum((ours - plain).values())
    assert lost <= 0.005 * sum(plain.values()), (plain - ours).most_common(10)
    assert added == 0, (ours - plain).most_common(10)


@pytest.mark.parametrize("name", INDEPENDENT_COLUMNS)
def test_two_column_resumes_read_column_by_column(name: str) -> None:
    document = _read(name)
    assert document.diagnostics.layout in ("two-column", "sidebar")
    lines = document.lines
    for page in {line.page for line in lines}:
        columns = [line.column for line in lines if line.page == page and line.column]
        # Each page: the left column in full, then the right one, never interleaved.
        assert columns == sorted(columns), f"page {page} interleaves its columns"
    for previous, line in pairwise(lines):
        # A line that continues a sentence follows a line of its own column.
        if line.text[:1].islower() and previous.page == line.page:
            assert previous.column == line.column, (previous.text, line.text)


@pytest.mark.parametrize("name", sorted(EXPECTED_KINDS))
def test_sections_of_layout_heavy_resumes(name: str) -> None:
    sections = split_sections(_read(name))
    kinds = {s.kind for s in sections}
    assert EXPECTED_KINDS[name] <= kinds
    assert sections[0].kind == "header"


def test_margin_headings_of_moderncv_precede_their_content() -> None:
    """moderncv sets section names in a left margin, on the row of the first entry."""
    sections = split_sections(_read("moderncv-fancy.pdf"))
    education = next(s for s in sections if s.kind == "education")
    assert education.lines and all(line.page == 1 for line in education.lines)
    skills = next(s for s in sections if s.kind == "skills")
    assert len(skills.lines) == 3 and all("XXX" in line.text for line in skills.lines)


def _words_by_kind(document: Document) -> dict[str, Counter[str]]:
    words: dict[str, Counter[str]] = {}
    for section in split_sections(document):
        counter = words.setdefault(section.kind, Counter())
        for line in section.lines:
            counter.update(word.lower() for word in re.findall(r"\w+", line.text))
    return words


RENDERCV = sorted(path.name for path in PDFS if path.name.startswith("rendercv-"))


@pytest.mark.parametrize("name", RENDERCV)
def test_rendercv_themes_carry_the_same_content(name: str) -> None:
    """Nine themes of one resume: each section kind must hold (nearly) the same words.

    Themes differ a little on purpose (one prints durations, others a degree's field),
    so the bar is a Jaccard similarity of 0.85 against the classic theme, per kind.
    """
    reference = _words_by_kind(_read("rendercv-classic.pdf"))
    words = _words_by_kind(_read(name))
    for kind in ("education", "experience", "projects", "publications", "awards", "skills"):
        shared = sum((reference[kind] & words.get(kind, Counter())).values())
        union = sum((reference[kind] | words.get(kind, Counter())).values())
        assert shared / union >= 0.85, (kind, (reference[kind] - words.get(kind, Counter())))


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_both_engines_give_the_same_document(path: Path) -> None:
    """pdfium is an alternative engine: same sections, nearly the same lines, same body size."""
    pdfminer, pdfium = _read(path.name), _read(path.name, "pdfium")
    assert [s.kind for s in split_sections(pdfminer)] == [s.kind for s in split_sections(pdfium)]
    assert pdfminer.diagnostics.layout == pdfium.diagnostics.layout
    theirs = {line.text for line in pdfium.lines}
    shared = sum(1 for line in pdfminer.lines if line.text in theirs)
    assert shared >= 0.85 * len(pdfminer.lines)
    def body_size(document: Document) -> float:
        return Counter(line.size for line in document.lines).most_common(1)[0][0]

    assert body_size(pdfminer) == body_size(pdfium)
