"""Role weights that blend the guides (which skills a role needs) with posting demand
(how much each weighs). The formula, its constants and the figures behind them are in
taxonomy/README.md ("Weights") and docs/scoring.md; benchmarks/demand.py measures them.

For a role that reads posting demand (gapcheck.taxonomy.demand.ROLE_DEMAND), over the
skills the guides make it expect (guide weight = importance x role and level factors,
at least the role's min_weight: unchanged, so the guides stay the backbone):

    raw(s)    = factors(s) x importance(s)^GUIDE_EXPONENT
                x (DEMAND_FLOOR + share(s))^DEMAND_EXPONENT x seniority_lift(s, level)
    weight(s) = raw(s) x (sum of guide weights) / (sum of raw)

share(s) is the role group's smoothed share of postings asking for s; the last line keeps
the role's total weight, so demand re-divides what the guides give the role instead of
inflating or deflating scores.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping

from gapcheck.taxonomy.demand import role_demand, smoothed_share
from gapcheck.taxonomy.model import Taxonomy

# a: the square root of the guides' importance. The guides' emphasis words are phrasing
# ("Seaborn (essential)"), so they should not multiply a weight eighteen-fold; the root
# keeps their order and compresses 1..18 to 1..4.2. Larger exponents let phrasing win
# again: at 0.75 Seaborn outweighs MLOps for an ML engineer (benchmarks/demand.py).
GUIDE_EXPONENT = 0.5
# b: demand counts in proportion. A skill asked for by 30% of postings weighs three
# times one asked for by 10%, all else equal.
DEMAND_EXPONENT = 1.0
# What a skill no posting asks for still counts as: one posting in fifty (1 / K). A guide
# may name what 2018–2021 postings did not yet ask for; the floor keeps it expected at a
# small weight rather than at none.
DEMAND_FLOOR = 0.02
# The posting seniority a level reads its lift from; mid level is the whole group.
LEVEL_SENIORITY = {"entry": "junior", "senior": "senior"}


def blend_weights(
    taxonomy: Taxonomy, role_id: str, level: str, expected: Mapping[str, tuple[float, float]]
) -> dict[str, float] | None:
    """The blended weights of the expected skills, or None when the role reads no posting
    demand (then its guide weights stand).

    `expected`: skill id -> (importance, product of the role's and level's factors) of
    every skill the guides make the role expect.
    """
    groups = role_demand(taxonomy, role_id)
    demand = taxonomy.demand
    if groups is None or demand is None or not expected:
        return None
    shares = {s: smoothed_share(demand, s, groups.chain) for s in expected}
    measured = [share for share in shares.values() if share is not None]
    # A skill added after the count (a coach's extension) is unmeasured, not unwanted:
    # it takes the median demand of the role's skills, neither favoured nor penalised.
    typical = statistics.median(measured) if measured else 0.0
    seniority = LEVEL_SENIORITY.get(level)
    raw: dict[str, float] = {}
    for skill_id, (importance, factors) in expected.items():
        share = shares[skill_id]
        raw[skill_id] = (
            factors
            * importance**GUIDE_EXPONENT
            * (DEMAND_FLOOR + (typical if share is None else share)) ** DEMAND_EXPONENT
            * (seniority_lift(taxonomy, skill_id, seniority) if seniority else 1.0)
        )
    total_raw = sum(raw.values())
    if total_raw <= 0:
        return None
    scale = sum(importance * factors for importance, factors in expected.values()) / total_raw
    return {skill_id: value * scale for skill_id, value in raw.items()}


def seniority_lift(taxonomy: Taxonomy, skill_id: str, seniority: str) -> float:
    """How much more (or less) senior or junior postings ask for a skill than all do.

        lift = (DEMAND_FLOOR + smoothed share among all postings of that seniority)
               / (DEMAND_FLOOR + share among all postings)

    Read over every posting, not the role's group: of 119 ML-titled postings only 2 are
    junior-titled, while 174 of all 1,993 are. 1.0 when the skill was not counted.
    """
    demand = taxonomy.demand
    if demand is None:
        return 1.0
    overall = smoothed_share(demand, skill_id, ("all",))
    at_level = smoothed_share(demand, skill_id, ("all",), seniority)
    if overall is None or at_level is None:
        return 1.0
    return (DEMAND_FLOOR + at_level) / (DEMAND_FLOOR + overall)
