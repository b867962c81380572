"""The same batch on the local worker pool and on a local Dask cluster: same bytes, same CPU.

    python benchmarks/dask_compare.py [FOLDER ...] [--workers 2] [--engine pdfium]

Runs `run_batch` over the resumes in FOLDER (default: the two real corpora beside the
repository) twice: with the local isolated pool, then on a `distributed.LocalCluster`
of single-threaded worker processes, shipping file contents and scattering the per-file
work once per worker as `gapcheck batch --scheduler` does. It then compares every output
file byte for byte (state records aside: they hold timings) and reports CPU per resume
on each (aim: Dask within 10% of the local pool). Needs gapcheck[dask].
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from gapcheck.batch.executor import dask_share
from gapcheck.batch.inputs import collect_inputs
from gapcheck.batch.run import BatchSettings, BatchSummary, run_batch
from gapcheck.batch.task import AnalysisOptions
from gapcheck.options import Options

HERE = Path(__file__).resolve().parent
DEFAULT_FOLDERS = [
    HERE.parent.parent / "shared" / "corpus",
    HERE.parent.parent / "shared" / "corpus2",
]


def _outputs(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".gapcheck-state" not in p.parts and p.name != ".gapcheck-lock"
    }


def _run(
    people: list[Any], out: Path, options: AnalysisOptions, settings: BatchSettings
) -> tuple[BatchSummary, float]:
    started = time.perf_counter()
    summary = run_batch(people, out, options, settings)
    return summary, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=DEFAULT_FOLDERS)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--engine", default="pdfminer", choices=["pdfminer", "pdfium"])
    args = parser.parse_args(argv)
    try:
        import distributed
    except ImportError:
        print("needs the optional Dask support: pip install 'gapcheck[dask]'", file=sys.stderr)
        return 2

    files = [str(p) for folder in args.folders for p in sorted(folder.glob("*.pdf"))]
    if not files:
        print("no PDF resumes found in the folders given", file=sys.stderr)
        return 2
    plan = Options(today="2026-12-07", engine=args.engine).resolve()
    options = AnalysisOptions(plan)
    with tempfile.TemporaryDirectory() as tmp:
        people = collect_inputs(files)
        local_out, dask_out = Path(tmp) / "local", Path(tmp) / "dask"
        local, local_wall = _run(
            people, local_out, options, BatchSettings(jobs=args.workers, force=True)
        )
        with (
            distributed.LocalCluster(
                n_workers=args.workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=50,
            ) as cluster,
            distributed.Client(cluster) as client,
        ):
            settings = BatchSettings(
                jobs=args.workers,
                force=True,
                executor=client.get_executor(),
                executor_capacity=args.workers,
                ship_files=True,
                share=dask_share(client),
            )
            on_dask, dask_wall = _run(people, dask_out, options, settings)
        a, b = _outputs(local_out), _outputs(dask_out)
        differing = sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))

    count = len(people)
    local_cpu = local.cpu_seconds / max(1, local.analysed)
    dask_cpu = on_dask.cpu_seconds / max(1, on_dask.analysed)
    print(f"{count} resumes, engine {args.engine}, {args.workers} workers")
    for name, summary, cpu, wall in (
        ("local pool", local, local_cpu, local_wall),
        ("dask      ", on_dask, dask_cpu, dask_wall),
    ):
        per = f"{1000 * cpu:.0f} ms CPU per resume"
        print(f"{name}: {summary.analysed} analysed, {per}, {wall:.1f} s wall-clock")
    print(f"dask CPU per resume / local: {dask_cpu / local_cpu:.2f}x (aim: at most 1.10x)")
    print(f"output files compared: {len(a)}; differing: {len(differing)}")
    for name in differing[:20]:
        print(f"  differs: {name}")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
