"""Taxonomy validation: every kind of mistake gives a clear error naming file, entry and field."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from gapcheck.errors import TaxonomyError
from gapcheck.taxonomy.loading import load, load_taxonomy
from gapcheck.taxonomy.model import Taxonomy

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "mini_taxonomy.yaml"
BASE: dict[str, Any] = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))


def write(tmp_path: Path, data: dict[str, Any], name: str = "broken.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def skill(data: dict[str, Any], skill_id: str) -> dict[str, Any]:
    return next(s for s in data["skills"] if s["id"] == skill_id)


def cert(data: dict[str, Any], cert_id: str) -> dict[str, Any]:
    return next(c for c in data["certifications"] if c["id"] == cert_id)


def error_for(tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> str:
    data = copy.deepcopy(BASE)
    change(data)
    with pytest.raises(TaxonomyError) as caught:
        load(write(tmp_path, data))
    message = caught.value.message
    assert message.startswith("broken.yaml: "), message
    assert str(tmp_path) not in message  # the file's name, never its path
    return message


def test_the_fixture_itself_is_valid(tmp_path: Path) -> None:
    taxonomy = load(write(tmp_path, copy.deepcopy(BASE), "fine.yaml"))
    assert isinstance(taxonomy, Taxonomy)
    assert taxonomy.source == "fine.yaml"
    assert len(taxonomy.skills) == len(BASE["skills"])


def test_unknown_category(tmp_path: Path) -> None:
    message = error_for(tmp_path, lambda d: skill(d, "pytorch").update(category="frameworkz"))
    assert "skill 'pytorch', field 'category': unknown category 'frameworkz'" in message


def test_unknown_stage(tmp_path: Path) -> None:
    message = error_for(tmp_path, lambda d: skill(d, "python").update(stage="basics"))
    assert "skill 'python', field 'stage': unknown stage 'basics'" in message


def test_dangling_implies(tmp_path: Path) -> None:
    message = error_for(tmp_path, lambda d: skill(d, "pytorch").update(implies=["deep_learnin"]))
    assert "skill 'pytorch', field 'implies': unknown skill 'deep_learnin'" in message


def test_dangling_requires(tmp_path: Path) -> None:
    message = error_for(tmp_path, lambda d: skill(d, "kubernetes").update(requires=["dockr"]))
    assert "skill 'kubernetes', field 'requires': unknown skill 'dockr'" in message


def test_dangling_covers(tmp_path: Path) -> None:
    message = error_for(tmp_path, lambda d: cert(d, "aws-mla").update(covers=["aws", "sagemaker"]))
    assert "certification 'aws-mla', field 'covers': unknown skill 'sagemaker'" in message


def test_dangling_successor(tmp_path: Path) -> None:
    message = error_for(
        tmp_path, lambda d: cert(d, "aws-ml-specialty").update(successors=["aws-mlx"])
    )
    assert (
        "certification 'aws-ml-specialty', field 'successors': unknown certification 'aws-mlx'"
        in message
    )


def test_same_alias_on_two_skills(tmp_path: Path) -> None:
    message = error_for(tmp_path, lambda d: skill(d, "pytorch").update(aliases=["torch", "TF2"]))
    # Reported at the later of the two skills in the file.
    assert (
        "skill 'tensorflow', field 'aliases': 'TF2' is also an alias of skill 'pytorch'" in message
    )


def test_alias_collision_ignores_case_and_spacing(tmp_path: Path) -> None:
    message = error_for(tmp_path, lambda d: skill(d, "docker").update(aliases=["Docker", "k8S"]))
    assert (
        "skill 'kubernetes', field 'aliases': 'K8s' is also an alias of skill 'docker'" in message
    )


def test_narrower_term_shadowing_another_skills_alias(tmp_path: Path) -> None:
    message = error_for(tmp_path, lambda d: skill(d, "deep_learning").update(narrower=["PySpark"]))
    assert (
        "skill 'deep_learning', field 'narrower': 'PySpark' is an alias of skill 'apache_spark'"
        in message
    )


def test_cycle_in_implies(tmp_path: Path) -> None:
    message = error_for(
        tmp_path, lambda d: skill(d, "machine_learning").update(implies=["pytorch"])
    )
    assert (
        "field 'implies': cycle deep_learning -> machine_learning -> pytorch -> deep_learning"
        in message
    )


def test_cycle_in_requires(tmp_path: Path) -> None:
    message = error_for(
        tmp_path, lambda d: skill(d, "python").update(requires=["machine_learning"])
    )
    assert "field 'requires': cycle machine_learning -> python -> machine_learning" in message


def test_skill_implying_itself(tmp_path: Path) -> None:
    message = error_for(tmp_path, lambda d: skill(d, "python").update(implies=["python"]))
    assert "skill 'python', field 'implies': a skill cannot imply itself" in message


def test_duplicate_skill_id(tmp_path: Path) -> None:
    def duplicate(data: dict[str, Any]) -> None:
        twin = copy.deepcopy(skill(data, "python"))
        twin.update(name="Python again", aliases=[])
        data["skills"].append(twin)

    assert "skill 'python': duplicate id" in error_for(tmp_path, duplicate)


def test_duplicate_certification_id(tmp_path: Path) -> None:
    def duplicate(data: dict[str, Any]) -> None:
        twin = copy.deepcopy(cert(data, "aws-mla"))
        twin.update(name="Another", aliases=[], exam_code=None)
        data["certifications"].append(twin)

    assert "certification 'aws-mla': duplicate id" in error_for(tmp_path, duplicate)


def test_missing_required_field(tmp_path: Path) -> None:
    message = error_for(tmp_path, lambda d: skill(d, "python").pop("category"))
    assert "skill 'python', field 'category': missing" in message


def test_missing_top_level_as_of(tmp_path: Path) -> None:
    assert "field 'as_of': missing or not a YYYY-MM-DD date" in error_for(
        tmp_path, lambda d: d.pop("as_of")
    )


def test_unknown_emphasis_word(tmp_path: Path) -> None:
    message = error_for(
        tmp_path,
        lambda d: skill(d, "python").update(
            provenance={"g1": {"mentions": 2, "emphasis": "vital"}}
        ),
    )
    assert "skill 'python', field 'provenance': unknown emphasis 'vital' for guide 'g1'" in message


def test_unknown_guide_in_provenance(tmp_path: Path) -> None:
    message = error_for(
        tmp_path,
        lambda d: skill(d, "python").update(
            provenance={"g9": {"mentions": 1, "emphasis": "named"}}
        ),
    )
    assert "skill 'python', field 'provenance': unknown guide 'g9'" in message


def test_unknown_guide_in_named_by(tmp_path: Path) -> None:
    message = error_for(tmp_path, lambda d: cert(d, "tf-developer").update(named_by=["g7"]))
    assert "certification 'tf-developer', field 'named_by': unknown guide 'g7'" in message


def test_misspelled_field_name(tmp_path: Path) -> None:
    message = error_for(tmp_path, lambda d: skill(d, "python").update(alias=["py"]))
    assert "skill 'python': unknown field 'alias'" in message


def test_unknown_certification_status(tmp_path: Path) -> None:
    message = error_for(tmp_path, lambda d: cert(d, "aws-mla").update(status="expired"))
    assert "certification 'aws-mla', field 'status': unknown status 'expired'" in message


def test_ambiguity_rule_accepting_cues_without_any(tmp_path: Path) -> None:
    message = error_for(tmp_path, lambda d: skill(d, "go")["ambiguous"][0].update(accept=["cue"]))
    assert "skill 'go', field 'ambiguous' (term 'Go'): accepts 'cue' but lists no cues" in message


def test_role_factor_for_unknown_category(tmp_path: Path) -> None:
    message = error_for(tmp_path, lambda d: d["roles"][0]["category_factors"].update(mlops=2.0))
    assert "role 'ml-engineer', field 'category_factors': unknown category 'mlops'" in message


def test_role_level_that_does_not_exist(tmp_path: Path) -> None:
    message = error_for(
        tmp_path, lambda d: d["roles"][0]["levels"].update(principal={"categories": {}})
    )
    assert "role 'ml-engineer', field 'levels': unknown level 'principal'" in message


def test_unquoted_comma_in_a_category_name(tmp_path: Path) -> None:
    def add(data: dict[str, Any]) -> None:
        data["categories"].append(
            {"id": "tools", "name": "Libraries", "frameworks and tools": None}
        )

    assert "field 'categories', entry 'tools': unknown field(s) frameworks and tools" in error_for(
        tmp_path, add
    )


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    def break_three(data: dict[str, Any]) -> None:
        skill(data, "pytorch").update(category="nowhere")
        skill(data, "tensorflow").update(implies=["ghost"])
        cert(data, "aws-mla").update(covers=["phantom"])

    message = error_for(tmp_path, break_three)
    assert "3 problems" in message
    lines = message.splitlines()
    assert len(lines) == 4
    assert any("unknown category 'nowhere'" in line for line in lines)
    assert any("unknown skill 'ghost'" in line for line in lines)
    assert any("unknown skill 'phantom'" in line for line in lines)


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("version: 1\nskills: [\n  - id: x\n", encoding="utf-8")
    with pytest.raises(TaxonomyError, match=r"bad\.yaml: is not valid YAML at line \d+"):
        load(path)


def test_not_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(TaxonomyError, match=r"list\.yaml: is not a taxonomy"):
        load(path)


def test_missing_file_names_only_the_file(tmp_path: Path) -> None:
    with pytest.raises(TaxonomyError) as caught:
        load_taxonomy(tmp_path / "nowhere.yaml")
    assert caught.value.message.startswith("nowhere.yaml: no such file")


# --------------------------------------------------------------------------- extension


def write_extension(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "coach.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_extension_adds_skills_roles_and_aliases(tmp_path: Path) -> None:
    path = write_extension(
        tmp_path,
        """
extends: builtin
version: coach-1
guides:
  - {id: acme, title: Acme postings, publisher: Acme, date: "2026-10", file: acme.txt}
skills:
  - id: feast
    name: Feast feature store
    category: deployment_mlops
    stage: advanced
    aliases: [Feast]
    implies: [mlops]
    provenance: {acme: {mentions: 4, emphasis: required}}
extend_skills:
  - id: python
    aliases: [Py3]
roles:
  - id: acme-ml
    name: ML Engineer at Acme
    min_weight: 1.5
    skill_factors: {feast: 2.0}
  - id: data-scientist
    name: Data Scientist (our version)
    min_weight: 3.0
""",
    )
    builtin = load_taxonomy()
    taxonomy = load_taxonomy(path)
    assert taxonomy.extends == "builtin"
    assert taxonomy.version == f"{builtin.version}+coach-1"
    assert len(taxonomy.skills) == len(builtin.skills) + 1
    assert "Py3" in taxonomy.skill("python").aliases
    assert set(builtin.skill("python").aliases) < set(taxonomy.skill("python").aliases)
    assert taxonomy.role("data-scientist").name == "Data Scientist (our version)"
    assert [r.id for r in taxonomy.roles].count("data-scientist") == 1
    assert taxonomy.role("acme-ml").skill_factors == {"feast": 2.0}
    assert taxonomy.digest != builtin.digest


def test_extension_cannot_redefine_a_builtin_skill(tmp_path: Path) -> None:
    path = write_extension(
        tmp_path,
        "extends: builtin\nskills:\n"
        "  - {id: python, name: Python, category: programming_languages, stage: fundamentals}\n",
    )
    with pytest.raises(TaxonomyError, match="skill 'python': duplicate id"):
        load_taxonomy(path)


def test_extension_extending_an_unknown_skill(tmp_path: Path) -> None:
    path = write_extension(
        tmp_path, "extends: builtin\nextend_skills:\n  - {id: pythn, aliases: [Py]}\n"
    )
    with pytest.raises(TaxonomyError, match="extend_skills 'pythn': no skill with this id"):
        load_taxonomy(path)


def test_extension_with_an_unknown_base(tmp_path: Path) -> None:
    path = write_extension(tmp_path, "extends: ../other.yaml\n")
    with pytest.raises(TaxonomyError, match=r"coach\.yaml: field 'extends': unknown base"):
        load_taxonomy(path)


def test_extension_alias_colliding_with_the_builtin(tmp_path: Path) -> None:
    path = write_extension(
        tmp_path,
        "extends: builtin\nskills:\n  - id: dbt_models\n    name: dbt models\n"
        "    category: data_engineering\n    stage: practical\n    aliases: [dbt]\n",
    )
    with pytest.raises(TaxonomyError, match="'dbt' is also an alias of skill 'data_pipelines'"):
        load_taxonomy(path)
