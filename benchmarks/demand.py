"""How well role weights follow job-posting demand: the figures behind taxonomy/demand.yaml.

    python benchmarks/demand.py                 # the figures (about a minute on two cores)
    python benchmarks/demand.py --grid          # and the constants' neighbourhood
    python benchmarks/demand.py --json

Reads the posting CSVs in ../shared/postings-corpus/ with gapcheck's own posting parser
(gapcheck.authoring.demand_count, as `gapcheck taxonomy build --postings` does), then for
the Machine Learning Engineer role at mid level, before (the guides alone: the taxonomy
without its demand) and after (the blend, gapcheck.taxonomy.blend):

* Spearman's rank correlation between role weights and the share of ML-titled postings
  asking for each HARD skill. Hard: every category except soft_skills, education and
  hands_on. Two skill sets: "expected" (the hard skills the role expects at mid level;
  the same set before and after, since the guides decide it) and "guide-named" (every
  scored hard skill at least one guide names, expected or not, weight 0 when not).
  Target: >= 0.55 on "expected".
* The same per CSV file, two ways: in-sample (weights from all files, demand of that
  file) and held out (weights from the other files only, demand of that file): the
  held-out figure is the one that says whether the blend generalises or fits one scrape.
* Docker, MLOps and PyTorch against Seaborn and hidden Markov models (target: all three
  weigh more than both).
* The 25 heaviest skills before and after.

`--grid` recomputes the figures for neighbouring constants (guide exponent, demand
exponent, floor, smoothing K) from the same counts: the table that justifies the choice.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from gapcheck.authoring.demand_count import (
    by_file,
    count_postings,
    demand_from,
    posting_dates,
    read_postings,
)
from gapcheck.taxonomy import blend, demand
from gapcheck.taxonomy.demand_file import Demand, DemandSource, dump_demand
from gapcheck.taxonomy.knowledge import forget_all, role_weights
from gapcheck.taxonomy.loading import load_taxonomy
from gapcheck.taxonomy.model import Taxonomy

REPO = Path(__file__).resolve().parents[1]
POSTINGS = REPO.parent / "shared" / "postings-corpus"
NOT_HARD = frozenset({"soft_skills", "education", "hands_on"})
ROLE, LEVEL, GROUP = "ml-engineer", "mid", "ml"
STRONGER = ("docker", "mlops", "pytorch")
WEAKER = ("seaborn", "hidden_markov_models")
TARGET = 0.55


# --------------------------------------------------------------------------- statistics


def ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks, ties sharing their average rank."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    result = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            result[order[position]] = (start + end) / 2 + 1
        start = end + 1
    return result


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Spearman's rho: Pearson's correlation of the ranks (ties averaged)."""
    rx, ry = ranks(xs), ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    var = (sum((a - mx) ** 2 for a in rx) * sum((b - my) ** 2 for b in ry)) ** 0.5
    return cov / var if var else 0.0


# --------------------------------------------------------------------------- figures


def hard_sets(taxonomy: Taxonomy) -> dict[str, list[str]]:
    guide_only = role_weights(dataclasses.replace(taxonomy, demand=None), ROLE, LEVEL)
    hard = [s for s in taxonomy.skills if s.category not in NOT_HARD and s.scored]
    return {
        "expected": [s.id for s in hard if s.id in guide_only],
        "guide-named": [s.id for s in hard if s.provenance],
    }


def shares(counts: Demand, group: str = GROUP) -> dict[str, float]:
    total = counts.postings.get(group, 0) or 1
    return {s: (counts.count(s, group) or (0, 0))[0] / total for s in counts.skills}


def correlation(weights: Mapping[str, float], share: Mapping[str, float], ids: list[str]) -> float:
    return spearman([weights.get(i, 0.0) for i in ids], [share.get(i, 0.0) for i in ids])


def weights_with(taxonomy: Taxonomy, counts: Demand | None) -> dict[str, float]:
    return role_weights(dataclasses.replace(taxonomy, demand=counts), ROLE, LEVEL)


def figures(
    taxonomy: Taxonomy,
    overall: Demand,
    files: Mapping[str, Demand],
    held_out: Mapping[str, Demand],
) -> dict[str, Any]:
    sets = hard_sets(taxonomy)
    target = shares(overall)
    before = weights_with(taxonomy, None)
    after = weights_with(taxonomy, overall)
    result: dict[str, Any] = {"postings": dict(overall.postings), "sets": {}}
    for name, ids in sets.items():
        result["sets"][name] = {
            "skills": len(ids),
            "before": correlation(before, target, ids),
            "after": correlation(after, target, ids),
            "per_file": {
                file: {
                    "ml_postings": files[file].postings.get(GROUP, 0),
                    "before": correlation(before, shares(files[file]), ids),
                    "after": correlation(after, shares(files[file]), ids),
                    "held_out": correlation(
                        weights_with(taxonomy, held_out[file]), shares(files[file]), ids
                    ),
                }
                for file in files
            },
        }
    # The data-scientist role reads DS-titled postings: the same figure for it.
    ds_before = role_weights(dataclasses.replace(taxonomy, demand=None), "data-scientist", LEVEL)
    ds_after = role_weights(dataclasses.replace(taxonomy, demand=overall), "data-scientist", LEVEL)
    ds_ids = [
        s.id
        for s in taxonomy.skills
        if s.category not in NOT_HARD and s.scored and s.id in ds_before
    ]
    result["data_scientist"] = {
        "skills": len(ds_ids),
        "before": correlation(ds_before, shares(overall, "ds"), ds_ids),
        "after": correlation(ds_after, shares(overall, "ds"), ds_ids),
    }
    result["pairs"] = {
        f"{a} > {b}": [before.get(a, 0.0), before.get(b, 0.0), after.get(a, 0.0), after.get(b, 0.0)]
        for a in STRONGER
        for b in WEAKER
    }
    result["pairs_met"] = all(
        after.get(a, 0.0) > after.get(b, 0.0) for a in STRONGER for b in WEAKER
    )
    result["top_before"] = sorted(before.items(), key=lambda kv: (-kv[1], kv[0]))[:25]
    result["top_after"] = sorted(after.items(), key=lambda kv: (-kv[1], kv[0]))[:25]
    result["share"] = {skill_id: target.get(skill_id, 0.0) for skill_id, _ in result["top_after"]}
    result["share"].update({s: target.get(s, 0.0) for s in (*STRONGER, *WEAKER)})
    return result


def print_figures(result: dict[str, Any], names: Mapping[str, str]) -> None:
    print(f"postings: {result['postings']}")
    for name, figures_of in result["sets"].items():
        print(
            f"\nSpearman, {ROLE} {LEVEL} weights vs ML-titled share, {name} hard skills "
            f"({figures_of['skills']}): before {figures_of['before']:.3f}, "
            f"after {figures_of['after']:.3f}"
            + (f"  (target >= {TARGET})" if name == "expected" else "")
        )
        print(f"  {'file':34} {'ML':>4} {'before':>7} {'after':>7} {'held out':>9}")
        for file, f in figures_of["per_file"].items():
            print(
                f"  {file:34} {f['ml_postings']:4} {f['before']:7.3f} {f['after']:7.3f} "
                f"{f['held_out']:9.3f}"
            )
    ds = result["data_scientist"]
    print(
        f"\ndata-scientist {LEVEL} vs DS-titled share, expected hard skills ({ds['skills']}): "
        f"before {ds['before']:.3f}, after {ds['after']:.3f}"
    )
    print("\npairs (before: a, b; after: a, b):")
    for pair, (b1, b2, a1, a2) in result["pairs"].items():
        verdict = "met" if a1 > a2 else "MISSED"
        print(f"  {pair:40} before {b1:6.2f} {b2:6.2f}   after {a1:6.2f} {a2:6.2f}  {verdict}")
    print(f"\ntop 25 weights, {ROLE} {LEVEL}: before (guides only) | after (blend, ML share)")
    for (b_id, b_w), (a_id, a_w) in zip(result["top_before"], result["top_after"], strict=True):
        print(
            f"  {names.get(b_id, b_id)[:30]:30} {b_w:6.2f} | {names.get(a_id, a_id)[:30]:30} "
            f"{a_w:6.2f}  {100 * result['share'][a_id]:3.0f}%"
        )


# --------------------------------------------------------------------------- grid


def grid(
    taxonomy: Taxonomy,
    overall: Demand,
    files: Mapping[str, Demand],
    held_out: Mapping[str, Demand],
) -> None:
    """The figures for neighbouring constants, from the same counts."""
    saved = (
        blend.GUIDE_EXPONENT,
        blend.DEMAND_EXPONENT,
        blend.DEMAND_FLOOR,
        demand.PRIOR_POSTINGS,
        dict(demand.ROLE_DEMAND),
    )
    print("\n a     b     floor  K    group    rho exp  rho named  held out (per file)  pairs")
    try:
        for a, b, floor, k, chain in _grid_points():
            blend.GUIDE_EXPONENT, blend.DEMAND_EXPONENT, blend.DEMAND_FLOOR = a, b, floor
            demand.PRIOR_POSTINGS = k
            demand.ROLE_DEMAND[ROLE] = demand.RoleDemand(chain=chain, cited="ml")
            forget_all()  # role weights are kept per taxonomy: recompute them
            result = figures(taxonomy, overall, files, held_out)
            expected = result["sets"]["expected"]
            held = " ".join(f"{f['held_out']:.2f}" for f in expected["per_file"].values())
            print(
                f" {a:<5} {b:<5} {floor:<6} {k:<4} {chain[0]:7} {expected['after']:8.3f} "
                f"{result['sets']['guide-named']['after']:10.3f}  {held:19}  "
                f"{'met' if result['pairs_met'] else 'missed'}"
            )
    finally:
        (blend.GUIDE_EXPONENT, blend.DEMAND_EXPONENT, blend.DEMAND_FLOOR) = saved[:3]
        demand.PRIOR_POSTINGS = saved[3]
        demand.ROLE_DEMAND.clear()
        demand.ROLE_DEMAND.update(saved[4])
        forget_all()


def _grid_points() -> Iterable[tuple[float, float, float, float, tuple[str, ...]]]:
    for chain in (("ml", "all"), ("ml_eng", "ml", "all")):
        for a in (0.25, 0.5, 0.75, 1.0):
            for b in (0.5, 1.0):
                for floor in (0.02, 0.05):
                    yield a, b, floor, 50.0, chain
        for k in (20.0, 100.0):
            yield 0.5, 1.0, 0.02, k, chain


# --------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postings", type=Path, default=POSTINGS, help="folder of the CSVs")
    parser.add_argument("--grid", action="store_true", help="also try neighbouring constants")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    paths = sorted(args.postings.glob("*.csv"))
    if not paths:
        print(f"no posting CSVs in {args.postings}", file=sys.stderr)
        return 2
    taxonomy = load_taxonomy()
    rows, sources = read_postings(paths)
    started = time.perf_counter()
    counted = count_postings(rows, taxonomy, progress=_progress)
    print(f"counted {len(rows)} postings in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    dates = posting_dates(paths)
    overall = demand_from(counted, sources, taxonomy, dates)
    files = {
        name: demand_from(posts, _sources(sources, {name}), taxonomy, dates)
        for name, posts in by_file(counted)
    }
    held_out = {
        name: demand_from(
            [p for p in counted if p.file != name],
            _sources(sources, set(files) - {name}),
            taxonomy,
            dates,
        )
        for name in files
    }
    shipped = taxonomy.demand is not None and dump_demand(taxonomy.demand) == dump_demand(
        dataclasses.replace(overall, file=taxonomy.demand.file)
    )
    result = figures(taxonomy, overall, files, held_out)
    result["shipped_demand_current"] = shipped
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"taxonomy/demand.yaml matches this count: {'yes' if shipped else 'NO: rebuild it'}")
        print_figures(result, {s.id: s.name for s in taxonomy.skills})
    if args.grid:
        grid(taxonomy, overall, files, held_out)
    met = result["sets"]["expected"]["after"] >= TARGET and result["pairs_met"]
    return 0 if met else 1


def _progress(done: int, total: int) -> None:
    if done % 250 == 0:
        print(f"  {done} of {total} postings", file=sys.stderr, flush=True)


def _sources(sources: Sequence[DemandSource], names: set[str]) -> list[DemandSource]:
    return [s for s in sources if s.file in names]


if __name__ == "__main__":
    sys.exit(main())
