"""`gapcheck taxonomy check|show|build` and `gapcheck roles`: what the taxonomy holds.

Only click is imported at module level; the taxonomy, the detector (spaCy) and the PDF
reader load inside the commands that need them, so `gapcheck --help` stays instant.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from gapcheck.taxonomy.model import Skill, Taxonomy

WIDTH = 100
TAXONOMY_HELP = "A taxonomy YAML to use instead of (or extending) the built-in one."


def _load(path: Path | None) -> Taxonomy:
    from gapcheck.taxonomy.loading import load_taxonomy

    return load_taxonomy(path)


def _wrap(label: str, text: str, indent: int = 2) -> str:
    prefix = " " * indent + label
    return textwrap.fill(text, WIDTH, initial_indent=prefix, subsequent_indent=" " * len(prefix))


@click.group("taxonomy")
def taxonomy_group() -> None:
    """Check, show and build the skills taxonomy."""


# --------------------------------------------------------------------------- check


@taxonomy_group.command("check")
@click.argument("file", required=False, type=click.Path(path_type=Path, dir_okay=False))
def check_command(file: Path | None) -> None:
    """Validate a taxonomy file (default: the built-in one) and summarise it.

    Every problem is listed with the entry and field it is in; the exit status is 1 when
    there is any.
    """
    taxonomy = _load(file)
    recommendable = sum(1 for c in taxonomy.certifications if c.recommendable)
    unnamed = sum(1 for s in taxonomy.skills if not s.provenance)
    base = " (extends the built-in taxonomy)" if taxonomy.extends else ""
    click.echo(f"{taxonomy.source}: valid{base}")
    click.echo(f"  version {taxonomy.version}, as of {taxonomy.as_of}")
    click.echo(
        f"  {len(taxonomy.skills)} skills in {len(taxonomy.categories)} categories "
        f"({unnamed} named by no guide: recognised, never expected)"
    )
    click.echo(
        f"  {len(taxonomy.certifications)} certifications ({recommendable} recommendable, "
        f"{len(taxonomy.certifications) - recommendable} retired, closed, superseded "
        "or unverifiable)"
    )
    click.echo(f"  {len(taxonomy.roles)} roles: {', '.join(r.id for r in taxonomy.roles)}")
    click.echo(f"  {len(taxonomy.guides)} guides: {', '.join(g.id for g in taxonomy.guides)}")
    if taxonomy.demand is not None:
        demand = taxonomy.demand
        click.echo(
            f"  demand: {demand.postings.get('all', 0)} job postings ({demand.dates}) from "
            f"{len(demand.sources)} files, {demand.file}"
        )


# --------------------------------------------------------------------------- show


@taxonomy_group.command("show")
@click.argument("skill", required=False)
@click.option(
    "--taxonomy",
    "taxonomy_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help=TAXONOMY_HELP,
)
def show_command(skill: str | None, taxonomy_path: Path | None) -> None:
    """Show one skill (by id, name or alias), or list every skill by category."""
    taxonomy = _load(taxonomy_path)
    if skill is None:
        _list_skills(taxonomy)
    else:
        _show_skill(taxonomy, find_skill(taxonomy, skill))


def _fold(text: str) -> str:
    """A spelling as lookups compare it: curly apostrophes straight, any case, one space."""
    return " ".join(text.replace("’", "'").casefold().split())


def find_skill(taxonomy: Taxonomy, query: str) -> Skill:
    """The skill whose id, name, alias or narrower term is `query` (any case)."""
    from gapcheck.errors import UsageError

    key = _fold(query)
    for fields in (
        lambda s: (s.id,),
        lambda s: (s.name,),
        lambda s: s.aliases,
        lambda s: s.narrower,
        lambda s: tuple(rule.term for rule in s.ambiguous),
    ):
        for candidate in taxonomy.skills:
            if any(_fold(t) == key for t in fields(candidate)):
                return candidate
    near = [f"'{s.id}' ({s.name})" for s in suggest_skills(taxonomy, key)]
    advice = "run 'gapcheck taxonomy show' for the list"
    if near:
        listed = near[0] if len(near) == 1 else f"{', '.join(near[:-1])} or {near[-1]}"
        advice = f"did you mean {listed}? {advice}"
    raise UsageError(query, "no skill with this id, name or alias", advice)


SUGGEST_SCORE = 80  # rapidfuzz ratio a spelling needs to be suggested for a misspelling
SUGGEST_MARGIN = 5  # suggestions scoring this much below the best one are left out


def suggest_skills(taxonomy: Taxonomy, key: str, limit: int = 3) -> list[Skill]:
    """The skills `key` (casefolded) may misspell, closest first, ties by id: by the best
    rapidfuzz ratio of their ids, names, aliases and terms; failing any close enough, the
    skills with a spelling that contains `key` (of three characters or more)."""
    from rapidfuzz import fuzz

    scored: list[tuple[float, str, Skill]] = []
    contain: list[tuple[float, str, Skill]] = []
    for skill in taxonomy.skills:
        texts = (skill.id, skill.id.replace("_", " "), skill.name, *skill.aliases)
        terms = (*skill.narrower, *(rule.term for rule in skill.ambiguous))
        spellings = {_fold(t) for t in (*texts, *terms)}
        best = max(fuzz.ratio(key, spelling) for spelling in spellings)
        if best >= SUGGEST_SCORE:
            scored.append((-best, skill.id, skill))
        elif len(key) >= 3 and any(key in spelling for spelling in spellings):
            contain.append((-best, skill.id, skill))
    if scored:
        scored.sort(key=lambda item: item[:2])
        top = -scored[0][0]
        return [skill for score, _, skill in scored[:limit] if -score >= top - SUGGEST_MARGIN]
    return [skill for _, _, skill in sorted(contain, key=lambda item: item[:2])[:limit]]


def _list_skills(taxonomy: Taxonomy) -> None:
    from gapcheck.taxonomy.model import skill_importance

    click.echo(
        f"gapcheck taxonomy {taxonomy.version} (as of {taxonomy.as_of}): "
        f"{len(taxonomy.skills)} skills"
    )
    click.echo("importance: derived from the guides (0: recognised, never expected)")
    for category, category_name in taxonomy.categories.items():
        members = [s for s in taxonomy.skills if s.category == category]
        if not members:
            continue
        click.echo(f"\n{category_name} ({category})")
        for skill in members:
            guides = len(skill.provenance)
            scored = "" if skill.scored else "  not scored"
            click.echo(
                f"  {skill.id:28} {skill.name[:48]:48} {guides} guide{'s' if guides != 1 else ' '}"
                f"  importance {skill_importance(skill):5.2f}{scored}"
            )


def _names(taxonomy: Taxonomy, ids: Sequence[str]) -> str:
    by_id = {s.id: s.name for s in taxonomy.skills}
    return ", ".join(f"{by_id.get(i, i)} ({i})" for i in ids) or "-"


def _show_skill(taxonomy: Taxonomy, skill: Skill) -> None:
    from gapcheck.taxonomy.knowledge import role_weights
    from gapcheck.taxonomy.model import LEVELS, guide_weight, skill_importance

    click.echo(f"{skill.name} ({skill.id})")
    click.echo(
        f"  category: {taxonomy.categories.get(skill.category, skill.category)} ({skill.category})"
    )
    click.echo(f"  stage:    {taxonomy.stages.get(skill.stage, skill.stage)} ({skill.stage})")
    click.echo(_wrap("aliases:  ", ", ".join(skill.aliases) or "-"))
    if skill.narrower:
        click.echo(_wrap("narrower: ", ", ".join(skill.narrower)))
    for rule in skill.ambiguous:
        contexts = ", ".join(rule.accept)
        cues = f"; cues: {', '.join(rule.cues)}" if rule.cues else ""
        rejects = f"; never in: {', '.join(rule.reject)}" if rule.reject else ""
        case = "case-sensitive" if rule.case_sensitive else "any case"
        click.echo(
            _wrap(f"ambiguous '{rule.term}': ", f"{case}; counts in: {contexts}{cues}{rejects}")
        )
    implied_by = [s.id for s in taxonomy.skills if skill.id in s.implies]
    required_by = [s.id for s in taxonomy.skills if skill.id in s.requires]
    click.echo(_wrap("implies:     ", _names(taxonomy, skill.implies)))
    click.echo(_wrap("implied by:  ", _names(taxonomy, implied_by)))
    click.echo(_wrap("requires:    ", _names(taxonomy, skill.requires)))
    click.echo(_wrap("required by: ", _names(taxonomy, required_by)))
    if skill.hint:
        click.echo(_wrap("hint: ", skill.hint))
    click.echo(
        f"  scored: {'yes' if skill.scored else 'no (shown when found, never reported as a gap)'}"
    )
    if skill.note:
        click.echo(_wrap("note: ", skill.note))

    titles = {g.id: g.title for g in taxonomy.guides}
    click.echo(f"  provenance (importance {skill_importance(skill):.2f}):")
    if not skill.provenance:
        click.echo("    no guide names it: it is recognised in resumes but never expected")
    for provenance in skill.provenance:
        click.echo(
            f"    {provenance.guide:12} {provenance.mentions:3} "
            f"mention{'s' if provenance.mentions != 1 else ' '}  {provenance.emphasis:11} "
            f"worth {guide_weight(provenance):4.2f}  {titles.get(provenance.guide, '')}"
        )
    click.echo("  weight per role (entry / mid / senior; '-' = not expected):")
    for role in taxonomy.roles:
        cells = []
        for level in LEVELS:
            weight = role_weights(taxonomy, role.id, level).get(skill.id)
            cells.append(f"{weight:6.2f}" if weight is not None else "     -")
        click.echo(f"    {role.id:32} {' '.join(cells)}")
    _show_demand(taxonomy, skill)
    covering = [c for c in taxonomy.certifications if skill.id in c.covers]
    if covering:
        click.echo("  certifications covering it:")
        for cert in covering:
            click.echo(f"    {cert.name} [{cert.status}, {cert.status_date}]")


def _show_demand(taxonomy: Taxonomy, skill: Skill) -> None:
    from gapcheck.taxonomy.demand import GROUP_LABELS

    demand = taxonomy.demand
    if demand is None or demand.count(skill.id, "all") is None:
        return
    click.echo(f"  job postings asking for it ({demand.dates}):")
    for group, label in GROUP_LABELS.items():
        asked, required = demand.count(skill.id, group) or (0, 0)
        total = demand.postings.get(group, 0)
        share = f"{100 * asked / total:3.0f}%" if total else "  -"
        click.echo(f"    {label:24} {asked:4} of {total:4} ({share}), {required} requiring it")


# --------------------------------------------------------------------------- build


@taxonomy_group.command("build")
@click.argument("documents", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--taxonomy",
    "taxonomy_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help=TAXONOMY_HELP,
)
@click.option(
    "--postings",
    is_flag=True,
    help="DOCUMENTS are job-posting CSV files: count how many ask for each skill "
    "(demand.yaml beside the taxonomy).",
)
@click.option(
    "--write",
    is_flag=True,
    help="Rewrite the provenance and named_by lines of the taxonomy file "
    "(with --postings: its demand.yaml).",
)
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Fail (exit 1) if the file's provenance (with --postings: demand.yaml) "
    "differs from the counts.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option("--all", "show_all", is_flag=True, help="Also list the skills no document names.")
@click.option(
    "--missing",
    "missing_limit",
    type=click.IntRange(min=0),
    default=25,
    show_default=True,
    help="How many frequent unmatched terms to list.",
)
def build_command(
    documents: tuple[Path, ...],
    taxonomy_path: Path | None,
    postings: bool,
    write: bool,
    check_only: bool,
    fmt: str,
    show_all: bool,
    missing_limit: int,
) -> None:
    """Count each skill's mentions and emphasis in DOCUMENTS (txt, md, pdf).

    Run on the career guides it yields the provenance recorded in the taxonomy; --write
    records it, --check verifies it. Run on job postings it shows what they ask for.
    With --postings, DOCUMENTS are CSV files of scraped postings: it counts how many
    unique postings ask for each skill, per role group and seniority (demand.yaml).
    """
    from gapcheck.authoring.build import build
    from gapcheck.authoring.build_output import report_json, report_lines
    from gapcheck.authoring.provenance import compare, write_provenance
    from gapcheck.errors import TaxonomyError, UsageError
    from gapcheck.support.resources import builtin_taxonomy_path

    taxonomy = _load(taxonomy_path)
    if postings:
        _build_demand(documents, taxonomy, taxonomy_path, write, check_only, fmt, show_all)
        return
    csvs = [d.name for d in documents if d.suffix.lower() == ".csv"]
    if csvs:
        raise UsageError(csvs[0], "is a CSV file", "count job-posting CSVs with --postings")
    report = build(list(documents), taxonomy)
    if fmt == "json":
        click.echo(json.dumps(report_json(report, missing_limit), indent=2, ensure_ascii=False))
    else:
        click.echo("\n".join(report_lines(report, taxonomy, show_all, missing_limit)))

    not_guides = [name for name, guide in report.documents if guide is None]
    if (write or check_only) and not_guides:
        click.echo(
            f"\nnot guides of this taxonomy (left out of provenance): {', '.join(not_guides)}",
            err=True,
        )
    if write:
        target = taxonomy_path if taxonomy_path is not None else builtin_taxonomy_path()
        skills, certs = write_provenance(target, report, taxonomy)
        click.echo(
            f"\n{target.name}: updated the provenance of {skills} skills "
            f"and named_by of {certs} certifications",
            err=fmt == "json",
        )
    elif check_only:
        differences = compare(report, taxonomy)
        if differences:
            listing = "\n".join(f"  {d}" for d in differences)
            raise TaxonomyError(
                taxonomy.source,
                f"{len(differences)} provenance entries differ from the documents:\n{listing}\n"
                "  (rerun 'gapcheck taxonomy build' with --write to record the counts)",
            )
        click.echo(f"\n{taxonomy.source}: provenance agrees with the documents", err=fmt == "json")


def _build_demand(
    files: Sequence[Path],
    taxonomy: Taxonomy,
    taxonomy_path: Path | None,
    write: bool,
    check_only: bool,
    fmt: str,
    show_all: bool,
) -> None:
    """`build --postings`: count, show, then write or check demand.yaml."""
    from gapcheck.authoring.demand_count import count_demand
    from gapcheck.authoring.demand_report import (
        demand_differences,
        demand_json,
        demand_lines,
        write_demand,
    )
    from gapcheck.errors import TaxonomyError
    from gapcheck.support.resources import taxonomy_dir
    from gapcheck.taxonomy.demand_file import DEMAND_FILE

    def progress(done: int, total: int) -> None:
        if done % 250 == 0 or done == total:
            click.echo(f"counted {done} of {total} postings", err=True)

    demand = count_demand(list(files), taxonomy, progress=progress)
    if fmt == "json":
        click.echo(json.dumps(demand_json(demand), indent=2, ensure_ascii=False))
    else:
        click.echo("\n".join(demand_lines(demand, taxonomy, show_all)))
    folder = taxonomy_path.parent if taxonomy_path is not None else taxonomy_dir()
    target = folder / DEMAND_FILE
    if write:
        changed = write_demand(target, demand)
        status = "rewritten" if changed else "unchanged (already these counts)"
        click.echo(f"\n{target.name}: {status}", err=fmt == "json")
    elif check_only:
        differences = demand_differences(target, demand)
        if differences:
            listing = "\n".join(f"  {d}" for d in differences[:20])
            more = f"\n  ... and {len(differences) - 20} more" if len(differences) > 20 else ""
            raise TaxonomyError(
                target.name,
                f"{len(differences)} differences from the postings:\n{listing}{more}\n"
                "  (rerun 'gapcheck taxonomy build --postings' with --write to record them)",
            )
        click.echo(f"\n{target.name}: agrees with the postings", err=fmt == "json")


# --------------------------------------------------------------------------- roles


@click.command("roles")
@click.option(
    "--taxonomy",
    "taxonomy_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help=TAXONOMY_HELP,
)
@click.option(
    "--top",
    type=click.IntRange(min=0),
    default=8,
    show_default=True,
    help="Skills to show per level.",
)
def roles_command(taxonomy_path: Path | None, top: int) -> None:
    """List the roles and levels you can target, with their heaviest skills."""
    from gapcheck.taxonomy.knowledge import role_weights
    from gapcheck.taxonomy.model import LEVELS

    taxonomy = _load(taxonomy_path)
    names = {s.id: s.name for s in taxonomy.skills}
    click.echo(f"Levels (--level): {', '.join(LEVELS)}")
    for level in LEVELS:
        if level in taxonomy.levels:
            click.echo(_wrap(f"{level:7} ", taxonomy.levels[level]))
    for role in taxonomy.roles:
        default = " (default)" if role.id == "ml-engineer" else ""
        click.echo(f"\n{role.id}{default}: {role.name}")
        if role.description:
            click.echo(_wrap("", role.description))
        for level in LEVELS:
            weights = role_weights(taxonomy, role.id, level)
            heaviest = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:top]
            shown = ", ".join(f"{names.get(i, i)} {w:.1f}" for i, w in heaviest)
            click.echo(_wrap(f"{level:7} {len(weights):3} skills expected; heaviest: ", shown))
