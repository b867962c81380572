"""The cohort page in a real headless Chromium (Debian's `chromium`, driven by Playwright).

No console error (a CSP violation is one), no request; the people table and the matrix
sort; a phone shows no page-wide sideways scroll (only the tables scroll); print shows the
whole matrix. Made-up people only. Skips without chromium, except under CI.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gapcheck.batch.summary import Cell, FitBrief, PersonSummary
from gapcheck.report.cohort import (
    CohortEntry,
    PersonChanges,
    PostingInfo,
    cohort_context,
    render_cohort,
)

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
SKILLS = [("python", "Python"), ("sql", "SQL"), ("docker", "Docker"), ("spark", "Apache Spark")]


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must provide it (apt-get install chromium)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed")
    executable = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if executable is None:
        _unavailable("chromium is not installed")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def entry(label: str, fit: float, codes: str) -> CohortEntry:
    cells = tuple(
        Cell(skill_id, name, code, weight=10.0 - i, posting="required" if i < 3 else "preferred")
        for i, ((skill_id, name), code) in enumerate(zip(SKILLS, codes, strict=True))
    )
    summary = PersonSummary(
        score=100 * fit,
        band="fair",
        gaps=(),
        skills=(),
        warnings=(),
        level="mid",
        cells=cells,
        fit=FitBrief(fit, fit, 1, 3, 0, 1, (), ("Docker",), ()),
    )
    changes = PersonChanges(40.0, 2.5, ("SQL",), (), ("SQL",), ()) if label == "c.txt" else None
    return CohortEntry(label, "analysed", None, summary, changes=changes)


@pytest.fixture
def page_file(tmp_path: Path) -> Path:
    entries = [
        entry("a.txt", 0.50, "smmm"),
        entry("b.txt", 0.75, "mssi"),
        entry("c.txt", 0.25, "eism"),
        CohortEntry("notes.md", "not-a-resume", error="reads like notes, not a resume"),
    ]
    context = cohort_context(
        entries,
        role_name="Machine Learning Engineer",
        level="mid",
        generated_on="2026-11-21",
        gapcheck_version="0",
        posting=PostingInfo("ML Engineer", "posting.txt"),
    )
    path = tmp_path / "index.html"
    path.write_text(render_cohort(context), encoding="utf-8")
    return path


def open_page(browser: Any, path: Path, **options: Any) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(**options)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: problems.append(r.url) if r.url != path.as_uri() else None)
    page.goto(path.as_uri())
    return context, page, problems


def labels(page: Any, table: str) -> list[str]:
    return [str(x) for x in page.eval_on_selector_all(
        f"#{table} tbody tr", "rows => rows.map(r => r.getAttribute('data-label'))"
    )]  # fmt: skip


def test_the_tables_sort_and_the_page_stays_quiet(browser: Any, page_file: Path) -> None:
    context, page, problems = open_page(browser, page_file)
    assert labels(page, "people") == ["b.txt", "a.txt", "c.txt"], "by fit"
    assert labels(page, "matrix") == ["b.txt", "a.txt", "c.txt"]
    page.click('#matrix th[data-skill="python"] button')  # shown first
    assert labels(page, "matrix") == ["a.txt", "c.txt", "b.txt"]
    page.click('#matrix th[data-skill="python"] button')  # and back: missing first
    assert labels(page, "matrix") == ["b.txt", "c.txt", "a.txt"]
    page.click('#matrix th[data-skill="sql"] button')
    assert labels(page, "matrix") == ["b.txt", "c.txt", "a.txt"]
    page.click("#people th:nth-child(2) button")  # file, A to Z
    assert labels(page, "people") == ["a.txt", "b.txt", "c.txt"]
    assert problems == []
    context.close()


def test_a_phone_scrolls_the_tables_not_the_page(browser: Any, page_file: Path) -> None:
    context, page, problems = open_page(
        browser, page_file, viewport={"width": 390, "height": 800}, is_mobile=True
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    for scheme, background in (("light", "rgb(255, 255, 255)"), ("dark", "rgb(15, 20, 27)")):
        page.emulate_media(color_scheme=scheme)
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == background
    assert problems == []
    context.close()


def test_print_shows_the_whole_matrix(browser: Any, page_file: Path) -> None:
    context, page, problems = open_page(browser, page_file)
    page.emulate_media(media="print")
    overflow = page.evaluate("getComputedStyle(document.querySelector('.matrix-wrap')).overflowX")
    assert overflow == "visible"
    assert page.pdf(format="A4")[:4] == b"%PDF"
    assert problems == []
    context.close()
