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
        ("[x](javascript:alert(1))", "\\[x\\]\\(javascript:alert(1))"),  # no "](" either
        ("<b>hi</b>", "&lt;b>hi&lt;/b>"),
        ("&lt;b&gt;", "&amp;lt;b&amp;gt;"),
        ("a | b", "a \\| b"),
        ("two\nlines", "two lines"),
    ],
)
def test_markdown_escape(raw: str, escaped: str) -> None:
    assert escape(raw) == escaped


def _section(text: str, title: str) -> str:
    """The body of the Markdown section `## title`."""
    return text.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_markdown_carries_score_gaps_path_certifications_and_skills() -> None:
    analysis = strong_candidate()
    text = render_markdown(analysis)
    assert text.startswith("# Machine Learning Engineer gap report: ada-lovelace-resume.pdf\n")
    assert f"**Score: {analysis.score.value}/100 (Good)**" in text
    headings = re.findall(r"^## (.+)$", text, flags=re.MULTILINE)
    assert headings == [
        "Three things to do next",
        "Against the job posting",
        "You know these — name them on your resume",
        "What to learn, ranked",
        "Learning path",
        "Closest to having",
        "Certifications",
        "Found skills (16)",
    ]
    ranked = re.findall(r"^(\d+)\. \*\*(.+?)\*\* \(", _section(text, "What to learn, ranked"), re.M)
    assert ranked == [(str(g.rank), g.name) for g in analysis.gaps if g.action == "learn"]
    assert (
        f"**{CERT_MLA.name}** (Amazon Web Services, Intermediate (Associate), exam MLA-C01" in text
    )
    assert "successor: AWS Certified Machine Learning Engineer – Associate" in text
    assert "- **Libraries and frameworks**: pandas, PyTorch, scikit-learn, TensorFlow" in text
    assert "Deep learning (implied)" in text
    assert "Trained transformer rankers" not in text, "no evidence walls in an email"
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_markdown_leads_with_the_posting_the_level_and_the_score() -> None:
    text = render_markdown(strong_candidate())
    lead = text.split("\n## ", 1)[0].splitlines()
    assert lead[2] == (
        "**Against Senior Machine Learning Engineer, Search Ranking: "
        "4 of 5 required shown, 1 of 2 preferred**"
    )
    assert "Judged as mid level: 4.5 years of experience since 2021." in lead[4]
    assert lead[4].startswith("Measured against the Machine Learning Engineer role and the posting")
    assert lead[6].startswith("**Score: 73.9/100 (Good)**")
    posting = _section(text, "Against the job posting")
    assert "- Missing: **Kubernetes**, line 6: “Deploy and operate models on Kubernetes" in posting
    assert (
        "- Shown: Bachelor's degree or Master's degree (shown: Master's degree), line 7" in posting
    )
    assert "- Missing: **Apache Spark or Apache Flink**, line 9" in posting
    eligibility = posting.split("Eligibility", 1)[1]
    assert "not skills to learn" in eligibility.splitlines()[0]
    assert "- Not met: **5+ years of experience**: about 4.5 years" in eligibility
    assert "- Not stated: **Authorization to work in the United States**" in eligibility
    assert "(line 12: “Must be authorized to work in the United States”)" in eligibility
    weak = render_markdown(weak_candidate())
    assert "Against the job posting" not in weak and "**Against" not in weak
    assert "Judged as entry level: level given with --level." in weak


def test_markdown_names_the_skills_to_show_apart_from_the_skills_to_learn() -> None:
    for analysis in (strong_candidate(), weak_candidate()):
        text = render_markdown(analysis)
        show = _section(text, "You know these — name them on your resume")
        learn = _section(text, "What to learn, ranked") + _section(text, "Learning path")
        for gap in (g for g in analysis.gaps if g.action == "show"):
            assert gap.shown_by is not None
            assert f"- **{gap.name}**, shown by {gap.shown_by.because}: " in show
            assert f"“{gap.shown_by.evidence.snippet}”" in show
            assert f"**{gap.name}**" not in learn and f"{gap.name} (#" not in learn


def test_markdown_details_the_top_ten_learn_gaps_and_lists_the_rest() -> None:
    analysis = weak_candidate()
    learn = [g for g in analysis.gaps if g.action == "learn"]
    section = _section(render_markdown(analysis), "What to learn, ranked")
    detailed = re.findall(r"^(\d+)\. \*\*(.+?)\*\* \(", section, flags=re.MULTILINE)
    assert detailed == [(str(g.rank), g.name) for g in learn[:10]]
    assert section.count("   How: ") == 10
    (rest,) = [line for line in section.splitlines() if line.startswith("More to learn")]
    assert rest == f"More to learn, lower ranked ({len(learn) - 10}): " + ", ".join(
        f"{g.name} (#{g.rank})" for g in learn[10:]
    )


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
    assert lines[1] == "Judged as entry level: level given with --level"
    assert lines[2].startswith(f"Score {analysis.score.value}/100 Weak")
    steps = [line for line in lines if re.match(r"^  \d\. ", line)]
    learn = [g for g in analysis.gaps if g.action == "learn"]
    assert steps == [
        f"  1. Learn {learn[0].name}",
        "  2. Name Linear algebra on your resume",
        f"  3. Consider the {analysis.certifications[0].name}",
    ]
    reason = lines[lines.index(steps[0]) + 1]
    assert reason == f"     Ranked #1 of your gaps. {learn[0].reason}"
    assert "Name on your resume: Linear algebra (coursework in Linear Algebra)" in lines
    then = next(line for line in lines if line.startswith("Then learn: "))
    assert then == (
        "Then learn: " + ", ".join(g.name for g in learn[1:5]) + " and 13 more in the report"
    )
    assert "Linear algebra" not in then
    assert "Caution: 18% of the text" in text
    assert lines[-1] == "Report: sam-jones-cv.gapcheck.html"
    assert all(len(line) <= 100 for line in lines)


def test_terminal_summary_leads_with_the_posting_before_the_role_gaps() -> None:
    lines = terminal_summary(strong_candidate(), "r.html", color=False).splitlines()
    assert lines[1] == (
        "Against Senior Machine Learning Engineer, Search Ranking: "
        "4 of 5 required shown, 1 of 2 preferred"
    )
    assert lines[2] == "Judged as mid level: 4.5 years of experience since 2021"
    assert "Posting required, missing: Kubernetes (line 6)" in lines
    assert "Posting preferred, missing: Apache Spark or Apache Flink (line 9)" in lines
    eligibility = [line for line in lines if line.startswith("Eligibility: ")]
    assert eligibility[0] == (
        "Eligibility: 5+ years of experience, not met: "
        "about 4.5 years of professional experience (line 4)"
    )
    assert eligibility[1].startswith("Eligibility: Bachelor's degree, met: ")
    assert "not stated" in eligibility[3]
    posting = lines.index("Posting required, missing: Kubernetes (line 6)")
    assert posting < min(i for i, line in enumerate(lines) if line.startswith("Then learn: "))
    assert len(lines) <= 22 and all(len(line) <= 100 for line in lines)
    assert not any(
        line.startswith("Posting ")
        for line in terminal_summary(weak_candidate(), "r.html", color=False).splitlines()
    )


def test_terminal_summary_colours_only_when_asked() -> None:
    analysis = strong_candidate()
    coloured = terminal_summary(analysis, "r.html", color=True)
    assert ANSI.search(coloured)
    assert click.style("73.9/100 Good", bold=True, fg="cyan") in coloured
    assert ANSI.sub("", coloured) == terminal_summary(analysis, "r.html", color=False)


def test_terminal_summary_without_gaps_or_certifications() -> None:
    analysis = replace(
        strong_candidate(), gaps=(), certifications=(), learning_path=(), near_misses=()
    )
    text = terminal_summary(analysis, "r.html", color=False)
    assert "No missing skills for this role." in text
    assert "Consider the" not in text and "Next:" not in text


def test_terminal_summary_when_the_role_expects_nothing() -> None:
    base = strong_candidate()
    analysis = replace(base, gaps=(), score=replace(base.score, items=()))
    text = terminal_summary(analysis, "r.html", color=False)
    assert "lists no expected skills" in text
    assert "No missing skills" not in text
