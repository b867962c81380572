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


def test_learn_gaps_are_cards_then_a_folded_table_in_rank_order(
    rendered: tuple[BeautifulSoup, dict[str, Any]],
) -> None:
    soup, data = rendered
    learn = [g for g in data["gaps"] if g["action"] == "learn"]
    cards = soup.select("#gaps ol.gap-cards > li.gap-card")
    rows = soup.select("#gaps details.more-gaps table.gaps-table tbody tr")
    assert len(cards) == min(10, len(learn)) and len(rows) == len(learn) - len(cards)
    for card, gap in zip(cards, learn, strict=False):
        assert card["id"] == anchor("gap", gap["skill_id"])
        assert text(card.select_one(".rank")) == str(gap["rank"])
        assert text(card.select_one(".gap-name")) == gap["name"]
        assert text(card.select_one(".reason")).startswith("Why " + " ".join(gap["reason"].split()))
        assert text(card.select_one(".hint")) == "How " + " ".join(gap["hint"].split())
    for row, gap in zip(rows, learn[len(cards) :], strict=True):
        assert row["id"] == anchor("gap", gap["skill_id"])
        assert int(text(row.select_one(".rank"))) == gap["rank"]
        assert text(row.select_one(".gap-name")).startswith(gap["name"])
        assert text(row.select_one(".reason")).startswith(" ".join(gap["reason"].split()))
        assert text(row.select_one(".hint")) == " ".join(gap["hint"].split())
    folded = soup.select_one("details.more-gaps")
    assert (folded is not None) == (len(learn) > 10)
    if folded is not None:
        assert not folded.has_attr("open"), "the lower-ranked gaps start folded"
        assert text(folded.find("summary")) == f"{len(rows)} more to learn, lower ranked"


def test_skills_to_name_are_never_under_a_learn_heading(
    rendered: tuple[BeautifulSoup, dict[str, Any]],
) -> None:
    soup, data = rendered
    show = [g for g in data["gaps"] if g["action"] == "show"]
    learn_places = " ".join(text(soup.select_one(s)) for s in ("#gaps", "#path"))
    for gap in show:
        item = only(soup, f"#show li#{anchor('gap', gap['skill_id'])}")
        assert gap["name"] not in learn_places
        assert gap["shown_by"]["because"] in text(item)
        quoted = item.select_one("blockquote.evidence-line")
        evidence = gap["shown_by"]["evidence"]
        assert " ".join(quoted.get_text().split()) == " ".join(evidence["snippet"].split())
        assert f"page {evidence['page']}, line {evidence['line']}" in text(item)
    assert (soup.select_one("#show") is not None) == bool(show)
    if show:
        heading = text(only(soup, "#show h2"))
        assert heading == "You know these — name them on your resume"
        assert "learn" not in heading.lower()


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
        level = text(card.select_one(".cert-level"))
        assert level.lower().startswith(cert["tier"]) or cert["tier"] == "other", level
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
        first = next(g for g in data["gaps"] if g["action"] == "learn")
        assert steps[0].startswith(f"Learn {first['name']}")


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


def test_job_section_lists_requirements_with_their_posting_lines() -> None:
    soup, data = parse(strong_candidate())
    job = only(soup, "#job")
    assert "Senior Machine Learning Engineer, Search Ranking" in text(job)
    required, preferred = job.select(".requirement-card")
    assert text(required.find("h3")) == "Required (4 of 5 shown)"
    (missing,) = required.select("li.req-missing")
    assert text(missing) == (
        "Missing Kubernetes line 6 Deploy and operate models on Kubernetes (EKS) on AWS"
    )
    shown = required.select("details.req-shown li.req-met")
    assert [text(li.find("strong")) for li in shown] == [
        "Python",
        "PyTorch",
        "Amazon Web Services",
        "Bachelor's degree or Master's degree",
    ]
    assert "(shown: Master's degree)" in text(shown[-1])
    assert "line 7" in text(shown[-1])
    assert text(preferred.find("h3")) == "Preferred (1 of 2 shown)"
    assert "Missing Apache Spark or Apache Flink line 9" in text(preferred)
    requirements = data["job"]["requirements"]
    assert len(job.select("li.requirement")) == len(requirements)


def test_eligibility_is_its_own_block_and_never_a_skill_to_learn() -> None:
    soup, data = parse(strong_candidate())
    block = only(soup, "#job .eligibility-card")
    assert text(block.find("h3")) == "Eligibility"
    assert "not skills to learn" in text(block)
    items = block.select("li.elig")
    checks = data["job"]["eligibility"]
    assert len(items) == len(checks) == 4
    labels = {"met": "Met", "not met": "Not met", "not stated": "Not stated"}
    for item, check in zip(items, checks, strict=True):
        assert text(item.select_one(".elig-status")) == labels[check["status"]]
        assert check["name"] in text(item) and check["detail"] in text(item)
        assert f"line {check['line']} {check['text']}" in text(item)
    assert [i["class"][1] for i in items] == [
        "elig-not-met",
        "elig-met",
        "elig-not-met",
        "elig-not-stated",
    ]
    learn = text(soup.select_one("#gaps"))
    assert all(check["name"] not in learn for check in checks)


def test_a_posting_leads_the_page() -> None:
    soup, _ = parse(strong_candidate())
    headline = only(soup, "#summary .headline")
    assert " ".join(headline.get_text().split()) == (
        "Against Senior Machine Learning Engineer, Search Ranking: "
        "4 of 5 required shown, 1 of 2 preferred"
    )
    assert soup.select_one("main p") is headline, "the headline is the first thing in the page"
    order = [section["id"] for section in soup.select("main > section")]
    assert order[:4] == ["summary", "job", "show", "gaps"]
    assert order.index("job") < order.index("gaps") < order.index("path")
    toc = [a["href"] for a in soup.select("nav.toc a")]
    assert toc == [f"#{i}" for i in order]


def test_without_a_posting_the_role_gaps_follow_the_summary() -> None:
    soup, _ = parse(weak_candidate())
    assert soup.select_one(".headline") is None and soup.select_one("#job") is None
    order = [section["id"] for section in soup.select("main > section")]
    assert order[:3] == ["summary", "show", "gaps"]
    assert [a["href"] for a in soup.select("nav.toc a")] == [f"#{i}" for i in order]


@pytest.mark.parametrize(
    ("make", "sentence"),
    [
        (strong_candidate, "Judged as mid level: 4.5 years of experience since 2021."),
        (weak_candidate, "Judged as entry level: level given with --level."),
        (empty_candidate, "Judged as mid level."),
    ],
)
def test_the_first_screen_says_what_it_judges_against_and_at_which_level(
    make: Any, sentence: str
) -> None:
    soup, data = parse(make())
    card = only(soup, "#summary .score-card")
    assert text(card.select_one(".level-reason")) == sentence
    against = text(card.select_one(".against"))
    assert against.startswith("Measured against the Machine Learning Engineer role")
    assert ("and the posting" in against) == (data["job"] is not None)
    assert float(text(card.select_one(".score-value"))) == pytest.approx(data["score"]["value"])
    # The next steps sit beside the verdict, before every other section.
    assert soup.select_one("#summary .next-card .next-steps") is not None or not data["gaps"]


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
