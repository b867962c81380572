"""What `gapcheck taxonomy build` prints for documents: the counts per skill and document as
a table or JSON, the certifications named and the terms no skill matched."""

from __future__ import annotations

from gapcheck.authoring.build import BuildReport
from gapcheck.taxonomy.model import EMPHASIS_VALUES, Taxonomy


def report_json(report: BuildReport, missing_limit: int) -> dict[str, object]:
    return {
        "documents": [{"file": name, "guide": guide} for name, guide in report.documents],
        "skills": [
            {
                "id": s.skill_id,
                "name": s.name,
                "documents": s.documents,
                "mentions": s.mentions,
                "counts": [
                    {"document": c.document, "mentions": c.mentions, "emphasis": c.emphasis}
                    for c in s.counts
                ],
            }
            for s in report.skills
        ],
        "certifications": {cert: list(docs) for cert, docs in report.certifications.items()},
        "missing": [
            {"term": m.term, "count": m.count, "documents": list(m.documents)}
            for m in report.missing[:missing_limit]
        ],
    }


def report_lines(
    report: BuildReport, taxonomy: Taxonomy, show_all: bool, missing_limit: int
) -> list[str]:
    """The counts as a table: one column per document while six fit, then the strongest
    emphasis only; then the certifications named and the frequent unmatched terms."""
    lines: list[str] = []
    # Guides go by their id; other documents by a short number, listed once here.
    short = {}
    for number, (name, guide) in enumerate(report.documents, start=1):
        short[guide or name] = guide or f"d{number}"
    labels = list(short)
    lines.append(f"{len(labels)} document{'s' if len(labels) != 1 else ''}:")
    for name, guide in report.documents:
        lines.append(f"  {short[guide or name]:12} {name}")
    columns = len(labels) <= 6  # one column per document while they fit
    header = f"\n{'skill':30} {'docs':>4} {'mentions':>8}"
    if columns:
        header += "".join(f"  {short[label][:14]:14}" for label in labels)
    else:
        header += "  strongest emphasis"
    lines.append(header)
    named = 0
    for skill in report.skills:
        if not skill.counts and not show_all:
            continue
        named += bool(skill.counts)
        row = f"{skill.skill_id[:30]:30} {skill.documents:>4} {skill.mentions:>8}"
        if columns:
            by_doc = {c.document: c for c in skill.counts}
            for label in labels:
                count = by_doc.get(label)
                cell = f"{count.mentions} {count.emphasis}" if count else "-"
                row += f"  {cell:14}"
        elif skill.counts:
            row += "  " + max((c.emphasis for c in skill.counts), key=lambda e: EMPHASIS_VALUES[e])
        lines.append(row)
    lines.append(f"\n{named} of {len(report.skills)} skills are named by at least one document.")
    if report.certifications:
        lines.append("\ncertifications named:")
        names = {c.id: c.name for c in taxonomy.certifications}
        for cert_id, docs in report.certifications.items():
            lines.append(
                f"  {names.get(cert_id, cert_id)}: {', '.join(short.get(d, d) for d in docs)}"
            )
    if report.missing and missing_limit:
        lines.append(
            f"\nfrequent terms no skill matched (the taxonomy may lack them; top {missing_limit}):"
        )
        for term in report.missing[:missing_limit]:
            where = ", ".join(short.get(d, d) for d in term.documents)
            lines.append(f"  {term.term[:40]:40} {term.count:>4}  {where}")
    return lines
