"""Hostile files through the single-file CLI: a one-line error or a report, within bounds.

Every file of `hostile_files.CASES` is generated, then `gapcheck FILE` runs on it in a
child process (two at a time). Whatever the file, the run must end by itself within
MAX_CASE_CPU_SECONDS of CPU time, its peak memory must stay under MAX_CASE_MEMORY_MB, and
it must either print exactly one line `gapcheck: error: FILE: problem; advice` with exit
status 1 and write nothing, or write a report that is well-formed and inert.

The PDFs are also read with the pdfium engine, all in one child process (the CLI's
message and exit status do not depend on the engine, and one start instead of twenty
keeps the suite fast): each must end in a document or a one-line GapcheckError within
MAX_CASE_CPU_SECONDS. PDFium reads each file in a process of its own, capped at the same
memory growth as pdfminer (`reading/isolated.py`); that process starts as a copy of the
one reading, so its ceiling is MAX_PDFIUM_MEMORY_MB, the same growth over a copy of a
Python process with gapcheck loaded. Files tests/reading/test_reading_errors.py already
reads with both engines are left out.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.hostile_checks import (
    MAX_CASE_CPU_SECONDS,
    MAX_CASE_MEMORY_MB,
    ChildResult,
    assert_inert_report,
    assert_one_line_error,
    run_gapcheck,
)
from tests.support.hostile_files import CASES, Case

MAX_PDFIUM_MEMORY_MB = MAX_CASE_MEMORY_MB + 256.0
PARALLEL_RUNS = 2
# Reads each file named in argv with the pdfium engine; one JSON line per file, with the
# CPU time it took (this process and the engine's own); then the peak resident memory of
# this process or of any engine process.
READ_WITH_PDFIUM = """
import json, resource, sys
from pathlib import Path
from gapcheck.cli.main import _quiet_libraries
from gapcheck.errors import GapcheckError
from gapcheck.reading import read_document
_quiet_libraries()
def cpu():
    own, children = (resource.getrusage(who) for who in
                     (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
for name in sys.argv[1:]:
    started = cpu()
    try:
        read_document(Path(name), engine="pdfium")
        status, message = "read", ""
    except GapcheckError as error:
        status, message = "refused", error.message
    except BaseException as error:
        status, message = "crashed", f"{type(error).__name__}: {error}"
    print(json.dumps({"name": Path(name).name, "status": status, "message": message,
                      "cpu_seconds": cpu() - started}), flush=True)
peaks = [resource.getrusage(who).ru_maxrss / 1024
         for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
print(json.dumps({"peak_mb": max(peaks)}))
"""


@dataclass(frozen=True)
class Outcome:
    case: Case
    path: Path  # the hostile file
    workdir: Path  # where gapcheck ran, and would have written its report
    result: ChildResult

    @property
    def reports(self) -> list[Path]:
        return sorted(self.workdir.glob("*.gapcheck.*"))


def _run(case: Case, path: Path, workdir: Path) -> Outcome:
    args = [str(path), "-q", "--date", "2026-11-21"]
    result = run_gapcheck(args, cwd=workdir, limits=dict(case.limits))
    return Outcome(case, path, workdir, result)


@dataclass(frozen=True)
class PdfiumRun:
    reads: dict[str, dict[str, object]]  # case name -> file name, status, message, CPU time
    peak_mb: float
    stderr: str


def _run_pdfium(paths: dict[str, Path]) -> PdfiumRun:
    result = subprocess.run(
        [sys.executable, "-c", READ_WITH_PDFIUM, *map(str, paths.values())],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    records = [json.loads(line) for line in result.stdout.splitlines()]
    by_file = {str(r["name"]): r for r in records if "name" in r}
    reads = {case: by_file[path.name] for case, path in paths.items() if path.name in by_file}
    peak = next((float(r["peak_mb"]) for r in records if "peak_mb" in r), float("inf"))
    return PdfiumRun(reads, peak, result.stderr)


@pytest.fixture(scope="module")
def runs(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[dict[str, Outcome], PdfiumRun]:
    """Every case through the CLI, and the PDFs through pdfium, two processes at a time."""
    root = tmp_path_factory.mktemp("hostile")
    inputs = root / "inputs"
    inputs.mkdir()
    jobs = []
    pdfium_paths: dict[str, Path] = {}
    for case in CASES:
        path = case.write(inputs)
        workdir = root / case.name
        workdir.mkdir()
        jobs.append((case, path, workdir))
        if case.pdf and case.pdfium:
            pdfium_paths[case.name] = path
    with ThreadPoolExecutor(PARALLEL_RUNS) as pool:
        pdfium = pool.submit(_run_pdfium, pdfium_paths)  # the longest: started first
        done = list(pool.map(lambda job: _run(*job), jobs))
        return {o.case.name: o for o in done}, pdfium.result()


@pytest.fixture(scope="module")
def outcomes(runs: tuple[dict[str, Outcome], PdfiumRun]) -> dict[str, Outcome]:
    return runs[0]


def _ids(cases: Iterator[Case] | tuple[Case, ...]) -> list[str]:
    return [case.name for case in cases]


def assert_bounded(outcome: Outcome) -> None:
    result = outcome.result
    assert result.killed is None, result.describe()
    assert result.cpu_seconds < MAX_CASE_CPU_SECONDS, result.describe()
    assert result.peak_mb < MAX_CASE_MEMORY_MB, result.describe()
    assert "Traceback" not in result.stderr, result.describe()


@pytest.mark.parametrize("case", CASES, ids=_ids(CASES))
def test_cli_ends_clearly_within_bounds(case: Case, outcomes: dict[str, Outcome]) -> None:
    outcome = outcomes[case.name]
    assert_bounded(outcome)
    result = outcome.result
    if case.error is not None:
        assert_one_line_error(result, outcome.path.name, *case.error)
        assert outcome.reports == [], "a failed run must not leave a report"
        return
    assert result.returncode == 0, result.describe()
    assert result.stderr == "", result.describe()
    assert [r.name for r in outcome.reports] == [f"{outcome.path.stem}.gapcheck.html"]
    html = outcome.reports[0].read_text(encoding="utf-8")
    assert_inert_report(html)
    for text in case.absent:
        assert text not in html, f"{text!r} reached the report"


PDF_CASES = tuple(case for case in CASES if case.pdf and case.pdfium)


@pytest.mark.parametrize("case", PDF_CASES, ids=_ids(PDF_CASES))
def test_pdfium_engine_ends_clearly(case: Case, runs: tuple[dict[str, Outcome], PdfiumRun]) -> None:
    """PDFium may read more than pdfminer (it repairs more), but it never crashes."""
    pdfium = runs[1]
    assert case.name in pdfium.reads, f"pdfium stopped before it: {pdfium.stderr[-2000:]}"
    read = pdfium.reads[case.name]
    name = str(read["name"])
    assert read["status"] in ("read", "refused"), read
    assert float(str(read["cpu_seconds"])) < MAX_CASE_CPU_SECONDS, read
    if read["status"] == "refused":
        message = str(read["message"])
        assert message.startswith(f"{name}: ") and "\n" not in message, message


def test_pdfium_memory_stays_under_its_ceiling(runs: tuple[dict[str, Outcome], PdfiumRun]) -> None:
    assert runs[1].peak_mb < MAX_PDFIUM_MEMORY_MB, runs[1].peak_mb


def test_the_guards_are_what_stops_the_bombs(outcomes: dict[str, Outcome]) -> None:
    """The bombs fail on the inflation limits, before memory grows: far below the ceiling."""
    for name in ("decompression-bomb", "truncated-bomb", "lzw-bomb", "run-length-bomb"):
        result = outcomes[name].result
        assert result.peak_mb < 400, f"{name}: {result.describe()}"
