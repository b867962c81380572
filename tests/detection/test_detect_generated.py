"""Generated resumes: known skills in many spellings, misspellings and traps.

Each resume is assembled with a fixed seed from skill spellings (exact, variant,
misspelled), sentence templates and trap sentences that name no skill; the detector must
find exactly the skills that were put in, no more and no fewer.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gapcheck.records import Detection, Section
from tests.support.detect_helpers import detector, section

# Skill id -> ways a resume writes it (exact, variants, misspellings).
SPELLINGS: dict[str, list[str]] = {
    "python": ["Python", "python3", "Python 3", "Pyhton"],
    "pytorch": ["PyTorch", "Pytorch", "pytorch", "PyTorhc"],
    "tensorflow": ["TensorFlow", "Tensorflow", "tensorflow", "Tensorflw", "Tensor Flow", "TF2"],
    "scikit_learn": [
        "scikit-learn",
        "Scikit learn",
        "sklearn",
        "Scikit-Learn",
        "scikitlearn",
        "Scikit lern",
    ],
    "kubernetes": ["Kubernetes", "K8s", "Kubernates", "kubernetes"],
    "docker": ["Docker", "containerization", "containers"],
    "tableau": ["Tableau", "Tableu"],
    "aws": ["AWS", "Amazon Web Services"],
    "recurrent_neural_networks": ["LSTM", "RNNs", "recurrent neural networks", "GRU"],
    "cnn": ["CNN", "CNNs", "convolutional neural networks", "ConvNets"],
    "time_series": ["time series analysis", "time-series analysis", "Time Series Analysis"],
    "data_visualisation": ["data visualization", "data visualisation", "Data Visualization"],
    "ci_cd": ["CI/CD", "continuous integration"],
    "javascript": ["Node.js", "JavaScript"],
    "cpp": ["C++"],
    "csharp": ["C#"],
    "java": ["Java", "JAVA"],
    "sql": ["SQL", "MySQL"],
    "apache_spark": ["Apache Spark", "PySpark", "Spark SQL"],
    "go": ["Golang"],
    "hypothesis_testing": ["A/B testing", "statistical inference"],
    "software_testing": ["unit testing", "regression testing"],
}
# Spellings that also name a generic skill they end in ("convolutional neural networks"
# are neural networks: longest.py keeps a generic tail of another skill's term).
ALSO_NAMES: dict[str, set[str]] = {
    "recurrent neural networks": {"neural_networks"},
    "convolutional neural networks": {"neural_networks"},
}
# Only in lists: bare ambiguous names.
LIST_ONLY: dict[str, list[str]] = {"r": ["R"], "c": ["C"], "go": ["Go"], "apache_hive": ["Hive"]}

SKILL_LINES = ["Skills: {}", "Tools | {}", "Technologies: {}"]
SEPARATORS = [", ", " | ", " • ", "; "]
BULLETS = [
    "Built forecasting services with {} and {}",
    "Migrated the reporting stack from {} to {}",
    "Mentored two interns on {} and {}",
    "Cut inference latency by 40% using {} with {}",
    "Wrote internal guides covering {}, {} and code review",
]
TRAPS = [
    "Led the go-to-market plan for the new product line",
    "Managed the R&D budget and briefed the C-suite",
    "Outreach events that spark interest in engineering",
    "I excel at building trust with stakeholders",
    "Please find a CV attached for the hiring panel",
    "Taught Pig Latin to primary school pupils",
    "The rest of the team relied on my planning",
    "Raised a Series C round with vitamin C sponsors",
    "A hive of activity during the holiday season",
    "Proficient in MS Office and MS Teams",
    "Fed the python at the reptile house on weekends",
    "Reduced the docket backlog and welcomed patrons",
    "Organised tablets, tabloids and tableaux for the gallery",
    "Ready to go above and beyond for every client",
    "Reports reviewed by John C. Smith",
]


def generate(seed: int) -> tuple[list[Section], set[str]]:
    rng = random.Random(seed)  # noqa: S311 - seeded test data, not cryptography
    expected: set[str] = set()
    ids = sorted(SPELLINGS)
    listed = rng.sample(ids, 6)
    listed_words = [rng.choice(SPELLINGS[i]) for i in listed]
    expected |= set(listed)
    for word in listed_words:
        expected |= ALSO_NAMES.get(word, set())
    for bare in rng.sample(sorted(LIST_ONLY), 2):
        listed_words.insert(rng.randrange(1, len(listed_words)), LIST_ONLY[bare][0])
        expected.add(bare)
    skills_line = rng.choice(SKILL_LINES).format(rng.choice(SEPARATORS).join(listed_words))
    bullets = []
    for template in rng.sample(BULLETS, 3):
        used = rng.sample(ids, template.count("{}"))
        expected |= set(used)
        words = [rng.choice(SPELLINGS[i]) for i in used]
        for word in words:
            expected |= ALSO_NAMES.get(word, set())
        bullets.append(template.format(*words))
    for trap in rng.sample(TRAPS, 4):
        bullets.insert(rng.randrange(0, len(bullets) + 1), trap)
    sections = [
        section("summary", rng.choice(TRAPS), first_line=1),
        section("skills", skills_line, first_line=2),
        section("experience", *bullets, first_line=3),
        section("interests", rng.choice(TRAPS), first_line=3 + len(bullets)),
    ]
    return sections, expected


def explicit(detection: Detection) -> set[str]:
    return {s.id for s in detection.skills if s.explicit}


@pytest.mark.parametrize("seed", range(40))
def test_generated_resume_finds_exactly_what_was_put_in(seed: int) -> None:
    sections, expected = generate(seed)
    detection = detector().detect(sections)
    text = "\n".join(line.text for s in sections for line in s.lines)
    assert explicit(detection) == expected, text
    for found in detection.skills:
        for evidence in found.evidence:
            assert evidence.snippet[evidence.start : evidence.end] == evidence.matched


def test_every_trap_alone_finds_nothing() -> None:
    for trap in TRAPS:
        for kind in ("experience", "skills", "summary"):
            assert explicit(detector().detect([section(kind, trap)])) == set(), (trap, kind)


WORDS = st.sampled_from(
    [
        "Python",
        "R",
        "Go",
        "C",
        "C++",
        "CV",
        "Spark",
        "spark",
        "Excel",
        "AWS",
        "-",
        "/",
        ",",
        "(",
        ")",
        "•",
        "and",
        "the",
        "ﬁ",
        "\u00ad",
        "2019",
        "–",
        "present",
        "Kubernates",
        "  ",
        "R&D",
        "'s",
        "é",
        "\u200b",
    ]
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(WORDS, st.text(max_size=6)), max_size=25))
def test_any_text_gives_consistent_evidence(words: list[str]) -> None:
    text = " ".join(words)
    detection = detector().detect_text(text)
    lines = text.split("\n")
    for found in detection.skills:
        assert 0 < found.strength <= 1
        for evidence in found.evidence:
            assert evidence.snippet[evidence.start : evidence.end] == evidence.matched
            assert evidence.matched
            assert 1 <= evidence.line <= len(lines)
