"""What `gapcheck taxonomy build --postings` shows, writes and checks: the posting counts
as a table or JSON, taxonomy/demand.yaml rewritten, or the differences from it."""

from __future__ import annotations

from pathlib import Path

from gapcheck.errors import TaxonomyError
from gapcheck.taxonomy.demand_file import (
    ROLE_GROUPS,
    Demand,
    dump_demand,
    group_key,
    parse_demand,
)
from gapcheck.taxonomy.model import Taxonomy

SHOWN_GROUPS = ("all", "ml", "ml_eng", "ds")
TOP_SKILLS = 25  # skills listed by ML-titled share unless every skill is asked for


def demand_lines(demand: Demand, taxonomy: Taxonomy, show_all: bool = False) -> list[str]:
    """A readable summary: the files, the groups, and the skills most asked for."""
    lines = [f"{len(demand.sources)} posting file(s), {demand.dates}:"]
    for source in demand.sources:
        origin = f"{source.repository} @ {source.commit[:12]}" if source.repository else "unknown"
        lines.append(
            f"  {source.file:36} {source.rows:5} rows {source.unique:5} unique "
            f"{source.counted:5} counted  ({origin})"
        )
    lines.append("\npostings per group (senior / junior by title):")
    for group in SHOWN_GROUPS:
        total = demand.postings.get(group, 0)
        senior = demand.postings.get(group_key(group, "senior"), 0)
        junior = demand.postings.get(group_key(group, "junior"), 0)
        lines.append(f"  {group:7} {total:5}  ({senior} / {junior})  {ROLE_GROUPS[group]}")
    names = {s.id: s.name for s in taxonomy.skills}
    ranked = sorted(
        demand.skills,
        key=lambda s: (-_share(demand, s, "ml"), -_share(demand, s, "all"), s),
    )
    if not show_all:
        ranked = ranked[:TOP_SKILLS]
    heading = "every skill" if show_all else f"top {TOP_SKILLS}"
    lines.append(f"\nshare of postings asking for a skill (required share in brackets), {heading}:")
    lines.append(f"  {'skill':30}" + "".join(f"{g:>16}" for g in SHOWN_GROUPS))
    for skill_id in ranked:
        cells = ""
        for group in SHOWN_GROUPS:
            asked, required = demand.count(skill_id, group) or (0, 0)
            total = demand.postings.get(group, 0) or 1
            cells += f"{100 * asked / total:9.0f}% ({100 * required / total:3.0f})"
        lines.append(f"  {names.get(skill_id, skill_id)[:30]:30}{cells}")
    return lines


def _share(demand: Demand, skill_id: str, group: str) -> float:
    asked = (demand.count(skill_id, group) or (0, 0))[0]
    return asked / (demand.postings.get(group) or 1)


def demand_json(demand: Demand) -> dict[str, object]:
    return {
        "dates": demand.dates,
        "taxonomy_version": demand.taxonomy_version,
        "sources": [vars(source) for source in demand.sources],
        "postings": dict(demand.postings),
        "skills": {
            skill_id: {group: list(pair) for group, pair in counts.items()}
            for skill_id, counts in demand.skills.items()
        },
    }


def write_demand(path: Path, demand: Demand) -> bool:
    """Write the counts to `path` (demand.yaml); True when the file changed."""
    text = dump_demand(demand)
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except OSError:
        pass  # no file yet
    path.write_text(text, encoding="utf-8")
    return True


def demand_differences(path: Path, demand: Demand) -> list[str]:
    """Where the counts recorded at `path` differ from `demand` (empty when they agree)."""
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return [f"{path.name}: missing"]
    if text == dump_demand(demand):
        return []
    try:
        recorded = parse_demand(yaml.safe_load(text), source=path.name)
    except (TaxonomyError, yaml.YAMLError) as exc:
        return [f"{path.name}: unreadable ({exc})"]
    differences = [
        f"group '{group}': recorded {recorded.postings.get(group)} postings, "
        f"counted {demand.postings.get(group)}"
        for group in sorted(set(recorded.postings) | set(demand.postings))
        if recorded.postings.get(group) != demand.postings.get(group)
    ]
    for skill_id in sorted(set(recorded.skills) | set(demand.skills)):
        have, want = recorded.skills.get(skill_id), demand.skills.get(skill_id)
        if have != want:
            differences.append(f"skill '{skill_id}': recorded {have}, counted {want}")
    if not differences:  # same counts; the sources, dates or layout differ
        differences.append(f"{path.name}: sources, dates or layout differ from a rebuild")
    return differences
