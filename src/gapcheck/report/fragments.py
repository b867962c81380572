"""The HTML report's lists, written in Python: gap rows, skills with their evidence, the
learning path, near misses and the points-per-category table.

These lists hold most of a report's values (a typical resume: 80 gap rows, 25 skills,
80 evidence items, some 2,500 values). Placed one by one by the template, each value
cost jinja2 a `markupsafe.escape` call, a Markup object and a generator step: half of
all the time spent after reading the PDF. Here each row is one f-string with every
value escaped in place. The page structure around the lists stays in report.html.j2,
which places each list with one call (these functions are template globals, see
environment.py).

Safety: every value placed in the markup goes through `_text`, which replaces exactly
the characters jinja2's autoescape replaces, the same way, so the output is byte for
byte what the template loops printed (tests/test_report_speedpaths.py renders both and
compares them, hostile text included). Nothing from the context is trusted as markup:
a value that is already Markup is escaped again, like any other.

Whitespace: the strings reproduce what the loops printed under the environment's
trim_blocks and lstrip_blocks settings, indentation and newlines included.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from markupsafe import Markup

from gapcheck.report.views import (
    CategoryView,
    EvidenceView,
    FoundSkillView,
    GapView,
    NearMissView,
    PathSkillView,
    PathStageView,
)

V = TypeVar("V")  # a view record


def _text(value: object) -> str:
    """`value` as HTML text, escaped exactly as markupsafe.escape escapes a plain string.

    Most values hold none of the five characters, and `in` tests find that out in a
    third of the time of markupsafe.escape (which also builds a Markup object per value).
    The replacements are markupsafe's own, `&` first so no entity is escaped twice.
    """
    text = value if type(value) is str else str(value)
    if "&" in text or "<" in text or ">" in text or "'" in text or '"' in text:
        return (
            text.replace("&", "&amp;")
            .replace(">", "&gt;")
            .replace("<", "&lt;")
            .replace("'", "&#39;")
            .replace('"', "&#34;")
        )
    return text


def _markup(opening: str, row: Callable[[V], str], items: Iterable[V], closing: str) -> Markup:
    """`opening`, one `row(item)` per item, `closing`, as markup: the one place this module
    marks text as safe. Every row function escapes each value it places with `_text`."""
    return Markup(opening + "".join(map(row, items)) + closing)  # noqa: S704 - see above


def _evidence_item(e: EvidenceView) -> str:
    heading = f" (“{_text(e.heading)}”)" if e.heading else ""
    years = f"<span>{_text(e.years)}</span>" if e.years else ""
    return (
        '<li class="evidence">\n'
        '  <p class="evidence-line"><span class="quote">'
        f"{_text(e.before)}<mark>{_text(e.matched)}</mark>{_text(e.after)}</span></p>\n"
        '  <p class="evidence-meta">\n'
        f"    <span>{_text(e.document)}</span>\n"
        f"    <span>page {_text(e.page)}, line {_text(e.line)}</span>\n"
        f"    <span>{_text(e.section)}{heading}</span>\n"
        f"    <span>{_text(e.method)}</span>\n"
        f"    <span>strength {_text(e.strength)}</span>\n"
        f"{years}  </p>\n"
        "</li>\n"
    )


def _found_skill(s: FoundSkillView) -> str:
    tags = ""
    if not s.explicit:
        implied_by = f" by {_text(s.implied_by)}" if s.implied_by else ""
        tags += f'<span class="tag tag-implied">implied{implied_by}</span>'
    if s.portfolio_only:
        tags += '<span class="tag tag-portfolio">portfolio only</span>'
    years = f" · {_text(s.years)}" if s.years else ""
    count = len(s.evidence)
    name = _text(s.name)
    return (
        f'<li class="skill" id="{_text(s.anchor)}" data-name="{name}">\n'
        "  <details>\n"
        "    <summary>\n"
        f'      <span class="skill-name">{name}</span>\n'
        f"{tags}"
        f'      <span class="skill-facts">{_text(s.strength)}{years} · {count} '
        f"{'place' if count == 1 else 'places'}</span>\n"
        "    </summary>\n"
        '    <ul class="evidence-list">\n'
        f"{''.join(map(_evidence_item, s.evidence))}"
        "    </ul>\n"
        "  </details>\n"
        "</li>\n"
    )


def evidence_items(evidence: Iterable[EvidenceView]) -> Markup:
    """One `<li class="evidence">` per item: the line with its match marked, and where it is."""
    return _markup("", _evidence_item, evidence, "")


def skill_list(skills: Iterable[FoundSkillView]) -> Markup:
    """The `<ul class="skills">` of one category: each skill's evidence folds in a <details>."""
    return _markup('<ul class="skills">\n', _found_skill, skills, "      </ul>")


def _tags(g: GapView) -> str:
    """The gap's tags: which the posting asks for, and how much is already shown."""
    asked = f' <span class="tag tag-posting">{_text(g.asked)}</span>' if g.asked else ""
    partial = f' <span class="tag tag-partial">{_text(g.partial)}</span>' if g.partial else ""
    return asked + partial


def _gap_card(g: GapView) -> str:
    blocks = f'<span class="blocks">Unlocks: {_text(g.blocks)}</span>' if g.blocks else ""
    return (
        f'    <li id="{_text(g.anchor)}" class="gap-card{"" if g.printed else " not-printed"}">\n'
        f'      <h3 class="gap-title"><span class="rank">{_text(g.rank)}</span> '
        f'<span class="gap-name">{_text(g.name)}</span>{_tags(g)}</h3>\n'
        f'      <p class="gap-facts">{_text(g.category)} · {_text(g.stage)} · '
        f"{_text(g.cost)} points</p>\n"
        f'      <p class="reason"><span class="label">Why</span> {_text(g.reason)}{blocks}</p>\n'
        f'      <p class="hint"><span class="label">How</span> {_text(g.hint)}</p>\n'
        "    </li>\n"
    )


def gap_cards(gaps: Iterable[GapView]) -> Markup:
    """The top learn gaps, one card each (name, why, how), in rank order."""
    return _markup('<ol class="gap-cards">\n', _gap_card, gaps, "  </ol>")


def _gap_row(g: GapView) -> str:
    partial = _tags(g)
    blocks = f'<span class="blocks">Unlocks: {_text(g.blocks)}</span>' if g.blocks else ""
    rank, name, category = _text(g.rank), _text(g.name), _text(g.category)
    return (
        f'      <tr id="{_text(g.anchor)}" class="gap-row{"" if g.printed else " not-printed"}">\n'
        f'        <td class="num rank" data-label="Rank" data-value="{rank}">{rank}</td>\n'
        f'        <th scope="row" class="gap-name" data-label="Skill" data-value="{name}">'
        f"{name}{partial}</th>\n"
        f'        <td data-label="Category" data-value="{category}">{category}'
        f'<span class="stage">{_text(g.stage)}</span></td>\n'
        f'        <td class="num" data-label="Points" data-value="{_text(g.cost_value)}">'
        f"{_text(g.cost)}</td>\n"
        f'        <td class="reason" data-label="Why">{_text(g.reason)}{blocks}</td>\n'
        f'        <td class="hint" data-label="How">{_text(g.hint)}</td>\n'
        "      </tr>\n"
    )


def gap_table_body(gaps: Iterable[GapView]) -> Markup:
    """The gap table's `<tbody>`: one row per missing skill, in the order given (rank order)."""
    return _markup("<tbody>\n", _gap_row, gaps, "    </tbody>")


def _category_row(c: CategoryView) -> str:
    return (
        f'            <tr><th scope="row">{_text(c.name)}</th>'
        f'<td class="num">{_text(c.percent)}</td>'
        f'<td class="num">{_text(c.earned)} / {_text(c.possible)}</td></tr>\n'
    )


def category_table_body(categories: Iterable[CategoryView]) -> Markup:
    """The points-per-category table's `<tbody>`, in the score's category order."""
    return _markup("<tbody>\n", _category_row, categories, "          </tbody>")


def _path_skill(s: PathSkillView) -> str:
    hint = f'<span class="path-hint">{_text(s.hint)}</span>' if s.hint else ""
    return (
        f'        <li class="{"printed" if s.printed else "not-printed"}">'
        f'<a href="#{_text(s.anchor)}">{_text(s.name)}</a> '
        f'<span class="muted">(rank {_text(s.rank)})</span>{hint}</li>\n'
    )


def _path_stage(stage: PathStageView) -> str:
    skills = "".join(map(_path_skill, stage.skills))
    return (
        f'    <li class="path-stage{"" if stage.printed else " not-printed"}">\n'
        f'      <h3><span class="stage-number">{_text(stage.number)}</span> '
        f"{_text(stage.name)}</h3>\n"
        "      <ul>\n"
        f"{skills}"
        "      </ul>\n"
        "    </li>\n"
    )


def path_list(stages: Iterable[PathStageView]) -> Markup:
    """The learning path's `<ol>`: one item per stage, its missing skills in rank order."""
    return _markup('<ol class="path">\n', _path_stage, stages, "  </ol>")


def _near_miss(m: NearMissView) -> str:
    name = _text(m.name)
    if m.skill_anchor:
        name = f'<a href="#{_text(m.skill_anchor)}">{name}</a>'
    return (
        f'    <li class="{"printed" if m.printed else "not-printed"}">\n'
        f"      <strong>{name}</strong>\n"
        f'      <span class="tag tag-partial">{_text(m.shown)} shown</span>\n'
        f'      <span class="muted">{_text(m.why_partial)}</span>\n'
        f'      <span class="advice">{_text(m.advice)}</span>\n'
        "    </li>\n"
    )


def near_miss_list(misses: Iterable[NearMissView]) -> Markup:
    """The `<ul class="near-misses">`: skills partly shown, closest first."""
    return _markup('<ul class="near-misses">\n', _near_miss, misses, "  </ul>")


# The names report.html.j2 calls these by.
TEMPLATE_GLOBALS = {
    "category_table_body": category_table_body,
    "evidence_items": evidence_items,
    "gap_cards": gap_cards,
    "gap_table_body": gap_table_body,
    "near_miss_list": near_miss_list,
    "path_list": path_list,
    "skill_list": skill_list,
}
