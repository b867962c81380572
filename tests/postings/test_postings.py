"""Job postings: required vs preferred, alternatives, reading posting files (and the gap
against the real ones)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gapcheck.errors import InputError
from gapcheck.postings.parse import Posting, parse_posting
from gapcheck.postings.read import read_posting
from gapcheck.records import Target
from gapcheck.scoring.posting_gap import posting_gap
from gapcheck.taxonomy.loading import load_taxonomy
from tests.postings.samples import MARKDOWN_POSTING
from tests.support.gap_helpers import CORPUS, detection, mini_taxonomy, name_finder

TAX = mini_taxonomy()
FIND = name_finder(TAX)
MLE = Target(role="ml-engineer", role_name="Machine Learning Engineer", level="mid")

PLAIN_POSTING = """\
TITLE: Data Scientist
COMPANY: Example Analytics
LOCATION: Remote

About the role
You will build models in Python and scikit-learn for our clients.

Qualifications:
Machine learning experience with deep learning frameworks such as TensorFlow and PyTorch.
Nice to have: Apache Spark, Kubernetes
US CITIZENSHIP REQUIRED
Docker, AWS or similar cloud tooling.

Bonus points if you have:
SIGINT experience
Go (language) for tooling

Example Analytics is an equal opportunity employer; we use R daily.
"""


def parse(text: str, source: str = "posting.md") -> Posting:
    return parse_posting(text, source, TAX, FIND)


def levels(posting: Posting) -> dict[str, str]:
    return {s.id: s.level for s in posting.skills}


# --------------------------------------------------------------------------- parsing


def test_markdown_headings_separate_required_from_preferred() -> None:
    posting = parse(MARKDOWN_POSTING)
    assert posting.title == "Senior Machine Learning Engineer"
    assert levels(posting) == {
        "apache_spark": "preferred",  # only in the introduction
        "deep_learning": "required",  # what you will do
        "docker": "required",
        "python": "required",
        "tensorflow": "required",
        "pytorch": "required",
        "kubernetes": "preferred",  # "is a plus" on its own line
        "aws": "preferred",
        "r": "preferred",
    }
    assert "scikit_learn" not in levels(posting)  # benefits are boilerplate
    assert posting.required == ("deep_learning", "docker", "python", "tensorflow", "pytorch")
    assert posting.preferred == ("apache_spark", "kubernetes", "aws", "r")


def test_alternatives_form_a_group_and_lists_do_not() -> None:
    posting = parse(MARKDOWN_POSTING)
    groups = {s.id: s.group for s in posting.skills}
    assert groups["tensorflow"] == groups["pytorch"] == ("tensorflow", "pytorch")
    assert groups["python"] == ("python",)
    skill = next(s for s in posting.skills if s.id == "tensorflow")
    assert skill.share == 0.5
    assert skill.text == "Experience with TensorFlow or PyTorch."


def test_plain_text_posting_with_metadata_lead_ins_and_inline_headings() -> None:
    posting = parse(PLAIN_POSTING, "posting.txt")
    assert (posting.title, posting.company) == ("Data Scientist", "Example Analytics")
    got = levels(posting)
    assert got["python"] == "required"  # "About the role" describes the job itself
    assert got["scikit_learn"] == "required"
    assert got["machine_learning"] == "required"
    assert got["deep_learning"] == "required"
    assert got["apache_spark"] == "preferred"  # "Nice to have: ..." on the line
    assert got["kubernetes"] == "preferred"
    # "US CITIZENSHIP REQUIRED" states a requirement; it does not end the list.
    assert got["docker"] == "required"
    assert got["go"] == "preferred"  # "SIGINT experience" did not reopen requirements
    assert "r" not in got  # equal-opportunity text is boilerplate
    groups = {s.id: s.group for s in posting.skills}
    # "deep learning frameworks such as TensorFlow and PyTorch": deep learning is what the
    # clause requires; the frameworks are examples of it, each its own preferred item.
    assert groups["deep_learning"] == ("deep_learning",)
    assert groups["tensorflow"] == ("tensorflow",)
    assert groups["pytorch"] == ("pytorch",)
    assert got["tensorflow"] == got["pytorch"] == "preferred"
    # "Docker, AWS or similar": an open list of alternatives.
    assert groups["docker"] == ("docker", "aws")


def test_posting_without_any_requirement_heading_requires_what_it_names() -> None:
    posting = parse("Junior role\n\nWe need someone who knows Python and Docker well.\n")
    assert posting.title == "Junior role"
    assert levels(posting) == {"python": "required", "docker": "required"}


def test_required_beats_preferred_when_a_skill_appears_twice() -> None:
    text = "Job\n\nRequirements:\n- Python\n\nPreferred:\n- Python 3 and Docker\n"
    assert levels(parse(text)) == {"python": "required", "docker": "preferred"}


def test_implied_and_unscored_skills_are_not_asked_for() -> None:
    text = "Job\n\nRequirements:\n- PyTorch\n- Communication skills\n"
    assert levels(parse(text)) == {"pytorch": "required"}  # not deep learning, not communication


def test_the_six_real_postings() -> None:
    postings = CORPUS / "postings"
    if not postings.is_dir():
        pytest.skip(f"the real postings are not available ({postings} is missing)")
    read = {p.name: read_posting(p, TAX, FIND) for p in sorted(postings.glob("*.txt"))}
    assert len(read) == 6
    for posting in read.values():
        assert posting.title and posting.company
        assert "machine_learning" in posting.required  # every one is an ML job
    by_company = {p.company: p for p in read.values()}
    tapjoy = levels(by_company["Tapjoy"])
    assert {k: tapjoy[k] for k in ("python", "scikit_learn", "tensorflow", "apache_spark")} == {
        "python": "required",
        "scikit_learn": "required",
        "tensorflow": "required",
        "apache_spark": "required",
    }
    novartis = by_company["Novartis"]
    assert levels(novartis)["scikit_learn"] == levels(novartis)["pytorch"] == "preferred"
    # "machine learning libraries, such as scikit-learn, PyTorch or similar": examples of a
    # named broader skill, each its own item (having one does not meet the other).
    assert {s.id: s.group for s in novartis.skills}["pytorch"] == ("pytorch",)
    stratagem = levels(by_company["Stratagem Group"])
    # "Proficiency with containerization - Docker preferred": "preferred" marks Docker only;
    # containerization (the same skill in the mini taxonomy) is required by the line.
    assert stratagem["docker"] == "required"
    assert stratagem["aws"] == "preferred"  # "cloud Infrastructure - AWS or C2S preferred"
    assert stratagem["python"] == "required"
    # "deep learning frameworks, such as Caffe, TensorFlow and Theano": examples, preferred.
    assert stratagem["deep_learning"] == "required"
    assert stratagem["tensorflow"] == "preferred"
    assert levels(by_company["Kodiak Robotics"])["python"] == "required"
    assert levels(by_company["Cboe Global Markets"])["python"] == "required"


def test_the_real_postings_with_the_real_detector() -> None:
    postings = CORPUS / "postings"
    if not postings.is_dir():
        pytest.skip(f"the real postings are not available ({postings} is missing)")
    read = {p.company: p for p in (read_posting(f, TAX) for f in sorted(postings.glob("*.txt")))}
    assert len(read) == 6
    tapjoy = levels(read["Tapjoy"])
    assert all(tapjoy[k] == "required" for k in ("python", "scikit_learn", "tensorflow"))
    novartis = levels(read["Novartis"])
    assert novartis["pytorch"] == novartis["scikit_learn"] == "preferred"
    stratagem = read["Stratagem Group"]
    assert levels(stratagem)["docker"] == "required"  # "containerization", the same skill
    assert levels(stratagem)["aws"] == "preferred"  # "AWS or C2S preferred"


# --------------------------------------------------------------------------- reading


def test_read_posting_text_and_markdown(tmp_path: Path) -> None:
    path = tmp_path / "role.md"
    path.write_text(MARKDOWN_POSTING, encoding="utf-8")
    assert read_posting(path, TAX, FIND) == parse(MARKDOWN_POSTING, "role.md")


def test_read_posting_survives_windows_encoding(tmp_path: Path) -> None:
    path = tmp_path / "role.txt"
    path.write_bytes("Caf\xe9 team\n\nRequirements:\n- Python \u2013 daily\n".encode("cp1252"))
    assert read_posting(path, TAX, FIND).required == ("python",)


def test_read_posting_pdf(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas  # a test dependency

    path = tmp_path / "posting.pdf"
    pdf = Canvas(str(path))
    lines = [
        "Machine Learning Engineer",
        "Requirements:",
        "- 3 years of Python",
        "- Docker in production",
        "Nice to have:",
        "- Apache Spark",
    ]
    for number, line in enumerate(lines):
        pdf.drawString(72, 800 - 18 * number, line)
    pdf.save()
    posting = read_posting(path, TAX, FIND)
    assert posting.title == "Machine Learning Engineer"
    assert levels(posting) == {
        "python": "required",
        "docker": "required",
        "apache_spark": "preferred",
    }


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda p: None, "no such file"),
        (lambda p: p.mkdir(), "is a folder"),
        (lambda p: p.write_bytes(b"\x00\x01binary"), "is not a text file"),
        (lambda p: p.write_text("Title\n\nWe sell shoes.\n"), "names no skill gapcheck knows"),
    ],
)
def test_unusable_postings_raise_an_error_naming_the_file(
    tmp_path: Path, make: object, problem: str
) -> None:
    path = tmp_path / "sub" / "posting.txt"
    path.parent.mkdir()
    make(path)  # type: ignore[operator]
    with pytest.raises(InputError) as caught:
        read_posting(path, TAX, FIND)
    assert caught.value.subject == "posting.txt"
    assert problem in caught.value.problem
    assert str(tmp_path) not in caught.value.message


def test_the_real_postings_with_the_built_in_taxonomy() -> None:
    postings = CORPUS / "postings"
    if not postings.is_dir():
        pytest.skip(f"the real postings are not available ({postings} is missing)")
    taxonomy = load_taxonomy()
    files = sorted(postings.glob("*.txt"))
    read = {p.company: p for p in (read_posting(f, taxonomy) for f in files)}
    tapjoy = levels(read["Tapjoy"])
    assert all(tapjoy[k] == "required" for k in ("python", "sql", "scikit_learn", "tensorflow"))
    stratagem = read["Stratagem Group"]
    groups = {s.id: s.group for s in stratagem.skills}
    assert set(groups["python"]) == {"java", "python", "cpp"}  # "one of: Java, Python, C++"
    python_only = detection(taxonomy, "python")
    gap = posting_gap(stratagem, python_only, taxonomy, MLE)
    assert not {"java", "python", "cpp"} & set(gap.missing_required)
    assert "machine_learning" in gap.missing_required
    assert gap.score.band in ("weak", "fair")
    cboe = levels(read["Cboe Global Markets"])
    assert cboe["python"] == "required"
    assert cboe["sql"] == "preferred"  # "Experience with Hadoop and/or SQL desirable"


def test_a_heading_or_a_skill_list_on_the_first_line_is_not_the_title() -> None:
    posting = parse_posting("Requirements:\n- Python\n- SQL\n", "p.txt", TAX, FIND)
    assert posting.title == ""
    assert {s.id for s in posting.skills if s.level == "required"} >= {"python"}
    listed = parse_posting("Python, Docker and AWS required\nWe ship models.\n", "q.txt", TAX, FIND)
    assert {"python", "docker", "aws"} <= {s.id for s in listed.skills}
