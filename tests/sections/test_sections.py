"""Section detection on hand-built documents: vocabulary, styles, and completeness."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gapcheck.records import Diagnostics, Document, Line, Section
from gapcheck.sections.headings import SECTION_KINDS, heading_kind, vocabulary
from gapcheck.sections.split import sectioned, split_sections
from gapcheck.sections.warnings import NO_HEADINGS_WARNING, NO_SKILLS_WARNING

BODY = {"font": "Lato-Regular", "size": 10.0, "bold": False}
HEADING = {"font": "Lato-Bold", "size": 14.0, "bold": True}
TITLE = {"font": "Lato-Bold", "size": 10.0, "bold": True}  # entry titles: bold, body size


def _document(rows: list[tuple[str, dict[str, object]]], role: str = "resume") -> Document:
    lines = tuple(
        Line(text=text, page=1, number=i, x0=50, y0=800 - 14 * i, x1=300, y1=810 - 14 * i, **style)  # type: ignore[arg-type]
        for i, (text, style) in enumerate(rows, start=1)
    )
    diagnostics = Diagnostics(
        pages=1,
        characters=0,
        layout="single-column",
        columns=1,
        unreadable_share=0,
        engine="pdfminer",
    )
    return Document(source="cv.pdf", kind="pdf", lines=lines, diagnostics=diagnostics, role=role)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Experience", "experience"),
        ("WORK HISTORY", "experience"),
        ("Professional Experience:", "experience"),
        ("Employment", "experience"),
        ("2. Projects", "projects"),
        ("Technical Skills", "skills"),
        ("Skills & Tools", "skills"),
        ("Education", "education"),
        ("Licenses & Certifications", "certifications"),
        ("Publications", "publications"),
        ("Professional Summary", "summary"),
        ("Objective", "summary"),
        ("Relevant Coursework", "courses"),
        ("Honors & Awards", "awards"),
        ("Interests", "interests"),
        ("Hobbies", "interests"),
        ("Currently Learning", "learning"),
        ("Volunteer Experience", "volunteering"),
        ("Leadership", "volunteering"),
        ("Languages", "languages"),
        ("Research Experience", "research"),
        ("Teaching", "experience"),
        ("References", "other"),
        # Other languages, with and without their accents.
        ("Experiencia Laboral", "experience"),
        ("Formación Académica", "education"),
        ("Formacion academica", "education"),
        ("Compétences", "skills"),
        ("Expérience professionnelle", "experience"),
        ("Berufserfahrung", "experience"),
        ("Ausbildung", "education"),
        ("Kenntnisse", "skills"),
        ("Experiência Profissional", "experience"),
        ("Idiomas", "languages"),
        ("Centres d'intérêt", "interests"),
        # Letter-spaced headings come out squashed.
        ("WORKEXPERIENCE", "experience"),
    ],
)
def test_heading_vocabulary(text: str, kind: str) -> None:
    assert heading_kind(text) == kind


@pytest.mark.parametrize(
    "text",
    ["Python, SQL, Docker", "Built a recommendation engine for skills matching", "Google", ""],
)
def test_ordinary_lines_are_not_headings(text: str) -> None:
    assert heading_kind(text) is None


def test_every_kind_is_declared() -> None:
    assert set(vocabulary().phrases.values()) <= set(SECTION_KINDS)
    assert set(vocabulary().keywords.values()) <= set(SECTION_KINDS)


def test_header_then_sections() -> None:
    document = _document(
        [
            ("Alex Example", HEADING),
            ("alex@example.com", BODY),
            ("Experience", HEADING),
            ("Data Scientist, Example Corp", TITLE),
            ("Built churn models in Python", BODY),
            ("Skills", HEADING),
            ("Python, SQL", BODY),
        ]
    )
    sections = split_sections(document)
    assert [(s.kind, s.heading, len(s.lines)) for s in sections] == [
        ("header", "", 2),
        ("experience", "Experience", 2),
        ("skills", "Skills", 1),
    ]
    assert all(s.document == "cv.pdf" and s.document_role == "resume" for s in sections)


def test_the_heading_style_is_learned_for_unknown_headings() -> None:
    document = _document(
        [
            ("Alex Example", BODY),
            ("Experience", HEADING),
            ("Acme Corp", TITLE),  # bold at body size: an entry, not a heading
            ("Built models", BODY),
            ("Life Philosophy", HEADING),  # unknown words, heading style: a heading
            ("Stay curious", BODY),
            ("Skills", HEADING),
            ("Python", BODY),
        ]
    )
    kinds = [(s.kind, s.heading) for s in split_sections(document)]
    assert kinds == [
        ("header", ""),
        ("experience", "Experience"),
        ("other", "Life Philosophy"),
        ("skills", "Skills"),
    ]


def test_a_heading_name_in_body_style_is_a_label_inside_a_section() -> None:
    document = _document(
        [
            ("Alex Example", BODY),
            ("Experience", HEADING),
            ("Built models", BODY),
            ("Skills", HEADING),
            ("Python, SQL", BODY),
            ("Languages", BODY),  # a row label under Skills, styled like body text
            ("English, German", BODY),
            ("Education", HEADING),
            ("BSc Physics", BODY),
        ]
    )
    assert [s.kind for s in split_sections(document)] == [
        "header",
        "experience",
        "skills",
        "education",
    ]


def test_keyword_headings_without_a_learned_style() -> None:
    document = _document(
        [
            ("Alex Example", BODY),
            ("Summary", BODY),
            ("Engineer who ships models.", BODY),
            ("MY OPEN PROJECTS", TITLE),
            ("Churn model in Python", BODY),
        ]
    )
    kinds = [(s.kind, s.heading) for s in split_sections(document)]
    assert kinds == [("header", ""), ("summary", "Summary"), ("projects", "MY OPEN PROJECTS")]


def test_no_headings_one_section() -> None:
    document = _document([("Just some text", BODY), ("More text", BODY)])
    assert [(s.kind, len(s.lines)) for s in split_sections(document)] == [("other", 2)]
    portfolio = _document([("A README without headings", BODY)], role="portfolio")
    assert [s.kind for s in split_sections(portfolio)] == ["projects"]


def test_an_empty_document_has_no_sections() -> None:
    assert split_sections(_document([])) == ()


WORDS = st.sampled_from(
    ["Experience", "Skills", "Education", "Python", "Built models", "Acme", "Projects", "SQL", "x"]
)
STYLES = st.sampled_from([BODY, HEADING, TITLE])


@given(st.lists(st.tuples(WORDS, STYLES), max_size=30))
def test_every_line_lands_in_exactly_one_section(rows: list[tuple[str, dict[str, object]]]) -> None:
    document = _document(rows)
    sections = split_sections(document)
    rebuilt: list[int] = []
    for section in sections:
        assert section.kind in SECTION_KINDS
        if section.heading:
            heading_line = next(
                line
                for line in document.lines
                if line.text == section.heading and line.number not in rebuilt
            )
            rebuilt.append(heading_line.number)
        rebuilt.extend(line.number for line in section.lines)
    assert sorted(rebuilt) == [line.number for line in document.lines]


def test_a_style_shared_with_entry_titles_is_not_learned() -> None:
    """A Word resume that sets headings and job titles alike: titles stay in their section."""
    rows: list[tuple[str, dict[str, object]]] = [("Alex Example", BODY), ("Experience", TITLE)]
    for company in ("Acme Corp", "Globex", "Initech"):
        rows += [(f"Data Scientist, {company}", TITLE), ("Built churn models in Python", BODY)]
    rows += [("Skills", TITLE), ("Python, SQL", BODY)]
    kinds = [(s.kind, len(s.lines)) for s in split_sections(_document(rows))]
    assert kinds == [("header", 1), ("experience", 6), ("skills", 1)]


def test_a_read_document_is_sectioned_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader leaves sections to the pipeline, which sections each document once."""
    import gapcheck.sections.split as sections_module
    from gapcheck.reading import read_document

    calls: list[str] = []
    real = sections_module.split_sections

    def counting(document: Document) -> tuple[Section, ...]:
        calls.append(document.source)
        return real(document)

    monkeypatch.setattr(sections_module, "split_sections", counting)
    path = tmp_path / "cv.txt"
    path.write_text(
        "Experience\nData analyst at Example Co\n\nSkills\nPython, SQL\n", encoding="utf-8"
    )
    document = read_document(path)
    assert calls == []
    checked, first = sections_module.sectioned(document)
    assert first == real(document)
    assert checked is document  # headings and a Skills section: nothing to warn about
    assert calls == ["cv.txt"]
    other = replace(document, source="other.txt")  # same lines, another document: sectioned anew
    assert sections_module.sectioned(other)[1][0].document == "other.txt"
    assert calls == ["cv.txt", "other.txt"]


def test_a_resume_without_a_skills_section_gets_a_warning(tmp_path: Path) -> None:
    from gapcheck.reading import read_document

    path = tmp_path / "resume.txt"
    path.write_text(
        "Alex\nExperience\nBuilt models in Python\nEducation\nBSc Physics\n", encoding="utf-8"
    )
    document = read_document(path)
    assert NO_SKILLS_WARNING not in document.diagnostics.warnings  # the reader does not section
    assert NO_SKILLS_WARNING in sectioned(document)[0].diagnostics.warnings


def test_section_warnings_follow_the_readers_and_spare_portfolios() -> None:
    read_warnings = ("two-column layout: section attribution may be approximate",)
    plain = _document([("Just some text", BODY), ("More text", BODY)])
    plain = replace(plain, diagnostics=replace(plain.diagnostics, warnings=read_warnings))
    checked, sections = sectioned(plain)
    assert checked.diagnostics.warnings == (*read_warnings, NO_HEADINGS_WARNING)
    assert checked.lines is plain.lines and sections == split_sections(plain)
    no_skills = _document([("Alex Example", BODY), ("Experience", HEADING), ("Built", BODY)])
    assert sectioned(no_skills)[0].diagnostics.warnings == (NO_SKILLS_WARNING,)
    portfolio = replace(plain, role="portfolio")
    assert sectioned(portfolio)[0] is portfolio


def test_an_all_capitals_skills_line_is_a_list_not_a_heading() -> None:
    from gapcheck.records import Diagnostics, Document, Line
    from gapcheck.sections.split import split_sections

    texts = ["Jane Doe", "EXPERIENCE", "Data engineer at a bank, 2019 - 2023", "SKILLS",
             "JAVA, SQL, PYTHON", "Honors, Awards", "Dean's list 2018"]
    lines = tuple(
        Line(text=t, page=1, number=n, y0=800.0 - 20 * n, y1=812.0 - 20 * n, bold=t.isupper())
        for n, t in enumerate(texts, start=1)
    )
    diagnostics = Diagnostics(pages=1, characters=100, layout="single-column", columns=1,
                              unreadable_share=0.0, engine="text")
    sections = split_sections(Document("cv.txt", "txt", lines, diagnostics))
    skills = next(s for s in sections if s.kind == "skills")
    assert [line.text for line in skills.lines][:1] == ["JAVA, SQL, PYTHON"]
