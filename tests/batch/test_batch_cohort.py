"""The batch's side of the cohort: what a worker keeps per person, and the cohort files.

The real-batch tests run the real analysis (run_batch with AnalyseFile) over made-up text
resumes and a made-up posting, then check the outputs against each person's own JSON
result: the matrix in index.html and skills.csv agree with it cell for cell, the people
are ranked by fit, and a re-run after editing a resume reports what changed.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from gapcheck.batch.cohort_files import CSV_CHANGES, CSV_FIT, CSV_HEADER, CSV_MORE
from gapcheck.batch.inputs import collect_inputs
from gapcheck.batch.run import BatchSettings, run_batch
from gapcheck.batch.summary import (
    Cell,
    FitBrief,
    GapBrief,
    PersonSummary,
    changes_between,
    summarise,
)
from gapcheck.batch.task import AnalysisOptions
from gapcheck.options import Options
from gapcheck.report.jsonout import to_json_dict
from tests.support.sample_analysis import strong_candidate, weak_candidate

# --------------------------------------------------------------------------- summaries


def test_summaries_round_trip_and_old_state_records_still_read() -> None:
    summary = PersonSummary(
        score=50.0,
        band="fair",
        gaps=(
            GapBrief("docker", "Docker", 1, 0.0, 2.5),
            GapBrief("calc", "Calc", 2, 0.5, 4.0, "show"),
        ),
        skills=("Python",),
        warnings=("two-column layout",),
        skill_ids=("python",),
        certifications=("aws-ccp",),
        level="senior",
        fit=FitBrief(0.25, 0.5, 1, 2, 0, 1, ("Master's degree",), ("Docker",), ("AWS",)),
        cells=(
            Cell("python", "Python", "s", 1.0, 2.5, "cv.pdf", 1, 7, 9.0, "required"),
            Cell("docker", "Docker", "m", weight=6.0, posting="required"),
        ),
        taxonomy="2026.11 (2026-11-21)",
        gapcheck_version="0.1.0",
    )
    assert PersonSummary.from_json(json.loads(json.dumps(summary.to_json()))) == summary
    old = {
        "score": 40.0,
        "band": "fair",
        "gaps": [["docker", "Docker", 1, 0.0], ["git", "Git", 2, 0.5]],
        "skills": ["Python"],
        "warnings": [],
    }
    summary = PersonSummary.from_json(old)
    assert summary.gaps == (
        GapBrief("docker", "Docker", 1, 0.0, 1.0, "learn"),
        GapBrief("git", "Git", 2, 0.5, 1.0, "learn"),
    )
    assert summary.top_gaps == ("Docker", "Git")
    assert (summary.level, summary.fit, summary.cells, summary.skill_ids) == ("", None, (), ())


def test_summarise_keeps_each_gaps_weight_and_action() -> None:
    analysis = strong_candidate()
    summary = summarise(analysis)
    assert [(g.skill_id, g.weight, g.action) for g in summary.gaps] == [
        (g.skill_id, g.weight, g.action) for g in analysis.gaps
    ]
    assert "Linear algebra" not in summary.top_gaps


def expected_cells(result: dict[str, Any]) -> dict[str, tuple[Any, ...]]:
    """skill id -> (status, strength, years, document, page, line, weight, posting), read
    from a person's JSON result by the rule docs/cohort.md states."""
    found = {s["id"]: s for s in result["skills"]}
    show = {g["skill_id"]: g for g in result["gaps"] if g["action"] == "show"}
    weights = {i["skill_id"]: i["weight"] for i in result["score"]["items"]}
    posting: dict[str, str] = {}
    for requirement in (result["job"] or {}).get("requirements", []):
        if requirement["kind"] == "skill":
            for skill_id in requirement["ids"]:
                if posting.get(skill_id) != "required":
                    posting[skill_id] = requirement["level"]
    cells = {}
    for skill_id in {*weights, *posting, *found, *show}:
        skill, gap = found.get(skill_id), show.get(skill_id)
        place: dict[str, Any] = {}
        if skill is not None and (skill["explicit"] or gap is None):
            status = "shown" if skill["explicit"] else "implied"
            strength, years, place = skill["strength"], skill["years"], skill["evidence"][0]
        elif gap is not None:
            status, strength, years = "shown-by-evidence", gap["credit"], None
            place = gap["shown_by"]["evidence"] if gap["shown_by"] else {}
        else:
            status, strength, years = "missing", None, None
        cells[skill_id] = (
            status,
            strength,
            years,
            place.get("document", ""),
            place.get("page"),
            place.get("line"),
            weights.get(skill_id, 0.0),
            posting.get(skill_id, ""),
        )
    return cells


@pytest.mark.parametrize("make", [strong_candidate, weak_candidate])
def test_the_cells_are_the_json_results_facts(make: Any) -> None:
    analysis = make()
    summary = summarise(analysis)
    result = json.loads(json.dumps(to_json_dict(analysis)))
    cells = {
        c.skill_id: (
            c.status_word,
            c.strength,
            c.years,
            c.document,
            c.page,
            c.line,
            c.weight,
            c.posting,
        )
        for c in summary.cells
    }
    assert cells == expected_cells(result)
    assert len(summary.cells) == len(cells), "one cell per skill"
    # The role's skills first, heaviest first.
    role = [c.weight for c in summary.cells if c.weight > 0]
    assert role == sorted(role, reverse=True)
    assert {c.status for c in summary.cells} >= {"s", "m"}


def test_the_fit_is_kept_with_a_posting_only() -> None:
    strong = summarise(strong_candidate())
    assert strong.fit is not None and 0 <= strong.fit.fit <= strong.fit.match <= 1
    assert summarise(weak_candidate()).fit is None


def _summary(
    score: float, shown: dict[str, str], gaps: dict[str, str], **more: Any
) -> PersonSummary:
    return PersonSummary(
        score=score,
        band="fair",
        gaps=tuple(GapBrief(i, n, r, 0.0) for r, (i, n) in enumerate(gaps.items(), 1)),
        skills=tuple(shown.values()),
        warnings=(),
        skill_ids=tuple(shown),
        **more,
    )


def test_changes_between_two_summaries_are_named() -> None:
    before = _summary(40.0, {"python": "Python", "excel": "Excel"}, {"sql": "SQL", "git": "Git"})
    after = _summary(52.5, {"python": "Python", "sql": "SQL"}, {"git": "Git", "excel": "Excel"})
    changes = changes_between(before, after)
    assert (changes.previous_score, changes.score_delta) == (40.0, 12.5)
    assert changes.newly_shown == ("SQL",)
    assert changes.no_longer_shown == ("Excel",)
    assert changes.gaps_closed == ("SQL",)
    assert changes.gaps_opened == ("Excel",)
    assert changes.note == "" and changes.any
    assert not changes_between(after, after).any


def test_changes_from_state_kept_before_skill_ids_compare_names() -> None:
    old = PersonSummary(40.0, "fair", (), ("Python", "Excel"), ())
    new = _summary(45.0, {"python": "Python", "sql": "SQL"}, {})
    changes = changes_between(old, new)
    assert (changes.newly_shown, changes.no_longer_shown) == (("SQL",), ("Excel",))


def test_a_different_taxonomy_or_version_is_noted() -> None:
    old = _summary(40.0, {}, {}, taxonomy="2026.01", gapcheck_version="0.1.0")
    new = _summary(40.0, {}, {}, taxonomy="2026.11", gapcheck_version="0.1.0")
    assert "different taxonomy" in changes_between(old, new).note


# --------------------------------------------------------------------------- a real batch

POSTING = """Machine Learning Engineer

Requirements
- Python and SQL
- Experience with PyTorch or TensorFlow
- Docker and Kubernetes
- Master's degree in Computer Science or a related field

Nice to have
- AWS
- Apache Spark
"""


def resume(name: str, skills: list[str], degree: str, used: list[str]) -> str:
    lines = [
        name,
        f"{name.split()[0].lower()}@example.org",
        "",
        "Experience",
        "Engineer, Example Corp (2018 - 2024)",
        *(f"- Built services with {skill} for the data team." for skill in used),
        "",
        "Skills",
        ", ".join(skills),
        "",
        "Education",
        degree,
    ]
    return "\n".join(lines) + "\n"


PEOPLE = {
    "ada.txt": resume(
        "Ada Example",
        ["Python", "SQL", "PyTorch", "Docker", "Kubernetes", "AWS"],
        "MSc Computer Science, 2017",
        ["Python", "PyTorch", "Docker"],
    ),
    "ben.txt": resume(
        "Ben Sample", ["Excel", "Tableau", "Python"], "BA Economics, 2016", ["Excel"]
    ),
    "cy.txt": resume(
        "Cy Madeup",
        ["Python", "SQL", "TensorFlow", "Spark"],
        "BSc Mathematics, 2015",
        ["Python", "SQL"],
    ),
}


def run(root: Path, out: Path) -> None:
    plan = Options(job=root.parent / "posting.txt", today="2026-11-21").resolve()
    people = collect_inputs([str(root)], exclude=out)
    run_batch(people, out, AnalysisOptions(plan), BatchSettings(jobs=2, timeout=120))


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A finished batch: three made-up people, a posting, a README and a picture."""
    base = tmp_path_factory.mktemp("cohort")
    (base / "posting.txt").write_text(POSTING, encoding="utf-8")
    root = base / "in"
    root.mkdir()
    for name, text in PEOPLE.items():
        (root / name).write_text(text, encoding="utf-8")
    (root / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "README.md").write_text("# Notes\n\nThe folder of applicants for the role.\n")
    run(root, base / "out")
    return base


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def results(out: Path) -> dict[str, dict[str, Any]]:
    lines = (json.loads(x) for x in (out / "results.jsonl").read_text("utf-8").splitlines())
    return {line["file"]: line["result"] for line in lines if line["status"] == "analysed"}


class MatrixPage(HTMLParser):
    """The matrix of index.html: column skill ids, and per row its label and cell values."""

    def __init__(self) -> None:
        super().__init__()
        self.columns: list[str] = []
        self.rows: list[tuple[str, list[int]]] = []
        self.people: list[str] = []  # the people table's rows, in page order
        self._table = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "table":
            self._table = a.get("id") or ""
        elif tag == "th" and self._table == "matrix" and a.get("data-skill"):
            self.columns.append(a["data-skill"] or "")
        elif tag == "tr" and a.get("data-label") is not None:
            label = a["data-label"] or ""
            if self._table == "matrix":
                self.rows.append((label, []))
            elif self._table == "people":
                self.people.append(label)
        elif tag == "td" and self._table == "matrix" and "cell" in (a.get("class") or ""):
            value = re.search(r"\bc(-?\d)\b", a.get("class") or "")
            assert value is not None
            self.rows[-1][1].append(int(value.group(1)))

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._table = ""


WORDS = {3: "shown", 2: "shown-by-evidence", 1: "implied", 0: "missing"}


def test_the_matrix_and_skills_csv_agree_with_each_persons_json_cell_for_cell(
    batch: Path,
) -> None:
    out = batch / "out"
    by_person = results(out)
    assert sorted(by_person) == sorted(PEOPLE)
    expected = {person: expected_cells(result) for person, result in by_person.items()}

    rows = read_csv(out / "skills.csv")
    seen: dict[str, dict[str, tuple[Any, ...]]] = {}
    for row in rows:
        cell = (
            row["status"],
            float(row["strength"]) if row["strength"] else None,
            float(row["years"]) if row["years"] else None,
            row["document"],
            int(row["page"]) if row["page"] else None,
            int(row["line"]) if row["line"] else None,
            float(row["weight"]),
            row["posting"],
        )
        assert row["skill_id"] not in seen.setdefault(row["person"], {}), "one row per skill"
        seen[row["person"]][row["skill_id"]] = cell
    assert seen.keys() == expected.keys()
    for person, cells in expected.items():
        assert seen[person].keys() == cells.keys(), person
        for skill_id, cell in cells.items():
            got = seen[person][skill_id]
            assert got[0] == cell[0] and got[3:6] == cell[3:6] and got[7] == cell[7], skill_id
            for a, b in ((got[1], cell[1]), (got[2], cell[2]), (got[6], cell[6])):
                assert a == pytest.approx(b, rel=1e-5) if b is not None else a is None

    page = MatrixPage()
    page.feed((out / "index.html").read_text(encoding="utf-8"))
    posting_skills = {s for cells in expected.values() for s, c in cells.items() if c[7]}
    assert set(page.columns) == posting_skills, "with a posting, its skills are the columns"
    assert sorted(label for label, _ in page.rows) == sorted(PEOPLE)
    for label, values in page.rows:
        assert len(values) == len(page.columns)
        for skill_id, value in zip(page.columns, values, strict=True):
            assert WORDS[value] == expected[label][skill_id][0] == seen[label][skill_id][0]


def test_people_are_ranked_by_fit_in_the_page_and_the_csv(batch: Path) -> None:
    out = batch / "out"
    rows = {row["file"]: row for row in read_csv(out / "summary.csv")}
    header = next(csv.reader(io.StringIO((out / "summary.csv").read_text("utf-8"))))
    assert header == [*CSV_HEADER, *CSV_MORE, *CSV_FIT], "no change columns on a first run"
    analysed = [r for r in rows.values() if r["status"] == "analysed"]
    by_rank = sorted(analysed, key=lambda r: int(r["rank"]))
    assert [int(r["rank"]) for r in by_rank] == [1, 2, 3]
    fits = [float(r["fit"]) for r in by_rank]
    assert fits == sorted(fits, reverse=True)
    assert by_rank[0]["file"] == "ada.txt", "Ada shows every required skill"
    ada, ben = rows["ada.txt"], rows["ben.txt"]
    assert ada["required_met"] == ada["required_total"] and not ada["required_missing"]
    assert "Docker" in ben["required_missing"] and "Kubernetes" in ben["required_missing"]
    assert "Master" in ben["knockouts"] and not ada["knockouts"]
    assert float(ben["fit"]) < float(ben["skill_match"]), "a knockout halves the fit"
    # The JSON results agree with the CSV's counts (skill requirements: a degree is
    # eligibility, a knockout when not met).
    for name, result in results(out).items():
        required = [
            r for r in result["job"]["requirements"]
            if r["kind"] == "skill" and r["level"] == "required"
        ]  # fmt: skip
        assert int(rows[name]["required_met"]) == sum(r["met"] for r in required)
        assert int(rows[name]["required_total"]) == len(required)
    # The page lists the people in the same order, and every other input with its status.
    page = MatrixPage()
    html = (out / "index.html").read_text(encoding="utf-8")
    page.feed(html)
    assert page.people == [r["file"] for r in by_rank]
    assert [label for label, _ in page.rows] == page.people
    for name in ("logo.png", "README.md"):
        assert rows[name]["status"] in ("skipped", "not-a-resume") and rows[name]["error"]
        assert name in html and rows[name]["error"].split("(")[0].strip()[:30] in html


def test_a_rerun_after_editing_a_resume_reports_what_changed(batch: Path, tmp_path: Path) -> None:
    shutil.copytree(batch, tmp_path / "b")
    base = tmp_path / "b"
    root, out = base / "in", base / "out"
    before = {row["file"]: row for row in read_csv(out / "summary.csv")}
    # Ben adds Docker and SQL, and drops Tableau.
    (root / "ben.txt").write_text(
        resume("Ben Sample", ["Excel", "Python", "Docker", "SQL"], "BA Economics, 2016", ["SQL"]),
        encoding="utf-8",
    )
    run(root, out)
    rows = {row["file"]: row for row in read_csv(out / "summary.csv")}
    header = next(csv.reader(io.StringIO((out / "summary.csv").read_text("utf-8"))))
    assert header == [*CSV_HEADER, *CSV_MORE, *CSV_FIT, *CSV_CHANGES]
    ben = rows["ben.txt"]
    assert ben["previous_score"] == before["ben.txt"]["score"]
    delta = float(ben["score"]) - float(before["ben.txt"]["score"])
    assert float(ben["score_change"].lstrip("'")) == pytest.approx(delta, abs=0.051)
    assert delta > 0
    newly = ben["newly_shown"].split("; ")
    assert any("Docker" in n for n in newly) and "SQL" in newly
    assert any("Tableau" in n for n in ben["no_longer_shown"].split("; "))
    assert "SQL" in ben["gaps_closed"].split("; ")
    assert any("Docker" in g for g in ben["gaps_closed"].split("; "))
    # Unchanged people report no change ("" while the batch keeps no previous summary for
    # a person unchanged since their first analysis; "0.0" once it does).
    for name in ("ada.txt", "cy.txt"):
        row = rows[name]
        assert row["score"] == before[name]["score"]
        assert row["score_change"] in ("", "0.0")
        assert (row["newly_shown"], row["gaps_closed"], row["gaps_opened"]) == ("", "", "")
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "Since last run" in html and "<b>1</b>changed since last run" in html
    assert "now shown:" in html and "gaps closed:" in html
