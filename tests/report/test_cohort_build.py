"""CohortBuilder: one input at a time in, a bounded memory, the page's context out.

Made-up people only; the summaries are the batch's own records (PersonSummary, Cell,
FitBrief), which is what the builder is fed in a real batch.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

import pytest

from gapcheck.batch.summary import Cell, FitBrief, GapBrief, PersonSummary
from gapcheck.report.cohort import (
    CohortBuilder,
    CohortContext,
    CohortEntry,
    PostingInfo,
    cohort_context,
)
from gapcheck.report.cohort_build import ORDER_BY_FIT, ORDER_BY_SCORE, signed
from gapcheck.report.cohort_model import PersonChanges

POSTING = PostingInfo("Machine Learning Engineer", "posting.txt")
ROLE_SKILLS = (("python", "Python", 9.0), ("sql", "SQL", 4.0), ("docker", "Docker", 6.0))


def role_cells(statuses: str, weights: Sequence[float] | None = None) -> tuple[Cell, ...]:
    """One cell per ROLE_SKILLS entry, statuses as CELL_KINDS codes ("sim": shown, ...)."""
    cells = []
    for index, ((skill_id, name, weight), status) in enumerate(
        zip(ROLE_SKILLS, statuses, strict=True)
    ):
        cells.append(Cell(skill_id, name, status, weight=weights[index] if weights else weight))
    return tuple(cells)


def fit(value: float, match: float | None = None, required: tuple[int, int] = (2, 4),
        knockouts: tuple[str, ...] = (), missing: tuple[str, ...] = ()) -> FitBrief:  # fmt: skip
    return FitBrief(
        fit=value,
        match=value if match is None else match,
        required_met=required[0],
        required_total=required[1],
        preferred_met=0,
        preferred_total=1,
        knockouts=knockouts,
        missing_required=missing,
        missing_preferred=(),
    )


def person(
    label: str,
    score: float = 50.0,
    *,
    level: str = "mid",
    fit_brief: FitBrief | None = None,
    cells: tuple[Cell, ...] = (),
    changes: PersonChanges | None = None,
) -> CohortEntry:
    summary = PersonSummary(
        score=score,
        band="fair",
        gaps=(GapBrief("docker", "Docker", 1, 0.0, 6.0, "learn"),),
        skills=("Python",),
        warnings=(),
        level=level,
        fit=fit_brief,
        cells=cells,
    )
    return CohortEntry(
        label=label,
        status="analysed",
        report=f"reports/{label}.html",
        summary=summary,
        changes=changes,
    )


def context_of(
    entries: Sequence[CohortEntry], posting: PostingInfo | None = None, limit: int = 2000
) -> CohortContext:
    return cohort_context(
        entries,
        role_name="Machine Learning Engineer",
        level="mid",
        generated_on="2026-11-21",
        gapcheck_version="0",
        posting=posting,
        limit=limit,
    )


def test_with_a_posting_people_are_ranked_by_fit_then_the_stated_tie_breaks() -> None:
    entries = [
        person("a", 90.0, fit_brief=fit(0.40)),
        person("b", 20.0, fit_brief=fit(0.80)),
        # equal fit: the higher match first (c's fit is halved by a knockout)
        person("c", 50.0, fit_brief=fit(0.50, match=1.0, knockouts=("Master's degree",))),
        person("d", 50.0, fit_brief=fit(0.50, match=0.5)),
        # equal fit and match: more of the required skills first
        person("e", 10.0, fit_brief=fit(0.30, required=(3, 4))),
        person("f", 99.0, fit_brief=fit(0.30, required=(1, 4))),
        # all equal but the score, then the label
        person("h", 70.0, fit_brief=fit(0.10)),
        person("g", 60.0, fit_brief=fit(0.10)),
        person("i", 60.0, fit_brief=fit(0.10)),
    ]
    context = context_of(entries, POSTING)
    assert [p.label for p in context.people] == ["b", "c", "d", "a", "e", "f", "h", "g", "i"]
    assert [p.rank for p in context.people] == list(range(1, 10))
    assert context.order == ORDER_BY_FIT
    assert context.title.startswith("Cohort fit: Machine Learning Engineer")
    c = context.people[1]
    assert (c.fit, c.required, c.knockouts) == ("50%", "2 of 4", ("Master's degree",))


def test_without_a_posting_people_are_ranked_by_score_then_label() -> None:
    context = context_of([person("b", 55.0), person("a", 55.0), person("c", 91.5)])
    assert [p.label for p in context.people] == ["c", "a", "b"]
    assert context.order == ORDER_BY_SCORE
    assert context.people[0].fit == ""


def test_a_person_without_a_fit_comes_after_those_with_one() -> None:
    # (state written before fits were kept)
    context = context_of([person("old", 99.0), person("new", 1.0, fit_brief=fit(0.1))], POSTING)
    assert [p.label for p in context.people] == ["new", "old"]


def test_the_builder_keeps_at_most_twice_its_limit_of_rows_whatever_the_batch_size() -> None:
    builder = CohortBuilder(posting=POSTING, limit=5)
    most = 0
    for index in range(300):
        label = f"p{index:03d}"
        if index % 10 == 9:
            builder.add(CohortEntry(label, "failed", error="damaged", failure_kind="input"))
        else:
            cells = role_cells("sim"[index % 3] * 3)
            cells = tuple(Cell(c.skill_id, c.name, c.status, weight=c.weight,
                               posting="required") for c in cells)  # fmt: skip
            builder.add(person(label, index % 97, fit_brief=fit((index * 37 % 100) / 100),
                               cells=cells))  # fmt: skip
        most = max(most, builder.kept)
    assert most <= 2 * 5 + 2 * 5  # people and inputs not analysed, each at most 2 x limit
    # Counters are bounded by the taxonomy (3 skills, 3 bands, a few levels), not by people.
    assert len(builder.matrix.names) == 3
    assert len(builder.gaps.counts) == 1
    assert len(builder.scores.tenths) <= 1001
    context = builder.context(
        role_name="ML", level="mid", generated_on="2026-11-21", gapcheck_version="0"
    )
    assert (context.total, context.analysed, context.failed_count) == (300, 270, 30)
    assert len(context.people) == 5 and len(context.failed) == 5
    assert context.matrix is not None and len(context.matrix.rows) == 5
    assert "The first 5 of 270 people are shown" in context.people_note
    assert "The first 5 of 270 people" in context.matrix.note
    assert "skills.csv" in context.matrix.note
    assert "The first 5 of 30 inputs" in context.failed_note
    # The five shown are the five best of all 270, as if everyone had been kept.
    everyone = [
        (-(index * 37 % 100) / 100, -(index % 97), f"p{index:03d}")
        for index in range(300)
        if index % 10 != 9
    ]
    assert [p.label for p in context.people] == [label for *_, label in sorted(everyone)[:5]]
    assert [f.label for f in context.failed] == ["p009", "p019", "p029", "p039", "p049"]


def test_every_status_is_counted_and_listed_with_its_reason() -> None:
    entries = [
        person("a"),
        CohortEntry("b.pdf", "failed", error="took too long", failure_kind="timeout"),
        CohortEntry("c.txt", "not-a-resume", error="reads like a job posting"),
        CohortEntry("d.png", "skipped", error="skipped because of its type (.png)"),
        CohortEntry("e.pdf", "failed", error="is encrypted", failure_kind="input"),
    ]
    context = context_of(entries)
    assert [(s.name, s.count) for s in context.statuses] == [
        ("analysed", 1),
        ("failed", 2),
        ("not-a-resume", 1),
        ("skipped", 1),
    ]
    assert [(f.label, f.status, f.reason) for f in context.failed] == [
        ("b.pdf", "failed", "took too long"),
        ("c.txt", "not-a-resume", "reads like a job posting"),
        ("d.png", "skipped", "skipped because of its type (.png)"),
        ("e.pdf", "failed", "is encrypted"),
    ]
    assert context.failed_count == 4


def test_the_level_mix_counts_every_level_of_the_analysed_people() -> None:
    entries = [person("a", level="senior"), person("b", level="entry"), person("c", level="senior")]
    entries.append(person("d", level=""))  # state older than levels
    levels = context_of(entries).levels
    assert [(x.name, x.count, x.percent) for x in levels] == [
        ("entry", 1, 25),
        ("mid", 0, 0),
        ("senior", 2, 50),
        ("unknown", 1, 25),
    ]


@pytest.mark.parametrize(
    "scores",
    [[55.0], [55.0, 12.0], [91.5, 55.0, 55.0, 12.0], [0.0, 100.0, 33.3, 66.7, 50.1], []],
)
def test_the_median_from_counted_tenths_is_the_median(scores: list[float]) -> None:
    context = context_of([person(f"p{i}", s) for i, s in enumerate(scores)])
    expected = f"{statistics.median(scores):.1f}" if scores else "n/a"
    assert context.median_score == expected


def test_matrix_columns_are_the_roles_skills_heaviest_first_and_rows_follow_the_people() -> None:
    entries = [
        person("a", 80.0, cells=role_cells("sei")),
        # b's level weighs SQL more: the column's weight is its mean over the cohort
        person("b", 30.0, cells=role_cells("mmm", weights=(9.0, 12.0, 6.0))),
        person("c", 60.0, cells=(Cell("python", "Python", "s", weight=9.0),)),
    ]
    matrix = context_of(entries).matrix
    assert matrix is not None
    assert [(c.name, c.weight, c.have, c.assessed) for c in matrix.columns] == [
        ("Python", "9", 2, 3),
        ("SQL", "8", 1, 2),
        ("Docker", "6", 0, 2),
    ]
    assert [(r.label, r.codes) for r in matrix.rows] == [
        ("a", "sei"),
        ("c", "s.."),  # not a skill of c's comparison: not assessed
        ("b", "mmm"),
    ]
    legend = [kind.word for kind in context_of(entries).cell_kinds]
    assert legend == ["shown", "shown-by-evidence", "implied", "missing", "not assessed"]
    assert "not assessed" not in [k.word for k in context_of(entries[:2]).cell_kinds]


def test_with_a_posting_the_matrix_shows_its_skills_required_first() -> None:
    cells = (
        Cell("python", "Python", "s", weight=9.0, posting="preferred"),
        Cell("docker", "Docker", "m", weight=6.0, posting="required"),
        Cell("sql", "SQL", "i", weight=4.0),  # the role's, not the posting's
        Cell("spark", "Spark", "e", weight=0.0, posting="required"),
    )
    matrix = context_of([person("a", cells=cells, fit_brief=fit(0.5))], POSTING).matrix
    assert matrix is not None
    assert [(c.name, c.posting) for c in matrix.columns] == [
        ("Docker", "required"),
        ("Spark", "required"),
        ("Python", "preferred"),
    ]
    assert matrix.rows[0].codes == "mes"


def test_columns_beyond_the_cap_are_left_to_skills_csv() -> None:
    cells = tuple(Cell(f"s{i:02d}", f"Skill {i:02d}", "s", weight=100.0 - i) for i in range(50))
    builder = CohortBuilder(matrix_columns=40)
    builder.add(person("a", cells=cells))
    matrix = builder.context(
        role_name="ML", level="mid", generated_on="2026-11-21", gapcheck_version="0"
    ).matrix
    assert matrix is not None
    assert len(matrix.columns) == 40 and matrix.columns_total == 50
    assert matrix.columns[-1].name == "Skill 39"
    assert "The 40 weightiest of the role's 50 skills" in matrix.note


def test_changes_are_shown_per_person_and_counted() -> None:
    moved = PersonChanges(50.0, 4.5, ("SQL",), (), ("SQL",), ("Git",))
    still = PersonChanges(60.0, 0.0)
    context = context_of([person("a", changes=moved), person("b", changes=still), person("c")])
    assert context.has_changes and context.changed == 1
    rows = {p.label: p for p in context.people}
    assert rows["a"].changes is not None
    assert (rows["a"].changes.delta, rows["a"].changes.gaps_opened) == ("+4.5", ("Git",))
    assert rows["b"].changes is not None and not rows["b"].changes.changed
    assert rows["c"].changes is None
    assert not context_of([person("a")]).has_changes
    assert not context_of([person("b", changes=still)]).has_changes, "nothing changed"

    assert (signed(-2.0), signed(0.0), signed(1.25)) == ("\u22122.0", "0.0", "+1.2")
