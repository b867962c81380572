"""`gapcheck taxonomy check|show|build` and `gapcheck roles` from the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from gapcheck.cli.main import main

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "mini_taxonomy.yaml"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        main(list(args))
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_check_the_builtin_taxonomy(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "taxonomy", "check")
    assert code == 0
    assert out.startswith("skills.yaml: valid")
    assert "as of 2026-11-21" in out
    assert "roles: ml-engineer, data-scientist" in out


def test_check_a_broken_file_lists_every_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "coach.yaml"
    text = FIXTURE.read_text(encoding="utf-8")
    text = text.replace(
        "implies: [machine_learning]\n    requires: [machine_learning]",
        "implies: [ml]\n    requires: [machine_learning]",
    )
    text = text.replace(
        "category: cloud\n    stage: practical", "category: clouds\n    stage: practical"
    )
    broken.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "taxonomy", "check", str(broken))
    assert code == 1 and out == ""
    assert err.startswith("gapcheck: error: coach.yaml: 2 problems")
    assert "skill 'deep_learning', field 'implies': unknown skill 'ml'" in err
    assert "skill 'aws', field 'category': unknown category 'clouds'" in err
    assert "Traceback" not in err


def test_show_one_skill_by_alias(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "taxonomy", "show", "k8s")
    assert code == 0
    assert out.startswith("Kubernetes (kubernetes)")
    for part in (
        "category:",
        "stage:",
        "aliases:",
        "requires:    Docker / containerization (docker)",
        "provenance (importance",
        "india-guide",
        "weight per role",
        "ml-engineer",
    ):
        assert part in out, part


def test_show_explains_ambiguous_terms(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "taxonomy", "show", "r")
    assert code == 0
    assert "ambiguous 'R': case-sensitive; counts in: list, cue, skills_section" in out


def test_show_lists_every_skill_by_category(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "taxonomy", "show")
    assert code == 0
    assert "Mathematics and statistics (math_stats)" in out
    assert "Hands-on experience (hands_on)" in out
    assert "  python " in out


def test_show_an_unknown_skill(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "taxonomy", "show", "xyzzy")
    assert code == 2
    assert err.strip() == (
        "gapcheck: error: xyzzy: no skill with this id, name or alias; "
        "run 'gapcheck taxonomy show' for the list"
    )


def test_roles_lists_roles_levels_and_heaviest_skills(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "roles", "--top", "3")
    assert code == 0
    assert "Levels (--level): entry, mid, senior" in out
    assert "ml-engineer (default): Machine Learning Engineer" in out
    assert "data-scientist: Data Scientist" in out
    assert "skills expected; heaviest: " in out


def test_roles_of_an_extension(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    coach = tmp_path / "coach.yaml"
    coach.write_text(
        "extends: builtin\nroles:\n  - id: platform-ml\n    name: Platform ML Engineer\n"
        "    description: Our platform team.\n    category_factors: {deployment_mlops: 3.0}\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "roles", "--taxonomy", str(coach))
    assert code == 0
    assert "platform-ml: Platform ML Engineer" in out and "Our platform team." in out


def _guides(tmp_path: Path) -> tuple[Path, Path]:
    taxonomy = tmp_path / "mini.yaml"
    shutil.copy(FIXTURE, taxonomy)
    guide = tmp_path / "g1.txt"
    guide.write_text("You need Python (essential) and Docker (required).\n", encoding="utf-8")
    return taxonomy, guide


def test_build_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    taxonomy, guide = _guides(tmp_path)
    code, out, _ = run(
        capsys, "taxonomy", "build", str(guide), "--taxonomy", str(taxonomy), "--format", "json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["documents"] == [{"file": "g1.txt", "guide": "g1"}]
    python = next(s for s in data["skills"] if s["id"] == "python")
    assert python["counts"] == [{"document": "g1", "mentions": 1, "emphasis": "essential"}]


def test_build_check_then_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    taxonomy, guide = _guides(tmp_path)
    code, _, err = run(
        capsys, "taxonomy", "build", str(guide), "--taxonomy", str(taxonomy), "--check"
    )
    assert code == 1
    assert "provenance entries differ from the documents" in err
    expected = "recorded 4 mention(s), essential, counted 1 mention(s), essential"
    assert f"skill 'python', guide 'g1': {expected}" in err
    code, out, _ = run(
        capsys, "taxonomy", "build", str(guide), "--taxonomy", str(taxonomy), "--write"
    )
    assert code == 0 and "mini.yaml: updated the provenance of" in out
    code, out, _ = run(
        capsys, "taxonomy", "build", str(guide), "--taxonomy", str(taxonomy), "--check"
    )
    assert code == 0 and "provenance agrees with the documents" in out


def test_build_needs_documents(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "taxonomy", "build")
    assert code == 2
    assert "Missing argument" in err


# --------------------------------------------------------------------------- build --postings


def _postings(tmp_path: Path) -> tuple[Path, Path]:
    taxonomy = tmp_path / "mini.yaml"
    shutil.copy(FIXTURE, taxonomy)
    postings = tmp_path / "jobs.csv"
    postings.write_text(
        "title,description\n"
        '"Machine Learning Engineer","Requirements:\n- Experience with Python and Docker\n"\n'
        '"Senior Data Scientist","Requirements:\n- Strong Python skills\nNice to have: AWS\n"\n'
        '"Senior Data Scientist","Requirements:\n- Strong Python skills\nNice to have: AWS\n"\n',
        encoding="utf-8",
    )
    return taxonomy, postings


def test_build_postings_writes_then_checks_demand(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    taxonomy, postings = _postings(tmp_path)
    args = ("taxonomy", "build", "--postings", str(postings), "--taxonomy", str(taxonomy))
    code, _, err = run(capsys, *args, "--check")
    assert code == 1 and "demand.yaml: missing" in err
    code, out, err = run(capsys, *args, "--write")
    assert code == 0
    assert "demand.yaml: rewritten" in out and "counted 2 of 2 postings" in err
    assert "\n  ml          1  (0 / 0)" in out and "\n  ds          1  (1 / 0)" in out
    written = (tmp_path / "demand.yaml").read_text(encoding="utf-8")
    assert "python: {all: [2, 2]" in written and "Experience with" not in written
    code, out, _ = run(capsys, *args, "--check")
    assert code == 0 and "demand.yaml: agrees with the postings" in out
    code, out, _ = run(capsys, *args, "--write")
    assert code == 0 and "demand.yaml: unchanged" in out
    (tmp_path / "demand.yaml").write_text(
        written.replace("python: {all: [2, 2]", "python: {all: [2, 1]"), encoding="utf-8"
    )
    code, _, err = run(capsys, *args, "--check")
    assert code == 1 and "skill 'python': recorded" in err


def test_build_postings_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    taxonomy, postings = _postings(tmp_path)
    code, out, _ = run(
        capsys,
        "taxonomy",
        "build",
        "--postings",
        str(postings),
        "--taxonomy",
        str(taxonomy),
        "--format",
        "json",
    )
    assert code == 0
    data = json.loads(out)
    assert data["postings"]["all"] == 2 and data["postings"]["ml_eng"] == 1
    assert data["skills"]["docker"] == {"all": [1, 1], "ml": [1, 1], "ml_eng": [1, 1]}
    assert data["sources"][0]["rows"] == 3 and data["sources"][0]["unique"] == 2
    assert not (tmp_path / "demand.yaml").exists()  # nothing written without --write


def test_a_csv_needs_the_postings_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    taxonomy, postings = _postings(tmp_path)
    code, _, err = run(capsys, "taxonomy", "build", str(postings), "--taxonomy", str(taxonomy))
    assert code == 2 and "jobs.csv: is a CSV file; count job-posting CSVs with --postings" in err


def test_check_and_show_report_the_builtin_demand(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "taxonomy", "check")
    assert code == 0 and "job postings (2018–2021) from 3 files, demand.yaml" in out
    code, out, _ = run(capsys, "taxonomy", "show", "pytorch")
    assert code == 0 and "job postings asking for it (2018–2021):" in out
    assert "    ML-titled " in out
