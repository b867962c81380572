"""`gapcheck RESUME --job FOLDER` (or --job repeated) on the command line, and what batch,
which compares with one posting file, says to it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.api.test_several_postings import POSTINGS, RESUME
from tests.cli.test_cli import assert_one_line_error, run_cli


def make_inputs(where: Path) -> tuple[Path, Path]:
    resume = where / "casey.txt"
    resume.write_text(RESUME, encoding="utf-8")
    folder = where / "postings"
    folder.mkdir()
    for name, text in POSTINGS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return resume, folder


def test_a_folder_of_postings_writes_the_fits_and_prints_the_best(tmp_path: Path) -> None:
    resume, folder = make_inputs(tmp_path)
    out = tmp_path / "report.json"
    result = run_cli(str(resume), "--job", str(folder), "-o", str(out), "--date", "2026-12-01")
    assert result.returncode == 0, result.stderr
    assert "Best fits of 3 postings:" in result.stdout
    assert "  1. Data Scientist: " in result.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [f["source"] for f in data["postings"]["fits"]] == [
        "gamma.txt",
        "alpha.txt",
        "beta.txt",
    ]


def test_job_given_twice_ranks_both(tmp_path: Path) -> None:
    resume, folder = make_inputs(tmp_path)
    result = run_cli(
        str(resume),
        "--job",
        str(folder / "alpha.txt"),
        "--job",
        str(folder / "beta.txt"),
        "--format",
        "md",
        "-o",
        "-",
    )
    assert result.returncode == 0, result.stderr
    assert "## Postings ranked by fit (2)" in result.stdout


def test_batch_refuses_several_postings_in_one_line(tmp_path: Path) -> None:
    resume, folder = make_inputs(tmp_path)
    people = tmp_path / "people"
    people.mkdir()
    resume.rename(people / resume.name)
    for jobs in (["--job", str(folder)], ["--job", str(folder / "a.txt"), "--job", "b.txt"]):
        result = run_cli("batch", str(people), "-o", str(tmp_path / "out"), *jobs)
        assert_one_line_error(result, "--job", "one posting file")
        assert result.returncode == 2
        assert not (tmp_path / "out").exists()
