"""Properties of the whole pipeline over any text: text -> sections -> detection -> report.

Hypothesis writes resumes from arbitrary Unicode mixed with the material that breaks
readers and matchers: skill names, headings, bullets, dates, hyphens at line ends,
ligatures, invisible and control characters, right-to-left overrides, HTML, script,
`javascript:` links and template syntax. For every such file, as text, Markdown or PDF:

- gapcheck either refuses it with a GapcheckError naming the file on one line, or
  produces an analysis; no other exception;
- the sections hold every line of the document exactly once, in order;
- every evidence snippet comes from the input: `snippet[start:end] == matched`, and the
  snippet's letters and digits (case, accents, spaces and punctuation aside, which the
  reader normalises) occur in the input, as one run for text and PDF, in order for
  Markdown (which drops markup between words);
- the HTML report is well-formed and inert, the JSON parses, the Markdown has no markup.
"""

from __future__ import annotations

import json
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gapcheck.api import analyse, render
from gapcheck.detection.detector import get_detector
from gapcheck.errors import GapcheckError, NotAResumeError
from gapcheck.reading import read_document
from gapcheck.reading.cleanup import CID_TOKEN
from gapcheck.records import Analysis, Evidence
from gapcheck.sections.headings import SECTION_KINDS
from gapcheck.sections.split import split_sections
from gapcheck.taxonomy.loading import load_taxonomy
from tests.support.hostile_checks import assert_inert_report
from tests.support.hostile_files import build_pdf, one_page_objects, text_content

RESUME_WORDS = (
    "Python", "SQL", "PyTorch", "TensorFlow", "scikit-learn", "C++", "C#", "R", "Go",
    "machine learning", "Machine Learning", "deep learning", "NLP", "CI/CD", "Docker",
    "Kubernetes", "AWS", "Apache Spark", "statistics", "linear algebra", "Git", "MLOps",
    "AWS Certified Machine Learning", "Skills", "SKILLS", "Experience", "Projects",
    "Education", "Certifications", "Summary", "2019 - present", "Jan 2020 – Dec 2021",
    "2018–2020", "3 years", "Senior", "intern", "•", "- ", "* ", "▪", "", "|", ",",
    ";", ":", "/", "(", ")", "mod-\neling", "data-\nparallel", "ﬁne-tuning", "classiﬁcation",
    "Back\u00adend", "\u200b", "\u00a0", "\ufeff", "\u202e", "\u2066", "\x00", "\x1b[31m",
    "\x07", "\f", "\r", "\t", "(cid:42)", "\ue000", "😀", "Ω", "é", "e\u0301", "İ", "ß",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
    "[link](javascript:alert(1))", "</style><style>", "{{ 7*7 }}", "{% raw %}", "${x}",
    "https://github.com/alex-example/project", "alex@example.com", "+1 555 0100",
    "# ", "## ", "**", "__", "`", "~~", "> ", "1. ", "---", "===", "<!--", "-->",
)  # fmt: skip

pieces = st.one_of(
    st.sampled_from(RESUME_WORDS),
    st.text(max_size=12),
    st.sampled_from([" ", " ", "\n", "\n", "\n\n", "  "]),
)
resume_text = st.lists(pieces, max_size=80).map("".join)
# Helvetica with WinAnsiEncoding draws Latin-1 (without the C1 range, where WinAnsi
# puts other characters); the PDF variant keeps to that.
LATIN = st.characters(min_codepoint=32, max_codepoint=255).filter(lambda c: not 127 <= ord(c) < 160)
latin_line = st.lists(
    st.one_of(
        st.sampled_from([w for w in RESUME_WORDS if w.isascii() and "\n" not in w]),
        st.text(alphabet=LATIN, max_size=10),
        st.just(" "),
    ),
    max_size=14,
).map("".join)
pdf_lines = st.lists(latin_line, min_size=1, max_size=40)


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="gapcheck-property-") as folder:
        yield Path(folder)


def canonical(text: str) -> str:
    """Letters and digits only, without accents, case-folded: what cleanup never changes."""
    text = CID_TOKEN.sub("", text)
    decomposed = unicodedata.normalize("NFKD", text)
    kept = (c for c in decomposed.casefold() if not unicodedata.category(c).startswith("M"))
    return "".join(c for c in kept if c.isalnum())


def is_subsequence(needle: str, haystack: str) -> bool:
    remaining = iter(haystack)
    return all(char in remaining for char in needle)


def all_evidence(analysis: Analysis) -> list[Evidence]:
    found = [e for skill in analysis.detection.skills for e in skill.evidence]
    found += [e for cert in analysis.detection.certifications for e in cert.evidence]
    found += [e for item in analysis.hands_on for e in item.evidence]
    return found


def check_file(path: Path, source_text: str, *, in_order_only: bool = False) -> None:
    """Run every property on one input file."""
    try:
        document = read_document(path)
    except GapcheckError as error:
        assert error.subject == path.name
        assert "\n" not in error.message.replace(path.name, "")
        return
    sections = split_sections(document)
    assert {s.kind for s in sections} <= set(SECTION_KINDS)
    regrouped = sum(len(s.lines) + (1 if s.heading else 0) for s in sections)
    assert regrouped == len(document.lines)
    numbers = [line.number for s in sections for line in s.lines]
    assert numbers == sorted(set(numbers))

    whole = canonical(source_text)
    try:
        analysis = analyse(path, today="2026-11-21")
    except NotAResumeError as error:
        # Most random text is no resume: refused on one line, never scored. The detector's
        # evidence must still point at the text it came from.
        assert error.subject == path.name
        assert "\n" not in error.message.replace(path.name, "")
        detection = get_detector(load_taxonomy()).detect(sections, today="2026-11-21")
        for evidence in (e for skill in detection.skills for e in skill.evidence):
            assert evidence.snippet[evidence.start : evidence.end] == evidence.matched
            assert is_subsequence(canonical(evidence.snippet), whole), evidence.snippet
        return
    for evidence in all_evidence(analysis):
        assert evidence.snippet[evidence.start : evidence.end] == evidence.matched
        snippet = canonical(evidence.snippet)
        if in_order_only:
            assert is_subsequence(snippet, whole), (evidence.snippet, source_text)
        else:
            assert snippet in whole, (evidence.snippet, source_text)
    assert_inert_report(render(analysis, "html"))
    json.loads(render(analysis, "json"))
    markdown = render(analysis, "md")
    assert "<script" not in markdown and "<img" not in markdown


PROPERTY_SETTINGS = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@PROPERTY_SETTINGS
@given(text=resume_text)
def test_any_text_file(workdir: Path, text: str) -> None:
    path = workdir / "resume.txt"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    check_file(path, text)


@settings(PROPERTY_SETTINGS, max_examples=60)
@given(text=resume_text)
def test_any_markdown_file(workdir: Path, text: str) -> None:
    path = workdir / "resume.md"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    check_file(path, text, in_order_only=True)


@settings(PROPERTY_SETTINGS, max_examples=40)
@given(lines=pdf_lines)
def test_any_pdf_text(workdir: Path, lines: list[str]) -> None:
    path = workdir / "resume.pdf"
    path.write_bytes(build_pdf(one_page_objects(text_content(lines, size=9))))
    check_file(path, "\n".join(lines))


@settings(PROPERTY_SETTINGS, max_examples=60)
@given(data=st.binary(max_size=400))
def test_any_bytes(workdir: Path, data: bytes) -> None:
    """Bytes that are not text at all: refused or read, never a crash."""
    path = workdir / "resume.txt"
    path.write_bytes(data)
    check_file(path, data.decode("utf-8", "replace"), in_order_only=True)
