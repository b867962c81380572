"""benchmarks/run.py's steps on the real resumes: reading CPU per file, the two engines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from run_support import READ_RATIO, in_fresh_process, log


def real_reading(ctx: Any) -> None:
    """4: per real resume, gapcheck's reading and analysis CPU against bare extraction."""
    payload = {"files": [str(p) for p in ctx.corpus], "repeat": ctx.args.read_repeat}
    measured = in_fresh_process("--reading", payload, ctx.env)
    log("real resumes read")
    summary = measured["summary"]
    ms, ratio = summary["ms_per_file"], summary["ratio"]
    shown = ", ".join(f"{name} {value:.1f}" for name, value in ms.items())
    ctx.rows.append(
        (
            f"CPU per real resume, {summary['files']} PDFs ({summary['pages']} pages), "
            f"best of {ctx.args.read_repeat}, interleaved",
            f"{shown} ms",
        )
    )
    for name, limit in READ_RATIO.items():
        if name not in ratio:
            continue
        worst, worst_ratio = summary["slowest"][name]
        ctx.verdicts.add(
            f"gapcheck's reading / bare extraction, {name.split()[-1]} engine, real resumes",
            f"{ratio[name]:.2f}x (slowest: {worst}, {worst_ratio:.2f}x)",
            f"<= {limit}x",
            ratio[name] <= limit,
        )
    for name in ("analyse pdfminer", "analyse pdfium"):
        if name in ratio:
            ctx.rows.append(
                (
                    f"whole analysis / bare extraction, {name.split()[-1]} engine",
                    f"{ratio[name]:.2f}x ({ms[name]:.1f} ms per resume)",
                )
            )
    for path, reason in measured["failed"].items():
        ctx.notes.append(f"Left out of the reading figures: {Path(path).name}: {reason}")


def compare_engines(ctx: Any) -> None:
    """7: the skills both PDF engines find in every real resume, and why they differ."""
    payload = {"files": [str(p) for p in ctx.corpus]}
    result = in_fresh_process("--engines", payload, ctx.env)
    log("engines compared")
    ctx.rows.append(
        (
            f"pdfium vs pdfminer engine, {result['files']} real resumes",
            f"same skills and certifications in {result['same']} of {result['files']}; "
            f"found only with pdfminer: {result['only']['pdfminer']}, "
            f"only with pdfium: {result['only']['pdfium']}",
        )
    )
    ctx.notes += [
        f"Engines differ on {d['file']}: {d['kind']} {d['id']} only with {d['found_by']}, "
        f'which read "{d["snippet"][:120]}"; the other engine\'s closest line: '
        f'"{d["other_line"][:120]}" (benchmarks/engines.py)'
        for d in result["differences"]
    ]
    ctx.notes += [
        f"Refused by an engine: {name} (pdfminer: {miner}; pdfium: {pdfium})"
        for name, miner, pdfium in result["refused"]
    ]
