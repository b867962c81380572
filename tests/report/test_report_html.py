"""Structural tests of the HTML report, checked against the JSON of the same analysis."""

from __future__ import annotations

import base64
import hashlib
import itertools
import re
from dataclasses import replace
from typing import Any

import jinja2
import pytest
from bs4 import BeautifulSoup, Tag

from gapcheck.records import Analysis
from gapcheck.report.context import anchor
from gapcheck.report.environment import environment, render_html
from gapcheck.report.jsonout import to_json_dict
from gapcheck.support.resources import templates_dir
from tests.support.sample_analysis import empty_candidate, strong_candidate, weak_candidate

CANDIDATES = {"strong": strong_candidate, "weak": weak_candidate, "empty": empty_candidate}


def parse(analysis: Analysis) -> tuple[BeautifulSoup, dict[str, Any]]:
    return BeautifulSoup(render_html(analysis), "html.parser"), to_json_dict(analysis)


def text(node: Tag | None) -> str:
    assert node is not None
    return " ".join(node.get_text(" ").split())


def only(soup: BeautifulSoup | Tag, selector: str) -> Tag:
    found = soup.select(selector)
    assert len(found) == 1, f"{selector}: {len(found)} matches"
    return found[0]


@pytest.fixture(scope="module", params=sorted(CANDIDATES))
def rendered(request: pytest.FixtureRequest) -> tuple[BeautifulSoup, dict[str, Any]]:
    return parse(CANDIDATES[request.param]())


# --------------------------------------------------------------------------- content vs JSON


def test_gap_table_lists_the_json_gaps_in_rank_order(
    rendered: tuple[BeautifulSoup, dict[str, Any]],
) -> None:
    soup, data = rendered
    rows = soup.select("table.gaps-table tbody tr")
    assert [int(text(r.select_one(".rank"))) for r in rows] == [g["rank"] for g in data["gaps"]]
    for row, gap in zip(rows, data["gaps"], strict=True):
        assert row["id"] == anchor("gap", gap["skill_id"])
        assert text(row.select_one(".gap-name")).startswith(gap["name"])
        assert text(row.select_one(".reason")).startswith(" ".join(gap["reason"].split()))
        assert text(row.select_one(".hint")) == " ".join(gap["hint"].split())


def test_every_found_skill_expands_to_its_evidence(
    rendered: tuple[BeautifulSoup, dict[str, Any]],
) -> None:
    soup, data = rendered
    items = soup.select("li.skill")
    assert len(items) == len(data["skills"])
    for skill in data["skills"]:
        item = only(soup, f"li.skill#{anchor('skill', skill['id'])}")
        assert item.find("details") is not None and item.find("summary") is not None
        assert text(item.select_one(".skill-name")) == skill["name"]
        shown = item.select("li.evidence")
        assert len(shown) == len(skill["evidence"])
        expected = sorted(
            skill["evidence"], key=lambda e: (-e["strength"], e["document"], e["page"], e["line"])
        )
        for node, evidence in zip(shown, expected, strict=True):
            assert text(node.find("mark")) == evidence["matched"]
            line = node.select_one(".evidence-line")
            assert line is not None
            assert " ".join(line.get_text().split()) == " ".join(evidence["snippet"].split())
            meta = text(node.select_one(".evidence-meta"))
            assert f"page {evidence['page']}, line {evidence['line']}" in meta
            assert evidence["document"] in meta
        if not skill["explicit"]:
            assert "implied" in text(item.select_one(".tag-implied"))


def test_certification_cards_match_the_suggestions(
    rendered: tuple[BeautifulSoup, dict[str, Any]],
) -> None:
    soup, data = rendered
    cards = soup.select("li.cert-card")
    assert len(cards) == len(data["certifications"])
    for card, cert in zip(cards, data["certifications"], strict=True):
        assert text(card.select_one(".cert-name")) == cert["name"]
        facts = text(card.find("dl"))
        assert cert["provider"] in facts and cert["level"] in facts
        assert cert["status_date"] in facts
        if cert["exam_code"]:
            assert cert["exam_code"] in facts
        assert [text(li) for li in card.select("ul.covers li")] == cert["covers_names"]
        link = card.select_one(".cert-link a")
        assert (link["href"] if link else None) == cert["url"]


def test_score_category_and_diagnostics_match(
    rendered: tuple[BeautifulSoup, dict[str, Any]],
) -> None:
    soup, data = rendered
    score = data["score"]
    value = text(only(soup, ".score-value"))
    assert float(value) == pytest.approx(score["value"])
    assert text(only(soup, ".band-name")).lower() == score["band"]
    rows = soup.select(".chart-table tbody tr")
    assert [text(r.find("th")) for r in rows] == [c["name"] for c in score["categories"]]
    for chart in soup.select(".coverage-chart"):
        labels = [text(t) for t in chart.select(".chart-label")]
        assert labels == [c["name"] for c in score["categories"]]
    documents = soup.select("table.documents tbody tr")
    assert [text(r.find("th")).split(" ")[0] for r in documents] == [
        d["source"] for d in data["documents"]
    ]


def test_optional_sections_appear_only_with_their_data(
    rendered: tuple[BeautifulSoup, dict[str, Any]],
) -> None:
    soup, data = rendered
    assert (soup.select_one("#job") is not None) == (data["job"] is not None)
    assert len(soup.select("ul.retired > li")) == len(data["retired_certifications"])
    for note, item in zip(
        data["retired_certifications"], soup.select("ul.retired > li"), strict=True
    ):
        assert note["name"] in text(item) and (note["successor"] or "") in text(item)
    assert len(soup.select("ul.hands-on > li")) == len(data["hands_on"])
    assert len(soup.select("ul.near-misses > li")) == len(data["near_misses"])
    steps = [text(li.find("strong")) for li in soup.select(".next-steps > li")]
    assert 0 < len(steps) <= 3 if data["gaps"] else steps == []
    if data["gaps"]:
        assert steps[0] == f"Learn {data['gaps'][0]['name']}"


def test_header_names_the_file_role_level_date_and_versions() -> None:
    soup, data = parse(strong_candidate())
    header = text(soup.find("header"))
    assert data["source"] in header and "Machine Learning Engineer" in header
    assert "Mid level" in header and data["generated_on"] in header
    assert f"gapcheck {data['gapcheck_version']}" in header
    assert (
        f"taxonomy {data['taxonomy']['version']} (facts as of {data['taxonomy']['as_of']})"
        in header
    )


def test_job_section_names_the_missing_required_skills() -> None:
    soup, _ = parse(strong_candidate())
    job = text(soup.select_one("#job"))
    assert "Senior Machine Learning Engineer, Search Ranking" in job
    assert "Missing required: Kubernetes" in job
    assert "3 of 4" in job


# --------------------------------------------------------------------------- page structure


def test_page_has_landmarks_and_an_unbroken_heading_outline(
    rendered: tuple[BeautifulSoup, dict[str, Any]],
) -> None:
    soup, _ = rendered
    for landmark in ("header", "nav", "main", "footer"):
        assert len(soup.find_all(landmark)) == 1, landmark
    assert soup.html is not None and soup.html["lang"] == "en"
    levels = [int(h.name[1]) for h in soup.find_all(re.compile(r"^h[1-6]$"))]
    assert levels[0] == 1 and levels.count(1) == 1
    for previous, current in itertools.pairwise(levels):
        assert current <= previous + 1, f"heading jumps from h{previous} to h{current}"


def test_ids_are_unique_and_in_page_links_resolve(
    rendered: tuple[BeautifulSoup, dict[str, Any]],
) -> None:
    soup, _ = rendered
    ids = [node["id"] for node in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))
    for link in soup.find_all("a", href=True):
        href = str(link["href"])
        if href.startswith("#"):
            assert href[1:] in ids, href


def test_charts_carry_text_alternatives(rendered: tuple[BeautifulSoup, dict[str, Any]]) -> None:
    soup, _ = rendered
    charts = soup.find_all("svg")
    assert len(charts) == 4  # the gauge, and the coverage chart in 1, 2 and 3 columns
    for chart in charts:
        assert chart["role"] == "img"
        labelled = str(chart["aria-labelledby"]).split()
        assert [chart.find(id=i).name for i in labelled] == ["title", "desc"]


def test_page_loads_nothing_and_pins_its_style_and_script_by_hash(
    rendered: tuple[BeautifulSoup, dict[str, Any]],
) -> None:
    soup, _ = rendered
    for tag in (
        "link",
        "img",
        "iframe",
        "object",
        "embed",
        "base",
        "form",
        "audio",
        "video",
        "source",
    ):
        assert soup.find(tag) is None, tag
    assert not soup.find_all(attrs={"src": True}) and not soup.find_all(attrs={"srcset": True})
    for link in soup.find_all("a", href=True):
        href = str(link["href"])
        assert href.startswith(("#", "https://", "http://")), href
        if not href.startswith("#"):
            assert "noopener" in link["rel"] and "noreferrer" in link["rel"]
    style, script = only(soup, "style").string, only(soup, "script").string
    assert style and script
    assert "url(" not in style and "@import" not in style
    csp = str(only(soup, 'meta[http-equiv="Content-Security-Policy"]')["content"])
    assert "default-src 'none'" in csp
    for body in (style, script):
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert not soup.find_all(style=True), "style attributes would be blocked by the CSP"
    assert not [a for node in soup.find_all(True) for a in node.attrs if a.startswith("on")]


def test_evidence_works_without_javascript() -> None:
    soup, _ = parse(strong_candidate())
    details = soup.select("li.skill details")
    assert details and all(d.find("summary") is not None for d in details)
    assert not soup.select("button"), "buttons are added by the script, never dead in the markup"


def test_rendering_is_deterministic() -> None:
    assert render_html(strong_candidate()) == render_html(strong_candidate())


def test_directories_never_appear_in_the_report() -> None:
    analysis = strong_candidate()
    folder = "/home/someone/private/applications/"
    documents = tuple(replace(d, source=folder + d.source) for d in analysis.documents)
    html = render_html(replace(analysis, documents=documents))
    assert "/home/someone" not in html
    assert analysis.documents[0].source in html


def test_empty_analysis_renders_helpful_text() -> None:
    soup, _ = parse(replace(empty_candidate(), certifications=()))
    assert "No skills were recognised" in text(soup.select_one("#skills"))
    assert "No certification" in text(soup.select_one("#certifications"))


# --------------------------------------------------------------------------- templates


def test_environment_escapes_every_template_and_rejects_undefined_names() -> None:
    env = environment()
    assert env.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ missing.name }}").render()
    with pytest.raises(jinja2.UndefinedError):
        env.get_template("report.html.j2").render()


def test_report_templates_never_mark_values_safe() -> None:
    # cohort*.j2 belong to batch mode and are tested there.
    for template in templates_dir().iterdir():
        if template.name.startswith("cohort"):
            continue
        source = template.read_text(encoding="utf-8")
        assert not re.search(r"\|\s*safe\b", source), template.name
        assert "autoescape false" not in source, template.name


def test_a_role_with_no_expected_skills_is_not_reported_as_complete() -> None:
    analysis = replace(
        strong_candidate(),
        score=replace(strong_candidate().score, items=(), categories=()),
        gaps=(),
        learning_path=(),
        near_misses=(),
    )
    soup, _ = parse(analysis)
    assert "lists no expected skills" in text(soup.select_one("#gaps"))
    assert "No missing skills" not in text(soup.select_one("#gaps"))
