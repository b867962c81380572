"""The CLI: help, version, and one clear line for every kind of bad input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gapcheck.version import __version__

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "jordan-lee-resume.pdf"


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gapcheck", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("gapcheck: error: "), lines[0]
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"gapcheck {__version__}"


def test_help_lists_examples_and_commands() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for word in ("Examples:", "batch", "roles", "taxonomy", "--format json -o -"):
        assert word in result.stdout


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys\n"
        "from gapcheck.cli.main import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('spacy', 'pdfminer', 'jinja2', 'rapidfuzz') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "HEAVY []" in result.stdout


def test_missing_file(tmp_path: Path) -> None:
    assert_one_line_error(run_cli("nowhere.pdf", cwd=tmp_path), "nowhere.pdf")


def test_directory_instead_of_file(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    assert_one_line_error(run_cli("folder", cwd=tmp_path), "folder")


def test_file_that_is_not_a_resume(tmp_path: Path) -> None:
    fake = tmp_path / "photo.pdf"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert_one_line_error(run_cli(str(fake), cwd=tmp_path), "photo.pdf")
    assert not list(tmp_path.glob("*.gapcheck.*"))  # no report pretending all skills are missing


def test_unknown_role_names_the_choices(tmp_path: Path) -> None:
    result = run_cli(str(EXAMPLE), "--role", "astronaut", cwd=tmp_path)
    assert_one_line_error(result, "astronaut", "ml-engineer")
    assert result.returncode == 2


def test_unknown_level_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli(str(EXAMPLE), "--level", "guru", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("content", [None, "skills: [unclosed", "- just\n- a list\n"])
def test_unreadable_taxonomy(tmp_path: Path, content: str | None) -> None:
    taxonomy = tmp_path / "mine.yaml"
    if content is not None:
        taxonomy.write_text(content)
    assert_one_line_error(
        run_cli(str(EXAMPLE), "--taxonomy", str(taxonomy), cwd=tmp_path), "mine.yaml"
    )


def test_bad_date(tmp_path: Path) -> None:
    result = run_cli(str(EXAMPLE), "--date", "yesterday", cwd=tmp_path)
    assert result.returncode == 2
    assert "YYYY-MM-DD" in result.stderr
