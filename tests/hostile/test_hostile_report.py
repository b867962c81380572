"""Hostile text through the real pipeline renders as text: resume, file names, postings.

tests/report/test_report_injection.py plants payloads in hand-built records; here they travel
the way a stranger would send them: in the lines of a text, Markdown and PDF resume, in
the resume's file name, in a job posting's title and requirements, and in a portfolio
page's links, then through reading, sections, detection, scoring and every renderer.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from gapcheck.api import analyse, render
from gapcheck.records import Analysis
from tests.support.hostile_checks import assert_inert_report
from tests.support.hostile_files import build_pdf, one_page_objects, text_content
from tests.support.sample_analysis import (
    CSS_INJECTION,
    IMG,
    LINK,
    SCRIPT,
    STYLE_BREAKOUT,
    SVG,
    TEMPLATE_EXPR,
)

TEMPLATE_LOOP = "{% for x in range(3) %}LOOP{% endfor %}"
JAVASCRIPT_URL = "javascript:window.__pwned='url'"
# Each payload sits on a line with a skill, so it is shown as that skill's evidence.
RESUME_LINES = (
    "Alex Example",
    "Skills",
    f"Python {SCRIPT}",
    f"Docker {IMG}",
    f"SQL {LINK}",
    f"Kubernetes {STYLE_BREAKOUT}",
    f"PyTorch {SVG}",
    f"Pandas {TEMPLATE_EXPR} {TEMPLATE_LOOP}",
    f"Git {CSS_INJECTION} {JAVASCRIPT_URL}",
    "Experience",
    "Machine Learning Engineer, 2021 - 2024",
    "Built and deployed machine learning models for ranking and search",
)
RESUME_NAME = "<img src=x onerror=alert(1)> {{ 7*7 }} résumé"
POSTING_NAME = "posting <b onmouseover=alert(1)>bold {{ 7*7 }}.md"
POSTING = f"""Title: ML Engineer {SCRIPT} {TEMPLATE_EXPR}
Company: Example {STYLE_BREAKOUT}

## Requirements
- Python and SQL {IMG}
- Kubernetes, Docker {LINK}
- TensorFlow {CSS_INJECTION} [apply]({JAVASCRIPT_URL})
"""
PORTFOLIO_PAGE = f"""<!doctype html><html><head><title>Projects {SCRIPT}</title></head>
<body><h2>Projects</h2>
<p>Recommender in PyTorch: <a href="{JAVASCRIPT_URL}">demo</a></p>
<p>Airflow pipelines <a href="https://github.com/alex-example/pipes">code</a></p>
<p onmouseover="window.__pwned='hover'">Spark jobs {TEMPLATE_EXPR}</p>
</body></html>
"""
README = f"# Tools\n\nMLflow tracking [notes]({JAVASCRIPT_URL}) <script>x()</script> {IMG}\n"


def _write_resume(folder: Path, kind: str) -> Path:
    if kind == "pdf":
        path = folder / f"{RESUME_NAME}.pdf"
        path.write_bytes(build_pdf(one_page_objects(text_content(RESUME_LINES, size=7))))
    elif kind == "md":
        path = folder / f"{RESUME_NAME}.md"
        path.write_text("\n\n".join(RESUME_LINES), encoding="utf-8")
    else:
        path = folder / f"{RESUME_NAME}.txt"
        path.write_text("\n".join(RESUME_LINES), encoding="utf-8")
    return path


@pytest.fixture(scope="module", params=["txt", "md", "pdf"])
def hostile_analysis(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Analysis:
    folder = tmp_path_factory.mktemp(f"injection-{request.param}")
    resume = _write_resume(folder, str(request.param))
    posting = folder / POSTING_NAME
    posting.write_text(POSTING, encoding="utf-8")
    (folder / "site.html").write_text(PORTFOLIO_PAGE, encoding="utf-8")
    (folder / "README.md").write_text(README, encoding="utf-8")
    return analyse(
        resume,
        [folder / "site.html", folder / "README.md"],
        job=posting,
        today="2026-11-21",
    )


def test_html_report_is_inert(hostile_analysis: Analysis) -> None:
    soup = assert_inert_report(render(hostile_analysis, "html"))
    text = soup.get_text()
    # Shown as text, exactly as written: the file names and template syntax.
    assert RESUME_NAME in text
    assert TEMPLATE_EXPR in text
    assert "LOOPLOOP" not in text
    assert not soup.select('a[href^="javascript"]')


def test_the_payloads_reach_the_report_as_text(hostile_analysis: Analysis) -> None:
    """Evidence lines carry the payloads; where a line is shown, its markup is visible text."""
    snippets = [e.snippet for s in hostile_analysis.detection.skills for e in s.evidence]
    shown = BeautifulSoup(render(hostile_analysis, "html"), "html.parser").get_text()
    payloads = (SCRIPT, IMG, LINK, SVG, STYLE_BREAKOUT, CSS_INJECTION)
    carried = [p for p in payloads if any(p in s for s in snippets)]
    if hostile_analysis.documents[0].kind != "md":  # Markdown strips tags as it reads
        assert carried, "the evidence lost every payload: nothing was tested"
    for payload in carried:
        assert payload in shown, payload


def test_job_posting_title_and_name_are_text(hostile_analysis: Analysis) -> None:
    assert hostile_analysis.job is not None
    assert SCRIPT in hostile_analysis.job.title
    text = assert_inert_report(render(hostile_analysis, "html")).get_text()
    assert hostile_analysis.job.title in text
    assert POSTING_NAME in text


def test_markdown_report_cannot_inject(hostile_analysis: Analysis) -> None:
    markdown = render(hostile_analysis, "md")
    assert "<script" not in markdown and "<img" not in markdown and "<svg" not in markdown
    assert not re.search(r"\]\(\s*javascript:", markdown, re.I)
    assert "LOOPLOOP" not in markdown


def test_json_keeps_the_text_verbatim(hostile_analysis: Analysis) -> None:
    data = json.loads(render(hostile_analysis, "json"))
    assert data["source"] == hostile_analysis.documents[0].source
    assert RESUME_NAME in data["source"]
    assert hostile_analysis.job is not None
    assert data["job"]["title"] == hostile_analysis.job.title
