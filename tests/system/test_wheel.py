"""The wheel carries the taxonomy and templates: install it elsewhere and run it there."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "jordan-lee-resume.pdf"


@pytest.mark.slow
def test_wheel_installs_and_runs_from_another_directory(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(dist),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    wheels = list(dist.glob("gapcheck-*.whl"))
    assert len(wheels) == 1

    # A fresh venv; the dependencies come from this environment's site-packages through a
    # .pth line (so the test needs no network), while gapcheck itself comes only from the
    # wheel: .pth files inside that directory (the editable install's) are not processed.
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"
    fresh_site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(fresh_site, "deps-from-test-env.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheels[0])],
        check=True,
        capture_output=True,
    )

    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    where = subprocess.run(
        [
            str(python),
            "-c",
            "import gapcheck, gapcheck.support.resources as r; print(gapcheck.__file__);"
            " print(r.builtin_taxonomy_path()); print(r.templates_dir())",
        ],
        cwd=workdir,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    assert all(line.startswith(str(env_dir)) for line in where), where  # nothing from the checkout

    result = subprocess.run(
        [str(bin_dir / "gapcheck"), str(EXAMPLE), "--date", "2026-11-21"],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report = workdir / "jordan-lee-resume.gapcheck.html"
    assert report.is_file()
    assert "Jordan" in report.read_text(
        encoding="utf-8"
    ) or "jordan-lee-resume.pdf" in report.read_text(encoding="utf-8")
