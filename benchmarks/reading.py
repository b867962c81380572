"""Reading time per page: gapcheck's reader against bare pdfminer extraction, same files, same run.

    python benchmarks/reading.py                    # the real resumes in ../shared/corpus
    python benchmarks/reading.py --repeat 5 --json  # more repeats, machine-readable output

For every PDF, in the same process and interleaved (so a busy machine slows all of them
alike), each repeat times:
  1. bare `pdfminer.high_level.extract_text` (the floor: pdfminer's own layout analysis);
  2. `gapcheck.reading.read_document(engine="pdfminer")`: layout, reading order, cleanup,
     line joining, diagnostics and the section check;
  3. `read_document(engine="pdfium")` when pypdfium2 is installed.
CPU time of this process is measured (not wall time), and each file's best repeat is
kept, so other programs on the machine disturb the figures as little as possible.
The aim: gapcheck's pdfminer reading within 1.3x of bare extract_text.
Without the corpus, seeded resumes generated with reportlab are used instead.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
AIM = 1.3


def _cpu_seconds(action: Callable[[], object]) -> float:
    start = time.process_time()
    action()
    return time.process_time() - start


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


def run(files: list[Path], repeat: int) -> dict[str, object]:
    from pdfminer.high_level import extract_text

    from gapcheck.reading import read_document

    try:
        import pypdfium2  # noqa: F401  (only checks that the optional engine is there)

        engines = ["pdfminer", "pdfium"]
    except ImportError:
        engines = ["pdfminer"]

    # Warm-up: imports and first-use caches must not count against either side.
    extract_text(str(files[0]))
    for engine in engines:
        read_document(files[0], engine=engine)

    best: dict[str, dict[Path, float]] = {"extract_text": {}, **{engine: {} for engine in engines}}
    pages: dict[Path, int] = {}
    for _ in range(repeat):
        for path in files:
            timings = {"extract_text": _cpu_seconds(lambda path=path: extract_text(str(path)))}
            for engine in engines:
                document = None

                def read(path: Path = path, engine: str = engine) -> None:
                    nonlocal document
                    document = read_document(path, engine=engine)

                timings[engine] = _cpu_seconds(read)
                if document is not None:
                    pages[path] = document.diagnostics.pages
            for name, seconds in timings.items():
                best[name][path] = min(seconds, best[name].get(path, float("inf")))

    total_pages = sum(pages.values())
    per_page = {name: 1000 * sum(times.values()) / total_pages for name, times in best.items()}
    ratios = {name: per_page[name] / per_page["extract_text"] for name in engines}
    worst = max(files, key=lambda p: best["pdfminer"][p] / max(best["extract_text"][p], 1e-9))
    return {
        "python": platform.python_version(),
        "files": len(files),
        "pages": total_pages,
        "repeat": repeat,
        "ms_per_page": {name: round(value, 2) for name, value in per_page.items()},
        "ratio_to_extract_text": {name: round(value, 3) for name, value in ratios.items()},
        "worst_file": worst.name,
        "worst_ratio": round(best["pdfminer"][worst] / max(best["extract_text"][worst], 1e-9), 3),
        "aim": AIM,
        "within_aim": ratios["pdfminer"] <= AIM,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of PDFs")
    parser.add_argument("--repeat", type=int, default=3, help="timed repeats per file (best kept)")
    parser.add_argument(
        "--generated", type=int, default=20, help="resumes to generate without a corpus"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as scratch:
        files = sorted(args.corpus.glob("*.pdf")) if args.corpus.is_dir() else []
        source = args.corpus.name
        if not files:
            files = _generated_resumes(Path(scratch), args.generated)
            source = f"{len(files)} generated resumes"
        result = run(files, max(args.repeat, 1))
    result["source"] = source

    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    files_pages = f"{result['files']} PDFs ({result['source']}), {result['pages']} pages"
    print(f"Reading benchmark: {files_pages}, best of {result['repeat']}")
    print(f"CPython {result['python']}, process CPU time, interleaved in one run\n")
    print("| reader | ms per page | vs extract_text |")
    print("| --- | --- | --- |")
    ms = result["ms_per_page"]
    ratios = result["ratio_to_extract_text"]
    assert isinstance(ms, dict) and isinstance(ratios, dict)
    print(f"| pdfminer extract_text (bare) | {ms['extract_text']:.1f} | 1.00x |")
    for engine in ratios:
        print(f"| gapcheck read_document, {engine} | {ms[engine]:.1f} | {ratios[engine]:.2f}x |")
    worst = f"{result['worst_file']} ({result['worst_ratio']:.2f}x)"
    print(f"\nslowest file relative to bare extraction: {worst}")
    verdict = "within" if result["within_aim"] else "OVER"
    print(f"pdfminer reading is {verdict} the {AIM}x aim")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
