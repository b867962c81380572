"""The cohort page: a pure context with the right counts, rendered inert and offline."""

from __future__ import annotations

import re
from dataclasses import FrozenInstanceError
from html.parser import HTMLParser

import pytest

from gapcheck.batch.summary import GapBrief, PersonSummary
from gapcheck.report.cohort import (
    COHORT_SCRIPT,
    COHORT_STYLE,
    BandCount,
    CohortContext,
    CohortEntry,
    FailedRow,
    cohort_context,
    render_cohort,
)
from gapcheck.report.environment import _static_assets, content_security_policy, csp_hash
from gapcheck.support.resources import templates_dir

STYLE, SORT_SCRIPT = _static_assets(COHORT_STYLE, COHORT_SCRIPT)
CSP = content_security_policy(STYLE, SORT_SCRIPT)


def person(
    label: str, score: float, band: str, gaps: list[str], warnings: tuple[str, ...] = ()
) -> CohortEntry:
    summary = PersonSummary(
        score=score,
        band=band,
        gaps=tuple(GapBrief(g.lower(), g, rank, 0.0) for rank, g in enumerate(gaps, 1)),
        skills=("Python", "SQL"),
        warnings=warnings,
    )
    return CohortEntry(
        label=label, status="analysed", report=f"reports/{label}.html", summary=summary
    )


ENTRIES = [
    person("b.pdf", 55.0, "fair", ["Docker", "Kubernetes", "Git", "Linux"]),
    person("a.pdf", 55.0, "fair", ["Docker"]),
    person("c.pdf", 91.5, "strong", []),
    person("d.pdf", 12.0, "weak", ["Docker", "Git", "SQL"], warnings=("two-column layout",)),
    CohortEntry(
        label="z.pdf",
        status="failed",
        error="z.pdf: is encrypted; remove the password",
        failure_kind="input",
    ),
    CohortEntry(
        label="y.pdf",
        status="failed",
        error="took longer than the 5 s limit",
        failure_kind="timeout",
    ),
]


def context() -> CohortContext:
    return cohort_context(
        ENTRIES,
        role_name="Machine Learning Engineer",
        level="mid",
        generated_on="2026-11-21",
        gapcheck_version="0.1.0",
    )


def test_people_are_ranked_by_score_then_label_with_their_top_three_gaps() -> None:
    people = context().people
    assert isinstance(people, tuple)
    assert [p.label for p in people] == ["c.pdf", "a.pdf", "b.pdf", "d.pdf"]
    assert people[2].top_gaps == ("Docker", "Kubernetes", "Git")
    assert people[3].warnings == ("two-column layout",)


def test_common_gaps_count_people_over_the_analysed_cohort() -> None:
    # Every gap weighs the same here (the default): the order is the share lacking it,
    # then the name.
    gaps = context().common_gaps
    assert isinstance(gaps, tuple)
    assert [(g.name, g.count) for g in gaps] == [
        ("Docker", 3),
        ("Git", 2),
        ("Kubernetes", 1),
        ("Linux", 1),
        ("SQL", 1),
    ]
    assert gaps[0].text == "3 of 4 lack Docker"
    assert gaps[0].percent == 75
    assert gaps[0].bar_width > gaps[1].bar_width > 0


def weighted(label: str, gaps: list[tuple[str, float, str]]) -> CohortEntry:
    """A person whose gaps are (name, weight, action), ranked as listed."""
    summary = PersonSummary(
        score=50.0,
        band="fair",
        gaps=tuple(
            GapBrief(name.lower(), name, rank, 0.0, weight, action)
            for rank, (name, weight, action) in enumerate(gaps, 1)
        ),
        skills=(),
        warnings=(),
    )
    return CohortEntry(label=label, status="analysed", summary=summary)


def test_common_gaps_are_ordered_by_weight_times_the_share_missing_them() -> None:
    entries = [
        weighted("a", [("Docker", 1.0, "learn"), ("System design", 8.0, "learn")]),
        weighted("b", [("Docker", 1.0, "learn"), ("Airflow", 2.0, "learn")]),
        weighted("c", [("Docker", 1.0, "learn"), ("Airflow", 2.0, "learn")]),
        weighted("d", [("Docker", 1.0, "learn"), ("Calculus", 9.0, "show")]),
    ]
    gaps = cohort_context(
        entries, role_name="ML", level="mid", generated_on="2026-11-21", gapcheck_version="0"
    ).common_gaps
    # System design: 8 x 1/4 = 2; Docker: 1 x 4/4 = 1; Airflow: 2 x 2/4 = 1 (a tie: by name).
    assert [(g.name, g.importance) for g in gaps] == [
        ("System design", 2.0),
        ("Airflow", 1.0),
        ("Docker", 1.0),
    ]
    assert [g.weight for g in gaps] == ["8", "2", "1"]
    # Calculus is a skill person d evidently has but never names: not one the cohort lacks.
    assert "Calculus" not in [g.name for g in gaps]


def test_a_skills_weight_is_its_mean_over_the_people_lacking_it() -> None:
    entries = [
        weighted("a", [("Docker", 3.0, "learn")]),
        weighted("b", [("Docker", 1.0, "learn"), ("SQL", 2.5, "learn")]),
        weighted("c", []),
    ]
    gaps = cohort_context(
        entries, role_name="ML", level="mid", generated_on="2026-11-21", gapcheck_version="0"
    ).common_gaps
    assert [(g.name, g.weight, g.count) for g in gaps] == [("Docker", "2", 2), ("SQL", "2.5", 1)]
    assert gaps[0].importance == pytest.approx(2.0 * 2 / 3, abs=1e-6)


def test_top_gaps_and_gap_counts_are_of_the_skills_to_learn() -> None:
    entry = weighted(
        "a",
        [("Docker", 1.0, "learn"), ("Git", 1.0, "learn"), ("Calculus", 2.0, "show")],
    )
    assert entry.summary is not None and entry.summary.top_gaps == ("Docker", "Git")
    ctx = cohort_context(
        [entry], role_name="ML", level="mid", generated_on="2026-11-21", gapcheck_version="0"
    )
    assert ctx.people[0].gap_count == 2 and ctx.people[0].top_gaps == ("Docker", "Git")


def test_counts_histogram_and_failures() -> None:
    ctx = context()
    assert (ctx.total, ctx.analysed, ctx.failed_count) == (6, 4, 2)
    assert ctx.median_score == "55.0"
    histogram = ctx.histogram
    assert [bar.count for bar in histogram.bars] == [0, 1, 0, 0, 0, 2, 0, 0, 0, 1]
    tallest = max(histogram.bars, key=lambda bar: bar.height)
    assert tallest.low == 50
    assert ctx.failed == (
        FailedRow(label="y.pdf", reason="took longer than the 5 s limit", kind="timeout"),
        FailedRow(label="z.pdf", reason="z.pdf: is encrypted; remove the password", kind="input"),
    )
    assert ctx.bands == (
        BandCount(band="weak", count=1),
        BandCount(band="fair", count=2),
        BandCount(band="good", count=0),
        BandCount(band="strong", count=1),
    )


def test_the_context_is_frozen() -> None:
    ctx = context()
    with pytest.raises(FrozenInstanceError):
        ctx.total = 0  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        ctx.people[0].label = "x"  # type: ignore[misc]


def test_an_empty_cohort_still_renders() -> None:
    html = render_cohort(
        cohort_context(
            [],
            role_name="Machine Learning Engineer",
            level="mid",
            generated_on="2026-11-21",
            gapcheck_version="0",
        )
    )
    assert "No file could be analysed" in html


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._inside = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._inside = tag if tag in ("script", "style") else ""

    def handle_data(self, data: str) -> None:
        if self._inside == "script":
            self.scripts.append(data)
        elif self._inside == "style":
            self.styles.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._inside = ""


def test_hostile_file_names_and_reasons_render_as_text() -> None:
    payload = "<script>alert(1)</script>{{ 7*7 }}" + '"><img src=x onerror=alert(2)>'
    payload += "javascript:alert(3)</style>"
    entries = [
        person(payload + ".pdf", 50.0, "fair", [payload]),
        CohortEntry(label=payload, status="failed", error=payload, failure_kind="input"),
    ]
    ctx = cohort_context(
        entries, role_name=payload, level="mid", generated_on="2026-11-21", gapcheck_version="0"
    )
    html = render_cohort(ctx)
    parser = _Tags()
    parser.feed(html)
    assert [t for t, _ in parser.tags].count("script") == 1
    assert parser.scripts == [SORT_SCRIPT]
    assert not [
        t
        for t, _ in parser.tags
        if t in ("img", "iframe", "object", "embed", "link", "style") and t != "style"
    ]
    assert [t for t, _ in parser.tags].count("style") == 1
    assert "49" not in re.sub(r"[^0-9]+", " ", html.split("<body>")[1]).split(), (
        "template syntax is never evaluated"
    )
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    for _tag, attrs in parser.tags:
        assert not any(name.startswith("on") for name in attrs)
        href = attrs.get("href") or ""
        assert not href.lower().startswith("javascript:")


def test_the_page_is_offline_and_its_only_script_is_allowed_by_hash() -> None:
    html = render_cohort(context())
    parser = _Tags()
    parser.feed(html)
    csp = [
        a["content"]
        for t, a in parser.tags
        if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert csp == [CSP]
    assert "default-src 'none'" in CSP and csp_hash(SORT_SCRIPT) in CSP
    assert parser.scripts == [SORT_SCRIPT]
    assert not re.search(r"(?:src|href)=\"(?:https?:)?//", html), "no external resource"
    assert 'href="reports/a.pdf.html"' in html
    assert "3 of 4 lack Docker" in html


def _policy(csp: str) -> dict[str, list[str]]:
    directives = (part.split() for part in csp.split(";") if part.strip())
    return {name: values for name, *values in directives}


@pytest.mark.parametrize("entries", [ENTRIES, []], ids=["cohort", "empty"])
def test_the_csp_pins_the_inline_style_and_script_by_hash_with_no_unsafe_inline(
    entries: list[CohortEntry],
) -> None:
    html = render_cohort(
        cohort_context(
            entries,
            role_name="Machine Learning Engineer",
            level="mid",
            generated_on="2026-11-21",
            gapcheck_version="0",
        )
    )
    parser = _Tags()
    parser.feed(html)
    (csp,) = [
        a["content"] or ""
        for t, a in parser.tags
        if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    policy = _policy(csp)
    # Exactly the one inline block of each kind is allowed, and it is the one on the page.
    assert len(parser.styles) == 1 and len(parser.scripts) == 1
    assert policy["style-src"] == [csp_hash(parser.styles[0])]
    assert policy["script-src"] == [csp_hash(parser.scripts[0])]
    assert policy["default-src"] == ["'none'"]
    # The blocks are the shipped files, unchanged: the style and script live in templates/.
    assert (parser.styles[0], parser.scripts[0]) == (STYLE, SORT_SCRIPT)
    folder = templates_dir()
    assert (folder / COHORT_STYLE).read_text(encoding="utf-8") == STYLE
    assert (folder / COHORT_SCRIPT).read_text(encoding="utf-8") == SORT_SCRIPT
    assert not re.search(r"\sstyle=", html), "no style attribute: the CSP would block it"


# --------------------------------------------------------------------------- the new parts


def _posting_cohort() -> str:
    from gapcheck.batch.summary import Cell, FitBrief
    from gapcheck.report.cohort import PersonChanges, PostingInfo

    def entry(label: str, fit: float, codes: str, changes: PersonChanges | None) -> CohortEntry:
        cells = (
            Cell("python", "Python", codes[0], weight=9.0, posting="required"),
            Cell("docker", "Docker", codes[1], weight=6.0, posting="required"),
            Cell("aws", "AWS <cloud>", codes[2], weight=3.0, posting="preferred"),
        )
        summary = PersonSummary(
            score=50.0,
            band="fair",
            gaps=(),
            skills=("Python",),
            warnings=(),
            level="senior",
            cells=cells,
            fit=FitBrief(fit, fit, 1, 2, 0, 1, ("Master's degree",), ("Docker",), ("AWS",)),
        )
        return CohortEntry(label, "analysed", f"reports/{label}.html", summary, changes=changes)

    entries = [
        entry("ann.pdf", 0.25, "sem", PersonChanges(40.0, 10.0, ("Python",), (), ("python",), ())),
        entry("bo.pdf", 0.75, "sie", None),
        CohortEntry("posting.txt", "not-a-resume", error="reads like a job posting"),
        CohortEntry("logo.png", "skipped", error="skipped because of its type (.png)"),
    ]
    return render_cohort(
        cohort_context(
            entries,
            role_name="Machine Learning Engineer",
            level="level inferred per person",
            generated_on="2026-11-21",
            gapcheck_version="0",
            posting=PostingInfo("ML Engineer at Example", "posting.txt"),
        )
    )


def test_the_posting_page_ranks_by_fit_and_shows_the_matrix_changes_and_every_status() -> None:
    html = _posting_cohort()
    assert "Cohort fit: ML Engineer at Example" in html
    body = html.split('<table id="people"')[1].split("</table>")[0]
    assert body.index("bo.pdf") < body.index("ann.pdf"), "the better fit first"
    assert "75%" in body and "1 of 2" in body and "✕ Master&#39;s degree" in body
    assert "+10.0" in body and "now shown: Python" in body and "no earlier result" in body
    matrix = html.split('<table id="matrix"')[1].split("</table>")[0]
    assert 'colspan="2">Required' in matrix and 'colspan="1">Preferred' in matrix
    assert "AWS &lt;cloud&gt;" in matrix
    # Every cell carries its glyph and its word: never colour alone.
    cell = r'<td class="cell c(-?\d)">(.)<span class="sr"> ([a-z -]+)</span></td>'
    cells = re.findall(cell, matrix)
    assert cells == [
        ("3", "●", "shown"),
        ("1", "◐", "implied"),
        ("2", "◆", "shown-by-evidence"),
        ("3", "●", "shown"),
        ("2", "◆", "shown-by-evidence"),
        ("0", "○", "missing"),
    ]
    failed = html.split('<table class="failed"')[1]
    assert "not-a-resume" in failed and "reads like a job posting" in failed
    assert "skipped because of its type (.png)" in failed
    assert re.search(r"<b>1</b>not-a-resume", html) and re.search(r"<b>1</b>skipped", html)
    assert not re.search(r"\sstyle=", html)


def test_the_stylesheet_has_dark_mode_a_phone_layout_and_a_print_layout() -> None:
    assert "@media (prefers-color-scheme: dark)" in STYLE
    assert "@media (max-width: 640px)" in STYLE
    assert "@media print" in STYLE
    assert "position: sticky" in STYLE, "the matrix keeps the person column in view"
    assert "overflow-x: auto" in STYLE, "wide tables scroll sideways on a phone"


def test_the_script_only_sorts() -> None:
    # No markup is built and no resume text is interpreted: the script reads attributes.
    for forbidden in ("innerHTML", "outerHTML", "insertAdjacentHTML", "eval(", "Function("):
        assert forbidden not in SORT_SCRIPT
