"""The Markdown report and the terminal summary."""

from __future__ import annotations

import re
from dataclasses import replace

import click
import pytest

from gapcheck.report.markdown import escape, render_markdown
from gapcheck.report.terminal import terminal_summary
from tests.support.sample_analysis import (
    CERT_MLA,
    empty_candidate,
    strong_candidate,
    weak_candidate,
)

ANSI = re.compile(r"\x1b\[[0-9;]*m")


# --------------------------------------------------------------------------- Markdown


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("scikit-learn", "scikit-learn"),  # ordinary punctuation stays readable
        ("C++ and C#", "C++ and C#"),
        ("R&D", "R&D"),
        ("*bold* _it_ `code`", "\\*bold\\* \\_it\\_ \\`code\\`"),
        ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
        ("<b>hi</b>", "&lt;b>hi&lt;/b>"),
        ("&lt;b&gt;", "&amp;lt;b&amp;gt;"),
        ("a | b", "a \\| b"),
        ("two\nlines", "two lines"),
    ],
)
def test_markdown_escape(raw: str, escaped: str) -> None:
    assert escape(raw) == escaped


def test_markdown_carries_score_gaps_path_certifications_and_skills() -> None:
    analysis = strong_candidate()
    text = render_markdown(analysis)
    assert text.startswith("# Machine Learning Engineer gap report: ada-lovelace-resume.pdf\n")
    assert f"**Score: {analysis.score.value}/100 (Good)**" in text
    headings = re.findall(r"^## (.+)$", text, flags=re.MULTILINE)
    assert headings == [
        "Three things to do next",
        "Missing skills, ranked",
        "Learning path",
        "Closest to having",
        "Against the job posting",
        "Certifications",
        "Found skills (16)",
    ]
    ranked = re.findall(
        r"^(\d+)\. \*\*(.+?)\*\* \(",
        text.split("## Missing skills, ranked")[1].split("##")[0],
        flags=re.MULTILINE,
    )
    assert ranked == [(str(g.rank), g.name) for g in analysis.gaps]
    assert f"**{CERT_MLA.name}** (Amazon Web Services, Associate, exam MLA-C01" in text
    assert "successor: AWS Certified Machine Learning Engineer – Associate" in text
    assert "- **Libraries and frameworks**: pandas, PyTorch, scikit-learn, TensorFlow" in text
    assert "Deep learning (implied)" in text
    assert "Trained transformer rankers" not in text, "no evidence walls in an email"
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_markdown_warns_when_the_resume_read_badly() -> None:
    text = render_markdown(weak_candidate())
    assert "> Read with care: 18% of the text in sam-jones-cv.pdf could not be read" in text
    assert "## Warnings" in text


def test_markdown_for_an_empty_analysis() -> None:
    text = render_markdown(replace(empty_candidate(), certifications=()))
    assert "No skills were recognised." in text
    assert "No certification in the taxonomy covers your remaining gaps." in text


# --------------------------------------------------------------------------- terminal


def test_terminal_summary_is_short_plain_and_complete() -> None:
    analysis = weak_candidate()
    text = terminal_summary(analysis, "sam-jones-cv.gapcheck.html", color=False)
    lines = text.splitlines()
    assert len(lines) < 20
    assert "\x1b" not in text
    assert lines[0] == "sam-jones-cv.pdf vs Machine Learning Engineer (entry level)"
    assert lines[1].startswith(f"Score {analysis.score.value}/100 Weak")
    gap_lines = [line for line in lines if re.match(r"^\s+\d+\. ", line)]
    assert [int(line.split(".")[0]) for line in gap_lines] == [1, 2, 3, 4, 5]
    assert gap_lines[0] == f"  1. {analysis.gaps[0].name}"
    reason = lines[lines.index(gap_lines[0]) + 1]
    assert reason == f"     {analysis.gaps[0].reason}"
    assert "... and 14 more in the report" in text
    assert f"Top certification: {analysis.certifications[0].name}" in text
    assert "Caution: 18% of the text" in text
    assert lines[-1] == "Report: sam-jones-cv.gapcheck.html"
    assert all(len(line) <= 100 for line in lines)


def test_terminal_summary_colours_only_when_asked() -> None:
    analysis = strong_candidate()
    coloured = terminal_summary(analysis, "r.html", color=True)
    assert ANSI.search(coloured)
    assert click.style("73.9/100 Good", bold=True, fg="cyan") in coloured
    assert ANSI.sub("", coloured) == terminal_summary(analysis, "r.html", color=False)


def test_terminal_summary_without_gaps_or_certifications() -> None:
    analysis = replace(strong_candidate(), gaps=(), certifications=(), learning_path=())
    text = terminal_summary(analysis, "r.html", color=False)
    assert "No missing skills for this role." in text
    assert "Top certification" not in text


def test_terminal_summary_when_the_role_expects_nothing() -> None:
    base = strong_candidate()
    analysis = replace(base, gaps=(), score=replace(base.score, items=()))
    text = terminal_summary(analysis, "r.html", color=False)
    assert "lists no expected skills" in text
    assert "No missing skills" not in text
