"""The JSON report: valid against the documented schema, reproducible, deterministic."""

from __future__ import annotations

import json
import math
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from gapcheck.report.jsonout import SCHEMA_WITHOUT_1_2_KEYS, render_json, to_json_dict
from gapcheck.version import JSON_SCHEMA_VERSION
from tests.support.sample_analysis import (
    RESUME,
    empty_candidate,
    hostile_candidate,
    strong_candidate,
    weak_candidate,
)

DOCS = Path(__file__).resolve().parents[2] / "docs"
CANDIDATES = (strong_candidate, weak_candidate, empty_candidate, hostile_candidate)


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((DOCS / "gapcheck-report.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("candidate", CANDIDATES, ids=lambda c: c.__name__)
def test_output_validates_against_the_schema(
    candidate: Any, validator: jsonschema.Draft202012Validator
) -> None:
    data = json.loads(render_json(candidate()))
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(data)]
    assert errors == []


def test_schema_rejects_what_the_documentation_forbids(
    validator: jsonschema.Draft202012Validator,
) -> None:
    data = to_json_dict(strong_candidate())
    assert validator.is_valid(data)
    assert not validator.is_valid({**data, "unexpected": 1})
    assert not validator.is_valid({**data, "schema_version": "0.9"})
    broken = json.loads(json.dumps(data))
    broken["skills"][0]["evidence"][0]["method"] = "guess"
    assert not validator.is_valid(broken)


def test_every_documented_top_level_key_is_in_the_documentation() -> None:
    documented = (DOCS / "json-schema.md").read_text(encoding="utf-8")
    for key in to_json_dict(strong_candidate()):
        assert f"| `{key}` |" in documented, key


def test_required_content_is_present() -> None:
    analysis = strong_candidate()
    data = to_json_dict(analysis)
    assert data["schema_version"] == SCHEMA_WITHOUT_1_2_KEYS  # one posting: as before 1.2
    assert data["source"] == RESUME
    assert data["target"] == {
        "role": "ml-engineer",
        "role_name": "Machine Learning Engineer",
        "level": "mid",
        "job": "acme-ml-engineer.txt",
    }
    python = data["skills"][0]
    assert list(python) == [
        "id",
        "name",
        "aliases",
        "category",
        "explicit",
        "strength",
        "years",
        "documents",
        "portfolio_only",
        "evidence",
    ]
    assert python["aliases"] == ["Python 3", "python3"]
    first = python["evidence"][0]
    assert first["snippet"][first["start"] : first["end"]] == first["matched"] == "Python 3"
    implied = next(s for s in data["skills"] if s["id"] == "deep_learning")
    assert implied["explicit"] is False and implied["evidence"][0]["via"] == "pytorch"
    assert [g["rank"] for g in data["gaps"]] == list(range(1, len(data["gaps"]) + 1))
    assert all(g["reason"] for g in data["gaps"])
    assert data["certifications"][0]["covers"] == ["mlops", "model_deployment"]
    assert data["retired_certifications"][0]["successor"].startswith(
        "AWS Certified Machine Learning Engineer"
    )
    assert data["job"]["missing_required"] == ["kubernetes"]


def test_schema_version_is_a_minor_bump_of_1_1() -> None:
    assert JSON_SCHEMA_VERSION == "1.2"
    assert SCHEMA_WITHOUT_1_2_KEYS == "1.1"
    documented = (DOCS / "json-schema.md").read_text(encoding="utf-8")
    assert documented.startswith("# The JSON report (schema version 1.2)")


def test_gaps_say_what_to_do_what_asks_for_them_and_what_shows_them() -> None:
    data = to_json_dict(strong_candidate())
    gap = data["gaps"][0]
    assert list(gap)[-3:] == ["action", "source", "shown_by"]
    assert [(g["skill_id"], g["action"], g["source"]) for g in data["gaps"]] == [
        ("kubernetes", "learn", "posting-required"),
        ("apache_spark", "learn", "posting-preferred"),
        ("mlops", "learn", "role"),
        ("computer_vision", "learn", "role"),
        ("deep_learning", "learn", "role"),
        ("linear_algebra", "show", "role"),
    ]
    assert all(g["shown_by"] is None for g in data["gaps"][:5])
    shown = data["gaps"][5]["shown_by"]
    assert list(shown) == ["because", "evidence"]
    assert shown["because"] == "MSc Statistics (2019)"
    assert shown["evidence"]["snippet"] == "MSc Statistics, University of Edinburgh, 2019"
    assert [s["skill_id"] for step in data["learning_path"] for s in step["skills"]] == [
        "kubernetes",
        "apache_spark",
        "mlops",
        "computer_vision",
        "deep_learning",
    ]


def test_level_and_background_follow_the_target() -> None:
    data = to_json_dict(strong_candidate())
    keys = list(data)
    assert keys[keys.index("target") + 1 : keys.index("target") + 3] == ["level", "background"]
    assert data["level"] == {
        "level": "mid",
        "reason": "mid: 4.5 years of experience since 2021",
        "inferred": True,
    }
    background = data["background"]
    assert list(background) == ["degrees", "positions", "publications", "years_experience"]
    assert background["degrees"] == [
        {"level": "masters", "field": "statistics", "year": 2019, "in_progress": False}
    ]
    assert [list(p) for p in background["positions"]] == [
        ["title", "kinds", "start", "end", "years"]
    ] * 2
    assert background["positions"][0]["title"] == "Machine Learning Engineer"
    assert (background["publications"], background["years_experience"]) == (1, 4.5)
    text = json.dumps(background)
    assert "snippet" not in text and "Acme Search" not in text, "no resume lines, only findings"
    given = to_json_dict(weak_candidate())["level"]
    assert given == {"level": "entry", "reason": "given with --level", "inferred": False}
    empty = to_json_dict(empty_candidate())
    assert empty["level"] is None and empty["background"] is None


def test_job_carries_requirements_counts_and_eligibility() -> None:
    job = to_json_dict(strong_candidate())["job"]
    assert list(job) == [
        "source",
        "title",
        "required",
        "preferred",
        "missing_required",
        "missing_preferred",
        "score",
        "requirements",
        "required_met",
        "required_total",
        "preferred_met",
        "preferred_total",
        "eligibility",
    ]
    assert [job[k] for k in ("required_met", "required_total")] == [4, 5]
    assert [job[k] for k in ("preferred_met", "preferred_total")] == [1, 2]
    degree = job["requirements"][4]
    assert degree == {
        "ids": ["bachelors", "masters"],
        "names": [
            "Bachelor's degree (CS, math, statistics)",
            "Master's degree (ML, AI, data science)",
        ],
        "level": "required",
        "kind": "degree",
        "met": True,
        "met_by": "masters",
        "line": 7,
        "text": "Bachelor's or Master's degree in Computer Science or a related field",
        "example_of": None,
    }
    assert [c["status"] for c in job["eligibility"]] == ["not met", "met", "not met", "not stated"]
    assert list(job["eligibility"][0]) == [
        "kind",
        "name",
        "level",
        "status",
        "detail",
        "line",
        "text",
        "skill_id",
        "years",
        "degree",
        "evidence",
    ]
    assert job["eligibility"][1]["evidence"]["matched"] == "MSc Statistics"


def test_certifications_carry_their_tier() -> None:
    certifications = to_json_dict(strong_candidate())["certifications"]
    assert [(c["level"], c["tier"]) for c in certifications] == [
        ("Associate", "intermediate"),
        ("Associate", "intermediate"),
        ("Intermediate", "intermediate"),
    ]
    assert list(certifications[0])[3:5] == ["level", "tier"]


@pytest.mark.parametrize("candidate", CANDIDATES, ids=lambda c: c.__name__)
def test_score_is_reproducible_from_its_items(candidate: Any) -> None:
    for score in filter(
        None,
        (to_json_dict(candidate())["score"], (to_json_dict(candidate())["job"] or {}).get("score")),
    ):
        items = score["items"]
        possible = sum(i["weight"] for i in items)
        earned = sum(i["weight"] * i["credit"] for i in items)
        assert score["value"] == pytest.approx(
            round(100 * earned / possible, 1) if possible else 0.0
        )
        assert score["possible"] == pytest.approx(possible)
        for category in score["categories"]:
            mine = [i for i in items if i["category"] == category["id"]]
            assert category["possible"] == pytest.approx(sum(i["weight"] for i in mine))


def test_text_is_utf8_deterministic_and_ends_with_a_newline() -> None:
    text = render_json(strong_candidate())
    assert text == render_json(strong_candidate())
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert "Machine Learning Engineer – Associate" in text  # not \u2013
    keys = re.findall(r'^  "(\w+)":', text, flags=re.MULTILINE)
    assert keys == list(to_json_dict(strong_candidate()))
    assert keys[0] == "schema_version"


def test_non_finite_numbers_become_null() -> None:
    analysis = strong_candidate()
    skill = replace(analysis.detection.skills[0], years=math.inf, strength=math.nan)
    analysis = replace(analysis, detection=replace(analysis.detection, skills=(skill,)))
    data = json.loads(render_json(analysis))
    assert data["skills"][0]["years"] is None and data["skills"][0]["strength"] is None


def test_paths_are_reduced_to_file_names() -> None:
    analysis = strong_candidate()
    documents = tuple(replace(d, source=f"/home/someone/{d.source}") for d in analysis.documents)
    text = render_json(replace(analysis, documents=documents))
    assert "/home/someone" not in text
