"""Is the advice about the person? Whole runs of gapcheck on real resumes and postings.

    python benchmarks/advice_runs.py                 # both measures, table per file
    python benchmarks/advice_runs.py --pairs 40      # more resume x posting pairs

1. Known fundamentals: for each resume labelled in benchmarks/advice/people.json (labels
   made by reading the resumes, never from gapcheck's output), the share of the top-5
   learn gaps that are fundamentals the person evidently has. Target: at most 5%.
2. Posting mode: resume x ML-titled posting pairs (postings from ../shared/postings-corpus,
   written to a temporary folder, never kept). In each pair the first min(3, k) learn gaps
   must be the posting's k missing required skills (those it lists as learnable); and a
   bachelor's holder must never see a master's or PhD as a missing requirement of a
   posting that accepts a bachelor's ("BS/MS/PhD").

Pairs are chosen by a fixed rule (the first unique ML-titled postings of each file, the
ML/DS resumes of both corpora, paired round-robin), so the figures are reproducible.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

from gapcheck import analyse
from gapcheck.errors import GapcheckError
from gapcheck.records import Analysis

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
LABELS = REPO / "benchmarks" / "advice" / "people.json"
DATE = "2026-12-01"
TOP = 5
ML_TITLE = re.compile(
    r"machine learning|\bml\b|deep learning|\bai\b|artificial intelligence", re.IGNORECASE
)
# (file, title column, description column)
POSTING_FILES = (
    ("glassdoor2020.csv", "Job Title", "Job Description"),
    ("glassdoor-ds-jobs-uncleaned.csv", "Job Title", "Job Description"),
    ("linkedin2018-california.csv", "title", "description"),
)
FUNDAMENTAL_IDS = frozenset(
    {
        "statistics",
        "probability",
        "linear_algebra",
        "calculus",
        "mathematics",
        "data_structures",
        "algorithms",
        "computer_science",
        "machine_learning",
        "optimization",
    }
)


def learn(analysis: Analysis) -> list[str]:
    return [g.skill_id for g in analysis.gaps if getattr(g, "action", "learn") == "learn"]


def known_fundamentals() -> dict[str, Any]:
    people = json.loads(LABELS.read_text(encoding="utf-8"))["people"]
    rows = []
    flagged = total = 0
    for person in people:
        path = SHARED / person["set"] / person["file"]
        if not path.exists():
            continue
        evident = set(person["evident_fundamentals"]) & FUNDAMENTAL_IDS
        top = learn(analyse(path, today=DATE))[:TOP]
        wrong = [s for s in top if s in evident]
        flagged += len(wrong)
        total += len(top)
        rows.append({"file": person["file"], "top": top, "known_but_told_to_learn": wrong})
    share = flagged / total if total else 0.0
    return {"share": share, "flagged": flagged, "of": total, "rows": rows}


def ml_postings(limit: int) -> list[tuple[str, str]]:
    csv.field_size_limit(10**8)
    chosen: list[tuple[str, str]] = []
    per_file = max(1, limit // len(POSTING_FILES) + 1)
    for name, title_key, text_key in POSTING_FILES:
        path = SHARED / "postings-corpus" / name
        if not path.exists():
            continue
        seen: set[str] = set()
        with path.open(encoding="utf-8", errors="replace", newline="") as handle:
            for row in csv.DictReader(handle):
                title, text = row.get(title_key) or "", row.get(text_key) or ""
                if not ML_TITLE.search(title) or text in seen:
                    continue
                seen.add(text)
                chosen.append((f"{Path(name).stem}-{len(seen):03d}", f"{title}\n{text}"))
                if len(seen) >= per_file:
                    break
    return chosen[:limit]


def posting_pairs(limit: int) -> dict[str, Any]:
    people = json.loads(LABELS.read_text(encoding="utf-8"))["people"]
    resumes = [
        SHARED / p["set"] / p["file"]
        for p in people
        if (SHARED / p["set"] / p["file"]).exists()
        and re.search(r"-(ml|ds|de)\.pdf$|timmychan|deedy", p["file"])
    ]
    rows = []
    good = degree_errors = 0
    with tempfile.TemporaryDirectory() as folder:
        postings = ml_postings(limit)
        for index, (stem, text) in enumerate(postings):
            posting = Path(folder) / f"{stem}.txt"
            posting.write_text(text, encoding="utf-8")
            resume = resumes[index % len(resumes)]
            try:
                analysis = analyse(resume, job=posting, today=DATE)
            except GapcheckError as exc:
                rows.append({"pair": f"{resume.name} x {stem}", "error": exc.message})
                continue
            job = analysis.job
            assert job is not None
            gaps = {g.skill_id: g for g in analysis.gaps}
            required = [
                s for s in job.missing_required if gaps.get(s) and gaps[s].action == "learn"
            ]
            first = learn(analysis)[: min(3, len(required))]
            ok = set(first) == set(required[: len(first)])
            good += ok
            held = {s.id for s in analysis.detection.skills if s.explicit}
            told = [s for s in ("masters", "phd") if s in job.missing_required]
            wrong_degree = "bachelors" in held and bool(told) and "bachelors" in job.required
            degree_errors += wrong_degree
            rows.append(
                {
                    "pair": f"{resume.name} x {stem}",
                    "k": len(required),
                    "first_learn": first,
                    "missing_required": required,
                    "ok": ok,
                    "degree_error": wrong_degree,
                }
            )
    scored = [r for r in rows if "ok" in r]
    return {
        "pairs": len(scored),
        "all_first_are_required": good,
        "degree_errors": degree_errors,
        "rows": rows,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=40)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not LABELS.exists():
        print("advice_runs: benchmarks/advice/people.json is missing", file=sys.stderr)
        return 2
    fundamentals = known_fundamentals()
    pairs = posting_pairs(args.pairs)
    if args.json:
        print(json.dumps({"fundamentals": fundamentals, "pairs": pairs}, indent=2))
        return 0
    print(
        f"known fundamentals among the top-{TOP} learn gaps: {fundamentals['flagged']} of "
        f"{fundamentals['of']} ({100 * fundamentals['share']:.1f}%)"
    )
    for row in fundamentals["rows"]:
        if row["known_but_told_to_learn"]:
            print(f"  {row['file']}: {', '.join(row['known_but_told_to_learn'])}")
    print(
        f"posting pairs: first min(3,k) learn gaps are the posting's missing required in "
        f"{pairs['all_first_are_required']} of {pairs['pairs']}; degree errors "
        f"{pairs['degree_errors']}"
    )
    for row in pairs["rows"]:
        if not row.get("ok", False) or row.get("degree_error"):
            print(f"  {row}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
