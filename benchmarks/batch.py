"""Batch throughput: gapcheck batch with 1 and 2 workers next to bare pdfminer extraction.

    python benchmarks/batch.py [--count 300] [--write-results]

Generates COUNT resumes of 1-3 pages with reportlab into a temporary folder (seeded, so
every run measures the same files), then, in the same run and on the same files:
  1. bare `pdfminer.high_level.extract_text` over every file, in this process;
  2. `run_batch` with 1 worker, then with 2 workers (fresh output folders, --force).
It reports per-resume CPU of the batch workers against bare extraction (aim: at most
1.5x), the 2-worker speed-up over 1 worker (aim: at least 1.7x, needs 2 idle cores),
and the workers' peak resident memory over the run (aim: below 400 MB and flat: the
peak after the first tenth of the files against the peak at the end).
With --write-results the figures replace this benchmark's section of RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import LETTER
from reportlab.pdfgen import canvas

from gapcheck.batch.inputs import collect_inputs
from gapcheck.batch.run import BatchSettings, run_batch
from gapcheck.batch.task import AnalysisOptions
from gapcheck.batch.worker import TaskResult
from gapcheck.options import Options

HERE = Path(__file__).resolve().parent
SECTION_START = "<!-- batch benchmark: start -->"
SECTION_END = "<!-- batch benchmark: end -->"

SKILLS = [
    "Python",
    "SQL",
    "PyTorch",
    "TensorFlow",
    "scikit-learn",
    "Docker",
    "Kubernetes",
    "AWS",
    "GCP",
    "Azure",
    "Git",
    "Linux",
    "Pandas",
    "NumPy",
    "Spark",
    "MLflow",
    "Airflow",
    "statistics",
    "Keras",
    "linear algebra",
    "deep learning",
    "natural language processing",
    "computer vision",
    "XGBoost",
    "feature engineering",
    "A/B testing",
    "REST APIs",
    "FastAPI",
    "CI/CD",
    "Tableau",
    "Hadoop",
]
VERBS = ["Built", "Designed", "Shipped", "Maintained", "Led", "Automated", "Scaled", "Tuned"]
THINGS = [
    "a ranking service",
    "an ETL pipeline",
    "a forecasting model",
    "a feature store",
    "dashboards",
    "a recommendation engine",
    "a data quality checker",
    "a training platform",
]


def resume_lines(seed: int) -> list[tuple[str, bool]]:
    rng = random.Random(seed)
    skills = rng.sample(SKILLS, rng.randint(4, 16))
    lines: list[tuple[str, bool]] = [
        (f"Candidate {seed:04d}", True),
        (f"candidate{seed}@example.org | +1 415 555 {seed % 10000:04d}", False),
        ("Summary", True),
        ("Engineer working on data products and machine learning systems.", False),
        ("Experience", True),
    ]
    for job in range(rng.randint(2, 14)):  # 2-14 jobs: one to three pages
        lines.append((f"Engineer, Company {job} ({2012 + job} - {2013 + job})", True))
        for _ in range(rng.randint(3, 7)):
            skill = rng.choice(skills)
            lines.append(
                (
                    f"{rng.choice(VERBS)} {rng.choice(THINGS)} with {skill}, improving "
                    f"throughput by {rng.randint(5, 80)}% for {rng.randint(2, 90)} teams.",
                    False,
                )
            )
    lines += [
        ("Skills", True),
        (", ".join(skills), False),
        ("Education", True),
        ("MSc Computer Science, 2012", False),
    ]
    return lines


def write_resume(path: Path, seed: int) -> int:
    """Write one resume; returns its page count."""
    pdf = canvas.Canvas(str(path), pagesize=LETTER, invariant=1)
    y, pages = 740, 1
    for text, heading in resume_lines(seed):
        if y < 72:
            pdf.showPage()
            y, pages = 740, pages + 1
        pdf.setFont("Helvetica-Bold" if heading else "Helvetica", 12 if heading else 9.5)
        pdf.drawString(60, y, text[:110])
        y -= 18 if heading else 13
    pdf.showPage()
    pdf.save()
    return pages


@dataclass
class Run:
    wall: float
    cpu_workers: float
    cpu_parent: float  # the orchestrating process: warm-up, writing reports and state
    analysed: int
    failed: int
    peaks: list[float]


def bare_extraction(files: list[Path]) -> tuple[float, float]:
    from pdfminer.high_level import extract_text

    wall, cpu = time.perf_counter(), time.process_time()
    for path in files:
        extract_text(str(path))
    return time.perf_counter() - wall, time.process_time() - cpu


def batch_run(folder: Path, out: Path, jobs: int) -> Run:
    options = AnalysisOptions(Options(today="2026-11-21").resolve())
    people = collect_inputs([str(folder)])
    peaks: list[float] = []

    def observe(result: TaskResult) -> None:
        peaks.append(result.peak_rss_mb)

    settings = BatchSettings(jobs=jobs, timeout=120, max_memory_mb=1024, force=True)
    wall, parent = time.perf_counter(), time.process_time()
    summary = run_batch(people, out, options, settings, observer=observe)
    parent = time.process_time() - parent
    for label, reason in summary.failures[:5]:
        print(f"  failed with {jobs} worker(s): {label}: {reason}", file=sys.stderr)
    return Run(
        time.perf_counter() - wall,
        summary.cpu_seconds,
        parent,
        summary.analysed,
        summary.failed,
        peaks,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=300, help="resumes to generate (default 300)")
    parser.add_argument("--write-results", action="store_true", help="update benchmarks/RESULTS.md")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="gapcheck-bench-") as temporary:
        folder = Path(temporary) / "resumes"
        folder.mkdir()
        pages = [write_resume(folder / f"resume-{i:04d}.pdf", seed=i) for i in range(args.count)]
        files = sorted(folder.glob("*.pdf"))
        print(
            f"{len(files)} resumes, {sum(pages)} pages ({min(pages)}-{max(pages)} each)",
            file=sys.stderr,
        )

        bare_wall, bare_cpu = bare_extraction(files)
        one = batch_run(folder, Path(temporary) / "out1", jobs=1)
        two = batch_run(folder, Path(temporary) / "out2", jobs=2)

    n = len(files)
    cpu_ratio = (one.cpu_workers / n) / (bare_cpu / n)
    speedup = one.wall / two.wall
    tenth = max(1, len(one.peaks) // 10)
    early_peak, final_peak = max(one.peaks[:tenth]), max(one.peaks)
    rows = [
        ("resumes (pages)", f"{n} ({sum(pages)})"),
        (
            "bare extract_text, 1 process",
            f"{bare_wall:.1f} s wall, {1000 * bare_cpu / n:.0f} ms CPU per resume",
        ),
        (
            "batch, 1 worker",
            f"{one.wall:.1f} s wall, {n / one.wall:.1f} resumes/s, "
            f"{1000 * one.cpu_workers / n:.0f} ms worker CPU per resume",
        ),
        ("batch parent process CPU (1 worker)", f"{1000 * one.cpu_parent / n:.1f} ms per resume"),
        ("batch, 2 workers", f"{two.wall:.1f} s wall, {n / two.wall:.1f} resumes/s"),
        ("per-resume CPU vs bare extraction", f"{cpu_ratio:.2f}x (aim <= 1.5x)"),
        ("2-worker speed-up", f"{speedup:.2f}x (aim >= 1.7x)"),
        (
            "peak worker RSS",
            f"{early_peak:.0f} MB after {tenth} files, {final_peak:.0f} MB after {n} "
            f"(aim < 400 MB and flat)",
        ),
        ("failures", f"{one.failed} (1 worker), {two.failed} (2 workers)"),
    ]
    table = "| measure | result |\n| --- | --- |\n" + "".join(f"| {k} | {v} |\n" for k, v in rows)
    print(table)
    if args.write_results:
        machine = (
            f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs"
        )
        section = (
            f"{SECTION_START}\n## Batch throughput (`benchmarks/batch.py --count {n}`)\n\n"
            f"Measured on {machine}; bare extraction and both batch runs in the same run, "
            f"on the same files.\n\n{table}{SECTION_END}\n"
        )
        from run_support import replace_section

        replace_section(section, SECTION_START, SECTION_END)
    return 0


if __name__ == "__main__":
    sys.exit(main())
