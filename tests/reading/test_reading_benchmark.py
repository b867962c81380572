"""benchmarks/reading.py and engines.py go on past files they cannot read, and say why.

A folder of real resumes may hold a scan or a damaged PDF; the benchmark must list it and
measure the rest, never stop (it used to crash on the first unreadable file).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support import pdfgen
from tests.support.detect_helpers import benchmark_module

EXPERIENCE = ("Experience", ["• Built data pipelines in Python and Spark on AWS"] * 6)
SKILLS = ("Skills", ["Python, SQL, Docker, Kubernetes, scikit-learn"])


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    place = tmp_path_factory.mktemp("benchmark-files")
    pdfgen.write_resume(place / "a-resume.pdf", [EXPERIENCE, SKILLS] * 2)
    pdfgen.write_image_only(place / "b-scan.pdf")
    (place / "c-damaged.pdf").write_bytes((place / "a-resume.pdf").read_bytes()[:400])
    return place


def test_reading_measures_the_readable_files_and_lists_the_others(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gapcheck.reading.isolated import BOUNDED_PROCESS_ENV

    monkeypatch.setenv(BOUNDED_PROCESS_ENV, "")  # measure() sets it; the test restores it
    reading = benchmark_module("reading")
    result = reading.measure(sorted(folder.glob("*.pdf")), repeat=1)
    assert [Path(p).name for p in result["files"]] == ["a-resume.pdf"]
    assert sorted(Path(p).name for p in result["failed"]) == ["b-scan.pdf", "c-damaged.pdf"]
    assert "UnreadableError" in result["failed"][str(folder / "b-scan.pdf")]
    summary = reading.summarise(result)
    assert summary["files"] == 1 and summary["pages"] >= 1
    assert set(summary["ratio"]) >= {"read pdfminer", "analyse pdfminer"}
    table = reading.table(result, per_file=True)
    assert "left out, b-scan.pdf" in table and "a-resume.pdf" in table
    assert os.environ[BOUNDED_PROCESS_ENV] == str(os.getpid())


def test_engines_lists_a_file_both_refuse_as_an_agreement(folder: Path) -> None:
    pytest.importorskip("pypdfium2")
    engines = benchmark_module("engines")
    result = engines.compare(sorted(folder.glob("*.pdf")))
    assert result["files"] == 3
    refused = {name.split("/")[-1] for name, _, _ in result["refused"]}
    assert refused == {"b-scan.pdf", "c-damaged.pdf"}
    assert result["same"] == 3 and result["differences"] == []


def test_closest_line_shares_most_words() -> None:
    engines = benchmark_module("engines")
    lines = ["Python and SQL", "mmayer@yahoo-inc.com Sunnyvale, CA", "Education"]
    assert engines.closest_line("mailto:mmayer@yahoo-inc.com Sunnyvale", lines) == lines[1]
    assert engines.closest_line("nothing in common", lines) == ""
