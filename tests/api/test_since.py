"""`--since OLD.json`: what changed between two reports of one (made-up) resume, and the
earlier reports that are compared with a note or refused in one line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from gapcheck import analyse, render
from gapcheck.errors import InputError, UsageError
from gapcheck.report.since import changes_of, changes_view
from tests.api.test_several_postings import RESUME

DOCS = Path(__file__).resolve().parents[2] / "docs"
# The same person a year on: Flask gone, Docker and Kubernetes added.
EDITED = RESUME.replace(
    "- Deployed the models as REST APIs with Flask.",
    "- Deployed the models as REST APIs in Docker containers on Kubernetes.",
).replace(
    "Python, SQL, scikit-learn, pandas, Flask, Git",
    "Python, SQL, scikit-learn, pandas, Docker, Kubernetes, Git",
)


def write(where: Path, name: str, text: str) -> Path:
    path = where / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture()
def old_report(tmp_path: Path) -> Path:
    analysis = analyse(write(tmp_path, "old-resume.txt", RESUME), today="2026-11-01")
    return write(tmp_path, "old.json", render(analysis, "json"))


def edited(old: dict[str, Any], where: Path, **changes: Any) -> Path:
    data = json.loads(json.dumps(old))
    for dotted, value in changes.items():
        *parents, key = dotted.split("__")
        target = data
        for parent in parents:
            target = target[parent]
        if value is None:
            target.pop(key)
        else:
            target[key] = value
    return write(where, "edited.json", json.dumps(data))


def test_a_resume_edited_to_add_and_remove_skills(old_report: Path, tmp_path: Path) -> None:
    resume = write(tmp_path, "resume.txt", EDITED)
    analysis = analyse(resume, since=old_report, today="2026-12-01")
    before = json.loads(old_report.read_text(encoding="utf-8"))
    changes = changes_of(analysis)
    assert changes is not None
    assert changes.newly_shown == ("docker", "kubernetes")
    assert changes.no_longer_shown == ("flask",)
    old_gaps = [g["skill_id"] for g in before["gaps"] if g["action"] == "learn"]
    assert "docker" in old_gaps and "docker" in changes.gaps_closed
    assert set(changes.gaps_closed) == {"docker", "kubernetes"} & set(old_gaps)
    assert list(changes.gaps_closed) == [g for g in old_gaps if g in changes.gaps_closed]
    assert changes.score_delta == round(analysis.score.value - before["score"]["value"], 1)
    assert changes.note == ""
    data = json.loads(render(analysis, "json"))
    jsonschema.Draft202012Validator(
        json.loads((DOCS / "gapcheck-report.schema.json").read_text(encoding="utf-8"))
    ).validate(data)
    assert data["schema_version"] == "1.2"
    assert data["changes"]["since"]["source"] == "old.json"
    assert data["changes"]["newly_shown"] == [
        {"id": "docker", "name": "Docker / containerization"},
        {"id": "kubernetes", "name": "Kubernetes"},
    ]
    assert data["changes"]["no_longer_shown"] == [{"id": "flask", "name": "Flask"}]
    assert data["changes"]["notes"] == []
    markdown = render(analysis, "md")
    assert "## What changed since 2026-11-01 (old.json)" in markdown
    assert "- Newly shown: Docker / containerization, Kubernetes" in markdown
    html = render(analysis, "html")
    assert '<section id="changes"' in html and "No longer shown" in html


def test_the_same_resume_again_changes_nothing(old_report: Path, tmp_path: Path) -> None:
    analysis = analyse(write(tmp_path, "again.txt", RESUME), since=old_report, today="2026-12-01")
    view = changes_view(analysis)
    assert view is not None and not view.changed and view.notes == ()
    assert view.score_line.endswith("(no change)")
    assert "Nothing changed" in render(analysis, "md")


def test_another_taxonomy_or_version_is_compared_with_a_note(
    old_report: Path, tmp_path: Path
) -> None:
    old = json.loads(old_report.read_text(encoding="utf-8"))
    other = edited(old, tmp_path, taxonomy__version="2001.1", gapcheck_version="0.0.1")
    analysis = analyse(write(tmp_path, "resume.txt", RESUME), since=other, today="2026-12-01")
    notes = json.loads(render(analysis, "json"))["changes"]["notes"]
    assert notes == [
        "The earlier analysis used a different taxonomy and gapcheck 0.0.1 (now 0.1.0), so part "
        "of the change may come from gapcheck, not the resume."
    ]
    assert "Read with care: The earlier analysis used a different taxonomy" in render(
        analysis, "md"
    )


def test_another_level_or_target_is_compared_with_a_note(old_report: Path, tmp_path: Path) -> None:
    old = json.loads(old_report.read_text(encoding="utf-8"))
    other = edited(old, tmp_path, target__level="entry", target__job="acme.txt")
    analysis = analyse(write(tmp_path, "resume.txt", RESUME), since=other, today="2026-12-01")
    view = changes_view(analysis)
    assert view is not None
    assert view.notes[0].startswith("The earlier report judged the resume as entry level (now ")
    assert view.notes[1] == (
        "The earlier report was made against “acme.txt” (now the role), so its gaps were "
        "ranked for another target."
    )


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("old.html", "<!DOCTYPE html><html></html>", "old.html: is an HTML report; --since needs"),
        ("old.md", "# report", "old.md: is a Markdown report"),
        ("old.json", "{not json", "old.json: is not a gapcheck JSON report (not valid JSON)"),
        ("old.json", '{"score": 1}', "old.json: is not a gapcheck JSON report;"),
        ("old.json", "[1, 2]", "old.json: is not a gapcheck JSON report;"),
        ("old.json", '{"score": NaN, "gapcheck_version": "1"}', "(not valid JSON)"),
        ("saved", "<html><body>report</body></html>", "saved: is an HTML report"),
        ("old.json", "[" * 100_000, "(not valid JSON)"),
    ],
)
def test_a_file_that_is_not_a_json_report_is_refused_before_the_resume_is_read(
    tmp_path: Path, name: str, content: str, fragment: str
) -> None:
    since = write(tmp_path, name, content)
    with pytest.raises(InputError) as raised:
        analyse(tmp_path / "no-such-resume.txt", since=since)
    assert fragment in raised.value.message
    assert "--format json" in raised.value.message


def test_a_report_of_another_major_format_or_damaged_is_refused(
    old_report: Path, tmp_path: Path
) -> None:
    old = json.loads(old_report.read_text(encoding="utf-8"))
    with pytest.raises(InputError) as raised:
        analyse(tmp_path / "none.txt", since=edited(old, tmp_path, schema_version="2.0"))
    assert raised.value.message == (
        "edited.json: is written in report format 2.0, which this gapcheck cannot read; "
        "compare it with the gapcheck that wrote it, or run without --since"
    )
    for damage in ({"score__value": "high"}, {"gaps": {"a": 1}}, {"skills": None}):
        with pytest.raises(InputError) as raised:
            analyse(tmp_path / "none.txt", since=edited(old, tmp_path, **damage))
        assert "is a damaged gapcheck report (" in raised.value.message


def test_a_report_for_another_role_is_refused(old_report: Path, tmp_path: Path) -> None:
    with pytest.raises(UsageError) as raised:
        analyse(tmp_path / "none.txt", role="data-scientist", since=old_report)
    assert raised.value.message == (
        "--since: old.json is a report for the role 'ml-engineer', not 'data-scientist'; "
        "compare it with --role ml-engineer, or pass a report made for 'data-scientist'"
    )


def test_missing_or_folder_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"gone\.json: file not found"):
        analyse(tmp_path / "none.txt", since=tmp_path / "gone.json")
    with pytest.raises(InputError, match="is a folder"):
        analyse(tmp_path / "none.txt", since=tmp_path)
