"""The JSON report: a documented, versioned schema (docs/json-schema.md).

Keys are written in the order built here (no sort_keys), lists in the analysis's own
order, so the same analysis always gives the same bytes. Non-finite numbers, which JSON
cannot carry, become null. File names are reduced to their last component, as in the
HTML report, so no directory of the user's machine leaves through the JSON either.
"""

from __future__ import annotations

import json
import math
from typing import Any

from gapcheck.records import (
    Analysis,
    Background,
    CategoryScore,
    CertificationSuggestion,
    Diagnostics,
    EligibilityCheck,
    Evidence,
    FoundSkill,
    Gap,
    JobGap,
    LevelChoice,
    PostingRequirement,
    Score,
)
from gapcheck.report.display import file_name, safe_url
from gapcheck.report.since import changes_dict
from gapcheck.scoring.across import plan_of
from gapcheck.scoring.recommend import certification_tier
from gapcheck.version import JSON_SCHEMA_VERSION

# A report using none of the keys 1.2 added (`postings`, `changes`) says 1.1, so a run with
# one posting or none writes the same bytes as before them.
SCHEMA_WITHOUT_1_2_KEYS = "1.1"

SCORE_FORMULA = (
    "per category c: coverage_c = min(1, sum(weight*credit) / (coverage_target * sum(weight)))"
    " over score.items of c; value = round(100 * sum_c(possible_c * coverage_c) / possible, 1)"
)


def _number(value: float | None) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return value


def evidence_dict(item: Evidence) -> dict[str, Any]:
    return {
        "snippet": item.snippet,
        "matched": item.matched,
        "start": item.start,
        "end": item.end,
        "document": file_name(item.document),
        "page": item.page,
        "line": item.line,
        "section": item.section,
        "heading": item.heading,
        "method": item.method,
        "score": _number(item.score),
        "strength": _number(item.strength),
        "years": _number(item.years),
        "via": item.via,
    }


def skill_dict(skill: FoundSkill) -> dict[str, Any]:
    return {
        "id": skill.id,
        "name": skill.name,
        "aliases": list(skill.aliases),
        "category": skill.category,
        "explicit": skill.explicit,
        "strength": _number(skill.strength),
        "years": _number(skill.years),
        "documents": [file_name(d) for d in skill.documents],
        "portfolio_only": skill.portfolio_only,
        "evidence": [evidence_dict(e) for e in skill.evidence],
    }


def _category_dict(category: CategoryScore) -> dict[str, Any]:
    return {
        "id": category.category,
        "name": category.name,
        "earned": _number(category.earned),
        "possible": _number(category.possible),
        "percent": _number(category.percent),
    }


def score_dict(score: Score) -> dict[str, Any]:
    return {
        "value": _number(score.value),
        "band": score.band,
        "earned": _number(score.earned),
        "possible": _number(score.possible),
        "formula": SCORE_FORMULA,
        "coverage_target": _number(score.coverage_target),
        "categories": [_category_dict(c) for c in score.categories],
        "items": [
            {
                "skill_id": item.skill_id,
                "name": item.name,
                "category": item.category,
                "weight": _number(item.weight),
                "credit": _number(item.credit),
            }
            for item in score.items
        ],
    }


def gap_dict(gap: Gap) -> dict[str, Any]:
    return {
        "rank": gap.rank,
        "skill_id": gap.skill_id,
        "name": gap.name,
        "category": gap.category,
        "stage": gap.stage,
        "weight": _number(gap.weight),
        "credit": _number(gap.credit),
        "reason": gap.reason,
        "hint": gap.hint,
        "named_by": list(gap.named_by),
        "emphasis": gap.emphasis,
        "blocks": list(gap.blocks),
        "action": gap.action,
        "source": gap.source,
        "shown_by": None
        if gap.shown_by is None
        else {"because": gap.shown_by.because, "evidence": evidence_dict(gap.shown_by.evidence)},
    }


def level_dict(level: LevelChoice | None) -> dict[str, Any] | None:
    if level is None:
        return None
    return {"level": level.level, "reason": level.reason, "inferred": level.inferred}


def background_dict(background: Background | None) -> dict[str, Any] | None:
    """Degrees, positions, publications and years: what the level is read from. Never the
    evidence lines (a header or contact line stays out), only what was concluded."""
    if background is None:
        return None
    return {
        "degrees": [
            {
                "level": d.level,
                "field": d.field,
                "year": d.year,
                "in_progress": d.in_progress,
            }
            for d in background.degrees
        ],
        "positions": [
            {
                "title": p.title,
                "kinds": list(p.kinds),
                "start": p.start,
                "end": p.end,
                "years": _number(p.years),
            }
            for p in background.positions
        ],
        "publications": background.publications,
        "years_experience": _number(background.years_experience),
    }


def _requirement_dict(requirement: PostingRequirement) -> dict[str, Any]:
    return {
        "ids": list(requirement.ids),
        "names": list(requirement.names),
        "level": requirement.level,
        "kind": requirement.kind,
        "met": requirement.met,
        "met_by": requirement.met_by,
        "line": requirement.line,
        "text": requirement.text,
        "example_of": requirement.example_of,
    }


def _eligibility_dict(check: EligibilityCheck) -> dict[str, Any]:
    return {
        "kind": check.kind,
        "name": check.name,
        "level": check.level,
        "status": check.status,
        "detail": check.detail,
        "line": check.line,
        "text": check.text,
        "skill_id": check.skill_id,
        "years": _number(check.years),
        "degree": check.degree,
        "evidence": None if check.evidence is None else evidence_dict(check.evidence),
    }


def job_dict(job: JobGap) -> dict[str, Any]:
    return {
        "source": file_name(job.source),
        "title": job.title,
        "required": list(job.required),
        "preferred": list(job.preferred),
        "missing_required": list(job.missing_required),
        "missing_preferred": list(job.missing_preferred),
        "score": score_dict(job.score),
        "requirements": [_requirement_dict(r) for r in job.requirements],
        "required_met": job.required_met,
        "required_total": job.required_total,
        "preferred_met": job.preferred_met,
        "preferred_total": job.preferred_total,
        "eligibility": [_eligibility_dict(c) for c in job.eligibility],
    }


def certification_dict(cert: CertificationSuggestion) -> dict[str, Any]:
    return {
        "id": cert.id,
        "name": cert.name,
        "provider": cert.provider,
        "level": cert.level,
        "tier": certification_tier(cert.level),
        "exam_code": cert.exam_code,
        "status": cert.status,
        "status_date": cert.status_date,
        "covers": list(cert.covers),
        "covers_names": list(cert.covers_names),
        "covered_weight": _number(cert.covered_weight),
        "url": safe_url(cert.url),
    }


FIT_FORMULA = (
    "earned = 2*required_met + preferred_met, asked = 2*required_total + preferred_total over the"
    " posting's skill requirements; match = earned / asked (1 when it names none);"
    " fit = (earned + 1) / (asked + 2) * 0.5^len(knockouts)"
)
PRIORITY_FORMULA = (
    "priority = sum, over the postings where one of the skill's unmet requirements picks it,"
    " of fit * (2 if one of them is required, else 1)"
)


def postings_dict(analysis: Analysis) -> dict[str, Any] | None:
    """Several postings: the fits (best first), the plan across them, each posting's gap."""
    plan = plan_of(analysis)
    if plan is None:
        return None
    return {
        "count": len(plan.fits),
        "fit_formula": FIT_FORMULA,
        "priority_formula": PRIORITY_FORMULA,
        "fits": [
            {
                "rank": rank,
                "source": file_name(fit.source),
                "title": fit.title,
                "fit": _number(fit.fit),
                "match": _number(fit.match),
                "required_met": fit.required_met,
                "required_total": fit.required_total,
                "preferred_met": fit.preferred_met,
                "preferred_total": fit.preferred_total,
                "knockouts": [_eligibility_dict(c) for c in fit.knockouts],
                "waived": [_eligibility_dict(c) for c in fit.waived],
                "missing": [_requirement_dict(r) for r in fit.missing],
            }
            for rank, fit in enumerate(plan.fits, start=1)
        ],
        "plan": [
            {
                "rank": rank,
                "skill_id": item.skill_id,
                "name": item.name,
                "action": item.action,
                "priority": _number(item.priority),
                "required_by": [file_name(s) for s in item.required_by],
                "preferred_by": [file_name(s) for s in item.preferred_by],
                "alternatives": list(item.alternatives),
                "reason": item.reason,
            }
            for rank, item in enumerate(plan.items, start=1)
        ],
        "jobs": [job_dict(job) for job in plan.jobs],
    }


def _diagnostics_dict(diag: Diagnostics) -> dict[str, Any]:
    return {
        "pages": diag.pages,
        "characters": diag.characters,
        "layout": diag.layout,
        "columns": diag.columns,
        "unreadable_share": _number(diag.unreadable_share),
        "engine": diag.engine,
        "warnings": list(diag.warnings),
    }


def to_json_dict(analysis: Analysis) -> dict[str, Any]:
    """The analysis as plain JSON-ready data, keys in their documented order."""
    resumes = [file_name(d.source) for d in analysis.documents if d.role == "resume"]
    job = analysis.job
    postings, changes = postings_dict(analysis), changes_dict(analysis)
    return {
        "schema_version": JSON_SCHEMA_VERSION if postings or changes else SCHEMA_WITHOUT_1_2_KEYS,
        "source": resumes[0] if resumes else None,
        "generated_on": analysis.generated_on,
        "gapcheck_version": analysis.gapcheck_version,
        "taxonomy": {"version": analysis.taxonomy_version, "as_of": analysis.taxonomy_as_of},
        "target": {
            "role": analysis.target.role,
            "role_name": analysis.target.role_name,
            "level": analysis.target.level,
            "job": file_name(analysis.target.job) if analysis.target.job else None,
        },
        "level": level_dict(analysis.level),
        "background": background_dict(analysis.background),
        "documents": [
            {
                "source": file_name(doc.source),
                "kind": doc.kind,
                "role": doc.role,
                "diagnostics": _diagnostics_dict(doc.diagnostics),
                "sections": [{"kind": kind, "heading": heading} for kind, heading in doc.sections],
            }
            for doc in analysis.documents
        ],
        "score": score_dict(analysis.score),
        "skills": [skill_dict(s) for s in analysis.detection.skills],
        "certifications_held": [
            {
                "id": held.id,
                "name": held.name,
                "status": held.status,
                "successor": held.successor,
                "evidence": evidence_dict(held.evidence),
            }
            for held in analysis.detection.certifications
        ],
        "gaps": [gap_dict(g) for g in analysis.gaps],
        "near_misses": [
            {
                "skill_id": m.skill_id,
                "name": m.name,
                "credit": _number(m.credit),
                "why_partial": m.why_partial,
                "advice": m.advice,
            }
            for m in analysis.near_misses
        ],
        "learning_path": [
            {
                "stage": step.stage,
                "stage_name": step.stage_name,
                "skills": [
                    {"rank": g.rank, "skill_id": g.skill_id, "name": g.name} for g in step.skills
                ],
            }
            for step in analysis.learning_path
        ],
        "certifications": [certification_dict(c) for c in analysis.certifications],
        "retired_certifications": [
            {
                "id": note.id,
                "name": note.name,
                "status": note.status,
                "status_date": note.status_date,
                "successor": note.successor,
                "evidence": evidence_dict(note.evidence),
            }
            for note in analysis.retired_held
        ],
        "job": None if job is None else job_dict(job),
        **({"postings": postings} if postings else {}),
        "hands_on": [
            {
                "id": item.id,
                "name": item.name,
                "present": item.present,
                "evidence": [evidence_dict(e) for e in item.evidence],
            }
            for item in analysis.hands_on
        ],
        "warnings": list(analysis.warnings),
        **({"changes": changes} if changes else {}),
    }


def render_json(analysis: Analysis) -> str:
    """The JSON report text: UTF-8 characters as they are, two-space indent, final newline."""
    return json.dumps(to_json_dict(analysis), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
