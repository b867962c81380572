"""What the job-posting counts (taxonomy/demand.yaml) say about a skill for a role.

    demand_phrase(taxonomy, "docker", "ml-engineer")
        -> "asked for in 9% of 119 ML-titled postings (2018–2021)"

Each built-in role reads the postings of one role group (ROLE_DEMAND): ML engineers and
their specialisations the ML-titled postings, refined by the ML-engineering-titled ones;
research scientists the ML-titled ones; data scientists the DS-titled ones. A role the
table does not name (a coach's own role, a role built from postings) has no demand and
keeps its guide-only weights.

Shares are smoothed (`smoothed_share`): a group of N postings of which n ask for a skill
gets (n + K × the parent group's share) / (N + K), K = PRIOR_POSTINGS. The ML-engineering
group has 47 postings and the ML-titled one 119, so one posting moves a raw share by 1-2
points; the smoothing lets a small group speak where it has evidence and otherwise falls
back on the wider group, instead of reading 0 of 47 as "nobody wants it".
"""

from __future__ import annotations

from dataclasses import dataclass

from gapcheck.taxonomy.demand_file import Demand, group_key
from gapcheck.taxonomy.model import Taxonomy

# K: pseudo-postings at the parent group's share added to every group. 50 is about the
# size of the smallest group a role reads (47 ML-engineering postings): such a group
# weighs half in its own share, the ML-titled group (119) about 70%.
PRIOR_POSTINGS = 50.0


@dataclass(frozen=True)
class RoleDemand:
    """The postings a role reads: `chain` from the most specific group to "all"."""

    chain: tuple[str, ...]
    cited: str  # the group demand_phrase quotes: raw counts, the widest telling one


_ML_ENGINEERING = RoleDemand(chain=("ml_eng", "ml", "all"), cited="ml")
ROLE_DEMAND: dict[str, RoleDemand] = {
    "ml-engineer": _ML_ENGINEERING,
    # The specialisations are ML engineers first (they share the ML-engineer factors), and
    # too few postings are titled NLP, vision or RL (under ten each) to count on their own.
    "nlp-engineer": _ML_ENGINEERING,
    "computer-vision-engineer": _ML_ENGINEERING,
    "deep-learning-engineer": _ML_ENGINEERING,
    "reinforcement-learning-engineer": _ML_ENGINEERING,
    # ML-titled scientist postings are most of the ML-titled group that is not engineering.
    "ml-research-scientist": RoleDemand(chain=("ml", "all"), cited="ml"),
    "data-scientist": RoleDemand(chain=("ds", "all"), cited="ds"),
}
GROUP_LABELS = {
    "all": "DS/ML",
    "ml": "ML-titled",
    "ml_eng": "ML-engineering-titled",
    "ds": "data-science-titled",
}


def role_demand(taxonomy: Taxonomy, role_id: str) -> RoleDemand | None:
    """The groups a role reads, or None when the taxonomy has no counts or the role none."""
    if taxonomy.demand is None:
        return None
    groups = ROLE_DEMAND.get(role_id)
    if groups is None or not all(taxonomy.demand.postings.get(g, 0) > 0 for g in groups.chain):
        return None
    return groups


def smoothed_share(
    demand: Demand, skill_id: str, chain: tuple[str, ...], seniority: str | None = None
) -> float | None:
    """The share of a group's postings asking for the skill, smoothed toward its parents.

    Walks `chain` from "all" (its raw share) to the most specific group, each step
    p = (n + K × p_parent) / (N + K). With `seniority`, one more step to that subset of
    the most specific group. None when the skill was not counted.
    """
    share: float | None = None
    keys = [*reversed(chain)]
    if seniority is not None:
        keys.append(group_key(chain[0], seniority))
    for key in keys:
        count = demand.count(skill_id, key)
        if count is None:
            return None
        total = demand.postings.get(key, 0)
        if share is None:
            share = count[0] / total if total else 0.0
        else:
            share = (count[0] + PRIOR_POSTINGS * share) / (total + PRIOR_POSTINGS)
    return share


def demand_share(taxonomy: Taxonomy, skill_id: str, role_id: str) -> float | None:
    """The raw share of the role's cited group asking for the skill (any level), or None."""
    found = _cited(taxonomy, skill_id, role_id)
    return None if found is None else found[0] / found[1]


def demand_phrase(taxonomy: Taxonomy, skill_id: str, role_id: str) -> str | None:
    """A fact for a gap's reason: "asked for in 24% of 119 ML-titled postings (2018–2021)".

    The share and size of the role's cited group (raw counts, any level: required or
    preferred). None when the taxonomy has no demand counts, the role reads none, or the
    skill was not counted.
    """
    found = _cited(taxonomy, skill_id, role_id)
    groups = role_demand(taxonomy, role_id)
    if found is None or groups is None or taxonomy.demand is None:
        return None
    asked, total = found
    if asked == 0:
        amount = "none"
    elif 100 * asked < total:
        amount = "under 1%"  # "0%" would read as none
    else:
        amount = f"{round(100 * asked / total)}%"
    label = GROUP_LABELS.get(groups.cited, groups.cited)
    dates = taxonomy.demand.dates
    return f"asked for in {amount} of {total} {label} postings ({dates})"


def _cited(taxonomy: Taxonomy, skill_id: str, role_id: str) -> tuple[int, int] | None:
    """(postings of the cited group asking for the skill, postings in the group)."""
    groups = role_demand(taxonomy, role_id)
    if groups is None or taxonomy.demand is None:
        return None
    count = taxonomy.demand.count(skill_id, groups.cited)
    if count is None:
        return None
    return count[0], taxonomy.demand.postings[groups.cited]
