"""`taxonomy build`: reflowing documents, emphasis, counting, and the provenance it writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gapcheck.authoring.build import build
from gapcheck.authoring.provenance import compare, write_provenance
from gapcheck.authoring.text import document_emphasis, emphasis_in, split_sentences, units_of
from gapcheck.errors import GapcheckError, UsageError
from gapcheck.taxonomy.loading import load_taxonomy

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "mini_taxonomy.yaml"
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


# --------------------------------------------------------------------------- reflowing


def test_wrapped_lines_are_joined_and_list_items_kept_apart() -> None:
    text = (
        "Programming Languages:\n"
        "Python (essential)\n"
        "R (optional, but useful for statistical\n"
        "analysis)\n"
        "\n"
        "Deep learning knowledge is a combination of theory and practice that people wrap at\n"
        "Seventy characters or so.\n"
    )
    units = units_of(text)
    texts = [u.text for u in units]
    assert texts[0] == "Programming Languages:" and units[0].is_heading
    assert texts[1] == "Python (essential)"
    assert texts[2] == "R (optional, but useful for statistical analysis)"
    assert units[1].list_item and units[1].heading == "Programming Languages"
    assert texts[3].endswith("wrap at Seventy characters or so.")
    assert not units[3].list_item
    assert [u.line for u in units] == [1, 2, 3, 6]


def test_bullets_under_a_plain_heading() -> None:
    units = units_of("Requirements\n\n  • Docker and Kubernetes\n  • Kafka\n")
    assert units[0].is_heading
    assert [u.text for u in units[1:]] == ["Docker and Kubernetes", "Kafka"]
    assert all(u.list_item and u.heading == "Requirements" for u in units[1:])


def test_sentences_split_but_not_after_abbreviations() -> None:
    text = "Learn Python or R. Then take a course, e.g. Andrew Ng's. A Ph.D. Degree is optional."
    assert split_sentences(text) == [
        "Learn Python or R.",
        "Then take a course, e.g. Andrew Ng's.",
        "A Ph.D. Degree is optional.",
    ]


# --------------------------------------------------------------------------- emphasis


@pytest.mark.parametrize(
    ("text", "term", "expected"),
    [
        ("Python (essential)", "Python", "essential"),
        ("A foundation in linear algebra and calculus is crucial.", "calculus", "crucial"),
        ("Deep learning is crucial for tasks such as speech recognition.", "speech", None),
        ("Deep learning is crucial for tasks such as speech recognition.", "Deep", "crucial"),
        ("The job requires Linux.", "Linux", "required"),
        ("Engineers should know version control and testing.", "testing", "recommended"),
        ("It is important to learn SQL.", "SQL", "important"),
        ("Experience with Spark preferred.", "Spark", "recommended"),
        ("While not always required, many pursue a master's degree.", "master", "optional"),
        ("R (optional, but useful for statistics)", "R", "optional"),
        ("Time management is essential to teamwork.", "teamwork", None),
        ("Both roles play crucial parts in deploying models.", "deploying", None),
        ("Essential skills: Python, SQL.", "SQL", "essential"),
        ("Why should Python be used for machine learning?", "Python", None),
    ],
)
def test_emphasis_is_said_of_the_right_words(text: str, term: str, expected: str | None) -> None:
    assert emphasis_in(text, text.index(term)) == expected


def test_a_guides_emphasis_from_its_mentions() -> None:
    assert document_emphasis(["named", "crucial", "recommended"]) == "crucial"
    assert document_emphasis(["named", "named", "named"]) == "named"
    assert document_emphasis(["optional", "optional", "named"]) == "optional"
    assert document_emphasis(["optional", "named", "named", "named"]) == "named"
    assert document_emphasis(["optional", "important"]) == "important"


# --------------------------------------------------------------------------- counting


def _mini_guides(tmp_path: Path) -> tuple[Path, list[Path]]:
    taxonomy_path = tmp_path / "mini.yaml"
    shutil.copy(FIXTURE, taxonomy_path)
    g1 = tmp_path / "g1.txt"
    g1.write_text(
        "Skills you need:\n"
        "Python 3 (essential)\n"
        "PyTorch or TensorFlow\n"
        "\n"
        "Deep learning is important. Kubernetes is optional, but Docker is required.\n"
        "Learn Python for machine learning.\n",
        encoding="utf-8",
    )
    g2 = tmp_path / "g2.txt"
    g2.write_text(
        "A TensorFlow Developer Certificate helps. Use sklearn and AWS.\n", encoding="utf-8"
    )
    return taxonomy_path, [g1, g2]


def test_build_counts_mentions_and_emphasis_per_guide(tmp_path: Path) -> None:
    taxonomy_path, guides = _mini_guides(tmp_path)
    taxonomy = load_taxonomy(taxonomy_path)
    report = build(guides, taxonomy)
    assert report.documents == (("g1.txt", "g1"), ("g2.txt", "g2"))
    counts = {
        s.skill_id: {c.document: (c.mentions, c.emphasis) for c in s.counts} for s in report.skills
    }
    assert counts["python"] == {"g1": (2, "essential")}
    assert counts["deep_learning"] == {"g1": (1, "important")}
    assert counts["docker"] == {"g1": (1, "required")}
    assert counts["kubernetes"] == {"g1": (1, "optional")}
    assert counts["tensorflow"]["g1"] == (1, "named")
    assert counts["scikit_learn"] == {"g2": (1, "named")}
    assert counts["go"] == {}
    assert report.certifications == {"tf-developer": ("g2",)}


def test_write_then_compare_agree(tmp_path: Path) -> None:
    taxonomy_path, guides = _mini_guides(tmp_path)
    before = load_taxonomy(taxonomy_path)
    report = build(guides, before)
    assert compare(report, before)  # the fixture's hand-made provenance differs
    original = taxonomy_path.read_text(encoding="utf-8")
    skills_changed, certs_changed = write_provenance(taxonomy_path, report, before)
    assert skills_changed > 0 and certs_changed > 0
    after = load_taxonomy(taxonomy_path)
    assert compare(build(guides, after), after) == []
    assert {p.guide: p.emphasis for p in after.skill("python").provenance} == {"g1": "essential"}
    assert after.certification("tf-developer").named_by == ("g2",)

    # Only provenance and named_by lines changed or were added; the rest survives as it was.
    def other_lines(text: str) -> list[str]:
        fields = ("provenance:", "named_by:")
        return [line for line in text.splitlines() if not line.lstrip().startswith(fields)]

    assert other_lines(taxonomy_path.read_text(encoding="utf-8")) == other_lines(original)
    # Written again from the same counts, nothing changes.
    assert write_provenance(taxonomy_path, build(guides, after), after) == (0, 0)


def test_documents_that_are_not_guides_are_counted_under_their_name(tmp_path: Path) -> None:
    taxonomy_path, _ = _mini_guides(tmp_path)
    posting = tmp_path / "posting.md"
    posting.write_text("# Requirements\n\n- Python\n- AWS\n", encoding="utf-8")
    report = build([posting], load_taxonomy(taxonomy_path))
    python = next(s for s in report.skills if s.skill_id == "python")
    assert [(c.document, c.mentions, c.emphasis) for c in python.counts] == [
        ("posting.md", 1, "required")
    ]
    with pytest.raises(UsageError, match="none of the documents is one of the taxonomy's guides"):
        write_provenance(taxonomy_path, report, load_taxonomy(taxonomy_path))


def test_unsupported_and_missing_documents(tmp_path: Path) -> None:
    taxonomy = load_taxonomy(FIXTURE)
    odd = tmp_path / "notes.docx"
    odd.write_bytes(b"PK")
    with pytest.raises(GapcheckError, match=r"notes\.docx: unsupported document type"):
        build([odd], taxonomy)
    with pytest.raises(GapcheckError, match=r"gone\.txt: no such file"):
        build([tmp_path / "gone.txt"], taxonomy)


@pytest.mark.corpus
def test_builtin_provenance_agrees_with_the_guides() -> None:
    guides = sorted(SEEDS.glob("*.txt"))
    if len(guides) < 4:
        pytest.skip("the four career guides (../shared/seeds/*.txt) are not present")
    taxonomy = load_taxonomy()
    report = build(guides, taxonomy)
    assert sorted(g for _, g in report.documents) == sorted(g.id for g in taxonomy.guides)
    differences = compare(report, taxonomy)
    assert differences == [], (
        "skills.yaml provenance differs from the guides; run "
        "'gapcheck taxonomy build ../shared/seeds/*.txt --write':\n" + "\n".join(differences[:20])
    )
