"""A folder of hostile files in batch mode: each one listed with its reason, the rest analysed.

The batch runs as a user would run it (`gapcheck batch IN -o OUT`, two workers). Every
hostile file that the single-file CLI refuses must appear in summary.csv as failed with a
reason and in the failure list on standard error; every readable file gets its report;
the exit status is 1; nothing is written outside OUT, not even through a symbolic link
planted in it; and no cell of summary.csv can run as a spreadsheet formula.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from tests.support.hostile_checks import (
    ChildResult,
    assert_inert_report,
    printed_name,
    run_gapcheck,
)
from tests.support.hostile_files import CASES, resume_pdf_bytes

# The operand flood only ends on the 30-second reading limit: tested in test_hostile.py
# with a shorter limit. HTML pages are portfolio material, which batch does not collect.
BATCH_CASES = tuple(
    case for case in CASES if case.name != "operand-flood" and "html" not in case.name
)
# Names that would be a formula in a spreadsheet, a second CSV row, markup or an option.
GOOD_NAMES = (
    "=HYPERLINK(\"https:,,example.invalid\",\"x\").pdf",
    "+cmd|' calc'!A0.pdf",
    "@SUM(1+1).pdf",
    "new\nline.pdf",
    "<img src=x onerror=alert(1)>.pdf",
)  # not "..pdf": batch skips hidden files by design
BAD_NAMES = ("-empty.pdf", "\tempty.pdf")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATE = ("--date", "2026-11-21")
# Files that read fine but are not resumes: listed as such, never scored.
NOT_RESUMES = ("hello", "job-posting")


def neutralised(name: str) -> str:
    return "'" + name if name.startswith(FORMULA_STARTS) else name


def snapshot(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_size for p in sorted(folder.rglob("*"))}


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ChildResult, dict[str, str]]:
    """Run the batch once; return the root folder, the result and each file's expectation."""
    root = tmp_path_factory.mktemp("batch")
    inputs = root / "in"
    inputs.mkdir()
    expected: dict[str, str] = {}  # file name -> "failed", "not-a-resume" or "analysed"
    for case in BATCH_CASES:
        path = case.write(inputs)
        if case.error is None:
            expected[path.name] = "analysed"
        else:
            expected[path.name] = "not-a-resume" if case.name in NOT_RESUMES else "failed"
    for name in GOOD_NAMES:
        (inputs / name).write_bytes(resume_pdf_bytes())
        expected[name] = "analysed"
    for name in BAD_NAMES:
        (inputs / name).write_bytes(b"")
        expected[name] = "failed"
    before = snapshot(inputs)
    result = run_gapcheck(
        ["batch", "in", "-o", "out", "--jobs", "2", "--timeout", "30", "--no-progress", *DATE],
        cwd=root,
    )
    assert snapshot(inputs) == before, "batch changed its input folder"
    return root, result, expected


def _rows(root: Path) -> list[dict[str, str]]:
    text = (root / "out" / "summary.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_batch_lists_every_hostile_file_and_goes_on(
    batch: tuple[Path, ChildResult, dict[str, str]],
) -> None:
    root, result, expected = batch
    assert result.killed is None, result.describe()
    assert result.returncode == 1, result.describe()
    assert "Traceback" not in result.stderr, result.describe()
    statuses = {row["file"]: row["status"] for row in _rows(root)}
    assert statuses == {neutralised(name): status for name, status in expected.items()}
    for name, status in expected.items():
        if status != "analysed":
            assert f"{printed_name(name).strip()} [{status}]" in result.stderr, name
    failed_rows = [row for row in _rows(root) if row["status"] != "analysed"]
    assert all(row["error"] for row in failed_rows), "a failure without its reason"
    for row in failed_rows:
        assert not row["score"], "something not read as a resume never gets a score"


def test_batch_reports_are_inert(batch: tuple[Path, ChildResult, dict[str, str]]) -> None:
    root, _, expected = batch
    reports = sorted((root / "out" / "reports").glob("*.html"))
    assert len(reports) == sum(status == "analysed" for status in expected.values())
    for report in reports:
        assert_inert_report(report.read_text(encoding="utf-8"))
    index = (root / "out" / "index.html").read_text(encoding="utf-8")
    assert_inert_report(index, own_assets=False)


def test_batch_writes_only_inside_its_output_folder(
    batch: tuple[Path, ChildResult, dict[str, str]],
) -> None:
    root, _, _ = batch
    assert sorted(p.name for p in root.iterdir()) == ["in", "out"]
    out = (root / "out").resolve()
    for path in out.rglob("*"):
        assert not path.is_symlink(), path
        assert path.resolve().is_relative_to(out), path


def test_no_csv_cell_is_a_formula(batch: tuple[Path, ChildResult, dict[str, str]]) -> None:
    root, _, _ = batch
    for row in _rows(root):
        for column, cell in row.items():
            # A plain number ("-3.5", a score change) is only ever read as that number.
            plain_number = re.fullmatch(r"-?\d+(?:\.\d+)?", cell) is not None
            assert plain_number or not cell.startswith(FORMULA_STARTS), (column, cell)


@pytest.mark.parametrize("victim", ["reports", "summary.csv"])
def test_a_symlink_planted_in_the_output_folder_is_never_followed(
    tmp_path: Path, victim: str
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "resume.pdf").write_bytes(resume_pdf_bytes())
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    args = ["batch", "in", "-o", "out", "--jobs", "1", "--no-progress", "--force", *DATE]
    first = run_gapcheck(args, cwd=tmp_path)
    assert first.returncode == 0, first.describe()
    planted = tmp_path / "out" / victim
    if planted.is_dir():
        for item in planted.iterdir():
            item.unlink()
        planted.rmdir()
        planted.symlink_to(elsewhere)
    else:
        planted.unlink()
        planted.symlink_to(elsewhere / victim)
    again = run_gapcheck(args, cwd=tmp_path)
    assert "Traceback" not in again.stderr, again.describe()
    assert list(elsewhere.iterdir()) == [], f"written through out/{victim}"
    # Either refused (one line, exit 2) or the link itself replaced by a file of its own.
    if again.returncode != 0:
        assert again.returncode == 2 and len(again.stderr.splitlines()) == 1, again.describe()
    else:
        assert not planted.is_symlink() and planted.is_file()
