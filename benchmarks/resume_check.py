"""The "is this a resume?" and "is this text readable?" checks on the real corpora.

    python benchmarks/resume_check.py              # ../shared/corpus and ../shared/corpus2
    python benchmarks/resume_check.py --json       # machine-readable
    python benchmarks/resume_check.py --engine pdfium

Reads every real resume PDF (both corpora) and every real job posting
(../shared/corpus/postings) as gapcheck reads a resume: `read_document`, sections, then
`gapcheck.sections.resume_check.check_resume`. For each file it prints the measures the
rules use (characters, contact details, resume sections, dated roles, posting phrases,
share of words addressing a reader, README headings, letter marks, share of common
letter pairs) and the outcome. A summary gives, for each rule, the closest real resume
and the closest real posting next to the threshold, so a change of threshold can be
judged by its margins. Exit status 1 when a real resume is refused or a posting is not
refused as a posting.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def measure(path: Path, engine: str = "pdfminer") -> dict[str, Any]:
    from gapcheck.errors import GapcheckError
    from gapcheck.reading import quality, read_document
    from gapcheck.sections.resume_check import gather, refusal
    from gapcheck.sections.split import sectioned

    try:
        document = read_document(path, engine=engine)
    except GapcheckError as error:
        return {"file": path.name, "outcome": f"unreadable: {error.reason}"}
    document, sections = sectioned(document)
    evidence = gather(document, sections)
    refused = refusal(evidence)
    pairs = quality.letter_pairs(line.text for line in document.lines)
    return {
        "file": path.name,
        "characters": evidence.characters,
        "words": evidence.words,
        "contact": evidence.contact,
        "sections": len(evidence.resume_sections),
        "dated_roles": evidence.dated_roles,
        "years": evidence.years,
        "posting_phrases": len(evidence.posting_phrases),
        "reader_address": round(evidence.reader_address, 4),
        "readme_headings": len(evidence.readme_headings),
        "letter": bool(evidence.salutation and evidence.sign_off),
        "common_pairs": round(pairs.common, 3) if pairs else None,
        "outcome": f"refused: {refused[0]}" if refused else "accepted",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--engine", default="pdfminer", choices=("pdfminer", "pdfium"))
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO / "src"))
    from gapcheck.reading import quality
    from gapcheck.sections import resume_check as rule

    resumes = sorted((args.shared / "corpus").glob("*.pdf")) + sorted(
        (args.shared / "corpus2").glob("*.pdf")
    )
    postings = sorted((args.shared / "corpus" / "postings").glob("*.txt"))
    if not resumes:
        print(f"no corpus at {args.shared}: nothing to measure", file=sys.stderr)
        return 2
    rows = [{"kind": "resume", **measure(p, args.engine)} for p in resumes]
    rows += [{"kind": "posting", **measure(p, args.engine)} for p in postings]
    real = [r for r in rows if r["kind"] == "resume"]
    jobs = [r for r in rows if r["kind"] == "posting"]
    wrong = [r for r in real if r["outcome"] != "accepted"]
    wrong += [r for r in jobs if "job posting" not in r["outcome"]]

    def low(items: list[dict[str, Any]], key: str) -> Any:
        values = [r[key] for r in items if r.get(key) is not None]
        return min(values) if values else None

    def high(items: list[dict[str, Any]], key: str) -> Any:
        values = [r[key] for r in items if r.get(key) is not None]
        return max(values) if values else None

    summary = {
        "resumes": len(real),
        "resumes accepted": sum(r["outcome"] == "accepted" for r in real),
        "postings": len(jobs),
        "postings refused as postings": sum("job posting" in r["outcome"] for r in jobs),
        f"fewest characters in a resume (rule: < {rule.MIN_CHARACTERS})": low(
            real, "characters"
        ),
        f"most posting phrases in a resume (rule: >= {rule.MIN_POSTING_PHRASES})": high(
            real, "posting_phrases"
        ),
        "fewest posting phrases in a posting": low(jobs, "posting_phrases"),
        f"most reader address in a resume (rule: >= {rule.READER_ADDRESS_SHARE})": high(
            real, "reader_address"
        ),
        "least reader address in a posting": low(jobs, "reader_address"),
        f"most dated roles in a posting (veto: >= {rule.RESUME_DATED_ROLES})": high(
            jobs, "dated_roles"
        ),
        f"fewest common letter pairs in a resume (refused: < {quality.GARBLED_PAIRS})": low(
            real, "common_pairs"
        ),
    }
    if args.json:
        print(json.dumps({"files": rows, "summary": summary}, indent=2))
    else:
        columns = ("kind", "file", "characters", "contact", "sections", "dated_roles",
                   "posting_phrases", "reader_address", "readme_headings", "letter",
                   "common_pairs", "outcome")  # fmt: skip
        print("\t".join(columns))
        for row in rows:
            print("\t".join(str(row.get(c, "")) for c in columns))
        print()
        for key, value in summary.items():
            print(f"{key}: {value}")
    for row in wrong:
        print(f"WRONG: {row['kind']} {row['file']}: {row['outcome']}", file=sys.stderr)
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
