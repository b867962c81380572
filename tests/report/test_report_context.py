"""The template contract: build_context and the display helpers it relies on."""

from __future__ import annotations

import re
from dataclasses import FrozenInstanceError, replace

import pytest
from markupsafe import Markup

from gapcheck.records import LevelChoice
from gapcheck.report.advice import (
    against_text,
    certification_level,
    level_sentence,
    posting_headline,
    requirement_groups,
    split_gaps,
)
from gapcheck.report.charts import Bar, coverage_chart, score_gauge
from gapcheck.report.context import anchor, build_context
from gapcheck.report.display import (
    SNIPPET_CONTEXT,
    file_name,
    highlight,
    method_text,
    safe_url,
    years_text,
)
from gapcheck.scoring.gaps import learn_gaps
from gapcheck.scoring.next_steps import next_steps
from gapcheck.support.text import number, one_line
from tests.support.sample_analysis import (
    CERT_MLA,
    PORTFOLIO,
    RESUME,
    empty_candidate,
    evidence,
    strong_candidate,
    weak_candidate,
)

# --------------------------------------------------------------------------- helpers


def test_highlight_splits_the_line_at_the_match() -> None:
    item = evidence("Trained rankers in PyTorch on 8 GPUs", "PyTorch")
    assert highlight(item) == ("Trained rankers in ", "PyTorch", " on 8 GPUs")


def test_highlight_recovers_from_wrong_offsets_by_searching_the_match() -> None:
    item = replace(evidence("Used pytorch daily", "pytorch"), start=0, end=4, matched="PyTorch")
    assert highlight(item) == ("Used ", "pytorch", " daily")


def test_highlight_without_the_match_shows_the_line_unmarked() -> None:
    item = replace(evidence("Used Keras daily", "Keras"), matched="TensorFlow", start=50, end=60)
    assert highlight(item) == ("Used Keras daily", "", "")


def test_highlight_clips_a_runaway_line_around_the_match() -> None:
    item = evidence("x" * 5000 + " Docker " + "y" * 5000, "Docker")
    before, matched, after = highlight(item)
    assert matched == "Docker"
    assert before.startswith("…") and len(before) == SNIPPET_CONTEXT + 1
    assert after.endswith("…") and len(after) == SNIPPET_CONTEXT + 1


def test_one_line_drops_control_and_bidi_characters() -> None:
    assert one_line("a\x1b[31mred\x1b[0m\n b\u202e c\x00") == "a[31mred[0m b c"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("resume.pdf", "resume.pdf"),
        ("/home/someone/jobs/resume.pdf", "resume.pdf"),
        ("C:\\Users\\someone\\resume.pdf", "resume.pdf"),
        ("my resume (final).pdf", "my resume (final).pdf"),
    ],
)
def test_file_name_never_shows_a_directory(source: str, expected: str) -> None:
    assert file_name(source) == expected


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://aws.amazon.com/certification/", True),
        ("http://example.org/exam", True),
        ("javascript:alert(1)", False),
        (" JaVaScRiPt:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("file:///etc/passwd", False),
        ("//evil.example/x", False),
        ("https://[broken", False),
        (None, False),
    ],
)
def test_safe_url_keeps_only_http_links(url: str | None, kept: bool) -> None:
    assert (safe_url(url) is not None) is kept


def test_method_text_names_fuzzy_scores_and_implying_skills() -> None:
    names = {"pytorch": "PyTorch"}
    fuzzy = evidence("Frameworks: TensorFIow", "TensorFIow", method="fuzzy", score=90.4)
    implied = evidence("Trained in PyTorch", "PyTorch", method="implied", via="pytorch")
    assert method_text(fuzzy, names) == "fuzzy match (score 90)"
    assert method_text(implied, names) == "implied by PyTorch"
    assert method_text(evidence("Python", "Python", method="alias"), names) == "alias"


def test_numbers_and_years_read_naturally() -> None:
    assert [number(4.0), number(2.75), number(float("nan"))] == ["4", "2.8", "?"]
    assert [years_text(None), years_text(0.5), years_text(1.0), years_text(3.0)] == [
        "",
        "under a year",
        "1 year",
        "3 years",
    ]


def test_anchor_is_a_valid_id_whatever_the_skill_id() -> None:
    assert anchor("skill", "scikit_learn") == "skill-scikit_learn"
    assert re.fullmatch(r"skill-script-[0-9a-f]{6}", anchor("skill", '"><script>'))
    assert anchor("skill", "c++") != anchor("skill", "c#")
    assert anchor("skill", "").startswith("skill-x")


# --------------------------------------------------------------------------- charts


def test_coverage_chart_is_accessible_svg_with_one_bar_per_category() -> None:
    svg = coverage_chart((Bar("Cloud", 50.0), Bar("Deep learning", 120.0), Bar("<b>x</b>", -3)))
    assert isinstance(svg, Markup)
    assert "<title" in svg and "<desc" in svg and 'role="img"' in svg
    assert svg.count('class="chart-bar') == 3
    assert 'width="180.0"' in svg  # 50% of 360 units
    assert 'width="360.0"' in svg and 'width="0.0"' in svg  # clamped to 0..100
    assert "<b>" not in svg and "&lt;b&gt;" in svg


def test_score_gauge_draws_no_value_arc_at_zero() -> None:
    assert "gauge-value" not in score_gauge(0.0, "weak", "Weak")
    assert 'class="gauge-value band-good"' in score_gauge(73.9, "good", "Good")


# --------------------------------------------------------------------------- context


def test_context_is_frozen_and_complete_for_the_strong_candidate() -> None:
    context = build_context(strong_candidate())
    with pytest.raises(FrozenInstanceError):
        context.title = "changed"  # type: ignore[misc]
    assert context.meta.resume == RESUME
    assert context.meta.portfolio == (PORTFOLIO,)
    assert context.meta.level == "Mid level"
    assert [g.rank for g in context.gaps] == list(range(1, len(context.gaps) + 1))
    assert context.job is not None and context.job.missing_required == ("Kubernetes",)
    assert context.level_sentence == "Judged as mid level: 4.5 years of experience since 2021"
    assert [g.name for g in context.gaps] == [
        "Kubernetes",
        "Apache Spark",
        "MLOps",
        "Computer vision",
        "Deep learning",
    ]
    assert context.more_gaps == ()
    assert [s.name for s in context.show_gaps] == ["Linear algebra"]
    assert context.found_total == 16
    assert context.cautions == ()


def test_skill_groups_follow_score_order_then_names() -> None:
    context = build_context(strong_candidate())
    groups = [g.name for g in context.skill_groups]
    assert groups[0] == "Programming languages"
    assert groups[-1] == "Soft skills"  # not scored: after the scored categories
    libraries = next(g for g in context.skill_groups if g.name == "Libraries and frameworks")
    assert [s.name for s in libraries.skills] == ["pandas", "PyTorch", "scikit-learn", "TensorFlow"]


def test_evidence_is_ordered_strongest_first_and_highlighted() -> None:
    context = build_context(strong_candidate())
    python = next(s for g in context.skill_groups for s in g.skills if s.name == "Python")
    assert [e.matched for e in python.evidence] == ["Python 3", "Python"]
    assert python.evidence[0].method == "alias"
    assert python.evidence[0].years == "5 years"
    assert python.evidence[1].section == "Skills"
    deep = next(s for g in context.skill_groups for s in g.skills if s.name == "Deep learning")
    assert not deep.explicit and deep.implied_by == "PyTorch"


def test_next_steps_are_top_gap_quick_win_and_best_certification() -> None:
    analysis = strong_candidate()
    steps = next_steps(analysis)
    # The top learn gap is the posting's missing requirement; the quickest win is naming
    # a skill the resume shows without naming (else the best near miss).
    assert [s.title for s in steps] == [
        "Learn Kubernetes (the posting requires it)",
        "Name Linear algebra on your resume",
        f"Consider the {CERT_MLA.name}",
    ]
    without_show = replace(analysis, gaps=learn_gaps(analysis.gaps))
    assert next_steps(without_show)[1].title == f"Make {analysis.near_misses[0].name} count"


def test_next_steps_fill_with_gaps_when_there_is_nothing_else() -> None:
    analysis = empty_candidate()
    assert [s.title for s in next_steps(analysis)] == [f"Learn {g.name}" for g in analysis.gaps[:3]]
    nothing = replace(analysis, gaps=(), learning_path=())
    assert next_steps(nothing) == ()


def test_cautions_flag_unreadable_text_and_warnings() -> None:
    context = build_context(weak_candidate())
    assert any("18% of the text in sam-jones-cv.pdf" in c for c in context.cautions)
    assert any("warnings" in c for c in context.cautions)
    assert any("Only 40 characters" in c for c in build_context(empty_candidate()).cautions)


def test_unsafe_certification_links_are_dropped() -> None:
    analysis = replace(
        strong_candidate(), certifications=(replace(CERT_MLA, url="javascript:x()"),)
    )
    assert build_context(analysis).certifications[0].url is None


def test_band_scale_lists_the_score_bands_lowest_first() -> None:
    context = build_context(strong_candidate())
    scale = [(b.label, b.range, b.current) for b in context.score.bands]
    assert scale == [
        ("Weak", "<35", False),
        ("Fair", "35+", False),
        ("Good", "55+", True),
        ("Strong", "75+", False),
    ]
    assert context.score.gauge.count('class="gauge-band') == 4


# --------------------------------------------------------------------------- the lead


@pytest.mark.parametrize(
    ("choice", "sentence"),
    [
        (
            LevelChoice("senior", "senior: 9 years of experience since 2016, staff title", True),
            "Judged as senior: 9 years of experience since 2016, staff title",
        ),
        (
            LevelChoice("entry", "entry: degree in progress (MSc Statistics, 2027)", True),
            "Judged as entry level: degree in progress (MSc Statistics, 2027)",
        ),
        (
            LevelChoice("senior", "given with --level", False),
            "Judged as senior: level given with --level",
        ),
        (None, "Judged as mid level"),  # an analysis built without a level choice
    ],
)
def test_the_level_sentence_says_which_level_and_why(
    choice: LevelChoice | None, sentence: str
) -> None:
    assert level_sentence(replace(strong_candidate(), level=choice)) == sentence


def test_the_headline_names_the_posting_and_its_counts() -> None:
    analysis = strong_candidate()
    assert analysis.job is not None
    assert posting_headline(analysis.job) == (
        "Against Senior Machine Learning Engineer, Search Ranking: "
        "4 of 5 required shown, 1 of 2 preferred"
    )
    assert against_text(analysis) == (
        "the Machine Learning Engineer role and the posting "
        "“Senior Machine Learning Engineer, Search Ranking”"
    )
    assert against_text(weak_candidate()) == "the Machine Learning Engineer role"
    # A posting made without requirement records is counted from its skill lists.
    bare = replace(analysis.job, requirements=(), required_total=0, preferred_total=0)
    assert posting_headline(bare).endswith(": 3 of 4 required shown, 1 of 2 preferred")


def test_requirements_list_the_missing_before_the_shown_in_posting_order() -> None:
    analysis = strong_candidate()
    assert analysis.job is not None
    required, preferred = requirement_groups(analysis.job, {})
    assert (required.title, required.met, required.total) == ("Required", 4, 5)
    assert [r.names for r in required.missing] == ["Kubernetes"]
    assert [r.names for r in required.shown] == [
        "Python",
        "PyTorch",
        "Amazon Web Services",
        "Bachelor's degree or Master's degree",
    ]
    degree = required.shown[-1]
    assert degree.met_by == "Master's degree" and degree.line == 7
    assert degree.text.startswith("Bachelor's or Master's degree")
    assert [r.names for r in preferred.missing] == ["Apache Spark or Apache Flink"]
    assert preferred.missing[0].line == 9


def test_gaps_split_into_the_top_learn_gaps_the_rest_and_the_skills_to_name() -> None:
    analysis = weak_candidate()
    split = split_gaps(analysis.gaps)
    learn = [g for g in analysis.gaps if g.action == "learn"]
    assert [g.rank for g in split.detailed] == [g.rank for g in learn[:10]]
    assert [g.rank for g in split.more] == [g.rank for g in learn[10:]]
    assert [g.skill_id for g in split.show] == ["linear_algebra"]
    context = build_context(analysis)
    assert len(context.gaps) == 10 and all(g.printed for g in context.gaps)
    assert len(context.more_gaps) == len(learn) - 10
    assert not any(g.printed for g in context.more_gaps)
    assert context.gaps_not_printed == len(context.more_gaps)
    assert "Linear algebra" not in [g.name for g in (*context.gaps, *context.more_gaps)]
    path = [s.name for stage in context.path for s in stage.skills]
    assert "Linear algebra" not in path


def test_a_show_gap_carries_what_shows_it_and_the_line() -> None:
    (shown,) = build_context(strong_candidate()).show_gaps
    assert shown.because == "MSc Statistics (2019)"
    assert shown.evidence is not None
    assert (shown.evidence.matched, shown.evidence.line) == ("MSc Statistics", 62)
    assert shown.anchor == anchor("gap", "linear_algebra")


def test_posting_gaps_are_marked_with_what_the_posting_asks() -> None:
    context = build_context(strong_candidate())
    assert [g.asked for g in context.gaps] == [
        "posting requires it",
        "posting prefers it",
        "",
        "",
        "",
    ]


@pytest.mark.parametrize(
    ("level", "shown"),
    [
        ("Professional", "Advanced (Professional)"),
        ("Associate", "Intermediate (Associate)"),
        ("beginner", "Introductory (beginner)"),
        ("intermediate", "Intermediate"),
        ("role-based", "Intermediate (role-based)"),
        ("Expert (renewal every 2 years)", "Advanced (Expert (renewal every 2 years))"),
        ("Varies", "Varies"),
        ("", "Level not stated"),
    ],
)
def test_certification_level_states_the_tier_and_the_taxonomys_words(
    level: str, shown: str
) -> None:
    assert certification_level(level) == shown
    context = build_context(
        replace(strong_candidate(), certifications=(replace(CERT_MLA, level=level),))
    )
    assert context.certifications[0].level == shown
