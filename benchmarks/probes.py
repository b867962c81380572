"""Measurements benchmarks/run.py runs in a fresh interpreter, so nothing else is loaded.

    python benchmarks/probes.py --stages  '{"files": [...], "rounds": 15}'
    python benchmarks/probes.py --engines '{"files": [...]}'
    python benchmarks/probes.py --bare    '{"folder": "..."}'
    python benchmarks/probes.py --reading '{"files": [...], "repeat": 3}'
    python benchmarks/probes.py --batch   '{"folder": "...", "out": "...", "jobs": 2}'

Each prints its result as JSON on standard output:
  --stages   CPU milliseconds per stage of `gapcheck.api.analyse` plus HTML rendering, for
             each file (median over rounds, after one warm-up analysis), with the garbage
             collector set up as `gapcheck resume.pdf` sets it up; a file gapcheck refuses
             is reported with its reason instead;
  --engines  the skills each PDF engine finds in each file, and every difference with the
             line each engine read (benchmarks/engines.py);
  --bare     CPU seconds of bare pdfminer (and pypdfium2) text extraction of a folder;
  --reading  per-file CPU of bare pdfminer, bare pypdfium2, and gapcheck's reading and whole
             analysis with each engine (benchmarks/reading.py), unreadable files listed;
  --batch    one `run_batch` over a folder: this process's peak resident memory (the
             batch's parent), each worker's peak, early and late, CPU and failures.
"""

from __future__ import annotations

import contextlib
import json
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


class StageClock:
    """Exclusive CPU time per stage: time spent in a nested stage counts for that stage."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = defaultdict(float)
        self._stack: list[list[Any]] = []  # [stage, started]

    def wrap(self, owner: Any, name: str, stage: str) -> None:
        original = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            now = time.process_time()
            if self._stack:
                outer = self._stack[-1]
                self.totals[outer[0]] += now - outer[1]
            self._stack.append([stage, now])
            try:
                return original(*args, **kwargs)
            finally:
                now = time.process_time()
                inner = self._stack.pop()
                self.totals[inner[0]] += now - inner[1]
                if self._stack:
                    self._stack[-1][1] = now

        setattr(owner, name, timed)


def stage_worker(files: list[str], rounds: int) -> dict[str, Any]:
    """CPU milliseconds per stage of `analyse` + HTML rendering, median over rounds, per file."""
    import gc

    from gapcheck import api, reading
    from gapcheck.cli.analyse import SINGLE_RUN_GC_THRESHOLDS
    from gapcheck.detection import detector, hands_on
    from gapcheck.errors import GapcheckError
    from gapcheck.scoring import gaps, near_misses, recommend, score
    from gapcheck.sections import split

    gc.set_threshold(*SINGLE_RUN_GC_THRESHOLDS)  # as `gapcheck resume.pdf` runs
    clock = StageClock()
    stages = {
        "read": [(reading, "read_document")],
        "sections": [(split, "sectioned")],
        "detect": [
            (detector.Detector, "detect"),
            (hands_on, "hands_on_items"),
            (hands_on, "with_hands_on_skills"),
        ],
        "score": [(score, "score"), (gaps, "rank_gaps"), (near_misses, "near_misses")]
        + [(recommend, n) for n in ("learning_path", "suggest_certifications", "retired_notes")],
        "render": [(api, "render")],
        "other": [(api, "analyse")],  # what analyse does besides the stages above
    }
    for stage, places in stages.items():
        for owner, name in places:
            if hasattr(owner, name):
                clock.wrap(owner, name, stage)
    results: dict[str, Any] = {}
    for path in files:
        try:  # warm: detector, templates
            api.render(api.analyse(path, today="2026-11-21"), "html")
        except GapcheckError as error:
            results[path] = {"refused": f"{type(error).__name__}: {error.problem}"}
            continue
        per_round: dict[str, list[float]] = defaultdict(list)
        for _ in range(rounds):
            clock.totals.clear()
            analysis = api.analyse(path, today="2026-11-21")
            api.render(analysis, "html")
            for stage in stages:
                per_round[stage].append(1000 * clock.totals.get(stage, 0.0))
        results[path] = {
            "pages": analysis.documents[0].diagnostics.pages,
            "ms": {stage: statistics.median(values) for stage, values in per_round.items()},
        }
    return results


def engine_worker(files: list[str]) -> dict[str, Any]:
    """benchmarks/engines.py's comparison of the two PDF engines over `files`."""
    sys.path.insert(0, str(HERE))
    import engines

    return dict(engines.compare([Path(f) for f in files]))


def reading_worker(files: list[str], repeat: int) -> dict[str, Any]:
    """benchmarks/reading.py's per-file CPU figures, and their summary."""
    sys.path.insert(0, str(HERE))
    import reading

    result = reading.measure([Path(f) for f in files], repeat)
    return {**result, "summary": reading.summarise(result)}


def batch_worker(folder: str, out: str, jobs: int, engine: str) -> dict[str, Any]:
    """One batch over `folder`: the parent's and the workers' peak memory, CPU, failures."""
    import resource

    from gapcheck.batch.inputs import collect_inputs
    from gapcheck.batch.run import BatchSettings, run_batch
    from gapcheck.batch.task import AnalysisOptions
    from gapcheck.batch.worker import TaskResult
    from gapcheck.options import Options

    peaks: list[float] = []

    def observe(result: TaskResult) -> None:
        peaks.append(result.peak_rss_mb)

    options = AnalysisOptions(Options(today="2026-11-21", engine=engine).resolve())
    settings = BatchSettings(jobs=jobs, timeout=120, max_memory_mb=1024, force=True)
    wall, cpu = time.perf_counter(), time.process_time()
    summary = run_batch(collect_inputs([folder]), Path(out), options, settings, observer=observe)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    tenth = max(1, len(peaks) // 10)
    return {
        "people": summary.total,
        "analysed": summary.analysed,
        "failed": summary.failed,
        "not_resume": summary.not_resume,
        "wall": wall,
        "parent_cpu": cpu,
        "worker_cpu": summary.cpu_seconds,
        # ru_maxrss is in kilobytes on Linux: the whole life of this process, the parent.
        "parent_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_peak_early_mb": max(peaks[:tenth], default=0.0),
        "worker_peak_mb": max(peaks, default=0.0),
        "failures": summary.failures[:5],
    }


def bare_worker(folder: str) -> dict[str, float]:
    """CPU seconds of bare extraction of every PDF in `folder`, with each library alone."""
    sys.path.insert(0, str(HERE))
    import batch

    files = sorted(Path(folder).glob("*.pdf"))
    result = {"pdfminer": batch.bare_extraction(files)[1]}
    with contextlib.suppress(ImportError):  # pypdfium2 is optional (gapcheck[fast])
        result["pdfium"] = pdfium_bare(files)
    return result


def pdfium_bare(files: list[Path]) -> float:
    """CPU seconds for bare pypdfium2 text extraction of every file (the pdfium floor)."""
    import pypdfium2

    started = time.process_time()
    for path in files:
        document = pypdfium2.PdfDocument(path)
        for page in document:
            page.get_textpage().get_text_range()
        document.close()
    return time.process_time() - started


def main() -> int:
    probes: dict[str, Callable[[dict[str, Any]], Any]] = {
        "--stages": lambda p: stage_worker(p["files"], p["rounds"]),
        "--engines": lambda p: engine_worker(p["files"]),
        "--bare": lambda p: bare_worker(p["folder"]),
        "--reading": lambda p: reading_worker(p["files"], p["repeat"]),
        "--batch": lambda p: batch_worker(
            p["folder"], p["out"], p["jobs"], p.get("engine", "pdfminer")
        ),
    }
    if len(sys.argv) != 3 or sys.argv[1] not in probes:
        print(__doc__, file=sys.stderr)
        return 2
    print(json.dumps(probes[sys.argv[1]](json.loads(sys.argv[2]))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
