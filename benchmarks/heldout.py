"""Skill-detection accuracy on the held-out resumes in benchmarks/heldout/.

    python benchmarks/heldout.py                # held-out figures, then the corpus's
    python benchmarks/heldout.py --json
    python benchmarks/heldout.py --no-corpus    # held-out only

The held-out resumes were written for this benchmark and never used to tune the
taxonomy or the detector's rules: their figures say how detection generalises, which
the labelled corpus (benchmarks/accuracy.py) cannot, because the taxonomy's aliases were
checked against it. Scoring is accuracy.py's (explicit detections; precision over the
label vocabulary, `not_scored` labels counted neither way; recall over mapped labels).

Three figures are printed for the held-out set:

* all labels: the held-out `label_names` (the corpus's vocabulary plus the skills
  marked `"extra": true`, such as Apache Spark, Excel, Go, scikit-learn);
* corpus vocabulary: only the labels the corpus also uses, comparable with its figures;
* traps: false detections in the files of kind "trap" (everyday phrases such as
  "go-to-market", "a Java espresso", "CV risk assessments"), over the full vocabulary;

and each batch of resumes apart (`batch` in labels.json; see heldout/README.md): a batch
written after the detector was last changed measures it blind.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from accuracy import DEFAULT_CORPUS, print_report, run
from gapcheck.taxonomy.loading import load_taxonomy
from gapcheck.taxonomy.model import Taxonomy

HELDOUT = Path(__file__).resolve().parent / "heldout"


def corpus_vocabulary(labels: dict[str, Any]) -> dict[str, Any]:
    """The labels restricted to the names the corpus also uses (no `extra` names)."""
    kept = [n for n in labels["label_names"] if not n.get("extra")]
    names = {n["name"] for n in kept}
    return {
        **labels,
        "label_names": kept,
        "labels": [
            {
                **entry,
                "skills": [s for s in entry["skills"] if s["name"] in names],
                "not_scored": [n for n in entry.get("not_scored", []) if n in names],
            }
            for entry in labels["labels"]
        ],
    }


def batch_of(labels: dict[str, Any], batch: int) -> dict[str, Any]:
    """The labels of the resumes written in one batch."""
    return {**labels, "labels": [e for e in labels["labels"] if e.get("batch") == batch]}


def trap_figures(report: dict[str, Any], labels: dict[str, Any]) -> dict[str, Any]:
    traps = {e["file"] for e in labels["labels"] if e.get("kind") == "trap"}
    rows = [r for r in report["per_file"] if r["file"] in traps]
    return {
        "files": len(rows),
        "false_positives": sum(len(r["false_positives"]) for r in rows),
        "labels_found": sum(r["found"] for r in rows),
        "labels": sum(r["labels"] for r in rows),
    }


def measure(taxonomy: Taxonomy, heldout: Path, corpus: Path | None) -> dict[str, Any]:
    labels = json.loads((heldout / "labels.json").read_text(encoding="utf-8"))
    full = run(heldout, taxonomy, labels)
    result: dict[str, Any] = {
        "heldout": full,
        "heldout_corpus_vocabulary": run(heldout, taxonomy, corpus_vocabulary(labels)),
        "traps": trap_figures(full, labels),
        "batches": {
            str(batch): run(heldout, taxonomy, batch_of(labels, batch))
            for batch in sorted({e.get("batch", 1) for e in labels["labels"]})
        },
    }
    if corpus is not None and (corpus / "labels.json").exists():
        result["corpus"] = run(corpus, taxonomy)
    return result


def _row(name: str, report: dict[str, Any]) -> str:
    return (
        f"  {name:<30} {report['precision']:.3f}     {report['recall']:.3f}  "
        f"{report['f1']:.3f}  {report['true_positives']:>4} / {report['false_positives']:<4}"
        f" {report['labels_found']:>4} of {report['labels_mapped']}\n"
    )


def print_summary(result: dict[str, Any], out: Any = sys.stdout) -> None:
    w = out.write
    w("                                 precision recall F1     true/false  labels found\n")
    w(_row("held-out, all labels", result["heldout"]))
    w(_row("held-out, corpus vocabulary", result["heldout_corpus_vocabulary"]))
    for batch, report in result["batches"].items():
        w(_row(f"held-out, batch {batch} only", report))
    if "corpus" in result:
        w(_row("corpus (benchmarks/accuracy.py)", result["corpus"]))
    traps = result["traps"]
    w(
        f"\ntrap resumes: {traps['files']} files, {traps['false_positives']} false detections, "
        f"{traps['labels_found']} of {traps['labels']} genuine labels found\n\n"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--taxonomy", type=Path, help="taxonomy YAML (default: the built-in one)")
    parser.add_argument("--heldout", type=Path, default=HELDOUT, help="folder with labels.json")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="labelled corpus")
    parser.add_argument("--no-corpus", action="store_true", help="skip the corpus figures")
    parser.add_argument("--json", action="store_true", help="print machine-readable figures")
    args = parser.parse_args(argv)
    corpus = None if args.no_corpus else args.corpus
    result = measure(load_taxonomy(args.taxonomy), args.heldout, corpus)
    if args.json:
        print(json.dumps(result, indent=2, sort_keys=True))
        return 0
    print_summary(result)
    print("=== held-out resumes, all labels ===")
    print_report(result["heldout"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
