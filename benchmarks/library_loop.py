"""CPU time of `gapcheck.analyse()` called in a loop, and the share the garbage collector takes.

A library user analysing many resumes in one process calls `analyse()` over and over;
every call allocates, and each of Python's garbage collections walks the objects it
tracks, the long-lived ones (the taxonomy's matchers, word lists, caches) included. This
runs `analyse()` over the corpus resumes for `--rounds` rounds after one warm-up call
and prints, per call: CPU time, CPU time inside collections (timed with gc.callbacks),
collections per generation, and the objects the collector tracks at the end. The digest
of every analysis's JSON report shows that two builds give the same results.

    python benchmarks/library_loop.py [--corpus DIR ...] [--rounds 3] [--pdf-engine E]
                                      [--no-gc-freeze]

With --no-gc-freeze the first detector does not freeze the objects alive
(gapcheck.taxonomy.knowledge.settle), as before that was done.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPORA = (REPO.parent / "shared" / "corpus", REPO.parent / "shared" / "corpus2")
TODAY = "2026-11-21"


class GcTimer:
    """CPU time spent inside garbage collections, by generation (gc.callbacks)."""

    def __init__(self) -> None:
        self.seconds = [0.0, 0.0, 0.0]
        self.counts = [0, 0, 0]
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.process_time()
        else:
            generation = info["generation"]
            self.seconds[generation] += time.process_time() - self._started
            self.counts[generation] += 1

    def reset(self) -> None:
        self.seconds = [0.0, 0.0, 0.0]
        self.counts = [0, 0, 0]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, action="append", help="folders of resume PDFs")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pdf-engine", default=None, help="pdfminer or pdfium")
    parser.add_argument(
        "--no-gc-freeze",
        action="store_true",
        help="set GAPCHECK_NO_GC_FREEZE=1: the collector walks the long-lived objects",
    )
    options = parser.parse_args(argv)
    if options.no_gc_freeze:
        os.environ["GAPCHECK_NO_GC_FREEZE"] = "1"
    import gapcheck
    from gapcheck.errors import GapcheckError

    folders = options.corpus or [folder for folder in CORPORA if folder.is_dir()]
    paths = [path for folder in folders for path in sorted(folder.glob("*.pdf"))]
    if not paths:
        print("no corpus resumes found", file=sys.stderr)
        return 1
    extra = {"engine": options.pdf_engine} if options.pdf_engine else {}
    gapcheck.analyse(paths[0], today=TODAY, **extra)  # warm-up: taxonomy, matchers, caches
    timer = GcTimer()
    gc.callbacks.append(timer)
    digest = hashlib.sha256()
    calls = refused = 0
    started = time.process_time()
    for round_ in range(options.rounds):
        for path in paths:
            try:
                analysis = gapcheck.analyse(path, today=TODAY, **extra)
            except GapcheckError:
                refused += 1
                continue
            finally:
                calls += 1
            if round_ == 0:
                digest.update(gapcheck.render(analysis, "json").encode("utf-8"))
    cpu = time.process_time() - started
    gc.callbacks.remove(timer)
    in_gc = sum(timer.seconds)
    print(f"{calls} calls ({len(paths)} resumes x {options.rounds} rounds, {refused} refused)")
    print(f"CPU per analyse(): {cpu * 1000 / calls:.1f} ms")
    print(
        f"in garbage collection: {in_gc * 1000 / calls:.2f} ms per call, "
        f"{100 * in_gc / cpu:.1f}% of CPU"
    )
    for generation in range(3):
        print(
            f"  generation {generation}: {timer.counts[generation]:6} collections, "
            f"{timer.seconds[generation] * 1000 / calls:.2f} ms per call"
        )
    print(f"objects tracked: {len(gc.get_objects()):,}; frozen: {gc.get_freeze_count():,}")
    print(f"results digest (first round): {digest.hexdigest()[:16]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
