"""Hostile text from resumes, file names and job postings renders as inert text.

Every payload in sample_analysis.PAYLOADS would do something visible if it escaped:
add an element (script, img, svg, a link), restyle the page, or be evaluated as template
syntax. Here the rendered HTML, Markdown, JSON and terminal text are checked statically;
tests/test_browser_report.py checks the same page in a real browser.
"""

from __future__ import annotations

import json
from dataclasses import replace
from html.parser import HTMLParser

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gapcheck.records import Analysis
from gapcheck.report.environment import _static_assets, render_html
from gapcheck.report.jsonout import render_json
from gapcheck.report.markdown import render_markdown
from gapcheck.report.terminal import terminal_summary
from tests.support.sample_analysis import (
    HOSTILE_POSTING,
    HOSTILE_RESUME,
    PAYLOADS,
    SCRIPT,
    TEMPLATE_EXPR,
    TEMPLATE_STMT,
    hostile_candidate,
    strong_candidate,
)

VOID_ELEMENTS = {"meta", "link", "br", "hr", "img", "input", "source", "wbr", "col", "area", "base"}
SVG_EMPTY = {"rect", "path", "circle", "line"}


class BalanceChecker(HTMLParser):
    """Fails on any end tag that does not close the innermost open element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in VOID_ELEMENTS:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1:]}>"
        self.stack.pop()


def well_formed_tags(html: str) -> list[str]:
    """The page's start tags in order, after checking every element is properly closed."""
    checker = BalanceChecker()
    checker.feed(html)
    checker.close()
    assert checker.stack == [], f"left open: {checker.stack}"
    return checker.tags


def assert_inert(html: str, reference: str) -> None:
    """`html` has exactly the elements of the same report rendered from benign text."""
    soup = BeautifulSoup(html, "html.parser")
    style, script = _static_assets()
    scripts = soup.find_all("script")
    assert len(scripts) == 1 and scripts[0].string == script
    styles = soup.find_all("style")
    assert len(styles) == 1 and styles[0].string == style
    assert soup.find("img") is None and soup.find("iframe") is None
    assert not [a for node in soup.find_all(True) for a in node.attrs if a.lower().startswith("on")]
    for link in soup.find_all("a", href=True):
        assert str(link["href"]).startswith(("#", "https://", "http://"))
    assert sorted(set(well_formed_tags(html))) == sorted(set(well_formed_tags(reference)))


@pytest.fixture(scope="module")
def hostile() -> Analysis:
    return hostile_candidate()


def test_hostile_html_is_inert_and_well_formed(hostile: Analysis) -> None:
    assert_inert(render_html(hostile), render_html(strong_candidate()))


def test_every_payload_is_shown_as_text(hostile: Analysis) -> None:
    soup = BeautifulSoup(render_html(hostile), "html.parser")
    body = soup.find("main")
    assert body is not None
    shown = body.get_text()
    for payload in PAYLOADS:
        assert payload in shown, payload
    resume = soup.select_one(".resume-name")
    assert resume is not None and resume.get_text() == HOSTILE_RESUME
    assert HOSTILE_POSTING in soup.get_text()


def test_template_syntax_in_data_is_never_evaluated(hostile: Analysis) -> None:
    html = render_html(hostile)
    text = BeautifulSoup(html, "html.parser").get_text()
    assert TEMPLATE_EXPR in text and TEMPLATE_STMT in text
    assert "LOOPLOOP" not in text
    benign = BeautifulSoup(render_html(strong_candidate()), "html.parser").get_text()
    assert text.count("49") == benign.count("49")


def test_a_javascript_certification_link_is_not_linked(hostile: Analysis) -> None:
    soup = BeautifulSoup(render_html(hostile), "html.parser")
    assert not soup.select('a[href^="javascript"]')
    assert len(soup.select("li.cert-card")) == len(hostile.certifications)


def test_markdown_escapes_html_and_markdown_syntax(hostile: Analysis) -> None:
    markdown = render_markdown(hostile)
    assert "<" not in markdown, "raw HTML would pass through a Markdown viewer"
    assert "](" not in markdown, "no link can form from resume text"
    assert "&lt;script>" in markdown
    assert "\\{" not in markdown and TEMPLATE_EXPR.replace("*", "\\*") in markdown


def test_json_carries_hostile_text_verbatim(hostile: Analysis) -> None:
    data = json.loads(render_json(hostile))
    assert data["source"] == HOSTILE_RESUME
    assert hostile.job is not None and data["job"]["title"] == hostile.job.title
    snippets = [e["snippet"] for s in data["skills"] for e in s["evidence"]]
    assert snippets == [e.snippet for s in hostile.detection.skills for e in s.evidence]
    assert data["certifications"][-1]["url"] is None  # javascript: dropped


def test_terminal_summary_strips_escape_sequences() -> None:
    analysis = strong_candidate()
    sneaky = "\x1b[2J\x1b]0;owned\x07evil\rname.pdf"
    analysis = replace(
        analysis,
        documents=(replace(analysis.documents[0], source=sneaky), *analysis.documents[1:]),
        gaps=(
            replace(analysis.gaps[0], name="Linear\x1b[31m algebra\n2. fake line"),
            *analysis.gaps[1:],
        ),
    )
    plain = terminal_summary(analysis, "out/\x1b[31mreport.html", color=False)
    assert "\x1b" not in plain and "\x07" not in plain and "\r" not in plain
    assert "\n2. fake line" not in plain
    coloured = terminal_summary(analysis, "report.html", color=True)
    assert "\x1b[2J" not in coloured and "\x1b]0" not in coloured and "\x1b[31m" not in coloured


# --------------------------------------------------------------------------- properties

hostile_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("<>&\"'/={}%#*_[]`!\\:;() \n\t\x00\x1b\u202e")),
        st.characters(codec="utf-8"),
    ),
    max_size=80,
) | st.sampled_from(PAYLOADS)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(snippet=hostile_text, heading=hostile_text, source=hostile_text, title=hostile_text)
def test_any_text_renders_inert(snippet: str, heading: str, source: str, title: str) -> None:
    base = strong_candidate()
    skill = base.detection.skills[0]
    evidence = replace(
        skill.evidence[0],
        snippet=snippet,
        matched=snippet[:5],
        start=0,
        end=len(snippet[:5]),
        heading=heading,
        document=source,
    )
    skills = (replace(skill, evidence=(evidence,)), *base.detection.skills[1:])
    assert base.job is not None
    analysis = replace(
        base,
        detection=replace(base.detection, skills=skills),
        documents=(replace(base.documents[0], source=source or "x"), *base.documents[1:]),
        job=replace(base.job, title=title),
        warnings=(snippet,),
    )
    html = render_html(analysis)
    assert_inert(html, render_html(base))
    assert "<" not in render_markdown(analysis)
    json.loads(render_json(analysis))


# --------------------------------------------------------------------------- the new texts


def test_posting_lines_evidence_lines_and_the_level_reason_are_text(hostile: Analysis) -> None:
    """The posting's requirement and eligibility clauses, the line that shows a skill to
    name and the level's reason (it names a job title) all come from outside."""
    soup = BeautifulSoup(render_html(hostile), "html.parser")
    assert hostile.job is not None and hostile.level is not None
    job = soup.select_one("#job")
    assert job is not None
    for requirement in hostile.job.requirements:
        assert " ".join(requirement.text.split()) in " ".join(job.get_text().split())
    for check in hostile.job.eligibility:
        for value in (check.text, check.name, check.detail):
            assert " ".join(value.split()) in " ".join(job.get_text().split())
    show = soup.select_one("#show")
    assert show is not None
    for gap in hostile.gaps:
        if gap.shown_by is not None:
            quoted = " ".join(show.select_one("blockquote").get_text().split())
            assert quoted == " ".join(gap.shown_by.evidence.snippet.split())
            assert gap.shown_by.because in show.get_text()
    level = soup.select_one(".level-reason")
    assert level is not None and SCRIPT in level.get_text()
    assert not soup.select("#job script, #show script, #summary script, #show img, #job img")


def test_markdown_escapes_the_posting_and_evidence_lines(hostile: Analysis) -> None:
    markdown = render_markdown(hostile)
    for title in ("## Against the job posting", "## You know these — name them on your resume"):
        assert title in markdown
    section = markdown.split("## Against the job posting", 1)[1].split("\n## ", 1)[0]
    assert "&lt;script>" in section and "<" not in section
    show = markdown.split("## You know these", 1)[1].split("\n## ", 1)[0]
    assert "<" not in show and "&lt;" in show
    assert "Judged as mid level" in markdown and "<script" not in markdown


def test_terminal_summary_strips_escapes_from_the_new_texts() -> None:
    analysis = strong_candidate()
    sneaky = "\x1b[2Jwiped\x07"
    assert analysis.job is not None and analysis.level is not None
    job = replace(
        analysis.job,
        title=f"ML {sneaky}",
        requirements=tuple(
            replace(r, names=tuple(f"{n}{sneaky}" for n in r.names), text=sneaky)
            for r in analysis.job.requirements
        ),
        eligibility=tuple(
            replace(c, name=f"{c.name}{sneaky}", detail=sneaky) for c in analysis.job.eligibility
        ),
    )
    gaps = tuple(
        replace(g, shown_by=replace(g.shown_by, because=sneaky)) if g.shown_by else g
        for g in analysis.gaps
    )
    analysis = replace(
        analysis,
        job=job,
        gaps=gaps,
        level=replace(analysis.level, reason=f"mid: {sneaky}\nfake line"),
    )
    for color in (False, True):
        text = terminal_summary(analysis, "r.html", color=color)
        assert "\x1b[2J" not in text and "\x07" not in text
        assert "\nfake line" not in text
