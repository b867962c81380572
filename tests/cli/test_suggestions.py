"""Misspellings get a suggestion; the top-level help names the options of gapcheck RESUME."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gapcheck", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        timeout=120,
    )


def test_a_misspelled_command_suggests_the_command(tmp_path: Path) -> None:
    done = run("role", cwd=tmp_path)
    assert done.returncode == 2
    assert "did you mean 'gapcheck roles'" in done.stderr
    assert "file not found" not in done.stderr


def test_a_missing_file_is_still_a_missing_file(tmp_path: Path) -> None:
    done = run("rolls.pdf", cwd=tmp_path)
    assert done.returncode == 1 and "rolls.pdf" in done.stderr


def test_a_misspelled_role_suggests_the_role(tmp_path: Path) -> None:
    done = run("cv.pdf", "--role", "data-scientst", cwd=tmp_path)
    assert done.returncode == 2
    assert "did you mean 'data-scientist'" in done.stderr


def test_the_top_level_help_lists_the_analysis_options(tmp_path: Path) -> None:
    done = run("--help", cwd=tmp_path)
    for option in ("--role", "--level", "--job", "-o OUTPUT", "--format"):
        assert option in done.stdout, option
