"""`gapcheck RESUME --since OLD.json` on the command line: the change printed and written,
and one error line (nothing written) for an earlier report that cannot be compared."""

from __future__ import annotations

from pathlib import Path

from tests.api.test_several_postings import RESUME
from tests.api.test_since import EDITED
from tests.cli.test_cli import assert_one_line_error, run_cli


def test_the_change_is_printed_and_written(tmp_path: Path) -> None:
    resume = tmp_path / "casey.txt"
    resume.write_text(RESUME, encoding="utf-8")
    old = tmp_path / "old.json"
    first = run_cli(str(resume), "-o", str(old), "--date", "2026-11-01", "-q")
    assert first.returncode == 0, first.stderr
    resume.write_text(EDITED, encoding="utf-8")
    new = tmp_path / "new.md"
    result = run_cli(str(resume), "--since", str(old), "-o", str(new), "--date", "2026-12-01")
    assert result.returncode == 0, result.stderr
    assert "Since 2026-11-01 (old.json): score " in result.stdout
    assert "newly shown: Docker / containerization, Kubernetes" in result.stdout
    assert "## What changed since 2026-11-01 (old.json)" in new.read_text(encoding="utf-8")


def test_an_html_report_is_refused_in_one_line_and_nothing_is_written(tmp_path: Path) -> None:
    resume = tmp_path / "casey.txt"
    resume.write_text(RESUME, encoding="utf-8")
    old = tmp_path / "old.html"
    old.write_text("<!DOCTYPE html><html></html>", encoding="utf-8")
    out = tmp_path / "new.html"
    result = run_cli(str(resume), "--since", str(old), "-o", str(out))
    assert_one_line_error(result, "old.html: is an HTML report", "--format json")
    assert result.returncode == 1
    assert not out.exists()
