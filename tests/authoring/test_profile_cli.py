"""`gapcheck profile build` end to end, with the built-in taxonomy and the real detector."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from gapcheck.taxonomy.loading import load_taxonomy
from tests.support.gap_helpers import CORPUS

POSTING = """\
TITLE: Machine Learning Engineer
COMPANY: Example

Requirements:
- Python and machine learning in production
- Docker

Nice to have:
- Kubernetes
"""


def run_profile(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gapcheck", "profile", "build", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


def test_builds_a_profile_from_a_folder_and_skips_unreadable_postings(tmp_path: Path) -> None:
    folder = tmp_path / "postings"
    folder.mkdir()
    (folder / "one.txt").write_text(POSTING, encoding="utf-8")
    (folder / "two.md").write_text(POSTING.replace("Docker", "PyTorch"), encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02")
    result = run_profile(
        "postings", "-o", "team.yaml", "--name", "Team ML", "--id", "team-ml", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "gapcheck: skipped broken.txt: is not a text file" in result.stderr
    assert "team.yaml: role 'team-ml' from 2 of 3 postings" in result.stdout
    data = yaml.safe_load((tmp_path / "team.yaml").read_text(encoding="utf-8"))
    assert data["extends"] == "builtin"
    (role,) = data["roles"]
    assert (role["id"], role["name"]) == ("team-ml", "Team ML")
    factors = role["skill_factors"]
    builtin = load_taxonomy()
    assert set(factors) <= {s.id for s in builtin.skills}
    python = next(s.id for s in builtin.skills if s.name == "Python")
    assert factors[python] > 0


def test_an_existing_role_id_is_a_one_line_usage_error(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(POSTING, encoding="utf-8")
    result = run_profile("one.txt", "-o", "x.yaml", "--id", "ml-engineer", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "gapcheck: error: --id: role 'ml-engineer' already exists; choose another --id"
    )
    assert not (tmp_path / "x.yaml").exists()


def test_the_real_postings_make_a_profile(tmp_path: Path) -> None:
    postings = CORPUS / "postings"
    if not postings.is_dir():
        pytest.skip(f"the real postings are not available ({postings} is missing)")
    result = run_profile(str(postings), "-o", "-", "--id", "glassdoor-ml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load(result.stdout)
    factors = data["roles"][0]["skill_factors"]
    assert sum(1 for f in factors.values() if f > 0) >= 3
    assert "6 job postings" in data["roles"][0]["description"]
