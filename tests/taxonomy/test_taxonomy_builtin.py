"""The built-in taxonomy: valid, complete, and consistent with the facts it was built from."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from gapcheck.taxonomy.knowledge import role_weights
from gapcheck.taxonomy.loading import load_taxonomy
from gapcheck.taxonomy.model import LEVELS, Taxonomy, skill_importance
from gapcheck.taxonomy.validation import validate

SHARED = Path(__file__).resolve().parents[3] / "shared"
LABELS = SHARED / "corpus" / "labels.json"
CERT_FACTS = SHARED / "facts" / "certifications.md"


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy()


def _key(text: str) -> str:
    return " ".join(text.replace("’", "'").casefold().split())


def test_loads_and_validates(taxonomy: Taxonomy) -> None:
    assert validate(taxonomy) == []
    assert taxonomy.source == "skills.yaml"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", taxonomy.as_of)
    assert taxonomy.version


def test_covers_every_area_with_well_over_a_hundred_skills(taxonomy: Taxonomy) -> None:
    assert len(taxonomy.skills) >= 150
    used = {s.category for s in taxonomy.skills}
    assert used == set(taxonomy.categories), "every category holds skills"
    for category in (
        "math_stats",
        "nlp",
        "computer_vision",
        "reinforcement_learning",
        "education",
        "hands_on",
    ):
        assert sum(s.category == category for s in taxonomy.skills) >= 3, category


def test_every_skill_has_a_hint_and_a_stage(taxonomy: Taxonomy) -> None:
    for skill in taxonomy.skills:
        assert skill.hint.strip(), skill.id
        assert skill.stage in taxonomy.stages, skill.id


def test_guides_are_the_four_seeds(taxonomy: Taxonomy) -> None:
    assert [g.id for g in taxonomy.guides] == ["edureka", "optymize", "relia", "india-guide"]
    assert all(g.file.endswith(".txt") for g in taxonomy.guides)


def test_most_skills_come_from_the_guides(taxonomy: Taxonomy) -> None:
    named = [s for s in taxonomy.skills if s.provenance]
    assert len(named) >= 150
    for skill in named:
        assert all(p.mentions > 0 for p in skill.provenance), skill.id


def test_hands_on_skills_the_portfolio_checklist_relies_on(taxonomy: Taxonomy) -> None:
    ids = {s.id for s in taxonomy.skills if s.category == "hands_on"}
    assert {
        "projects_portfolio",
        "github",
        "kaggle",
        "open_source",
        "internships",
        "publications",
    } <= ids


@pytest.mark.corpus
def test_every_label_name_is_a_skill_name_or_alias(taxonomy: Taxonomy) -> None:
    if not LABELS.exists():
        pytest.skip("the labelled corpus (../shared/corpus/labels.json) is not present")
    label_names = json.loads(LABELS.read_text(encoding="utf-8"))["label_names"]
    terms = {}
    for skill in taxonomy.skills:
        for term in (skill.name, *skill.aliases):
            terms.setdefault(_key(term), skill.id)
    missing = [entry["name"] for entry in label_names if _key(entry["name"]) not in terms]
    assert missing == []


def _fact_sections() -> list[tuple[str, str]]:
    text = CERT_FACTS.read_text(encoding="utf-8")
    sections = re.split(r"^## ", text, flags=re.MULTILINE)[1:]
    return [(s.splitlines()[0].strip(), s) for s in sections if "**status**" in s]


def test_certification_facts_are_all_present(taxonomy: Taxonomy) -> None:
    if not CERT_FACTS.exists():
        pytest.skip("the certification facts (../shared/facts/certifications.md) are not present")
    by_name = {}
    for cert in taxonomy.certifications:
        for term in (cert.name, *cert.aliases):
            by_name[_key(term)] = cert
    for title, body in _fact_sections():
        # "Machine Learning (Andrew Ng, Coursera) -> Machine Learning Specialization"
        name = title.split(" -> ")[0]
        cert = by_name.get(_key(name))
        assert cert is not None, f"no certification named {name!r}"
        status = re.search(r"\*\*status\*\*: (\S+)", body)
        assert status is not None
        assert cert.status == status.group(1), cert.id
        code = re.search(r"\*\*exam code\*\*: ([A-Z0-9-]+)", body)
        if code and cert.id != "certified-analytics-professional":  # CAP: an everyday abbreviation
            assert cert.exam_code is not None and code.group(1) in cert.exam_code, cert.id


def test_retired_certifications_stay_and_point_forward(taxonomy: Taxonomy) -> None:
    aws_specialty = taxonomy.certification("aws-ml-specialty")
    assert aws_specialty.status == "retired" and not aws_specialty.recommendable
    assert "aws-ml-engineer-associate" in aws_specialty.successors
    assert "MLS-C01" in aws_specialty.aliases
    for cert in taxonomy.certifications:
        if cert.status in ("retired", "superseded"):
            assert cert.successors, f"{cert.id} is {cert.status} but names no successor"
            assert all(taxonomy.certification(s).recommendable for s in cert.successors), cert.id
    assert taxonomy.certification("tensorflow-developer").status == "closed"


def test_guides_certifications_are_recorded_as_named(taxonomy: Taxonomy) -> None:
    named = {c.id for c in taxonomy.certifications if c.named_by}
    assert {
        "aws-ml-specialty",
        "tensorflow-developer",
        "azure-ai-engineer-associate",
        "gcp-professional-ml-engineer",
        "ibm-ml-professional",
    } <= named
    assert taxonomy.certification("aws-ml-engineer-associate").named_by == ()


def test_importance_follows_the_guides(taxonomy: Taxonomy) -> None:
    def importance(skill_id: str) -> float:
        return skill_importance(taxonomy.skill(skill_id))

    # Named by every guide, with emphasis, versus named once in passing.
    assert importance("python") > 3 * importance("theano")
    assert importance("statistics") > importance("hive")
    assert importance("javascript") == 0.0  # recognised in resumes, named by no guide
    # The India guide lists a master's and a PhD as optional.
    india = {p.guide: p.emphasis for p in taxonomy.skill("phd").provenance}
    assert india.get("india-guide") == "optional"


def test_roles_and_levels(taxonomy: Taxonomy) -> None:
    ids = [r.id for r in taxonomy.roles]
    assert ids[0] == "ml-engineer"
    assert {"data-scientist", "nlp-engineer", "computer-vision-engineer"} <= set(ids)
    for role in ids:
        for level in LEVELS:
            weights = role_weights(taxonomy, role, level)
            assert len(weights) >= 40, (role, level)
            assert "python" in weights, (role, level)
            assert "communication" not in weights  # not scored: never a gap


def test_seniority_changes_what_counts(taxonomy: Taxonomy) -> None:
    entry = role_weights(taxonomy, "ml-engineer", "entry")
    mid = role_weights(taxonomy, "ml-engineer", "mid")
    senior = role_weights(taxonomy, "ml-engineer", "senior")
    assert "leadership" not in entry and "leadership" in senior
    assert senior["system_design"] > mid["system_design"] > entry.get("system_design", 0.0)
    assert senior["model_deployment"] > entry["model_deployment"]
    assert entry["projects_portfolio"] > senior["projects_portfolio"]
    assert "internships" in entry and "internships" not in senior


def test_roles_differ_where_the_guides_contrast_them(taxonomy: Taxonomy) -> None:
    engineer = role_weights(taxonomy, "ml-engineer", "mid")
    scientist = role_weights(taxonomy, "data-scientist", "mid")
    nlp = role_weights(taxonomy, "nlp-engineer", "mid")
    assert engineer["model_deployment"] > scientist.get("model_deployment", 0.0)
    assert scientist["statistical_analysis"] > engineer["statistical_analysis"]
    assert scientist["r"] > engineer.get("r", 0.0)
    assert nlp["nlp"] > 2 * engineer["nlp"]
