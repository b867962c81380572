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

import hashlib
import re
from functools import lru_cache

from gapcheck.records import Analysis, CertificationSuggestion, Evidence, FoundSkill, Gap
from gapcheck.report import charts
from gapcheck.report.display import (
    band_label,
    file_name,
    highlight,
    humanize,
    level_label,
    method_text,
    safe_url,
    status_label,
    strength_label,
    years_text,
)
from gapcheck.report.views import (
    BandView,
    CategoryView,
    CertificationView,
    ChartView,
    DocumentView,
    EvidenceView,
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
    SkillGroupView,
)
from gapcheck.scoring.next_steps import next_steps
from gapcheck.scoring.score import BANDS  # the report explains the score stage's own bands
from gapcheck.support.text import number, one_line, percent

# When the reader's output deserves doubt, the report says so at the top.
UNREADABLE_CAUTION = 0.05  # share of characters that could not be mapped to text
FEW_CHARACTERS = 400  # a resume with less text than this was probably not read fully
KNOWN_BANDS = tuple(name for _, name in BANDS)
# On paper the report lists only the top gaps (the page says where the rest are), so a
# weak resume against an 80-skill role still prints on one to three pages.
PRINTED_GAPS = 10
PRINTED_NEAR_MISSES = 3
PRINTED_CERTIFICATIONS = 3
CHART_COLUMNS = (1, 2, 3)  # phone, tablet and paper, wide screen


# --------------------------------------------------------------------------- helpers

_NOT_ID = re.compile(r"[^a-z0-9_-]+")


def portfolio_only_names(analysis: Analysis) -> tuple[str, ...]:
    """Skills named only in portfolio material, in the report's skill order."""
    return tuple(s.name for s in analysis.detection.skills if s.explicit and s.portfolio_only)


# Ids come from the taxonomy (a few hundred), and a report asks for each more than once
# (gap table, learning path, skill list): the bound only keeps a batch's memory flat.
@lru_cache(maxsize=4096)
def anchor(prefix: str, identifier: str) -> str:
    """An HTML id that is always valid and never carries markup: 'skill-deep_learning'.

    An id that had to be cleaned gets a short digest of the original, so two ids that
    clean to the same word ('c++' and 'c#') still get different anchors.
    """
    cleaned = _NOT_ID.sub("-", identifier.lower()).strip("-") or "x"
    if cleaned != identifier:
        cleaned += "-" + hashlib.sha256(identifier.encode("utf-8")).hexdigest()[:6]
    return f"{prefix}-{cleaned}"


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


def css_token(word: str) -> str:
    """A word safe to use in a class name: 'active-unverified' stays, anything odd goes."""
    return _NOT_ID.sub("", word.lower()) or "unknown"


class SkillNames:
    """Display names for skill, category and stage ids, from the analysis itself."""

    def __init__(self, analysis: Analysis) -> None:
        self.skills: dict[str, str] = {}
        for item in analysis.score.items:
            self.skills[item.skill_id] = item.name
        for gap in analysis.gaps:
            self.skills[gap.skill_id] = gap.name
        for skill in analysis.detection.skills:
            self.skills[skill.id] = skill.name
        self.categories = {c.category: c.name for c in analysis.score.categories}
        self.stages = {step.stage: step.stage_name for step in analysis.learning_path}

    def skill(self, skill_id: str) -> str:
        return self.skills.get(skill_id) or humanize(skill_id)

    def category(self, category_id: str) -> str:
        return self.categories.get(category_id) or humanize(category_id)

    def stage(self, stage_id: str) -> str:
        return self.stages.get(stage_id) or humanize(stage_id)


def evidence_view(item: Evidence, names: SkillNames) -> EvidenceView:
    before, matched, after = highlight(item)
    return EvidenceView(
        before=before,
        matched=matched,
        after=after,
        document=file_name(item.document),
        page=item.page,
        line=item.line,
        section=humanize(item.section),
        heading=one_line(item.heading),
        method=method_text(item, names.skills),
        strength=f"{strength_label(item.strength)} ({item.strength:.1f})",
        years=years_text(item.years),
    )


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


def gap_view(gap: Gap, names: SkillNames) -> GapView:
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
        printed=gap.rank <= PRINTED_GAPS,
    )


def cautions(analysis: Analysis) -> tuple[str, ...]:
    """Reasons to distrust the result, in plain words, shown above the gaps."""
    notes: list[str] = []
    for doc in analysis.documents:
        diag, name = doc.diagnostics, file_name(doc.source)
        if diag.unreadable_share >= UNREADABLE_CAUTION:
            notes.append(
                f"{percent(diag.unreadable_share)} of the text in {name} could not be read, "
                "so skills written there may be missing from this report."
            )
        if doc.role == "resume" and diag.characters < FEW_CHARACTERS:
            notes.append(
                f"Only {diag.characters} characters were read from {name}; if the resume is "
                "longer, export it again as a PDF with selectable text."
            )
    count = len(all_warnings(analysis))
    if count:
        notes.append(
            f"The reader reported {count} warning{'s' if count != 1 else ''}; see Diagnostics."
        )
    return tuple(notes)


def all_warnings(analysis: Analysis) -> tuple[str, ...]:
    """The run's warnings, then each document's, each once, in order of first appearance."""
    every = (*analysis.warnings, *(w for d in analysis.documents for w in d.diagnostics.warnings))
    return tuple(dict.fromkeys(one_line(w) for w in every))


def _certification_view(cert: CertificationSuggestion, index: int) -> CertificationView:
    return CertificationView(
        name=one_line(cert.name),
        provider=one_line(cert.provider),
        level=one_line(cert.level),
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
    job = analysis.job
    job_view = None
    if job is not None:
        job_view = JobView(
            source=file_name(job.source),
            title=one_line(job.title),
            score=number(job.score.value),
            band=band_token(job.score.band),
            band_label=band_label(job.score.band),
            required_total=len(job.required),
            required_met=len(job.required) - len(job.missing_required),
            missing_required=tuple(names.skill(i) for i in job.missing_required),
            preferred_total=len(job.preferred),
            missing_preferred=tuple(names.skill(i) for i in job.missing_preferred),
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
        gaps=tuple(gap_view(g, names) for g in analysis.gaps),
        gaps_not_printed=sum(1 for g in analysis.gaps if g.rank > PRINTED_GAPS),
        path=tuple(
            PathStageView(
                number=index,
                name=step.stage_name,
                skills=tuple(
                    PathSkillView(
                        g.rank,
                        anchor("gap", g.skill_id),
                        g.name,
                        one_line(g.hint),
                        g.rank <= PRINTED_GAPS,
                    )
                    for g in step.skills
                ),
                printed=any(g.rank <= PRINTED_GAPS for g in step.skills),
            )
            for index, step in enumerate(analysis.learning_path, start=1)
        ),
        near_misses=tuple(
            NearMissView(
                name=m.name,
                skill_anchor=anchors.get(m.skill_id, "") if m.skill_id in found_ids else "",
                shown=percent(m.credit),
                why_partial=one_line(m.why_partial),
                advice=one_line(m.advice),
                printed=index < PRINTED_NEAR_MISSES,
            )
            for index, m in enumerate(analysis.near_misses)
        ),
        job=job_view,
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
    )
