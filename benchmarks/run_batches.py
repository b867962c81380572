"""benchmarks/run.py's batch steps: throughput with each engine, and peak memory."""

from __future__ import annotations

import os
import shutil
import statistics
import time
from pathlib import Path
from typing import Any

from run_support import CPU_RATIO, RSS_FLAT_MB, RSS_LIMIT_MB, SPEEDUP, in_fresh_process, log


def engine_batch(folder: Path, out: Path, jobs: int, engine: str) -> tuple[float, float, int]:
    """(wall seconds, worker CPU seconds, failures) of `gapcheck batch` with `engine`."""
    from gapcheck.batch.inputs import collect_inputs
    from gapcheck.batch.run import BatchSettings, run_batch
    from gapcheck.batch.task import AnalysisOptions
    from gapcheck.options import Options

    options = AnalysisOptions(Options(today="2026-11-21", engine=engine).resolve())
    settings = BatchSettings(jobs=jobs, timeout=120, max_memory_mb=1024, force=True)
    started = time.perf_counter()
    summary = run_batch(collect_inputs([str(folder)]), out, options, settings)
    return time.perf_counter() - started, summary.cpu_seconds, summary.failed


def throughput(ctx: Any, batch: Any) -> None:
    """4: batch runs with 1 and 2 workers, each pair between bare extractions.

    CPU time per unit of work drifts with what else the machine runs, so each 1-worker
    run is compared with the bare extractions just before and after it, and the median
    of those ratios is kept.
    """
    # The orchestrating process warms up once (spaCy, the detector), as `gapcheck batch`
    # does before its workers start; timing only starts after, for every run alike.
    warm = ctx.tmp / "warm-up"
    warm.mkdir()
    for path in ctx.files[:3]:
        shutil.copyfile(path, warm / path.name)
    batch.batch_run(warm, ctx.tmp / "out-warm-up", jobs=1)
    bare = [in_fresh_process("--bare", {"folder": str(ctx.folder)}, ctx.env)]
    one, two, ratios = [], [], []
    for index in range(ctx.args.repeat):
        one.append(batch.batch_run(ctx.folder, ctx.tmp / f"out1-{index}", jobs=1))
        two.append(batch.batch_run(ctx.folder, ctx.tmp / f"out2-{index}", jobs=2))
        bare.append(in_fresh_process("--bare", {"folder": str(ctx.folder)}, ctx.env))
        around = statistics.mean(b["pdfminer"] for b in bare[-2:])
        ratios.append(one[-1].cpu_workers / around)
    log("batch measured")
    n = len(ctx.files)
    floors = [b["pdfminer"] for b in bare]
    if max(floors) > 1.1 * min(floors):
        ctx.notes.append(
            f"The same bare extraction took {100 * (max(floors) / min(floors) - 1):.0f}% "
            "more CPU time in one of its runs than in another: the machine's speed varied "
            "during the run (other virtual machines or programs on the same cores), which "
            "is why each batch run is compared with the extractions right next to it."
        )
    one_wall = statistics.median(r.wall for r in one)
    two_wall = statistics.median(r.wall for r in two)
    worker_cpu = statistics.median(r.cpu_workers for r in one)
    ratio, speedup = statistics.median(ratios), one_wall / two_wall
    ctx.rows += [
        (
            "bare `extract_text`, same files, fresh process, between the batch runs",
            ", ".join(f"{1000 * b['pdfminer'] / n:.1f}" for b in bare) + " ms CPU per resume",
        ),
        (
            "`gapcheck batch`, 1 worker",
            f"{one_wall:.1f} s, {n / one_wall:.1f} resumes/s, "
            f"{1000 * worker_cpu / n:.1f} ms worker CPU per resume",
        ),
        ("`gapcheck batch`, 2 workers", f"{two_wall:.1f} s, {n / two_wall:.1f} resumes/s"),
        ("batch failures", str(sum(r.failed for r in one + two))),
    ]
    ctx.verdicts.add(
        "batch worker CPU per resume / bare extract_text",
        f"{ratio:.2f}x (runs: {', '.join(f'{r:.2f}' for r in ratios)})",
        f"<= {CPU_RATIO}x",
        ratio <= CPU_RATIO,
    )
    ctx.verdicts.add(
        "batch speed-up, 2 workers over 1", f"{speedup:.2f}x", f">= {SPEEDUP}x", speedup >= SPEEDUP
    )
    if not ctx.args.pdfium:
        return
    wall, cpu, failed = engine_batch(ctx.folder, ctx.tmp / "out-pdfium-1", 1, "pdfium")
    wall2, _, failed2 = engine_batch(ctx.folder, ctx.tmp / "out-pdfium-2", 2, "pdfium")
    log("pdfium batch measured")
    pdfium_bare_cpu = statistics.mean(b["pdfium"] for b in bare)
    ctx.rows += [
        (
            "bare pypdfium2 text extraction, same files",
            f"{1000 * pdfium_bare_cpu / n:.1f} ms CPU per resume",
        ),
        (
            "`gapcheck batch --pdf-engine pdfium`, 1 worker",
            f"{wall:.1f} s, {n / wall:.1f} resumes/s, {1000 * cpu / n:.1f} ms worker CPU "
            f"per resume ({one_wall / wall:.1f}x the pdfminer engine's throughput)",
        ),
        (
            "`gapcheck batch --pdf-engine pdfium`, 2 workers",
            f"{wall2:.1f} s, {n / wall2:.1f} resumes/s; failures {failed + failed2}",
        ),
    ]


def memory(ctx: Any) -> None:
    """6: peak memory of the batch's parent and workers over 100 and 1,000 resumes."""
    sources = ctx.corpus or ctx.files
    what = "real resumes" if ctx.corpus else "generated resumes"
    for count in ctx.args.memory_counts:
        folder = ctx.tmp / f"memory-{count}"
        folder.mkdir()
        for index in range(count):
            source = sources[index % len(sources)]
            target = folder / f"{index:04d}-{source.name}"
            try:  # the same file under another name, without copying it
                os.link(source, target)
            except OSError:
                shutil.copyfile(source, target)
        payload = {"folder": str(folder), "out": str(ctx.tmp / f"out-memory-{count}"), "jobs": 2}
        run = in_fresh_process("--batch", payload, ctx.env)
        log(f"memory over {count} measured")
        ctx.rows.append(
            (
                f"batch of {count} {what}, 2 workers (`run_batch`)",
                f"parent peak RSS {run['parent_peak_mb']:.0f} MB; worker peak RSS "
                f"{run['worker_peak_early_mb']:.0f} MB after the first tenth, "
                f"{run['worker_peak_mb']:.0f} MB at the end; {run['wall']:.0f} s, "
                f"{1000 * run['worker_cpu'] / max(run['analysed'], 1):.0f} ms worker CPU and "
                f"{1000 * run['parent_cpu'] / count:.1f} ms parent CPU per resume; "
                f"{run['analysed']} analysed, {run['failed']} failed, "
                f"{run['not_resume']} not a resume",
            )
        )
        growth = run["worker_peak_mb"] - run["worker_peak_early_mb"]
        # Growth means something once the first tenth has seen every file at least once.
        judged = count >= 10 * len(sources)
        ctx.verdicts.add(
            f"peak RSS over {count} {what}: workers"
            + (", and their growth after the first tenth" if judged else ""),
            f"{run['worker_peak_mb']:.0f} MB" + (f", +{growth:.0f} MB" if judged else ""),
            f"< {RSS_LIMIT_MB:.0f} MB" + (f", growth <= {RSS_FLAT_MB:.0f} MB" if judged else ""),
            run["worker_peak_mb"] < RSS_LIMIT_MB and (growth <= RSS_FLAT_MB or not judged),
        )
        ctx.verdicts.add(
            f"peak RSS over {count} {what}: the batch's parent",
            f"{run['parent_peak_mb']:.0f} MB",
            f"< {RSS_LIMIT_MB:.0f} MB",
            run["parent_peak_mb"] < RSS_LIMIT_MB,
        )
        shutil.rmtree(folder)
