"""Skill detection: matching, variants, evidence, strength, implied skills, certifications."""

from __future__ import annotations

import dataclasses

import pytest

from gapcheck.detection.detector import get_detector
from gapcheck.detection.strength import ASPIRATION_STRENGTH, SECTION_STRENGTH
from gapcheck.detection.vocabulary import casing_of, spelling_variants
from gapcheck.records import Detection, FoundSkill, Line, Section
from tests.support.detect_helpers import (
    detector,
    found_ids,
    mini_taxonomy,
    section,
    skills_line_ids,
    text_ids,
    trap_taxonomy,
)


def skill(detection: Detection, skill_id: str) -> FoundSkill:
    return next(s for s in detection.skills if s.id == skill_id)


# --------------------------------------------------------------------------- the detector


def test_detector_is_built_once_per_taxonomy() -> None:
    assert get_detector(mini_taxonomy()) is get_detector(mini_taxonomy())
    assert get_detector(mini_taxonomy()) is not get_detector(trap_taxonomy())
    renamed = dataclasses.replace(mini_taxonomy(), digest="another-digest")
    assert get_detector(renamed) is not get_detector(mini_taxonomy())


def test_detect_text_reads_one_line_per_text_line() -> None:
    detection = detector().detect_text(
        "Summary\n\nBuilt models in PyTorch\nUsed Docker", document="post.txt"
    )
    pytorch = skill(detection, "pytorch").evidence[0]
    docker = skill(detection, "docker").evidence[0]
    assert (pytorch.line, pytorch.page, pytorch.section, pytorch.document) == (
        3,
        1,
        "other",
        "post.txt",
    )
    assert docker.line == 4


def test_every_evidence_points_at_its_words() -> None:
    text = (
        "Skills: C++/C#, CI/CD, Node.js, scikit-learn, TensorFlow/Keras (SVM, CNN), A/B testing\n"
        "Built ﬁne-tuned PyTorch models — deployed with Docker; Kubernates on AWS\n"
    )
    detection = detector().detect_text(text)
    assert detection.skills
    for found in detection.skills:
        for evidence in found.evidence:
            assert evidence.snippet[evidence.start : evidence.end] == evidence.matched
            assert evidence.matched.strip() == evidence.matched


def test_words_split_by_list_punctuation_and_kept_names() -> None:
    found = text_ids("C++/C#, CI/CD, Node.js, TensorFlow/Keras (SVM, CNN) and algorithms(CNN)")
    assert {"cpp", "csharp", "ci_cd", "javascript", "tensorflow", "cnn"} <= found
    assert "c" not in found  # "C++" and "C#" are not the language C


def test_slash_pair_names_both_skills() -> None:
    assert {"c", "cpp"} <= text_ids("Languages: C/C++, Python")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("scikit-learn", "scikit_learn"),
        ("Scikit learn", "scikit_learn"),
        ("scikitlearn", "scikit_learn"),
        ("neural network", "neural_networks"),
        ("recurrent neural network", "recurrent_neural_networks"),
        ("CNNs", "cnn"),
        ("time series analysis", "time_series"),
        ("time-series analysis", "time_series"),
        ("Time-Series Analysis", "time_series"),
        ("data visualization", "data_visualisation"),
        ("language modeling", "language_modelling"),
        ("Tensorflow", "tensorflow"),
        ("PYTORCH", "pytorch"),
        ("Pytorch", "pytorch"),
        ("python3", "python"),
    ],
)
def test_spelling_variants_match(text: str, expected: str) -> None:
    assert expected in text_ids(f"Worked with {text} daily.")


def test_longest_match_wins() -> None:
    detection = detector().detect_text("Ran Apache Spark jobs and regression testing")
    spark = skill(detection, "apache_spark")
    assert [e.matched for e in spark.evidence] == ["Apache Spark"]
    assert "software_testing" in found_ids(detection)
    assert "regression" not in found_ids(detection)


def test_name_alias_and_narrower_methods() -> None:
    detection = detector().detect_text("Used Python, Python 3 and LSTM models")
    methods = {(e.matched, e.method) for e in skill(detection, "python").evidence}
    assert methods == {("Python", "exact"), ("Python 3", "alias")}
    lstm = skill(detection, "recurrent_neural_networks").evidence[0]
    assert (lstm.matched, lstm.method) == ("LSTM", "alias")


def test_acronyms_are_case_sensitive() -> None:
    assert "aws" in text_ids("Deployed on AWS")
    assert "aws" not in text_ids("the aws of the lion")
    assert "rest_apis" not in text_ids("The rest of the team relied on me")
    assert "neural_networks" not in text_ids("Mentored by Ann Smith")


def test_word_like_names_need_context_in_lowercase() -> None:
    assert "react" in text_ids("Built dashboards in React and Redux")
    assert "react" not in text_ids("We had to react quickly to outages")
    assert "react" not in text_ids("React quickly to customer feedback")  # sentence start
    assert "react" in text_ids("React components for the admin console")  # technical noun
    assert "python" in text_ids("standardized the python and R dependencies")
    assert "python" not in text_ids("Volunteered at the zoo feeding a python")
    assert "swift" in skills_line_ids("Swift, Kotlin")


def test_all_capitals_lines_need_context_for_words() -> None:
    assert "swift" not in text_ids("A SWIFT RESPONSE TEAM")
    assert "swift" in text_ids("LANGUAGES: SWIFT, JAVA, PYTHON")


# --------------------------------------------------------------------------- fuzzy


@pytest.mark.parametrize(
    ("typo", "expected"),
    [
        ("Kubernates", "kubernetes"),
        ("Tableu", "tableau"),
        ("Pyhton", "python"),
        ("Tensorflw", "tensorflow"),
        ("Scikit lern", "scikit_learn"),
        ("Tensor Flow", "tensorflow"),
    ],
)
def test_misspellings_are_found_with_their_score(typo: str, expected: str) -> None:
    detection = detector().detect_text(f"Tools: {typo}, Git")
    found = skill(detection, expected)
    evidence = found.evidence[0]
    assert evidence.method == "fuzzy"
    assert evidence.matched == typo
    assert evidence.score is not None and 80 <= evidence.score <= 100


@pytest.mark.parametrize(
    "sentence",
    [
        "Reduced the docket backlog and handled patrons at the pythons exhibit",
        "Managed tablets, tabloids and tableaux for the gallery",
        "Attended seminars on kabbalah, cubism and potters' kilns",
        "Our tensile testers and torches were calibrated daily",
    ],
)
def test_ordinary_words_are_never_fuzzy_skills(sentence: str) -> None:
    detection = detector().detect_text(sentence)
    assert [e for s in detection.skills for e in s.evidence if e.method == "fuzzy"] == []


def test_fuzzy_skips_words_already_matched_or_rejected() -> None:
    detection = detector().detect_text("Spark interest in kids; Kubernetes; Dockers")
    fuzzy = [e.matched for s in detection.skills for e in s.evidence if e.method == "fuzzy"]
    assert "Spark" not in fuzzy and "Kubernetes" not in fuzzy


# --------------------------------------------------------------------------- strength


def test_strength_follows_the_section_kind() -> None:
    sections = [
        section("experience", "Trained PyTorch models on GPUs"),
        section("skills", "Docker, Kubernetes", first_line=2),
        section("interests", "Apache Spark", first_line=3),
        section("header", "Python developer", first_line=4),
        section("summary", "Machine learning engineer", first_line=5),
        section("education", "TensorFlow course", first_line=6),
    ]
    detection = detector().detect(sections)
    strengths = {s.id: s.evidence[0].strength for s in detection.skills if s.explicit}
    assert strengths["pytorch"] == SECTION_STRENGTH["experience"] == 1.0
    assert strengths["docker"] == strengths["kubernetes"] == SECTION_STRENGTH["skills"]
    assert strengths["apache_spark"] == SECTION_STRENGTH["interests"]
    assert strengths["python"] == SECTION_STRENGTH["header"]
    assert strengths["machine_learning"] == SECTION_STRENGTH["summary"]
    assert strengths["tensorflow"] == SECTION_STRENGTH["education"]
    assert (
        SECTION_STRENGTH["experience"] > SECTION_STRENGTH["skills"] > SECTION_STRENGTH["interests"]
    )


def test_currently_learning_counts_little_wherever_it_stands() -> None:
    detection = detector().detect([section("skills", "Python; currently learning Kubernetes")])
    assert skill(detection, "kubernetes").strength == ASPIRATION_STRENGTH
    assert skill(detection, "python").strength == SECTION_STRENGTH["skills"]


def test_evidence_is_strongest_first_then_in_document_order() -> None:
    sections = [
        section("skills", "Python", first_line=1),
        section("experience", "Wrote Python services", "Python tooling", first_line=2),
    ]
    evidence = skill(detector().detect(sections), "python").evidence
    assert [(e.strength, e.line) for e in evidence] == [(1.0, 2), (1.0, 3), (0.7, 1)]


def test_skills_are_ordered_by_category_then_name() -> None:
    detection = detector().detect_text("Kubernetes, Docker, PyTorch, TensorFlow, Python, Java")
    categories = list(trap_taxonomy().categories)
    keys = [(categories.index(s.category), s.name.casefold()) for s in detection.skills]
    assert keys == sorted(keys)


def test_portfolio_documents_count_with_their_own_evidence() -> None:
    sections = [
        section("experience", "Built APIs in Python"),
        section("other", "A PyTorch project with Python", document="README.md", role="portfolio"),
    ]
    detection = detector().detect(sections)
    python = skill(detection, "python")
    pytorch = skill(detection, "pytorch")
    assert python.documents == ("resume.pdf", "README.md") and not python.portfolio_only
    assert pytorch.documents == ("README.md",) and pytorch.portfolio_only
    assert pytorch.strength == 0.8


# --------------------------------------------------------------------------- implied


def test_implied_skills_are_transitive_and_kept_apart() -> None:
    detection = detector().detect([section("experience", "Trained LSTM models")])
    rnn = skill(detection, "recurrent_neural_networks")
    deep = skill(detection, "deep_learning")
    ml = skill(detection, "machine_learning")
    assert rnn.explicit and rnn.strength == 1.0
    assert not deep.explicit and deep.strength == 0.5
    assert not ml.explicit and ml.strength == 0.25
    assert (
        deep.evidence[0].method == "implied" and deep.evidence[0].via == "recurrent_neural_networks"
    )
    assert ml.evidence[0].via == "deep_learning"
    assert ml.evidence[0].matched == "LSTM"


def test_implied_credit_raises_a_weak_explicit_mention() -> None:
    sections = [
        section("experience", "PyTorch models"),
        section("interests", "Deep learning", first_line=2),
    ]
    deep = skill(detector().detect(sections), "deep_learning")
    assert deep.explicit
    assert deep.strength == 0.5  # implied by PyTorch used at work beats "interests" (0.3)
    # Evidence is strongest first: the implication the credit rests on, then the mention.
    assert deep.evidence[0].method == "implied" and deep.evidence[0].via == "pytorch"
    assert deep.evidence[-1].method != "implied"


# --------------------------------------------------------------------------- certifications


def test_certifications_by_name_alias_and_exam_code() -> None:
    detection = detector().detect(
        [
            section(
                "certifications",
                "AWS Certified Machine Learning - Specialty",
                "TensorFlow Certified Developer",
                "Passed MLA-C01",
            )
        ]
    )
    held = {c.id: c for c in detection.certifications}
    assert set(held) == {"aws-ml-specialty", "tf-developer", "aws-mla"}
    specialty = held["aws-ml-specialty"]
    assert specialty.status == "retired"
    assert specialty.successor == "AWS Certified Machine Learning Engineer – Associate"
    assert held["aws-mla"].evidence.matched == "MLA-C01"
    assert [c.id for c in detection.certifications] == [
        "tf-developer",
        "aws-mla",
        "aws-ml-specialty",
    ]


def test_certifications_planned_are_not_held() -> None:
    detection = detector().detect(
        [
            section("certifications", "Preparing for AWS Certified Machine Learning Specialty"),
            section("learning", "Deep Learning Specialization", first_line=2),
        ]
    )
    assert detection.certifications == ()


# --------------------------------------------------------------------------- robustness


def test_wrapped_lines_are_joined() -> None:
    lines = (
        Line("Implemented a self-supervised framework for language mod-", page=1, number=1),
        Line("eling and deep", page=1, number=2),
        Line("learning research", page=1, number=3),
    )
    detection = detector().detect([Section("experience", "Experience", lines, "cv.pdf")])
    evidence = skill(detection, "language_modelling").evidence[0]
    assert evidence.matched == "language modeling" and evidence.line == 1
    deep = skill(detection, "deep_learning").evidence[0]
    assert deep.matched == "deep learning" and deep.line == 2


def test_detection_is_deterministic() -> None:
    sections = [
        section(
            "experience",
            "Python, PyTorch, Kubernates, R and Go; LSTM",
            "AWS Certified Machine Learning",
        )
    ]
    assert detector().detect(sections) == detector().detect(sections)


def test_empty_input_finds_nothing() -> None:
    assert detector().detect([]) == Detection(skills=())
    assert detector().detect_text("") == Detection(skills=())


# --------------------------------------------------------------------------- vocabulary


@pytest.mark.parametrize(
    ("term", "casing"),
    [
        ("AWS", "acronym"),
        ("C++", "acronym"),
        ("CNNs", "plain"),
        ("R", "ambiguous"),
        ("Python", "word"),
        ("Spark", "word"),
        ("Tableau", "word"),
        ("Statistics", "plain"),  # sentence case of a field, not a product name
        ("Clustering", "plain"),
        ("Spreadsheets", "plain"),
        ("PyTorch", "plain"),
        ("machine learning", "plain"),
        ("Apache Spark", "plain"),
    ],
)
def test_casing_classes(term: str, casing: str) -> None:
    assert casing_of(term) == casing


def test_spelling_variants_cover_resume_spellings() -> None:
    assert {"scikit-learn", "scikit learn", "scikitlearn"} <= spelling_variants(
        "scikit-learn", "plain"
    )
    assert {"neural network", "neural networks"} <= spelling_variants("neural networks", "plain")
    assert "CNNs" in spelling_variants("CNN", "acronym")
    assert "data visualization" in spelling_variants("data visualisation", "plain")
    assert "Bachelors" in spelling_variants("Bachelor's", "plain")
    assert "B.S" in spelling_variants("B.S.", "plain")
    # One word never changes number: "masters" is not "master", "pandas" not "panda".
    assert "master" not in spelling_variants("masters", "plain")
    assert "panda" not in spelling_variants("pandas", "plain")
