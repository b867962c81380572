"""The template contract: build_context and the display helpers it relies on."""

from __future__ import annotations

import re
from dataclasses import FrozenInstanceError, replace

import pytest
from markupsafe import Markup

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
    assert [s.title for s in steps] == [
        f"Learn {analysis.gaps[0].name}",
        f"Make {analysis.near_misses[0].name} count",
        f"Consider the {CERT_MLA.name}",
    ]


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
