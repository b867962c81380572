"""Measurements benchmarks/run.py runs in a fresh interpreter, so nothing else is loaded.

    python benchmarks/probes.py --stages  '{"files": [...], "rounds": 15}'
    python benchmarks/probes.py --engines '{"files": [...]}'
    python benchmarks/probes.py --bare    '{"folder": "..."}'

Each prints its result as JSON on standard output:
  --stages   CPU milliseconds per stage of `gapcheck.api.analyse` plus HTML rendering, for
             each file (median over rounds, after one warm-up analysis), with the garbage
             collector set up as `gapcheck resume.pdf` sets it up;
  --engines  the skills and certifications each PDF engine finds in each file;
  --bare     CPU seconds of bare pdfminer (and pypdfium2) text extraction of a folder.
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
        api.render(api.analyse(path, today="2026-11-21"), "html")  # warm: detector, templates
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
    """Skills and certifications each PDF engine finds in each file, and its read CPU time."""
    from gapcheck.api import analyse
    from gapcheck.reading import read_document

    results: dict[str, Any] = {}
    for path in files:
        found: dict[str, Any] = {}
        for engine in ("pdfminer", "pdfium"):
            analysis = analyse(path, today="2026-11-21", engine=engine)
            started = time.process_time()
            read_document(Path(path), engine=engine)
            found[engine] = {
                "skills": sorted(s.id for s in analysis.detection.skills if s.explicit),
                "certifications": sorted(c.id for c in analysis.detection.certifications),
                "read_ms": 1000 * (time.process_time() - started),
            }
        results[path] = found
    return results


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
    }
    if len(sys.argv) != 3 or sys.argv[1] not in probes:
        print(__doc__, file=sys.stderr)
        return 2
    print(json.dumps(probes[sys.argv[1]](json.loads(sys.argv[2]))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
