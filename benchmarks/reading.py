"""Reading CPU per resume: gapcheck's readers against bare pdfminer and bare pypdfium2, same run.

    python benchmarks/reading.py                     # ../shared/corpus and ../shared/corpus2
    python benchmarks/reading.py --corpus DIR ...    # other folders of PDFs (repeatable)
    python benchmarks/reading.py --repeat 5 --per-file --json

For every PDF, in one process and interleaved (so a busy machine slows all of them
alike), each repeat measures the CPU time of:
  1. bare `pdfminer.high_level.extract_text` (the floor of the default engine);
  2. bare pypdfium2: open the document, `get_textpage().get_text_range()` per page;
  3. `gapcheck.reading.read_document` with each engine: layout, reading order,
     cleanup, line joining and the text checks (garbled text, scans);
  4. `gapcheck.api.analyse` with each engine: the whole analysis, reading included.
The pdfium engine reads in this process, as in a batch worker (elsewhere a one-off read
forks a child, whose CPU time `process_time` would not see). Each file's best repeat is
kept. A file that a reader refuses or fails on (no text layer, damaged) is listed with
the reason and left out of every figure, so one unreadable PDF never stops the run.
Without a corpus, seeded resumes generated with reportlab are used instead.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEFAULT_CORPORA = (SHARED / "corpus", SHARED / "corpus2")
DATE = "2026-12-07"
# What each of gapcheck's figures is compared with.
BARE = {
    "read pdfminer": "bare pdfminer",
    "read pdfium": "bare pypdfium2",
    "analyse pdfminer": "bare pdfminer",
    "analyse pdfium": "bare pypdfium2",
}


def _generated_resumes(folder: Path, count: int) -> list[Path]:
    """Seeded stand-ins for the corpus: one- and two-column resumes of one or two pages."""
    sys.path.insert(0, str(REPO))
    from tests.support import pdfgen  # the tests' PDF generator

    bullets = [
        "• Built and deployed ranking models in Python and PyTorch for an online marketplace",
        "• Designed data pipelines with Spark and Airflow processing billions of events daily",
        "• Reduced inference latency by forty percent with quantization and batching on GPUs",
    ]
    files = []
    for n in range(count):
        experience = ("Experience", bullets * (3 + n % 4))
        skills = ("Skills", ["Python, SQL, PyTorch, Docker, Kubernetes, AWS"])
        path = folder / f"resume-{n:03d}.pdf"
        if n % 2:
            pdfgen.write_two_column(path, [experience], [skills, ("Languages", ["English"])])
        else:
            pdfgen.write_resume(
                path, [experience, skills, ("Education", ["MSc, Example University"])]
            )
        files.append(path)
    return files


def readers() -> dict[str, Callable[[Path], Any]]:
    """Every reader measured, by name; the pdfium ones only when pypdfium2 is installed."""
    from pdfminer.high_level import extract_text

    from gapcheck.api import analyse
    from gapcheck.reading import read_document

    measured: dict[str, Callable[[Path], Any]] = {
        "bare pdfminer": lambda path: extract_text(str(path)),
        "read pdfminer": lambda path: read_document(path, engine="pdfminer"),
        "analyse pdfminer": lambda path: analyse(path, today=DATE, engine="pdfminer"),
    }
    try:
        import pypdfium2
    except ImportError:
        return measured

    def bare_pdfium(path: Path) -> None:
        document = pypdfium2.PdfDocument(path)
        try:
            for page in document:
                page.get_textpage().get_text_range()
        finally:
            document.close()

    measured["bare pypdfium2"] = bare_pdfium
    measured["read pdfium"] = lambda path: read_document(path, engine="pdfium")
    measured["analyse pdfium"] = lambda path: analyse(path, today=DATE, engine="pdfium")
    return measured


def measure(files: list[Path], repeat: int) -> dict[str, Any]:
    """Best CPU seconds per file and reader, the files' pages, and what could not be read."""
    from gapcheck.reading.isolated import BOUNDED_PROCESS_ENV

    os.environ[BOUNDED_PROCESS_ENV] = str(os.getpid())  # read here, as a batch worker does
    measured = readers()
    best: dict[str, dict[str, float]] = {name: {} for name in measured}
    pages: dict[str, int] = {}
    failed: dict[str, str] = {}  # file -> the first reader's complaint
    for path in files:  # warm-up on the first readable file: imports, detector, caches
        try:
            for action in measured.values():
                action(path)
        except Exception:  # noqa: S112 - a refused file is listed below
            continue
        break
    for _ in range(max(repeat, 1)):
        for path in files:
            if str(path) in failed:
                continue
            for name, action in measured.items():
                started = time.process_time()
                try:
                    result = action(path)
                except Exception as error:  # listed, and the file left out of every figure
                    failed[str(path)] = f"{name}: {type(error).__name__}: {error}"
                    break
                seconds = time.process_time() - started
                best[name][str(path)] = min(seconds, best[name].get(str(path), float("inf")))
                if name == "read pdfminer":
                    pages[str(path)] = result.diagnostics.pages
    readable = [str(p) for p in files if str(p) not in failed]
    return {
        "python": platform.python_version(),
        "cores": os.cpu_count(),
        "repeat": repeat,
        "files": {
            path: {"pages": pages[path], "ms": {n: 1000 * best[n][path] for n in measured}}
            for path in readable
        },
        "failed": failed,
    }


def summarise(result: dict[str, Any]) -> dict[str, Any]:
    """Per reader: mean CPU milliseconds per file, and the ratio to its bare floor."""
    files = result["files"]
    if not files:
        return {"files": 0, "pages": 0, "ms_per_file": {}, "ratio": {}, "slowest": {}}
    names = list(next(iter(files.values()))["ms"])
    total = {name: sum(f["ms"][name] for f in files.values()) for name in names}
    ratio = {
        name: total[name] / total[bare]
        for name, bare in BARE.items()
        if name in total and bare in total and total[bare] > 0
    }
    slowest = {}
    for name in ratio:
        bare = BARE[name]
        worst = max(files, key=lambda p: files[p]["ms"][name] / max(files[p]["ms"][bare], 1e-6))
        slowest[name] = (Path(worst).name, files[worst]["ms"][name] / files[worst]["ms"][bare])
    return {
        "files": len(files),
        "pages": sum(f["pages"] for f in files.values()),
        "ms_per_file": {name: total[name] / len(files) for name in names},
        "ratio": ratio,
        "slowest": slowest,
    }


def table(result: dict[str, Any], per_file: bool = False) -> str:
    summary = summarise(result)
    lines = [
        f"{summary['files']} PDFs, {summary['pages']} pages; CPU time per file, best of "
        f"{result['repeat']}, interleaved; CPython {result['python']}, {result['cores']} cores",
        "",
        "| reader | ms per file | against | ratio | slowest file (ratio) |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, ms in summary["ms_per_file"].items():
        if name in summary["ratio"]:
            worst, worst_ratio = summary["slowest"][name]
            lines.append(
                f"| {name} | {ms:.1f} | {BARE[name]} | {summary['ratio'][name]:.2f}x "
                f"| {worst} ({worst_ratio:.2f}x) |"
            )
        else:
            lines.append(f"| {name} | {ms:.1f} | | | |")
    for path, reason in result["failed"].items():
        lines.append(f"\nleft out, {Path(path).name}: {reason}")
    if per_file and result["files"]:
        names = list(next(iter(result["files"].values()))["ms"])
        lines += ["", "| file | pages | " + " | ".join(names) + " |"]
        lines.append("| --- | --- |" + " --- |" * len(names))
        for path, figures in result["files"].items():
            cells = " | ".join(f"{figures['ms'][n]:.1f}" for n in names)
            lines.append(f"| {Path(path).name} | {figures['pages']} | {cells} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, action="append", help="folder of PDFs (repeatable)")
    parser.add_argument("--repeat", type=int, default=3, help="timed repeats per file (best kept)")
    parser.add_argument(
        "--generated", type=int, default=20, help="resumes to generate without a corpus"
    )
    parser.add_argument("--per-file", action="store_true", help="a row per file as well")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as scratch:
        corpora = [c for c in (args.corpus or DEFAULT_CORPORA) if c.is_dir()]
        files = sorted(p for corpus in corpora for p in corpus.glob("*.pdf"))
        if not files:
            files = _generated_resumes(Path(scratch), args.generated)
        result = measure(files, args.repeat)
    if args.json:
        print(json.dumps({**result, "summary": summarise(result)}, indent=2))
    else:
        print(table(result, args.per_file))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
