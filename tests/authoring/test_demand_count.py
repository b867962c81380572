"""Counting job-posting demand from CSVs: unique postings, groups by title, the parser's levels."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml

from gapcheck.authoring.demand_count import (
    count_demand,
    posting_dates,
    read_postings,
    role_groups,
    seniority,
)
from gapcheck.errors import UsageError
from gapcheck.taxonomy.demand_file import dump_demand, parse_demand
from gapcheck.taxonomy.loading import load_taxonomy

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "mini_taxonomy.yaml"
MINI = load_taxonomy(FIXTURE)

MLE = "Requirements:\n- Python and PyTorch\n- Docker\n\nNice to have:\n- Kubernetes\n"
SCIENTIST = "Requirements:\n- Experience with Python\n- scikit-learn\n\nNice to have:\n- AWS\n"
README = """\
| file | source (public repository @ commit, path) | rows |
|---|---|---|
| `a.csv` | someone/jobs-a @ 0123456789abcdef0123456789abcdef01234567, `raw/a.csv` | 3 |

All are 2018–2021 US postings.
"""


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def corpus(tmp_path: Path) -> list[Path]:
    glassdoor = write_csv(
        tmp_path / "a.csv",
        ["", "Job Title", "Job Description", "Rating"],
        [
            ["0", "Machine Learning Engineer", MLE, "4.1"],
            ["1", "Senior Data Scientist", SCIENTIST, "3.9"],
            # The same posting scraped again, spaced differently: counted once.
            ["2", "Machine Learning Engineer", MLE.replace("\n- ", "\n-  ") + "  ", "4.1"],
        ],
    )
    linkedin = write_csv(
        tmp_path / "b.csv",
        ["", "title", "description", "seniority"],
        [
            [
                "0",
                "Data Scientist, Machine Learning",
                "Requirements:\n- TensorFlow\n- Strong Python skills\n",
                "Entry level",
            ],
            ["1", "Software Engineer", "Requirements:\n- AWS\n", "Director"],
            ["2", "Data Analyst", "   ", "Associate"],  # no description: not a posting
            ["3", "Lead Data Scientist", SCIENTIST, "Mid-Senior level"],  # seen in a.csv
        ],
    )
    (tmp_path / "README.md").write_text(README, encoding="utf-8")
    return [linkedin, glassdoor]  # any order: files are read in name order


def test_unique_postings_and_what_each_file_held(tmp_path: Path) -> None:
    rows, sources = read_postings(corpus(tmp_path))
    assert [r.title for r in rows] == [
        "Machine Learning Engineer",
        "Senior Data Scientist",
        "Data Scientist, Machine Learning",
        "Software Engineer",
    ]
    a, b = sources
    assert (a.file, a.rows, a.unique, a.counted) == ("a.csv", 3, 2, 2)
    assert (b.file, b.rows, b.unique, b.counted) == ("b.csv", 3, 3, 2)  # one empty, one seen
    assert (a.repository, a.commit, a.path) == (
        "someone/jobs-a",
        "0123456789abcdef0123456789abcdef01234567",
        "raw/a.csv",
    )
    assert (b.repository, b.commit) == ("", "")  # the README does not list it
    assert len(a.sha256) == 64
    assert posting_dates([tmp_path / "a.csv"]) == "2018–2021"


def test_counts_per_group_and_level(tmp_path: Path) -> None:
    demand = count_demand(corpus(tmp_path), MINI)
    assert demand.postings["all"] == 4
    assert (demand.postings["ml"], demand.postings["ml_eng"], demand.postings["ds"]) == (2, 1, 2)
    assert demand.postings["all/senior"] == 2  # "Senior ..." by title, Director by LinkedIn
    assert demand.postings["all/junior"] == 1  # LinkedIn's "Entry level"
    assert demand.postings["ml/junior"] == 1 and demand.postings["ds/senior"] == 1
    assert demand.count("python", "all") == (3, 3)
    assert demand.count("python", "ml") == (2, 2)
    assert demand.count("docker", "ml_eng") == (1, 1)
    assert demand.count("kubernetes", "all") == (1, 0)  # only "nice to have"
    assert demand.count("aws", "all") == (2, 1)  # preferred once, required once
    assert demand.count("aws", "all/senior") == (2, 1)
    assert demand.count("go", "all") == (0, 0)  # counted, asked for by none
    assert demand.count("communication", "all") is None  # not scored: not counted
    assert demand.dates == "2018–2021" and demand.taxonomy_version == MINI.version


def test_the_count_is_deterministic_and_round_trips(tmp_path: Path) -> None:
    paths = corpus(tmp_path)
    first = dump_demand(count_demand(paths, MINI))
    assert dump_demand(count_demand(list(reversed(paths)), MINI)) == first
    assert dump_demand(parse_demand(yaml.safe_load(first))) == first
    assert MLE.splitlines()[1] not in first  # counts only, never posting text


@pytest.mark.parametrize(
    ("title", "groups"),
    [
        ("Machine Learning Engineer", ("all", "ml", "ml_eng")),
        ("Data Scientist, Machine Learning", ("all", "ml", "ds")),
        ("Sr. ML/Data Scientist - AI/NLP/Chatbot", ("all", "ml", "ds")),
        ("Deep Learning/Computer Vision Scientist", ("all", "ml")),
        (
            "Senior Machine Learning Engineer / Head of Data Science (A.I. Startup)",
            ("all", "ml", "ml_eng", "ds"),
        ),
        ("Analytics Manager", ("all", "ds")),
        ("Data Analyst", ("all",)),
        ("Email Marketing Specialist", ("all",)),  # no "ML" inside other words
        ("Retail Sales Associate", ("all",)),
    ],
)
def test_role_groups_by_title(title: str, groups: tuple[str, ...]) -> None:
    assert role_groups(title) == groups


@pytest.mark.parametrize(
    ("title", "listed", "expected"),
    [
        ("Senior Data Scientist", "", "senior"),
        ("Sr. Data Engineer", "", "senior"),
        ("Lead Data Scientist", "Associate", "senior"),
        ("Staff Machine Learning Engineer", "", "senior"),
        ("Junior Data Analyst", "", "junior"),
        ("Data Science Intern", "", "junior"),
        ("Data Scientist", "Entry level", "junior"),
        ("Data Scientist", "Director", "senior"),
        ("Senior Deep Learning Data Scientist", "Entry level", "senior"),  # the title wins
        ("Data Scientist", "Mid-Senior level", None),
        ("Data Scientist", "", None),
    ],
)
def test_seniority_from_title_then_listing(title: str, listed: str, expected: str | None) -> None:
    assert seniority(title, listed) == expected


def test_files_that_are_not_posting_csvs(tmp_path: Path) -> None:
    text = tmp_path / "posting.txt"
    text.write_text("Python\n", encoding="utf-8")
    with pytest.raises(UsageError, match="is not a CSV file"):
        read_postings([text])
    no_title = write_csv(tmp_path / "c.csv", ["Job Description"], [["Python"]])
    with pytest.raises(UsageError, match="has no 'job title' or 'title' column"):
        read_postings([no_title])
    empty = write_csv(tmp_path / "d.csv", ["title", "description"], [])
    with pytest.raises(UsageError, match="no postings found"):
        read_postings([empty])


POSTINGS = Path(__file__).resolve().parents[3] / "shared" / "postings-corpus"


@pytest.mark.slow
@pytest.mark.skipif(not POSTINGS.is_dir(), reason="the posting CSVs are not here")
def test_builtin_demand_agrees_with_the_postings() -> None:
    """demand.yaml is what `gapcheck taxonomy build --postings <the CSVs> --write` writes
    today: after changing the posting parser, the detector or the taxonomy, rebuild it."""
    from gapcheck.authoring.demand_report import demand_differences
    from gapcheck.support.resources import taxonomy_dir

    taxonomy = load_taxonomy()
    counted = count_demand(sorted(POSTINGS.glob("*.csv")), taxonomy)
    differences = demand_differences(taxonomy_dir() / "demand.yaml", counted)
    assert differences == [], "\n".join(differences[:20])
