"""Write every output format for a fixed set of runs, to compare two builds byte for byte.

    python benchmarks/snapshot.py OUTDIR            # then: diff -r OLD NEW

Runs, all with one fixed date: each real resume in ../shared/corpus and ../shared/corpus2,
the bundled example, the example with a portfolio (a README and a saved page made here),
the example against each of the corpus's job postings, and a small batch. Each run writes
HTML, JSON and Markdown. Only the public API (`gapcheck.analyse`, `gapcheck.render`) and the
CLI are used, so the script runs unchanged on builds whose internals differ.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from gapcheck import analyse, render

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DATE = "2026-12-01"
EXAMPLE = REPO / "examples" / "jordan-lee-resume.pdf"

README = """# churn-model

A gradient-boosted churn model in Python with scikit-learn and XGBoost, served with FastAPI
in Docker; features in SQL; experiment tracking with MLflow. F1 0.81 on held-out data.
"""
PAGE = """<html><head><title>Blog</title><script>alert(1)</script></head><body>
<h1>Notes</h1><p>Fine-tuning transformers with PyTorch and Hugging Face; deploying on AWS
SageMaker with Kubernetes.</p></body></html>"""


def _write(out: Path, name: str, analysis: object) -> None:
    for fmt in ("html", "json", "md"):
        (out / f"{name}.{fmt}").write_text(render(analysis, fmt), encoding="utf-8")  # type: ignore[arg-type]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path)
    args = parser.parse_args()
    out: Path = args.outdir
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    resumes = sorted((SHARED / "corpus").glob("*.pdf")) + sorted((SHARED / "corpus2").glob("*.pdf"))
    for path in [*resumes, EXAMPLE]:
        _write(out, f"{path.parent.name}-{path.stem}", analyse(path, today=DATE))
    portfolio = out / "_portfolio"
    portfolio.mkdir()
    (portfolio / "README.md").write_text(README, encoding="utf-8")
    (portfolio / "blog.html").write_text(PAGE, encoding="utf-8")
    _write(out, "portfolio", analyse(EXAMPLE, [portfolio], today=DATE))
    for posting in sorted((SHARED / "corpus" / "postings").glob("*.txt")):
        _write(out, f"posting-{posting.stem}", analyse(EXAMPLE, job=posting, today=DATE))
        _write(out, f"posting-entry-{posting.stem}",
               analyse(EXAMPLE, job=posting, level="entry", today=DATE))
    shutil.rmtree(portfolio)
    batch_in = out / "_batch_in"
    batch_in.mkdir()
    for path in resumes[:4]:
        shutil.copy(path, batch_in / path.name)
    subprocess.run(
        [sys.executable, "-m", "gapcheck", "batch", str(batch_in), "-o", str(out / "batch"),
         "--date", DATE, "-q", "--jobs", "1"],
        check=False,
    )
    shutil.rmtree(batch_in)
    # The state records hold wall-clock seconds: not part of any report.
    shutil.rmtree(out / "batch" / ".gapcheck-state", ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
