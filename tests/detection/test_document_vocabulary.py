"""A long-lived detector's vocabulary stays bounded (gapcheck.detection.tokens.DocumentTokenizer).

Documents are tokenized in a vocabulary apart from the taxonomy's, renewed once it holds
its bound of strings; the taxonomy's vocabulary never grows, and what is detected is the
same before, between and after renewals. The resumes are made up here, each with words
no vocabulary has seen.
"""

from __future__ import annotations

import pickle
import random
import string

import pytest

from gapcheck.detection.detector import Detector, get_detector
from gapcheck.detection.tokens import MAX_DOCUMENT_STRINGS, DocumentTokenizer
from gapcheck.taxonomy.loading import load_taxonomy

BOUND = 3_000

RESUME = """Experience
Data engineer at {company}, 2019 - 2024
• Built ETL pipelines in Python and SQL on AWS with {word} and Docker
• Trained PyTorch models; deployed them with Kubernetes near {place}
Skills
Python, R, Go, scikit-learn, TensorFlow, {word2}, Excel
Interests
learning Rust, hiking with {name}
"""


def _made_up(rng: random.Random, length: int = 9) -> str:
    return "".join(rng.choices(string.ascii_letters, k=length))


def _resumes(count: int, seed: int = 7) -> list[str]:
    """`count` made-up resumes, each naming people, places and words never seen before."""
    rng = random.Random(seed)  # noqa: S311 - made-up words, not secrets
    texts = []
    for _ in range(count):
        text = RESUME.format(
            company=_made_up(rng).title() + " Ltd",
            word=_made_up(rng),
            place=_made_up(rng).title(),
            word2=_made_up(rng),
            name=_made_up(rng).title(),
        )
        extra = " ".join(_made_up(rng, rng.randint(4, 12)) for _ in range(40))
        texts.append(text + f"Other\n{extra}\n")
    return texts


@pytest.fixture
def detector(monkeypatch: pytest.MonkeyPatch) -> Detector:
    found = get_detector(load_taxonomy(None))
    monkeypatch.setattr(found.vocabulary, "documents", DocumentTokenizer(max_strings=BOUND))
    return found


def test_the_vocabulary_stays_under_its_bound(detector: Detector) -> None:
    documents = detector.vocabulary.documents
    terms = len(detector.vocabulary.nlp.vocab.strings)
    most = 0
    for text in _resumes(120):
        detector.detect_text(text)
        most = max(most, documents.strings)
    assert documents.renewals >= 3  # 120 resumes of ~100 new strings each
    # Checked before each document: at most the bound and one resume's strings.
    assert most <= BOUND + 1_000
    assert len(detector.vocabulary.nlp.vocab.strings) == terms  # the terms' never grows


def test_what_is_found_does_not_change_across_renewals(detector: Detector) -> None:
    texts = _resumes(30, seed=11)
    before = [detector.detect_text(text) for text in texts]
    for text in _resumes(80, seed=12):  # enough new words to renew several times
        detector.detect_text(text)
    assert detector.vocabulary.documents.renewals >= 2
    after = [detector.detect_text(text) for text in texts]
    assert after == before
    assert {s.id for s in before[0].skills} >= {"python", "sql", "aws", "docker", "pytorch"}


def test_the_same_as_a_vocabulary_that_is_never_renewed(
    detector: Detector, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = _resumes(50, seed=13)
    bounded = [detector.detect_text(text) for text in texts]
    assert detector.vocabulary.documents.renewals >= 1
    monkeypatch.setattr(detector.vocabulary, "documents", DocumentTokenizer(max_strings=10**9))
    unbounded = [detector.detect_text(text) for text in texts]
    assert bounded == unbounded


def test_the_bound_is_well_above_the_taxonomy_vocabulary() -> None:
    terms = len(get_detector(load_taxonomy(None)).vocabulary.nlp.vocab.strings)
    assert 4 * terms <= MAX_DOCUMENT_STRINGS


def test_a_pickled_tokenizer_is_only_its_bound() -> None:
    tokenizer = DocumentTokenizer(max_strings=1_234)
    tokenizer(" ".join(_resumes(3)))
    copy = pickle.loads(pickle.dumps(tokenizer))  # noqa: S301 - made here
    assert copy.max_strings == 1_234 and copy.strings == 0 and copy.renewals == 0
    assert [t.text for t in copy("C++/C# and Node.js")] == ["C++", "/", "C#", "and", "Node.js"]
