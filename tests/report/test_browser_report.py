"""The HTML report in a real headless Chromium (Debian's `chromium`, driven by Playwright).

Checks what static parsing cannot: no console errors (a CSP violation is one), no network
request of any kind, planted scripts never run, the script's enhancements work, the page
fits a phone, works without JavaScript, and prints on at most three A4 pages.
Screenshots go to test-artifacts/ (gitignored).

Without chromium these tests skip, except under CI (CI set), where they fail: CI must
install chromium (apt-get install chromium).
"""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gapcheck.records import Analysis
from gapcheck.report.context import build_context
from gapcheck.report.environment import render_html
from tests.support.sample_analysis import (
    HOSTILE_RESUME,
    hostile_candidate,
    strong_candidate,
    weak_candidate,
)

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MAX_PRINTED_PAGES = 3


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(
            f"{reason}; CI must provide it (apt-get install chromium; pip install playwright)"
        )
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed")
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        _unavailable(f"chromium is not installed at {CHROMIUM}")
    executable = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class OpenReport:
    """A rendered report opened from a file:// URL, with everything the page did recorded."""

    def __init__(
        self, browser: Any, analysis: Analysis, folder: Path, name: str, **context: Any
    ) -> None:
        self.file = folder / f"{name}.html"
        self.file.write_text(render_html(analysis), encoding="utf-8")
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.requests: list[str] = []
        self.page.on(
            "console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None
        )
        self.page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(self.file.as_uri())
        self.page.wait_for_load_state("load")

    def outside_requests(self) -> list[str]:
        return [
            url
            for url in self.requests
            if url != self.file.as_uri() and not url.startswith("data:")
        ]

    def assert_quiet(self) -> None:
        assert self.console_errors == []
        assert self.page_errors == []
        assert self.outside_requests() == []

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def open_report(browser: Any, tmp_path: Path) -> Iterator[Any]:
    opened: list[OpenReport] = []

    def opener(analysis: Analysis, name: str, **context: Any) -> OpenReport:
        report = OpenReport(browser, analysis, tmp_path, name, **context)
        opened.append(report)
        return report

    yield opener
    for report in opened:
        report.close()


def test_hostile_report_is_inert_in_a_real_browser(open_report: Any) -> None:
    analysis = hostile_candidate()
    report = open_report(analysis, "hostile")
    page = report.page
    report.assert_quiet()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.title() == build_context(analysis).title
    # Every place a payload could act: open all evidence, hover and click the planted text.
    page.click("#skill-evidence > summary")
    page.click("text=Expand all")
    for mark in page.locator("mark").all()[:5]:
        mark.hover()
    page.locator("li.evidence").first.click()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img").count() == 0
    assert page.locator(".resume-name").inner_text() == HOSTILE_RESUME
    assert page.locator("body").is_visible(), "an injected style must not hide the page"
    report.assert_quiet()
    assert report.screenshot("report-hostile").stat().st_size > 10_000


def test_strong_report_shows_its_content_and_enhancements(open_report: Any) -> None:
    analysis = strong_candidate()
    report = open_report(analysis, "strong")
    page = report.page
    report.assert_quiet()
    assert page.locator("h1").inner_text().startswith("Machine Learning Engineer")
    assert page.locator(".score-value").inner_text() == "73.9"
    learn = [g for g in analysis.gaps if g.action == "learn"]
    assert page.locator("li.gap-card").count() == len(learn)
    assert page.locator("#show li.show-gap").count() == len(analysis.gaps) - len(learn)
    assert page.locator("li.skill").count() == len(analysis.detection.skills)
    assert page.locator("li.cert-card").count() == len(analysis.certifications)
    chart = page.locator("svg.coverage-chart:visible")
    assert chart.count() == 1, "exactly one layout of the chart shows at a time"
    assert "columns-3" in (chart.get_attribute("class") or "")
    assert chart.locator(".chart-bar").count() == len(analysis.score.categories)
    # The posting leads: its headline is the first thing in the page, in the first screen.
    headline = page.locator(".headline")
    assert headline.inner_text().startswith("Against Senior Machine Learning Engineer")
    assert headline.bounding_box()["y"] < page.locator(".next-card").bounding_box()["y"]

    # Filtering and expanding the found skills, once their evidence is opened.
    assert not page.locator("li.skill").first.is_visible(), "evidence starts folded"
    page.click("#skill-evidence > summary")
    page.get_by_label("Filter found skills").fill("torch")
    assert page.locator("li.skill:visible").count() == 1
    assert "1 of 16" in page.get_by_role("status").inner_text()
    page.get_by_label("Filter found skills").fill("")
    page.click("text=Expand all")
    assert page.locator("li.skill details[open]").count() == len(analysis.detection.skills)
    page.click("text=Collapse all")
    assert page.locator("li.skill details[open]").count() == 0
    report.assert_quiet()
    report.screenshot("report-strong")


def test_lower_ranked_gaps_fold_away_and_still_sort(open_report: Any) -> None:
    analysis = weak_candidate()
    report = open_report(analysis, "weak-gaps")
    page = report.page
    report.assert_quiet()
    learn = [g for g in analysis.gaps if g.action == "learn"]
    assert page.locator("li.gap-card").count() == 10
    rows = page.locator("table.gaps-table tbody tr")
    assert rows.count() == len(learn) - 10
    assert not rows.first.is_visible(), "the lower-ranked gaps start folded"
    page.click("details.more-gaps > summary")
    assert rows.first.is_visible()

    # Sorting by skill name, then back by rank.
    page.get_by_role("button", name="Sort by Skill").click()
    names = [
        rows.nth(i).locator(".gap-name").inner_text().split("\n")[0] for i in range(rows.count())
    ]
    assert names == sorted(names, key=str.lower)
    page.get_by_role("button", name="Sort by Rank").click()
    ranks = [int(rows.nth(i).locator(".rank").inner_text()) for i in range(rows.count())]
    assert ranks == sorted(ranks) == [g.rank for g in learn[10:]]
    report.assert_quiet()


def test_report_works_without_javascript(open_report: Any) -> None:
    report = open_report(strong_candidate(), "no-js", java_script_enabled=False)
    page = report.page
    assert page.locator("button").count() == 0
    page.locator("#skill-evidence > summary").click()
    skill = page.locator("li.skill").first
    assert not skill.locator("li.evidence").first.is_visible()
    skill.locator("summary").click()
    assert skill.locator("li.evidence").first.is_visible()
    assert report.outside_requests() == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_report_fits_a_phone(open_report: Any, scheme: str) -> None:
    report = open_report(
        weak_candidate(),
        f"phone-{scheme}",
        viewport={"width": 360, "height": 780},
        color_scheme=scheme,
    )
    page = report.page
    report.assert_quiet()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # The first screen says at which level the resume is judged, the score and the first
    # next step; everything long folds away (the report was ~37 phone screens).
    for selector in (".level-reason", ".score-value", ".next-steps > li"):
        box = page.locator(selector).first.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 780, selector
    assert page.evaluate("document.documentElement.scrollHeight") < 16 * 780
    chart = page.locator("svg.coverage-chart:visible")
    assert chart.count() == 1 and "columns-1" in (chart.get_attribute("class") or "")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert (background == "rgb(15, 20, 27)") is (scheme == "dark")
    report.screenshot(f"report-phone-{scheme}")


def _example_analysis() -> Analysis:
    from gapcheck.api import analyse

    return analyse(REPO / "examples" / "jordan-lee-resume.pdf", today="2026-11-21")


@pytest.mark.parametrize(
    "candidate",
    [strong_candidate, weak_candidate, hostile_candidate, _example_analysis],
    ids=["strong", "weak", "hostile", "example"],
)
def test_report_prints_on_at_most_three_pages(open_report: Any, candidate: Any) -> None:
    from pdfminer.pdfpage import PDFPage

    report = open_report(candidate(), f"print-{candidate.__name__}")
    pdf = report.page.pdf(format="A4")
    pages = sum(1 for _ in PDFPage.get_pages(io.BytesIO(pdf)))
    assert 1 <= pages <= MAX_PRINTED_PAGES


# --------------------------------------------------------------------------- real pipeline


def _write_pdf(path: Path, lines: list[str]) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=True)
    y = 800
    for line in lines:
        pdf.setFont("Helvetica-Bold" if line.isupper() else "Helvetica", 11)
        pdf.drawString(60, y, line)
        y -= 18
    pdf.save()


def test_example_resume_end_to_end(open_report: Any) -> None:
    analysis = _example_analysis()
    report = open_report(analysis, "example")
    page = report.page
    report.assert_quiet()
    assert page.locator(".resume-name").inner_text() == "jordan-lee-resume.pdf"
    assert page.locator("li.skill").count() == len(analysis.detection.skills) > 0
    learn = [g for g in analysis.gaps if g.action == "learn"]
    shown = page.locator("li.gap-card").count() + page.locator("table.gaps-table tbody tr").count()
    assert shown == len(learn)
    assert page.locator("li.show-gap").count() == len(analysis.gaps) - len(learn)
    report.screenshot("report-example")


EXAMPLE_POSTING = """TITLE: Senior Data Scientist / Machine Learning

Qualifications:
BS/MS/PhD in Computer Science, Math, Statistics or a related technical field
4+ years of experience in data science where you deployed machine learning models
Experience with deep neural networks, NLP, dimensionality reduction and ensemble methods
Strong Python and SQL; experience with Spark is a plus
Must be authorized to work in the United States
"""


def test_example_with_a_posting_leads_with_it_on_a_phone(open_report: Any, tmp_path: Path) -> None:
    from gapcheck.api import analyse

    posting = tmp_path / "posting.txt"
    posting.write_text(EXAMPLE_POSTING, encoding="utf-8")
    analysis = analyse(REPO / "examples" / "jordan-lee-resume.pdf", job=posting, today="2026-11-21")
    assert analysis.job is not None
    report = open_report(analysis, "example-posting-phone", viewport={"width": 390, "height": 844})
    page = report.page
    report.assert_quiet()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    headline = page.locator(".headline").bounding_box()
    assert headline is not None and headline["y"] < 844 / 2
    sections = page.evaluate("Array.from(document.querySelectorAll('main > section'), s => s.id)")
    assert sections.index("job") < sections.index("gaps")
    report.screenshot("report-example-posting-phone")


def test_generated_hostile_resume_end_to_end(open_report: Any, tmp_path: Path) -> None:
    from gapcheck.api import analyse

    resume = tmp_path / "<img src=x onerror=alert(1)> {{ 7*7 }}.pdf"
    _write_pdf(
        resume,
        [
            "ALEX DOE",
            "EXPERIENCE",
            "Built models in Python <script>window.__pwned = 1</script> for churn",
            'Deployed Docker images <img src=x onerror="window.__pwned = 2"> nightly',
            "SKILLS",
            "Python, SQL, </style><script>window.__pwned = 3</script>, {{ 7*7 }}",
        ],
    )
    analysis = analyse(resume, today="2026-11-21")
    report = open_report(analysis, "generated-hostile")
    page = report.page
    page.click("#skill-evidence > summary")
    page.click("text=Expand all")
    report.assert_quiet()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img").count() == 0
    assert page.locator(".resume-name").inner_text() == resume.name
    shown = page.locator("main").inner_text()
    assert "<script>window.__pwned = 1</script>" in shown
    assert "{{ 7*7 }}" in shown
    report.screenshot("report-generated-hostile")
