"""Everyday phrases from resumes of every trade that must not become skills.

Each trap was found by reading resumes of nurses, teachers, chefs, lawyers, recruiters,
logisticians, salespeople and engineers, not by looking at the detector. Each family of
traps has genuine uses beside it that must still count, so a test cannot pass by
finding nothing. All run against the built-in taxonomy, in running text and in a Skills
section where the phrase could stand there.
"""

from __future__ import annotations

import pytest

from gapcheck.detection.detector import get_detector
from gapcheck.records import Detection
from tests.support.detect_helpers import builtin_taxonomy, section


def _ids(detection: Detection) -> set[str]:
    return {s.id for s in detection.skills if s.explicit}


def _found(kind: str, text: str) -> set[str]:
    return _ids(get_detector(builtin_taxonomy()).detect([section(kind, text)]))


# (sentence, skill ids that must not be found)
TRAPS: list[tuple[str, set[str]]] = [
    # coffee, islands, snakes, comedians and writers
    ("Prepare 300 drinks a shift, from a single Java espresso to flat whites", {"java"}),
    ("Single-origin Java and Sumatra coffees for the dessert pairings", {"java"}),
    ("Volunteered in Central Java, Indonesia for three months", {"java"}),
    ("Lifelong Monty Python fan and amateur actor", {"python"}),
    ("Captain of the Glasgow Go club: the board game", {"go"}),
    ("Saw the moons of Jupiter through a borrowed telescope", {"jupyter"}),
    # everyday words that are library names in lowercase
    ("Filled three notebooks with sketches for the exhibition", {"jupyter"}),
    ("Carried the Olympic torch through Leeds in 2012", {"pytorch"}),
    ("Visited the pandas at the Chengdu research base", {"pandas"}),
    ("Coordinate 300 shipping containers a week between terminals", {"docker"}),
    ("Track reefer containers and escalate temperature alarms", {"docker"}),
    ("Repaired power transformers and switchgear at the substation", {"transformers"}),
    ("Treated recurrent infections on the paediatric ward", {"rnn"}),
    ("Organised retraining for 30 warehouse staff after the merger", {"model_monitoring"}),
    # names of people and of companies
    ("Worked with Sarah Jenkins on the year-end audit", {"ci_cd"}),
    ("Cassandra Wilson, Line Manager, references on request", {"databases"}),
    ("At the confluence of design and engineering", {"collaboration_tools"}),
    ("Business Analyst, Ubuntu Mutual Bank, Johannesburg", {"linux"}),
    ("Producer at CNN, covering two elections", {"cnn"}),
    ("Prometheus and Grafana for alerting on the payment services", {"model_monitoring"}),
    # degrees, jobs and health care
    ("LLM in Tax Law, NYU School of Law", {"generative_ai"}),
    ("LLM, Harvard Law School, 2015", {"generative_ai"}),
    ("Masters swimming champion, 2019", {"masters"}),
    ("Cared for MS patients at the University Hospital neurology unit", {"masters"}),
    ("Lead CV risk assessments for 25 outpatients a week", {"computer_vision"}),
    ("Worked as a PCA on a dementia ward", {"dimensionality_reduction"}),
    ("Managed PCA pumps for post-operative patients", {"dimensionality_reduction"}),
    ("EDA tools: Cadence Virtuoso, Synopsys Design Compiler", {"eda"}),
    ("Certified NLP practitioner and life coach", {"nlp"}),
    ("Driving licence: B, BE", {"bachelors"}),
    ("English (C1), German (B1)", {"c"}),
    # business phrases around data words
    ("Forecasting demand for umbrellas from the weekly weather outlook", {"time_series"}),
    ("Enterprise sales, pipeline management, forecasting, negotiation", {"time_series"}),
    ("Led the night shift; picking accuracy of 99.7%", {"model_evaluation"}),
    ("Own forecast accuracy for the region, within 3% for ten quarters", {"model_evaluation"}),
    ("Regression in win rates after a price change", {"regression"}),
    ("Noticed early signs of regression in reading", {"regression"}),
    ('Lead the school\'s "Deep Learning" pedagogy project', {"deep_learning"}),
    ("Steep deep learning curve on the new till system", {"deep_learning"}),
    ("Use standardised testing results to group pupils", {"software_testing"}),
    ("A cloud-spotting guide I wrote with my class", {"cloud_platforms"}),
    ("Keep every child's attention on what matters", {"seq2seq"}),
    ("Slow-roasted suckling pig; honey from the rooftop hive", {"pig", "hive"}),
    ("Trained commis chefs to excel under pressure", {"spreadsheets"}),
    ("Ready to go the extra mile; owned the go/no-go decisions", {"go"}),
    ("Partnered with R & D on packaging", {"r"}),
    ("Design of concrete bridges (concrete class C35/45)", {"c"}),
    ("Migrated the last Objective-C modules to Swift; a C# plugin for Unity", {"c"}),
]

# Genuine uses of the same words, which must still count.
GENUINE: list[tuple[str, str]] = [
    ("Java 17 and Spring Boot microservices", "java"),
    ("Python scripts for the monthly report", "python"),
    ("Exploratory analysis in Jupyter notebooks with pandas", "jupyter"),
    ("Exploratory analysis in notebooks with pandas", "pandas"),
    ("Built models in torch and TensorFlow", "pytorch"),
    ("Ran containers on Kubernetes with Helm", "docker"),
    ("Fine-tuned transformers for named entity recognition", "transformers"),
    ("Automated model retraining when data drift is detected", "model_monitoring"),
    ("Monitored PSI drift on the credit models", "model_monitoring"),
    ("CI with Jenkins pipelines on every merge request", "ci_cd"),
    ("Cassandra and MongoDB clusters for the event store", "databases"),
    ("Jira and Confluence for sprint documentation", "collaboration_tools"),
    ("Administered Ubuntu and CentOS servers", "linux"),
    ("Trained a CNN on 20,000 leaf images", "cnn"),
    ("Fine-tuned an LLM on support tickets", "generative_ai"),
    ("LLM-powered assistant with retrieval", "generative_ai"),
    ("MS in Computer Science, Georgia Tech", "masters"),
    ("Master degree in Informatics, Cairo University", "masters"),
    ("CV engineer: object detection and segmentation on camera feeds", "computer_vision"),
    ("Dimensionality reduction with PCA and UMAP", "dimensionality_reduction"),
    ("Performed EDA on 2M rows of sales data", "eda"),
    ("NLP pipeline for support tickets with spaCy", "nlp"),
    ("Weekly demand forecasting models with Prophet", "time_series"),
    ("Forecasting sales with ARIMA models", "time_series"),
    ("Model accuracy of 94% on the held-out test set", "model_evaluation"),
    ("Regression models for house prices", "regression"),
    ("Regression analysis of same-store sales", "regression"),
    ("Deep learning with PyTorch for medical images", "deep_learning"),
    ("Unit testing with pytest and UI tests with XCTest", "software_testing"),
    ("Deployed on cloud infrastructure; reduced cloud spend by 28%", "cloud_platforms"),
    ("Attention mechanisms for low-resource translation", "seq2seq"),
    ("Hadoop jobs: Pig scripts and Hive tables", "pig"),
    ("Hadoop jobs: Pig scripts and Hive tables", "hive"),
    ("Advanced Excel skills (pivot tables, VLOOKUP)", "spreadsheets"),
    ("Rewrote the settlement service in Go", "go"),
    ("Languages: Python, R, SQL", "r"),
    ("Firmware in C and C++ for ARM microcontrollers", "c"),
    ("BA (Hons) Economics, University of Bristol", "bachelors"),
    ("Recurrent neural networks and LSTMs for speech", "rnn"),
]


@pytest.mark.parametrize(("sentence", "forbidden"), TRAPS)
@pytest.mark.parametrize("kind", ["experience", "summary", "interests"])
def test_trap_is_no_skill(kind: str, sentence: str, forbidden: set[str]) -> None:
    assert _found(kind, sentence) & forbidden == set()


@pytest.mark.parametrize(("sentence", "expected"), GENUINE)
def test_genuine_use_counts(sentence: str, expected: str) -> None:
    assert expected in _found("experience", sentence)


def test_every_trap_family_has_a_genuine_use() -> None:
    guarded = set().union(*(forbidden for _, forbidden in TRAPS))
    genuine = {expected for _, expected in GENUINE}
    taxonomy = {skill.id for skill in builtin_taxonomy().skills}
    assert guarded <= taxonomy  # a trap guarding a skill that does not exist tests nothing
    assert guarded - genuine == set()
