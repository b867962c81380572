"""The report's fast paths print exactly what the straightforward code they replace printed.

fragments.py writes the report's long lists in Python instead of template loops; here
each list is rendered both ways, through the report's own jinja2 environment (autoescape
on) from the template text the lists used to have, and compared byte for byte, for the
sample analyses and for arbitrary hostile text. The display and chart fast paths are
compared with their general paths the same way.
"""

# The reference template below keeps the page template's long lines exactly as they were.
# ruff: noqa: E501

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from gapcheck.records import Analysis
from gapcheck.report import charts, display, fragments
from gapcheck.report.context import build_context
from gapcheck.report.environment import (
    _page_assets,
    _static_assets,
    content_security_policy,
    environment,
    render_html,
)
from gapcheck.report.views import (
    CategoryView,
    EvidenceView,
    FoundSkillView,
    GapView,
    NearMissView,
    PathSkillView,
    PathStageView,
    ReportContext,
)
from tests.support.sample_analysis import (
    PAYLOADS,
    evidence,
    hostile_candidate,
    strong_candidate,
    weak_candidate,
)

# The lists as the page template wrote them, before they moved to fragments.py.
REFERENCE_TEMPLATE = """\
{% macro evidence_item(e) %}
<li class="evidence">
  <p class="evidence-line"><span class="quote">{{ e.before }}<mark>{{ e.matched }}</mark>{{ e.after }}</span></p>
  <p class="evidence-meta">
    <span>{{ e.document }}</span>
    <span>page {{ e.page }}, line {{ e.line }}</span>
    <span>{{ e.section }}{% if e.heading %} (“{{ e.heading }}”){% endif %}</span>
    <span>{{ e.method }}</span>
    <span>strength {{ e.strength }}</span>
    {% if e.years %}<span>{{ e.years }}</span>{% endif %}
  </p>
</li>
{% endmacro %}
{% macro found_skill(s) %}
<li class="skill" id="{{ s.anchor }}" data-name="{{ s.name }}">
  <details>
    <summary>
      <span class="skill-name">{{ s.name }}</span>
      {% if not s.explicit %}<span class="tag tag-implied">implied{% if s.implied_by %} by {{ s.implied_by }}{% endif %}</span>{% endif %}
      {% if s.portfolio_only %}<span class="tag tag-portfolio">portfolio only</span>{% endif %}
      <span class="skill-facts">{{ s.strength }}{% if s.years %} · {{ s.years }}{% endif %} · {{ s.evidence | length }} {{ "place" if s.evidence | length == 1 else "places" }}</span>
    </summary>
    <ul class="evidence-list">
      {% for e in s.evidence %}{{ evidence_item(e) }}{% endfor %}
    </ul>
  </details>
</li>
{% endmacro %}
{% macro tags(g) %}{% if g.asked %} <span class="tag tag-posting">{{ g.asked }}</span>{% endif %}{% if g.partial %} <span class="tag tag-partial">{{ g.partial }}</span>{% endif %}{% endmacro %}
{% if list == "evidence" %}
{% for e in items %}{{ evidence_item(e) }}{% endfor %}
{% elif list == "skills" %}
<ul class="skills">
        {% for s in items %}{{ found_skill(s) }}{% endfor %}
      </ul>
{%- elif list == "categories" %}
<tbody>
          {% for c in items %}
            <tr><th scope="row">{{ c.name }}</th><td class="num">{{ c.percent }}</td><td class="num">{{ c.earned }} / {{ c.possible }}</td></tr>
          {% endfor %}
          </tbody>
{%- elif list == "path" %}
<ol class="path">
    {% for stage in items %}
    <li class="path-stage{{ '' if stage.printed else ' not-printed' }}">
      <h3><span class="stage-number">{{ stage.number }}</span> {{ stage.name }}</h3>
      <ul>
        {% for s in stage.skills %}
        <li class="{{ 'printed' if s.printed else 'not-printed' }}"><a href="#{{ s.anchor }}">{{ s.name }}</a> <span class="muted">(rank {{ s.rank }})</span>{% if s.hint %}<span class="path-hint">{{ s.hint }}</span>{% endif %}</li>
        {% endfor %}
      </ul>
    </li>
    {% endfor %}
  </ol>
{%- elif list == "near_misses" %}
<ul class="near-misses">
    {% for m in items %}
    <li class="{{ 'printed' if m.printed else 'not-printed' }}">
      <strong>{% if m.skill_anchor %}<a href="#{{ m.skill_anchor }}">{{ m.name }}</a>{% else %}{{ m.name }}{% endif %}</strong>
      <span class="tag tag-partial">{{ m.shown }} shown</span>
      <span class="muted">{{ m.why_partial }}</span>
      <span class="advice">{{ m.advice }}</span>
    </li>
    {% endfor %}
  </ul>
{%- elif list == "gap_cards" %}
<ol class="gap-cards">
    {% for g in items %}
    <li id="{{ g.anchor }}" class="gap-card{{ '' if g.printed else ' not-printed' }}">
      <h3 class="gap-title"><span class="rank">{{ g.rank }}</span> <span class="gap-name">{{ g.name }}</span>{{ tags(g) }}</h3>
      <p class="gap-facts">{{ g.category }} · {{ g.stage }} · {{ g.cost }} points</p>
      <p class="reason"><span class="label">Why</span> {{ g.reason }}{% if g.blocks %}<span class="blocks">Unlocks: {{ g.blocks }}</span>{% endif %}</p>
      <p class="hint"><span class="label">How</span> {{ g.hint }}</p>
    </li>
    {% endfor %}
  </ol>
{%- elif list == "gaps" %}
<tbody>
    {% for g in items %}
      <tr id="{{ g.anchor }}" class="gap-row{{ '' if g.printed else ' not-printed' }}">
        <td class="num rank" data-label="Rank" data-value="{{ g.rank }}">{{ g.rank }}</td>
        <th scope="row" class="gap-name" data-label="Skill" data-value="{{ g.name }}">{{ g.name }}{{ tags(g) }}</th>
        <td data-label="Category" data-value="{{ g.category }}">{{ g.category }}<span class="stage">{{ g.stage }}</span></td>
        <td class="num" data-label="Points" data-value="{{ g.cost_value }}">{{ g.cost }}</td>
        <td class="reason" data-label="Why">{{ g.reason }}{% if g.blocks %}<span class="blocks">Unlocks: {{ g.blocks }}</span>{% endif %}</td>
        <td class="hint" data-label="How">{{ g.hint }}</td>
      </tr>
    {% endfor %}
    </tbody>
{%- endif %}"""


def reference(list_name: str, items: tuple[object, ...]) -> str:
    rendered: str = (
        environment().from_string(REFERENCE_TEMPLATE).render(list=list_name, items=items)
    )
    return rendered


def assert_lists_match(context: ReportContext) -> None:
    assert fragments.gap_cards(context.gaps) == reference("gap_cards", context.gaps)
    assert fragments.gap_table_body(context.more_gaps) == reference("gaps", context.more_gaps)
    assert fragments.path_list(context.path) == reference("path", context.path)
    assert fragments.near_miss_list(context.near_misses) == reference(
        "near_misses", context.near_misses
    )
    assert fragments.category_table_body(context.categories) == reference(
        "categories", context.categories
    )
    for group in context.skill_groups:
        assert fragments.skill_list(group.skills) == reference("skills", group.skills)
    for item in context.hands_on:
        assert fragments.evidence_items(item.evidence) == reference("evidence", item.evidence)


@pytest.mark.parametrize("make", [strong_candidate, weak_candidate, hostile_candidate])
def test_lists_print_what_the_template_loops_printed(make: Callable[[], Analysis]) -> None:
    context = build_context(make())
    assert context.gaps and context.skill_groups and context.path and context.categories
    assert_lists_match(context)


any_text = (
    st.text(
        alphabet=st.one_of(
            st.sampled_from(list("<>&\"'/={}%#;\x1f\x00 \n\t\u202e")),
            st.characters(codec="utf-8"),
        ),
        max_size=40,
    )
    | st.sampled_from(PAYLOADS)
    | st.just("")
)
evidence_views = st.builds(
    EvidenceView,
    before=any_text,
    matched=any_text,
    after=any_text,
    document=any_text,
    page=st.integers(0, 10**6),
    line=st.integers(0, 10**6),
    section=any_text,
    heading=any_text,
    method=any_text,
    strength=any_text,
    years=any_text,
)
skill_views = st.builds(
    FoundSkillView,
    anchor=any_text,
    name=any_text,
    explicit=st.booleans(),
    implied_by=any_text,
    portfolio_only=st.booleans(),
    strength=any_text,
    years=any_text,
    documents=any_text,
    evidence=st.lists(evidence_views, max_size=3).map(tuple),
)
gap_views = st.builds(
    GapView,
    rank=st.integers(1, 500),
    anchor=any_text,
    name=any_text,
    category=any_text,
    stage=any_text,
    cost=any_text,
    cost_value=st.floats(allow_nan=True, allow_infinity=True),
    partial=any_text,
    reason=any_text,
    hint=any_text,
    blocks=any_text,
    printed=st.booleans(),
    asked=any_text,
)

stage_views = st.builds(
    PathStageView,
    number=st.integers(1, 20),
    name=any_text,
    skills=st.lists(
        st.builds(
            PathSkillView,
            rank=st.integers(1, 500),
            anchor=any_text,
            name=any_text,
            hint=any_text,
            printed=st.booleans(),
        ),
        max_size=3,
    ).map(tuple),
    printed=st.booleans(),
)
near_miss_views = st.builds(
    NearMissView,
    name=any_text,
    skill_anchor=any_text,
    shown=any_text,
    why_partial=any_text,
    advice=any_text,
    printed=st.booleans(),
)
category_views = st.builds(
    CategoryView, name=any_text, percent=any_text, earned=any_text, possible=any_text
)


def small_tuples(views: st.SearchStrategy[object]) -> st.SearchStrategy[tuple[object, ...]]:
    return st.lists(views, max_size=4).map(tuple)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    gaps=small_tuples(gap_views),
    skills=small_tuples(skill_views),
    items=small_tuples(evidence_views),
    stages=small_tuples(stage_views),
    misses=small_tuples(near_miss_views),
    categories=small_tuples(category_views),
)
def test_any_text_prints_as_the_template_printed_it(
    gaps: tuple[GapView, ...],
    skills: tuple[FoundSkillView, ...],
    items: tuple[EvidenceView, ...],
    stages: tuple[PathStageView, ...],
    misses: tuple[NearMissView, ...],
    categories: tuple[CategoryView, ...],
) -> None:
    assert fragments.gap_table_body(gaps) == reference("gaps", gaps)
    assert fragments.gap_cards(gaps) == reference("gap_cards", gaps)
    assert fragments.skill_list(skills) == reference("skills", skills)
    assert fragments.evidence_items(items) == reference("evidence", items)
    assert fragments.path_list(stages) == reference("path", stages)
    assert fragments.near_miss_list(misses) == reference("near_misses", misses)
    assert fragments.category_table_body(categories) == reference("categories", categories)


def test_a_value_that_is_already_markup_is_escaped_all_the_same() -> None:
    context = build_context(strong_candidate())
    gap = replace(context.gaps[0], name=Markup("<b>bold</b>"))
    html = fragments.gap_table_body((gap,))
    assert "<b>" not in html and "&lt;b&gt;bold&lt;/b&gt;" in html


@pytest.mark.parametrize("make", [strong_candidate, weak_candidate])
def test_the_page_template_places_each_list(make: Callable[[], Analysis]) -> None:
    html = render_html(make())
    context = build_context(make())
    assert fragments.gap_cards(context.gaps) in html
    if context.more_gaps:
        assert fragments.gap_table_body(context.more_gaps) in html
    for group in context.skill_groups:
        assert fragments.skill_list(group.skills) in html
    assert fragments.path_list(context.path) in html
    assert fragments.near_miss_list(context.near_misses) in html
    assert fragments.category_table_body(context.categories) in html


# --------------------------------------------------------------------------- display


@pytest.mark.parametrize(
    "text",
    ["plain words", " edges ", "double  space", "tab\there", "nbsp\u00a0x", "bidi \u202eevil",
     "ctrl \x00\x1b", "sep\u2028x", "soft\u00adhyphen", "", "   ", "naïve — “quotes”"],
)  # fmt: skip
def test_collapse_fast_path_gives_what_the_full_cleanup_gives(text: str) -> None:
    full = display._WHITESPACE.sub(" ", display._CONTROL.sub("", text))
    assert display._collapse(text) == full


@pytest.mark.parametrize(
    "source",
    ["resume.pdf", " spaced name.pdf ", "bidi\u202efdp.exe", "tab\tname.pdf", "C:name.pdf", "a:b"],
)
def test_file_name_fast_path_gives_what_the_general_path_gives(source: str) -> None:
    general = display.one_line(source.rstrip("/").rsplit("/", 1)[-1]) or display.one_line(source)
    assert display.file_name(source) == general


def test_method_text_falls_back_to_the_humanized_id_only_for_unknown_skills() -> None:
    item = replace(evidence("Trained rankers in PyTorch", "PyTorch"), method="implied", via="torch")
    assert display.method_text(item, {"torch": "PyTorch"}) == "implied by PyTorch"
    assert display.method_text(item, {}) == "implied by Torch"
    assert display.method_text(item, {"torch": ""}) == "implied"
    assert display.method_text(replace(item, method="odd_method"), {}) == "Odd method"


# --------------------------------------------------------------------------- charts, page


def test_coverage_charts_equal_one_coverage_chart_per_layout() -> None:
    bars = (
        charts.Bar('<script>"x"&</script>', 55.0),
        charts.Bar("Cloud", 120.0),
        charts.Bar("Deep learning", float("nan")),
    )
    together = charts.coverage_charts(bars, (1, 2, 3), "coverage")
    assert together == tuple(charts.coverage_chart(bars, f"coverage-{c}", c) for c in (1, 2, 3))
    assert charts.coverage_charts((), (2,), "empty") == (charts.coverage_chart((), "empty-2", 2),)


def test_the_policy_pins_the_assets_the_page_carries() -> None:
    style, script, csp = _page_assets()
    assert (str(style), str(script)) == _static_assets()
    assert csp == content_security_policy(*_static_assets())


def test_group_skill_names_list_every_skill_of_the_group() -> None:
    for group in build_context(strong_candidate()).skill_groups:
        assert group.skill_names == ", ".join(s.name for s in group.skills)
