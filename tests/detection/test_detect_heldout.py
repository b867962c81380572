"""Detection on the held-out resumes in benchmarks/heldout/ and the rules they led to.

The held-out resumes are part of the repository (written for the benchmark, never taken
from the corpus), so these tests always run. The floors sit just under the measured
figures: a change that costs held-out precision or recall has to say why.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from gapcheck.detection.detector import get_detector
from gapcheck.records import Detection, Line, Section
from tests.support.detect_helpers import BENCHMARKS, benchmark_module, builtin_taxonomy, section

HELDOUT = BENCHMARKS / "heldout"


@pytest.fixture(scope="module")
def labels() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((HELDOUT / "labels.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    heldout = benchmark_module("heldout")
    measured: dict[str, Any] = heldout.measure(builtin_taxonomy(), HELDOUT, None)
    return measured


def _ids(detection: Detection) -> set[str]:
    return {s.id for s in detection.skills if s.explicit}


def _detect(*sections: Section) -> Detection:
    return get_detector(builtin_taxonomy()).detect(list(sections))


# --------------------------------------------------------------------------- the data


def test_every_label_quotes_its_resume(labels: dict[str, Any]) -> None:
    names = {n["name"] for n in labels["label_names"]}
    assert len(labels["labels"]) >= 30
    for entry in labels["labels"]:
        text = (HELDOUT / entry["file"]).read_text(encoding="utf-8")
        for label in entry["skills"]:
            assert label["name"] in names, (entry["file"], label["name"])
            assert label["evidence"] in text, (entry["file"], label["evidence"])
        assert set(entry.get("not_scored", [])) <= names, entry["file"]


def test_every_label_name_maps_onto_a_skill(labels: dict[str, Any]) -> None:
    accuracy = benchmark_module("accuracy")
    mapping = accuracy.map_labels(labels["label_names"], builtin_taxonomy())
    assert [name for name, skill in mapping.items() if skill is None] == []


def test_trap_resumes_and_every_batch_are_present(labels: dict[str, Any]) -> None:
    kinds = [e.get("kind") for e in labels["labels"]]
    assert kinds.count("trap") >= 8
    assert {e["batch"] for e in labels["labels"]} == {1, 2, 3}


# --------------------------------------------------------------------------- the figures


def test_heldout_figures_stay_near_what_was_measured(result: dict[str, Any]) -> None:
    full = result["heldout"]
    assert full["files"] >= 30
    assert full["precision"] >= 0.98, full["per_file"]
    assert full["recall"] >= 0.97
    corpus_vocabulary = result["heldout_corpus_vocabulary"]
    assert corpus_vocabulary["precision"] >= 0.98
    assert corpus_vocabulary["recall"] >= 0.97


def test_trap_resumes_give_no_false_skill(result: dict[str, Any]) -> None:
    assert result["traps"]["files"] >= 8
    assert result["traps"]["false_positives"] == 0
    assert result["traps"]["labels_found"] == result["traps"]["labels"]


# --------------------------------------------------------------------------- the rules


def test_a_heading_names_skills_with_its_sections_strength() -> None:
    projects = Section(
        kind="projects",
        heading="Deep Learning Projects",
        lines=(Line(text="Depth completion for glass objects (2021)", page=1, number=8),),
        document="resume.md",
    )
    found = {s.id: s for s in _detect(projects).skills if s.explicit}
    evidence = found["deep_learning"].evidence[0]
    assert (evidence.matched, evidence.line, evidence.strength) == ("Deep Learning", 7, 1.0)


def test_a_heading_alone_over_no_lines_is_not_read() -> None:
    empty = Section(kind="projects", heading="Deep Learning Projects", lines=(), document="x")
    assert _ids(_detect(empty)) == set()


def test_a_name_broken_between_two_list_lines_is_found_across_the_seam() -> None:
    skills = section("skills", "Tableau | Power BI | Excel | Machine", "Learning | NLP | Spark")
    detection = _detect(skills)
    assert "machine_learning" in _ids(detection)
    evidence = next(s for s in detection.skills if s.id == "machine_learning").evidence[0]
    assert evidence.matched == "Machine Learning"
    assert evidence.snippet[evidence.start : evidence.end] == "Machine Learning"


def test_no_seam_after_a_finished_sentence() -> None:
    lines = section("experience", "Wrote the report on deep.", "Learning new tools is fun.")
    assert "deep_learning" not in _ids(_detect(lines))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Docker · k8s · Airflow 2 · Git", "data_pipelines"),  # a version after the name
        ("GCP (Vertex AI, BigQuery) · TF 2.x · PyTorch", "tensorflow"),
        ("CI on GitHub Actions", "github"),  # the product a longer term is named after
        ("Built a text classification model", "machine_translation"),  # overlapping terms
        ("RESTful web services for the mobile app", "rest_apis"),  # camel case, first word
        ("b.s. economics, texas state university", "bachelors"),  # dotted, lower case
        ("Fake news detection with 91% accuracy on the test set", "model_evaluation"),
        ("LANGUAGES: PYTHON, GO, SQL", "go"),  # capitals in a line written in capitals
        ("Mostly backend services written in Go", "go"),
        ("BA (Hons) English Literature, University of Exeter", "bachelors"),
        ("Recurrent and convolutional networks for speech", "rnn"),
    ],
)
def test_genuine_uses_are_found(line: str, expected: str) -> None:
    assert expected in _ids(_detect(section("experience", line)))


@pytest.mark.parametrize(
    ("line", "forbidden"),
    [
        ("Built Snakemake pipelines for RNA-seq", "mlops"),  # not "SageMaker Pipelines"
        ("M.Tech Computer Science, VIT Vellore", "transformers"),  # not "ViT"
        ("Ready to GO live on Monday", "go"),  # capitals outside a capitals line
        ("Shipped GO annotations for 3,000 genes", "go"),
    ],
)
def test_lookalikes_are_not_found(line: str, forbidden: str) -> None:
    assert forbidden not in _ids(_detect(section("experience", line)))
