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
    CategoryScore,
    Diagnostics,
    Evidence,
    FoundSkill,
    Gap,
    Score,
)
from gapcheck.report.display import file_name, safe_url
from gapcheck.version import JSON_SCHEMA_VERSION

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
    return {
        "schema_version": JSON_SCHEMA_VERSION,
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
        "certifications": [
            {
                "id": c.id,
                "name": c.name,
                "provider": c.provider,
                "level": c.level,
                "exam_code": c.exam_code,
                "status": c.status,
                "status_date": c.status_date,
                "covers": list(c.covers),
                "covers_names": list(c.covers_names),
                "covered_weight": _number(c.covered_weight),
                "url": safe_url(c.url),
            }
            for c in analysis.certifications
        ],
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
        "job": None
        if job is None
        else {
            "source": file_name(job.source),
            "title": job.title,
            "required": list(job.required),
            "preferred": list(job.preferred),
            "missing_required": list(job.missing_required),
            "missing_preferred": list(job.missing_preferred),
            "score": score_dict(job.score),
        },
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
    }


def render_json(analysis: Analysis) -> str:
    """The JSON report text: UTF-8 characters as they are, two-space indent, final newline."""
    return json.dumps(to_json_dict(analysis), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
