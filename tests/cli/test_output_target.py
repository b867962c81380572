"""`-o` is checked before any work and never replaces what is not a report file."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from gapcheck.cli.analyse import default_output

RESUME = """Jane Doe
jane.doe@example.com | +1 555 010 0199

Experience
Data Scientist, Example Analytics, 2019 - 2024
Built churn models in Python with scikit-learn and served them with Docker.

Education
B.S. in Statistics, Example University, 2015 - 2019

Skills
Python, SQL, scikit-learn, Docker, pandas
"""


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gapcheck", *args, "--date", "2026-12-01", "-q"],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        timeout=300,
    )


@pytest.fixture
def resume(tmp_path: Path) -> Path:
    path = tmp_path / "jane.txt"
    path.write_text(RESUME, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["report.csv", "out.pdf", "summary.docx"])
def test_a_suffix_that_names_no_format_is_a_usage_error(
    resume: Path, tmp_path: Path, name: str
) -> None:
    done = run(str(resume), "-o", name, cwd=tmp_path)
    assert done.returncode == 2
    assert "not a report format" in done.stderr and ".json" in done.stderr
    assert not (tmp_path / name).exists()


def test_format_says_what_to_write_under_any_name(resume: Path, tmp_path: Path) -> None:
    done = run(str(resume), "-o", "report.csv", "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "report.csv").read_text(encoding="utf-8").lstrip().startswith("{")


def test_markdown_suffixes_write_markdown(resume: Path, tmp_path: Path) -> None:
    done = run(str(resume), "-o", "x.markdown", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "x.markdown").read_text(encoding="utf-8").startswith("<!")


def test_a_missing_folder_is_an_error_and_is_not_created(resume: Path, tmp_path: Path) -> None:
    done = run(str(resume), "-o", "nowhere/deeper/r.html", cwd=tmp_path)
    assert done.returncode == 2
    assert "does not exist" in done.stderr
    assert not (tmp_path / "nowhere").exists()


def test_an_existing_folder_is_refused(resume: Path, tmp_path: Path) -> None:
    (tmp_path / "reports.html").mkdir()
    done = run(str(resume), "-o", "reports.html", cwd=tmp_path)
    assert done.returncode == 2 and "is a folder" in done.stderr


def test_a_named_pipe_stays_a_named_pipe(resume: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)
    done = run(str(resume), "-o", str(fifo), cwd=tmp_path)
    assert done.returncode == 2
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_symbolic_link_and_its_target_are_left_alone(resume: Path, tmp_path: Path) -> None:
    target = tmp_path / "precious.txt"
    target.write_text("keep me", encoding="utf-8")
    link = tmp_path / "link.html"
    link.symlink_to(target)
    done = run(str(resume), "-o", str(link), cwd=tmp_path)
    assert done.returncode == 2
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "keep me"


def test_a_name_the_file_system_refuses_is_one_line_not_an_internal_error(
    resume: Path, tmp_path: Path
) -> None:
    done = run(str(resume), "-o", "x" * 300 + ".html", cwd=tmp_path)
    assert done.returncode in (1, 2), done.stderr
    assert "internal error" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_default_output_names_are_harmless() -> None:
    assert default_output(Path("-rf \u202eevil\nname.pdf"), "html").name == (
        "rf _evil_name.gapcheck.html"
    )
    assert len(default_output(Path("x" * 300 + ".pdf"), "json").name) < 130
    assert default_output(Path("cv.pdf"), "md").name == "cv.gapcheck.md"
