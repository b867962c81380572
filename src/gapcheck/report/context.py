"""The template contract: everything the HTML report shows, pre-computed from an Analysis.

`build_context(analysis)` is pure (records in, one frozen record out: the view records
of views.py; the next steps come from gapcheck.scoring.next_steps). The template does
no arithmetic and no formatting: it only places these strings. Strings here are plain
text, escaped on output (by jinja2's autoescape, or by fragments.py, which writes the long
lists); the only markup is the SVG charts, which `charts.py` builds from numbers and
escaped text.

Ordering rules (so the same analysis always renders the same page):
- gaps, learning path, near misses, certifications: as the analysis ranks them;
- skill groups: in the score's category order, then other categories by display name;
- skills in a group: by name (case-insensitive), then id;
- evidence of a skill: strongest first, then by document, page and line.
"""

from __future__ import annotations

from collections.abc import Mapping

from gapcheck.records import Analysis, CertificationSuggestion, Evidence, FoundSkill, Gap, JobGap
from gapcheck.report import charts
from gapcheck.report.advice import (
    against_text,
    asked_label,
    certification_level,
    eligibility_rows,
    level_sentence,
    posting_counts,
    posting_counts_text,
    posting_headline,
    posting_title,
    requirement_groups,
    split_gaps,
)
from gapcheck.report.display import (
    band_label,
    file_name,
    humanize,
    level_label,
    safe_url,
    status_label,
    strength_label,
    years_text,
)
from gapcheck.report.fits import asked_labels, postings_view
from gapcheck.report.parts import (
    SkillNames,
    all_warnings,
    anchor,
    cautions,
    css_token,
    evidence_view,
    portfolio_only_names,
)
from gapcheck.report.since import changes_view
from gapcheck.report.views import (
    BandView,
    CategoryView,
    CertificationView,
    ChartView,
    DocumentView,
    FoundSkillView,
    GapView,
    HandsOnView,
    HeldView,
    JobView,
    MetaView,
    NearMissView,
    PathSkillView,
    PathStageView,
    ReportContext,
    RetiredView,
    ScoreView,
    ShowGapView,
    SkillGroupView,
)
from gapcheck.scoring.next_steps import next_steps
from gapcheck.scoring.score import BANDS  # the report explains the score stage's own bands
from gapcheck.support.text import number, one_line, percent

KNOWN_BANDS = tuple(name for _, name in BANDS)
# On paper the report lists only the top gaps (the page says where the rest are), so a
# weak resume against an 80-skill role still prints on one to three pages. They are the
# learn gaps every format details (gapcheck.report.advice.DETAILED_GAPS).
PRINTED_GAPS = 10
PRINTED_NEAR_MISSES = 3
PRINTED_CERTIFICATIONS = 3
CHART_COLUMNS = (1, 2, 3)  # phone, tablet and paper, wide screen


# --------------------------------------------------------------------------- helpers


def band_token(band: str) -> str:
    return band if band in KNOWN_BANDS else "unknown"


def band_scale(current: str) -> tuple[BandView, ...]:
    """The score stage's bands, lowest first, by lower bound: '<40', '40+', ... '80+'."""
    ordered = sorted(BANDS)
    views = [
        BandView(
            band_token(name),
            band_label(name),
            f"<{number(ordered[1][0])}" if index == 0 and len(ordered) > 1 else f"{number(lower)}+",
            name == current,
        )
        for index, (lower, name) in enumerate(ordered)
    ]
    return tuple(views)


def _evidence_order(item: Evidence) -> tuple[float, str, int, int]:
    return (-item.strength, item.document, item.page, item.line)


def found_skill_view(skill: FoundSkill, names: SkillNames) -> FoundSkillView:
    # Most skills have one piece of evidence, and most are explicit: sorting and the
    # implying skills are worked out only when there is something to do.
    ordered = (
        sorted(skill.evidence, key=_evidence_order) if len(skill.evidence) > 1 else skill.evidence
    )
    implied_by = ""
    if not skill.explicit:
        implied_by = ", ".join(
            sorted({names.skill(e.via) for e in skill.evidence if e.method == "implied" and e.via})
        )
    return FoundSkillView(
        anchor=anchor("skill", skill.id),
        name=skill.name,
        explicit=skill.explicit,
        implied_by=implied_by,
        portfolio_only=skill.portfolio_only,
        strength=f"{strength_label(skill.strength)} ({skill.strength:.1f})",
        years=years_text(skill.years),
        documents=", ".join(file_name(d) for d in skill.documents),
        evidence=tuple(evidence_view(e, names) for e in ordered),
    )


def skill_groups(analysis: Analysis, names: SkillNames) -> tuple[SkillGroupView, ...]:
    by_category: dict[str, list[FoundSkill]] = {}
    for skill in analysis.detection.skills:
        by_category.setdefault(skill.category, []).append(skill)
    scored_order = [c.category for c in analysis.score.categories if c.category in by_category]
    others = sorted((c for c in by_category if c not in scored_order), key=names.category)
    groups = []
    for category in (*scored_order, *others):
        members = sorted(by_category[category], key=lambda s: (s.name.casefold(), s.id))
        groups.append(
            SkillGroupView(
                name=names.category(category),
                anchor=anchor("category", category),
                skills=tuple(found_skill_view(s, names) for s in members),
                skill_names=", ".join([s.name for s in members]),
            )
        )
    return tuple(groups)


def gap_view(
    gap: Gap, names: SkillNames, printed: bool = True, labels: Mapping[str, str] | None = None
) -> GapView:
    cost_value = gap.weight * (1 - gap.credit)
    return GapView(
        rank=gap.rank,
        anchor=anchor("gap", gap.skill_id),
        name=gap.name,
        category=names.category(gap.category),
        stage=names.stage(gap.stage),
        cost=number(cost_value),
        cost_value=round(cost_value, 4),
        partial=f"{percent(gap.credit)} shown" if gap.credit > 0 else "",
        reason=one_line(gap.reason),
        hint=one_line(gap.hint),
        blocks=", ".join([names.skill(b) for b in gap.blocks]) if gap.blocks else "",
        printed=printed,
        asked=asked_label(gap, labels),
    )


def show_gap_view(
    gap: Gap, names: SkillNames, labels: Mapping[str, str] | None = None
) -> ShowGapView:
    shown = gap.shown_by
    return ShowGapView(
        anchor=anchor("gap", gap.skill_id),
        name=gap.name,
        because=one_line(shown.because) if shown else one_line(gap.reason),
        evidence=evidence_view(shown.evidence, names) if shown else None,
        hint=one_line(gap.hint),
        asked=asked_label(gap, labels),
    )


def job_view(job: JobGap, names: SkillNames) -> JobView:
    required_met, required_total, preferred_met, preferred_total = posting_counts(job)
    return JobView(
        source=file_name(job.source),
        title=posting_title(job),
        score=number(job.score.value),
        band=band_token(job.score.band),
        band_label=band_label(job.score.band),
        required_total=required_total,
        required_met=required_met,
        missing_required=tuple(names.skill(i) for i in job.missing_required),
        preferred_total=preferred_total,
        missing_preferred=tuple(names.skill(i) for i in job.missing_preferred),
        headline=posting_headline(job),
        counts=posting_counts_text(job),
        preferred_met=preferred_met,
        requirements=requirement_groups(job, names.skills),
        eligibility=eligibility_rows(job),
    )


def _certification_view(cert: CertificationSuggestion, index: int) -> CertificationView:
    return CertificationView(
        name=one_line(cert.name),
        provider=one_line(cert.provider),
        level=certification_level(cert.level),
        exam_code=one_line(cert.exam_code or ""),
        status=css_token(cert.status),
        status_label=status_label(cert.status),
        status_date=cert.status_date,
        covers=cert.covers_names,
        covered_points=number(cert.covered_weight),
        url=safe_url(cert.url),
        printed=index < PRINTED_CERTIFICATIONS,
    )


def _document_view(analysis: Analysis) -> tuple[DocumentView, ...]:
    return tuple(
        DocumentView(
            source=file_name(doc.source),
            kind=doc.kind.upper(),
            role=humanize(doc.role),
            pages=doc.diagnostics.pages,
            characters=f"{doc.diagnostics.characters:,}",
            layout=humanize(doc.diagnostics.layout)
            + (f" ({doc.diagnostics.columns} columns)" if doc.diagnostics.columns > 1 else ""),
            engine=doc.diagnostics.engine,
            unreadable=percent(doc.diagnostics.unreadable_share),
            sections=tuple((humanize(kind), one_line(heading)) for kind, heading in doc.sections),
        )
        for doc in analysis.documents
    )


# --------------------------------------------------------------------------- the contract


def build_context(analysis: Analysis) -> ReportContext:
    """Everything the HTML template shows, computed once from `analysis`."""
    names = SkillNames(analysis)
    score = analysis.score
    resumes = [file_name(d.source) for d in analysis.documents if d.role == "resume"]
    resume = resumes[0] if resumes else "(no resume)"
    band = band_token(score.band)
    found_ids = {s.id for s in analysis.detection.skills}
    anchors = {s.id: anchor("skill", s.id) for s in analysis.detection.skills}

    meta = MetaView(
        resume=resume,
        portfolio=tuple(file_name(d.source) for d in analysis.documents if d.role != "resume"),
        role_name=one_line(analysis.target.role_name),
        level=level_label(analysis.target.level),
        job=file_name(analysis.target.job) if analysis.target.job else None,
        generated_on=analysis.generated_on,
        gapcheck_version=analysis.gapcheck_version,
        taxonomy_version=analysis.taxonomy_version,
        taxonomy_as_of=analysis.taxonomy_as_of,
    )
    score_view = ScoreView(
        value=number(score.value),
        band=band,
        band_label=band_label(score.band),
        earned=number(score.earned),
        possible=number(score.possible),
        found_count=sum(1 for item in score.items if item.credit > 0),
        expected_count=len(score.items),
        coverage_target=percent(score.coverage_target),
        gauge=charts.score_gauge(score.value, band, band_label(score.band), BANDS),
        bands=band_scale(band),
    )
    split = split_gaps(analysis.gaps, PRINTED_GAPS)
    labels = asked_labels(analysis)  # several postings: how many ask for each gap
    detailed = {g.skill_id for g in split.detailed}
    near_misses = tuple(
        NearMissView(
            name=m.name,
            skill_anchor=anchors.get(m.skill_id, "") if m.skill_id in found_ids else "",
            shown=percent(m.credit),
            why_partial=one_line(m.why_partial),
            advice=one_line(m.advice),
            printed=index < PRINTED_NEAR_MISSES,
        )
        for index, m in enumerate(analysis.near_misses)
    )
    retired_ids = {note.id for note in analysis.retired_held}
    bars = tuple(charts.Bar(c.name, c.percent) for c in score.categories)
    return ReportContext(
        title=f"{meta.role_name} gap report for {resume}",
        meta=meta,
        score=score_view,
        coverage_charts=tuple(
            ChartView(columns, svg)
            for columns, svg in zip(
                CHART_COLUMNS,
                charts.coverage_charts(bars, CHART_COLUMNS, "coverage"),
                strict=True,
            )
        ),
        categories=tuple(
            CategoryView(c.name, f"{number(c.percent)}%", number(c.earned), number(c.possible))
            for c in score.categories
        ),
        next_steps=next_steps(analysis),
        cautions=cautions(analysis),
        level_sentence=level_sentence(analysis),
        against=against_text(analysis),
        gaps=tuple(gap_view(g, names, labels=labels) for g in split.detailed),
        more_gaps=tuple(gap_view(g, names, printed=False, labels=labels) for g in split.more),
        show_gaps=tuple(show_gap_view(g, names, labels) for g in split.show),
        gaps_not_printed=len(split.more),
        path=tuple(
            PathStageView(
                number=index,
                name=step.stage_name,
                skills=tuple(
                    PathSkillView(
                        g.rank,
                        anchor("gap", g.skill_id),
                        g.name,
                        # A detailed gap's hint is right above, on its card.
                        "" if g.skill_id in detailed else one_line(g.hint),
                        g.skill_id in detailed,
                    )
                    for g in step.skills
                ),
                printed=any(g.skill_id in detailed for g in step.skills),
            )
            for index, step in enumerate(analysis.learning_path, start=1)
        ),
        near_misses=near_misses[:PRINTED_NEAR_MISSES],
        more_near_misses=near_misses[PRINTED_NEAR_MISSES:],
        job=job_view(analysis.job, names) if analysis.job is not None else None,
        skill_groups=skill_groups(analysis, names),
        found_total=len(analysis.detection.skills),
        portfolio_only=portfolio_only_names(analysis),
        hands_on=tuple(
            HandsOnView(h.name, h.present, tuple(evidence_view(e, names) for e in h.evidence))
            for h in analysis.hands_on
        ),
        certifications=tuple(
            _certification_view(c, index) for index, c in enumerate(analysis.certifications)
        ),
        retired=tuple(
            RetiredView(
                name=note.name,
                status_label=status_label(note.status),
                status_date=note.status_date,
                successor=note.successor or "",
                evidence=evidence_view(note.evidence, names),
            )
            for note in analysis.retired_held
        ),
        held=tuple(
            HeldView(h.name, status_label(h.status), h.successor or "")
            for h in analysis.detection.certifications
            if h.id not in retired_ids
        ),
        documents=_document_view(analysis),
        warnings=all_warnings(analysis),
        postings=postings_view(analysis),
        changes=changes_view(analysis),
    )
