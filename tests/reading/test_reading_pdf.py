"""Reading generated PDFs: line records, reading order of columns, cleanup in place."""

from __future__ import annotations

import builtins
from pathlib import Path
from typing import Any

import pytest

from gapcheck.errors import InputError
from gapcheck.reading import TWO_COLUMN_WARNING, read_document
from gapcheck.sections.split import split_sections
from tests.support import pdfgen
from tests.support.pdfgen import MARGIN, Text

ENGINES = ("pdfminer", "pdfium")

LONG_BULLET = (
    "• Led a team of five engineers building recommendation models for an online "
    "retailer and shipped them to production with measurable gains"
)
EXPERIENCE = (
    "Experience",
    [LONG_BULLET, "• Trained ranking models in PyTorch on large click logs"],
)
SKILLS = ("Skills", ["Python", "PyTorch", "Docker", "Kubernetes"])
LANGUAGES = ("Languages", ["English", "Spanish"])


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_lines_carry_page_number_position_and_font(tmp_path: Path, engine: str) -> None:
    path = pdfgen.write_resume(tmp_path / "resume.pdf", [EXPERIENCE, SKILLS])
    document = read_document(path, engine=engine)
    assert document.kind == "pdf" and document.source == "resume.pdf"
    assert [line.number for line in document.lines] == list(range(1, len(document.lines) + 1))
    assert {line.page for line in document.lines} == {1}
    name = document.lines[0]
    assert name.text == "Alex Example"
    assert name.bold and name.size == pytest.approx(20, abs=0.5)
    assert "Helvetica" in name.font
    heading = next(line for line in document.lines if line.text == "Skills")
    assert heading.bold and heading.size == pytest.approx(13, abs=0.5)
    assert 0 < heading.x0 < heading.x1 and 0 < heading.y0 < heading.y1
    assert document.diagnostics.layout == "single-column"
    assert document.diagnostics.pages == 1
    assert document.diagnostics.engine == engine


def test_a_wrapped_bullet_is_one_line_without_its_bullet(tmp_path: Path, engine: str) -> None:
    path = pdfgen.write_resume(tmp_path / "resume.pdf", [EXPERIENCE, SKILLS])
    texts = [line.text for line in read_document(path, engine=engine).lines]
    assert LONG_BULLET.removeprefix("• ") in texts
    assert "Trained ranking models in PyTorch on large click logs" in texts


def test_sections_of_a_generated_resume(tmp_path: Path, engine: str) -> None:
    path = pdfgen.write_resume(tmp_path / "resume.pdf", [EXPERIENCE, SKILLS, LANGUAGES])
    sections = split_sections(read_document(path, engine=engine))
    assert [(s.kind, s.heading) for s in sections] == [
        ("header", ""),
        ("experience", "Experience"),
        ("skills", "Skills"),
        ("languages", "Languages"),
    ]
    assert [line.text for line in sections[2].lines] == [
        "Python",
        "PyTorch",
        "Docker",
        "Kubernetes",
    ]


@pytest.mark.parametrize(("left_width", "layout"), [(330.0, "sidebar"), (230.0, "two-column")])
def test_two_columns_are_read_one_after_the_other(
    tmp_path: Path, engine: str, left_width: float, layout: str
) -> None:
    path = pdfgen.write_two_column(
        tmp_path / "two.pdf",
        [EXPERIENCE, ("Education", ["MSc Computer Science, Example University"])],
        [SKILLS, LANGUAGES],
        left_width=left_width,
    )
    document = read_document(path, engine=engine)
    lines = document.lines
    assert document.diagnostics.layout == layout
    assert document.diagnostics.columns == 2
    assert TWO_COLUMN_WARNING in document.diagnostics.warnings
    # Header first (full width), then the whole left column, then the whole right one.
    columns = [line.column for line in lines]
    assert columns[:2] == [0, 0]
    assert columns[2:] == sorted(columns[2:])
    assert set(columns[2:]) == {1, 2}
    # The sidebar never lands inside the experience bullet, which stays whole.
    bullet = next(line for line in lines if line.text.startswith("Led a team"))
    assert bullet.text == LONG_BULLET.removeprefix("• ")
    kinds = [(s.kind, [line.text for line in s.lines]) for s in split_sections(document)]
    assert ("skills", ["Python", "PyTorch", "Docker", "Kubernetes"]) in kinds
    assert ("languages", ["English", "Spanish"]) in kinds


def test_margin_labels_are_read_with_their_rows(tmp_path: Path, engine: str) -> None:
    """moderncv style: section names flush right in a left margin, beside their first row."""
    label_right = 150.0
    rows: list[Text] = [Text("Alex Example", 170, 780, 20, "Helvetica-Bold")]
    y = 740.0
    for heading, items in (EXPERIENCE, SKILLS, ("Education", ["MSc, Example University"])):
        width = pdfgen.pdfmetrics.stringWidth(heading, "Helvetica", 13)
        rows.append(Text(heading, label_right - width, y, 13))
        for item in items:
            rows.append(Text(item.removeprefix("• ")[:80], 170, y, 10))
            y -= 14
        y -= 20
    document = read_document(pdfgen.write_pages(tmp_path / "labels.pdf", [rows]), engine=engine)
    assert document.diagnostics.layout == "single-column"
    sections = split_sections(document)
    assert [s.kind for s in sections] == ["header", "experience", "skills", "education"]
    assert sections[2].lines[0].text == "Python"


def test_a_two_column_list_inside_a_page_is_read_row_by_row(tmp_path: Path, engine: str) -> None:
    """A table in a one-column page: full-width text above and below the two-column part."""
    runs = [Text("Alex Example", MARGIN, 780, 20, "Helvetica-Bold")]
    runs.append(Text("Skills", MARGIN, 740, 13, "Helvetica-Bold"))
    for i, (left, right) in enumerate(
        [("Python", "Docker"), ("PyTorch", "Kubernetes"), ("SQL", "Spark")]
    ):
        runs.append(Text(left, MARGIN, 720 - 14 * i, 10))
        runs.append(Text(right, 300, 720 - 14 * i, 10))
    runs.append(Text("Experience", MARGIN, 660, 13, "Helvetica-Bold"))
    body = "Built data pipelines and trained models for demand forecasting across many stores"
    runs.append(Text(body, MARGIN, 640, 10))
    for i, (left, right) in enumerate(
        [("Awards: first prize", "Kaggle bronze"), ("Dean's list", "Hackathon win")]
    ):
        runs.append(Text(left, MARGIN, 600 - 14 * i, 10))
        runs.append(Text(right, 300, 600 - 14 * i, 10))
    document = read_document(pdfgen.write_pages(tmp_path / "table.pdf", [runs]), engine=engine)
    texts = [line.text for line in document.lines]
    assert "Python Docker" in texts and "PyTorch Kubernetes" in texts
    assert document.diagnostics.layout == "single-column"
    skills = next(s for s in split_sections(document) if s.kind == "skills")
    assert [line.text for line in skills.lines] == [
        "Python Docker",
        "PyTorch Kubernetes",
        "SQL Spark",
    ]


def test_icon_font_glyphs_and_glyph_names_are_dropped(tmp_path: Path, engine: str) -> None:
    path = pdfgen.write_icon_font(tmp_path / "icons.pdf", "HOUSE-CHIMNEY", "www.example.com")
    document = read_document(path, engine=engine)
    texts = [line.text for line in document.lines]
    assert texts[0] == "www.example.com"
    assert not any("HOUSE" in text or "CHIMNEY" in text for text in texts)
    assert document.diagnostics.unreadable_share == 0


def test_ligatures_and_spacing_accents_in_a_pdf(tmp_path: Path, engine: str) -> None:
    lines = [
        "Formaci\u00b4on acad\u00b4emica y experiencia",
        "An ef\ufb01cient work\ufb02ow for \ufb01ne-tuning models",
        "Designed feature pipelines for the ranking team",
    ]
    document = read_document(pdfgen.write_unicode_text(tmp_path / "u.pdf", lines), engine=engine)
    texts = [line.text for line in document.lines]
    assert texts[0] == "Formación académica y experiencia"
    assert texts[1] == "An efficient workflow for fine-tuning models"


def test_hyphenation_at_the_right_margin_is_joined(tmp_path: Path, engine: str) -> None:
    text = (
        "Reduced the serving cost and the memory footprint of our production recommendation mem-",
        "ory cache by rewriting the feature store in Rust",
    )
    runs = [Text(text[0], MARGIN, 700), Text(text[1], MARGIN, 687)]
    runs += [
        Text(f"Filler line {i} to give the page a text layer", MARGIN, 600 - 14 * i)
        for i in range(3)
    ]
    document = read_document(pdfgen.write_pages(tmp_path / "h.pdf", [runs]), engine=engine)
    assert document.lines[0].text == (
        "Reduced the serving cost and the memory footprint of our production recommendation "
        "memory cache by rewriting the feature store in Rust"
    )


def test_engines_agree_on_text(tmp_path: Path) -> None:
    path = pdfgen.write_two_column(tmp_path / "two.pdf", [EXPERIENCE], [SKILLS, LANGUAGES])
    texts = {
        engine: [line.text for line in read_document(path, engine=engine).lines]
        for engine in ENGINES
    }
    assert texts["pdfminer"] == texts["pdfium"]


def test_pdfium_engine_without_pypdfium2_says_how_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = pdfgen.write_resume(tmp_path / "resume.pdf", [EXPERIENCE])
    real_import = builtins.__import__

    def no_pdfium(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.startswith("pypdfium2"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pdfium)
    with pytest.raises(InputError, match=r"gapcheck\[fast\]"):
        read_document(path, engine="pdfium")


def test_letter_spaced_headings_are_read_as_words(tmp_path: Path, engine: str) -> None:
    runs = [Text("ALEX EXAMPLE", MARGIN, 780, 20, "Helvetica-Bold", char_space=2)]
    y = 740.0
    for heading, items in (EXPERIENCE, SKILLS):
        runs.append(Text(heading.upper(), MARGIN, y, 14, "Helvetica-Bold", char_space=6))
        for item in items:
            y -= 14
            runs.append(Text(item.removeprefix("• ")[:90], MARGIN, y))
        y -= 30
    document = read_document(pdfgen.write_pages(tmp_path / "spaced.pdf", [runs]), engine=engine)
    assert [(s.kind, s.heading.replace(" ", "")) for s in split_sections(document)] == [
        ("header", ""),
        ("experience", "EXPERIENCE"),
        ("skills", "SKILLS"),
    ]
    assert document.lines[0].text.replace(" ", "") == "ALEXEXAMPLE"
