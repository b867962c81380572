"""Level and evident-fundamentals agreement with human labels on the real resumes.

    python benchmarks/advice.py              # labels' dating convention (below)
    python benchmarks/advice.py --today 2026-12-01 --json

For every resume in benchmarks/advice/people.json (the PDFs of ../shared/corpus and
../shared/corpus2) the real stages run: gapcheck.reading.read_document,
gapcheck.sections.split.split_sections, the built-in taxonomy's detector, then
gapcheck.detection.background.read_background and gapcheck.scoring.level.choose_level.
The labels were made by reading each resume, never by running gapcheck.

* Level agreement: share of files whose inferred level equals the label (target 80%).
* Fundamentals recall: of each person's `evident_fundamentals`, the share gapcheck shows,
  either detected explicitly or in Background.shown (pooled over all files).
* Possible false claims: ids in Background.shown that the file's labels do not list,
  counted only over the fundamentals vocabulary (every id some label lists); other shown
  ids (such as `research`) are reported apart, since the labels say nothing of them.

"Today": the labels count open-ended roles to 2026-12 unless the page is clearly older
(`as_of` and `about` in people.json). By default this script does the same with one
general rule: today is 2026-12-01, unless the latest date written on the page (range ends
and dates with a month, gapcheck.detection.dates.latest_date) is in 2019 or earlier, when
that date stands for today. `--today` fixes one date for every file instead.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gapcheck.detection.background import read_background
from gapcheck.detection.dates import latest_date
from gapcheck.detection.detector import get_detector
from gapcheck.reading import read_document
from gapcheck.records import Background, LevelChoice
from gapcheck.scoring.level import choose_level
from gapcheck.sections.split import split_sections
from gapcheck.taxonomy.loading import load_taxonomy

REPO = Path(__file__).resolve().parents[1]
LABELS = REPO / "benchmarks" / "advice" / "people.json"
CORPORA = {
    "corpus": REPO.parent / "shared" / "corpus",
    "corpus2": REPO.parent / "shared" / "corpus2",
}
DEFAULT_TODAY = "2026-12-01"
OLD_PAGE_YEAR = 2019  # a page whose latest date is this old is judged as of that date
LEVEL_TARGET = 0.80


@dataclass
class Row:
    file: str
    label_level: str
    level: LevelChoice
    today: str
    years: float
    label_years: float
    expected: list[str]
    shown_ids: list[str]  # explicit or shown
    misses: list[str]
    explicit_misses: list[str]  # what detection alone, without Background.shown, misses
    false_claims: list[str]
    other_shown: list[str]
    background: Background


def _today_for(texts: list[str], fixed: str | None) -> str:
    if fixed:
        return fixed
    latest = latest_date(texts)
    if latest is not None and latest.year <= OLD_PAGE_YEAR:
        return f"{latest.year:04d}-{latest.month or 12:02d}-01"
    return DEFAULT_TODAY


def run(fixed_today: str | None = None) -> list[Row]:
    people: list[dict[str, Any]] = json.loads(LABELS.read_text(encoding="utf-8"))["people"]
    vocabulary = {skill for p in people for skill in p["evident_fundamentals"]}
    taxonomy = load_taxonomy()
    detector = get_detector(taxonomy)
    rows = []
    for person in people:
        path = CORPORA[person["set"]] / person["file"]
        document = read_document(path)
        sections = split_sections(document)
        today = _today_for([line.text for line in document.lines], fixed_today)
        detection = detector.detect(sections, today=today)
        background = read_background(sections, detection, taxonomy, today)
        level = choose_level(background, None)
        explicit = {s.id for s in detection.skills if s.explicit}
        shown = {s.skill_id for s in background.shown}
        expected = list(person["evident_fundamentals"])
        rows.append(
            Row(
                file=person["file"],
                label_level=person["level"],
                level=level,
                today=today,
                years=background.years_experience,
                label_years=float(person["years_experience"]),
                expected=expected,
                shown_ids=sorted(explicit | shown),
                misses=[s for s in expected if s not in explicit | shown],
                explicit_misses=[s for s in expected if s not in explicit],
                false_claims=sorted(s for s in shown if s in vocabulary and s not in expected),
                other_shown=sorted(s for s in shown if s not in vocabulary),
                background=background,
            )
        )
    return rows


def summary(rows: list[Row]) -> dict[str, Any]:
    agree = sum(r.level.level == r.label_level for r in rows)
    expected = sum(len(r.expected) for r in rows)
    missed = sum(len(r.misses) for r in rows)
    missed_before = sum(len(r.explicit_misses) for r in rows)
    claims = sum(len(r.false_claims) for r in rows)
    shown_total = sum(len(r.background.shown) for r in rows)
    return {
        "files": len(rows),
        "level_agreement": round(agree / len(rows), 3) if rows else 0.0,
        "level_target": LEVEL_TARGET,
        "fundamentals_expected": expected,
        "fundamentals_recall": round((expected - missed) / expected, 3) if expected else 0.0,
        "recall_explicit_only": (
            round((expected - missed_before) / expected, 3) if expected else 0.0
        ),
        "shown_total": shown_total,
        "possible_false_claims": claims,
    }


def _print(rows: list[Row]) -> None:
    print(f"{'file':38} {'today':10} {'label':6} {'got':6} {'yrs':>5} {'lbl':>5}  reason")
    for r in rows:
        mark = " " if r.level.level == r.label_level else "*"
        print(
            f"{r.file:38} {r.today:10} {r.label_level:6} {r.level.level:5}{mark} "
            f"{r.years:5.1f} {r.label_years:5.1f}  {r.level.reason}"
        )
    print("\nFundamentals (shown by evidence: id <- because)")
    for r in rows:
        found = len(r.expected) - len(r.misses)
        print(f"{r.file:38} {found}/{len(r.expected)}", end="")
        if r.misses:
            print(f"  missed: {', '.join(r.misses)}", end="")
        if r.false_claims:
            print(f"  NOT IN LABELS: {', '.join(r.false_claims)}", end="")
        if r.other_shown:
            print(f"  (also shown: {', '.join(r.other_shown)})", end="")
        print()
        for shown in r.background.shown:
            print(f"{'':40}{shown.skill_id} <- {shown.because}")
    s = summary(rows)
    print(
        f"\nlevel agreement {s['level_agreement']:.1%} over {s['files']} files "
        f"(target {LEVEL_TARGET:.0%}); fundamentals recall {s['fundamentals_recall']:.1%} "
        f"of {s['fundamentals_expected']} ({s['recall_explicit_only']:.1%} from named skills "
        f"alone); {s['shown_total']} shown by evidence, "
        f"{s['possible_false_claims']} not in the labels"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--today", help="one ISO date for every file (default: see --help)")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)
    missing = [str(p) for p in CORPORA.values() if not p.is_dir()]
    if missing:
        print(f"corpus folder missing: {', '.join(missing)}", file=sys.stderr)
        return 2
    rows = run(args.today)
    if args.json:
        print(json.dumps(summary(rows), indent=2))
    else:
        _print(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
