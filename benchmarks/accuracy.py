"""Skill-detection accuracy on the labelled real resumes in ../shared/corpus.

    python benchmarks/accuracy.py                 # the built-in taxonomy
    python benchmarks/accuracy.py --taxonomy my.yaml --json

For every resume in labels.json the real stages run (gapcheck.reading.read_document,
gapcheck.sections.split.split_sections, the detector).

Each label's canonical name is mapped onto a taxonomy skill by name or alias (labels'
`label_names[]` give the names and aliases). Scores count explicit detections only:

* precision over detections of skills in the label vocabulary (skills some label maps
  to); a detection of a label listed under the file's `not_scored` counts neither way;
  detections of skills outside the vocabulary are listed apart, not counted;
* recall over each file's labels that map onto a skill.

Prints precision, recall and F1, the false positives and misses by file and name with the
evidence line and the mechanism each error most likely comes from (`fp_class`,
`miss_class`: heuristics over the evidence, "other" when none fits), the count of errors
per mechanism, labels that map onto no skill, and detection time against reading time.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gapcheck.detection.detector import get_detector
from gapcheck.reading import read_document
from gapcheck.records import Detection, Section
from gapcheck.sections.split import split_sections
from gapcheck.taxonomy.loading import load_taxonomy
from gapcheck.taxonomy.model import Skill, Taxonomy

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"


def _key(text: str) -> str:
    """Names compare without case, punctuation or spacing: "Scikit-learn" == "scikit learn"."""
    return re.sub(r"[^a-z0-9+#]", "", text.casefold())


def _name_forms(name: str) -> set[str]:
    base = re.sub(r"\s*\([^)]*\)", "", name).strip()
    forms = {_key(name), _key(base)}
    forms |= {_key(part) for part in base.split(" / ")}
    return {f for f in forms if f}


def _skill_forms(skill: Skill) -> set[str]:
    forms = _name_forms(skill.name)
    forms |= {_key(a) for a in (*skill.aliases, *skill.narrower)}
    forms |= {_key(rule.term) for rule in skill.ambiguous}
    return {f for f in forms if f}


def map_labels(label_names: Sequence[dict[str, Any]], taxonomy: Taxonomy) -> dict[str, str | None]:
    """Label canonical name -> skill id (None when no skill has that name or alias).

    Order of preference: the same name; the label's name is one of the skill's names or
    aliases; the most aliases in common (ties: the first skill in taxonomy order).
    """
    names = {skill.id: _name_forms(skill.name) for skill in taxonomy.skills}
    forms = {skill.id: _skill_forms(skill) for skill in taxonomy.skills}
    mapping: dict[str, str | None] = {}
    for label in label_names:
        label_name = _key(label["name"])
        label_forms = _name_forms(label["name"]) | {_key(a) for a in label.get("aliases", [])}
        chosen = next((sid for sid, f in names.items() if _key(label["name"]) in f), None)
        if chosen is None:
            chosen = next((sid for sid, f in forms.items() if label_name in f), None)
        if chosen is None:
            overlaps = [
                (len(label_forms & f), -rank, sid) for rank, (sid, f) in enumerate(forms.items())
            ]
            best = max(overlaps, default=(0, 0, ""))
            chosen = best[2] if best[0] > 0 else None
        mapping[label["name"]] = chosen
    return mapping


# --------------------------------------------------------------------------- reading


def read_sections(path: Path) -> tuple[list[Section], str]:
    """The file's sections, by the same stages `gapcheck` runs."""
    document = read_document(path, role="resume")
    return list(split_sections(document)), "gapcheck.reading + gapcheck.sections.split"


# --------------------------------------------------------------------------- error classes

_ORG_WORDS = re.compile(
    r"\b(?:ltd|inc|llc|plc|gmbh|corp|labs?|group|society|association|institute|university"
    r"|college|school|bank|hospital|company|foundation|energy|technologies)\b",
    re.IGNORECASE,
)
_DEGREE_LIKE = frozenset({"bachelors", "masters", "phd", "internships", "research"})


def _term_owner(text: str, taxonomy: Taxonomy) -> set[str]:
    key = _key(text)
    return {skill.id for skill in taxonomy.skills if key and key in _skill_forms(skill)}


def fp_class(skill_id: str, found: Any, taxonomy: Taxonomy) -> str:
    """The mechanism that most likely made a false detection (a heuristic)."""
    first = found.evidence[0]
    matched, snippet = first.matched, first.snippet
    after = snippet[first.end : first.end + 40]
    if first.method == "fuzzy":
        return "misspelling match"
    if re.search(r"\s(?:and|or|&)\s|/", matched):
        return "coordination ellipsis"
    owners = _term_owner(matched, taxonomy)
    if owners and skill_id not in owners:
        return "tool or longer term names its field (convention)"
    if _ORG_WORDS.search(after) and matched[:1].isupper():
        return "organisation name"
    letters = re.sub(r"[^A-Za-z]", "", matched)
    if letters.isupper() and 1 < len(letters) <= 6:
        return "acronym sense"
    if first.method == "rule":
        return "word in another sense (context rule)"
    if _key(matched) not in {_key(f) for f in _skill_forms(taxonomy.skill(skill_id))}:
        return "plural/family form"
    return "other"


def miss_class(skill_id: str, evidence: str, detection: Detection, taxonomy: Taxonomy) -> str:
    """Why a label was most likely missed (a heuristic over its evidence quote)."""
    if skill_id in _DEGREE_LIKE:
        return "degree, title or role wording"
    skill = taxonomy.skill(skill_id)
    said = _key(evidence)
    forms = {f for f in _skill_forms(skill) if len(f) > 2}
    if any(f in said for f in forms):
        return "term present, context rule declined"
    singular_plural = {f[:-1] for f in forms if f.endswith("s")} | {f + "s" for f in forms}
    if any(f in said for f in singular_plural if len(f) > 3):
        return "plural/family form"
    explicit = {s.id for s in detection.skills if s.explicit}
    if any(skill_id in taxonomy.skill(other).implies for other in explicit):
        return "named through a tool (implied only)"
    if re.search(r"\s(?:and|or|&)\s|/", evidence):
        return "coordination ellipsis or paraphrase"
    return "paraphrase, no term of the skill"


# --------------------------------------------------------------------------- scoring


@dataclass
class FileResult:
    file: str
    true_positives: list[str] = field(default_factory=list)
    false_positives: list[tuple[str, str]] = field(default_factory=list)  # (skill, evidence)
    misses: list[tuple[str, str]] = field(default_factory=list)  # (label, label evidence)
    outside: list[tuple[str, str]] = field(default_factory=list)
    fp_classes: list[str] = field(default_factory=list)  # one per false positive
    miss_classes: list[str] = field(default_factory=list)  # one per miss
    hits: int = 0  # labels found
    labels: int = 0  # labels that map onto a skill
    read_ms: float = 0.0
    detect_ms: float = 0.0


def score_file(
    entry: dict[str, Any],
    detection: Detection,
    mapping: dict[str, str | None],
    vocabulary: set[str],
    taxonomy: Taxonomy,
) -> FileResult:
    result = FileResult(entry["file"])
    explicit = {s.id: s for s in detection.skills if s.explicit}
    labelled: dict[str, list[str]] = {}
    for label in entry["skills"]:
        name = label.get("name") or label["id"]
        skill_id = mapping.get(name)
        if skill_id is not None:
            labelled.setdefault(skill_id, []).append(name)
            result.labels += 1
            if skill_id in explicit:
                result.hits += 1
            else:
                result.misses.append((name, label.get("evidence", "")))
                result.miss_classes.append(
                    miss_class(skill_id, label.get("evidence", ""), detection, taxonomy)
                )
    ignored = {mapping.get(name) for name in entry.get("not_scored", [])} - {None}
    for skill_id, found in explicit.items():
        first = found.evidence[0]
        line = f"[{first.matched}] {first.snippet}"
        if skill_id not in vocabulary:
            result.outside.append((taxonomy.skill(skill_id).name, line))
        elif skill_id in labelled:
            result.true_positives.append(found.name)
        elif skill_id not in ignored:
            result.false_positives.append((found.name, line))
            result.fp_classes.append(fp_class(skill_id, found, taxonomy))
    return result


def run(corpus: Path, taxonomy: Taxonomy, labels: dict[str, Any] | None = None) -> dict[str, Any]:
    """Figures for the resumes in `corpus` (labels: its labels.json unless given)."""
    if labels is None:
        labels = json.loads((corpus / "labels.json").read_text(encoding="utf-8"))
    if "label_names" in labels:
        mapping = map_labels(labels["label_names"], taxonomy)
        vocabulary = {sid for sid in mapping.values() if sid is not None}
    else:
        # Labels made against the taxonomy's ids: every skill is in the vocabulary.
        mapping = {skill.id: skill.id for skill in taxonomy.skills}
        vocabulary = set(mapping)
    started = time.perf_counter()
    detector = get_detector(taxonomy)
    build_ms = (time.perf_counter() - started) * 1000
    results: list[FileResult] = []
    reader = ""
    for entry in labels["labels"]:
        path = corpus / entry["file"]
        if not path.exists():
            continue
        started = time.perf_counter()
        sections, reader = read_sections(path)
        read_ms = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        detection = detector.detect(sections)
        detect_ms = (time.perf_counter() - started) * 1000
        result = score_file(entry, detection, mapping, vocabulary, taxonomy)
        result.read_ms, result.detect_ms = read_ms, detect_ms
        results.append(result)
    tp = sum(len(r.true_positives) for r in results)
    fp = sum(len(r.false_positives) for r in results)
    hits = sum(r.hits for r in results)
    total = sum(r.labels for r in results)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = hits / total if total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    unmapped = sorted(name for name, sid in mapping.items() if sid is None)
    used = Counter(
        label.get("name") or label["id"] for entry in labels["labels"] for label in entry["skills"]
    )
    return {
        "taxonomy": taxonomy.version,
        "reader": reader,
        "files": len(results),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "true_positives": tp,
        "false_positives": fp,
        "labels_found": hits,
        "labels_mapped": total,
        "labels_unmapped_occurrences": sum(used[name] for name in unmapped),
        "unmapped_labels": unmapped,
        "mapping": mapping,
        "build_ms": round(build_ms, 1),
        "mean_read_ms": round(sum(r.read_ms for r in results) / max(len(results), 1), 1),
        "mean_detect_ms": round(sum(r.detect_ms for r in results) / max(len(results), 1), 1),
        "per_file": [
            {
                "file": r.file,
                "found": r.hits,
                "labels": r.labels,
                "false_positives": [
                    {"skill": s, "line": line, "fp_class": kind}
                    for (s, line), kind in zip(r.false_positives, r.fp_classes, strict=True)
                ],
                "misses": [
                    {"label": s, "evidence": ev, "miss_class": kind}
                    for (s, ev), kind in zip(r.misses, r.miss_classes, strict=True)
                ],
                "outside_vocabulary": [{"skill": s, "line": line} for s, line in r.outside],
                "read_ms": round(r.read_ms, 1),
                "detect_ms": round(r.detect_ms, 1),
            }
            for r in results
        ],
    }


def print_report(report: dict[str, Any], out: Any = sys.stdout) -> None:
    w = out.write
    w(f"taxonomy {report['taxonomy']}; {report['files']} files read with {report['reader']}\n")
    p, r, f1 = report["precision"], report["recall"], report["f1"]
    w(f"precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}\n")
    w(
        f"  {report['true_positives']} true and {report['false_positives']} false detections; "
        f"{report['labels_found']} of {report['labels_mapped']} mapped labels found\n"
    )
    w(
        f"time: matcher built in {report['build_ms']:.0f} ms; per file read "
        f"{report['mean_read_ms']:.0f} ms, detect {report['mean_detect_ms']:.0f} ms\n\n"
    )
    w("per file (found/labels, false positives):\n")
    for r in report["per_file"]:
        w(f"  {r['file']:<40} {r['found']:>3}/{r['labels']:<3} fp {len(r['false_positives'])}\n")
    w("\nfalse positives:\n")
    for r in report["per_file"]:
        for fp in r["false_positives"]:
            w(f"  {r['file']}: {fp['skill']} [{fp['fp_class']}]  <- {fp['line'][:110]!r}\n")
    w("\nmisses:\n")
    for r in report["per_file"]:
        for miss in r["misses"]:
            w(
                f"  {r['file']}: {miss['label']} [{miss['miss_class']}]  "
                f"(label evidence: {miss['evidence'][:80]!r})\n"
            )
    for title, key, kind in (
        ("false positives", "false_positives", "fp_class"),
        ("misses", "misses", "miss_class"),
    ):
        counts = Counter(e[kind] for r in report["per_file"] for e in r[key])
        w(f"\n{title} by mechanism:\n")
        for name, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            w(f"  {count:>3}  {name}\n")
    w(
        f"\nlabels mapped onto no skill ({len(report['unmapped_labels'])}, "
        f"{report['labels_unmapped_occurrences']} occurrences, not counted):\n"
    )
    for name in report["unmapped_labels"]:
        w(f"  {name}\n")
    outside = Counter(o["skill"] for r in report["per_file"] for o in r["outside_vocabulary"])
    w(f"\ndetections outside the label vocabulary (not counted): {len(outside)} skills\n")
    for name, count in sorted(outside.items(), key=lambda kv: (-kv[1], kv[0])):
        w(f"  {name} ({count} files)\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--taxonomy", type=Path, help="taxonomy YAML (default: the built-in one)")
    parser.add_argument(
        "--corpus", type=Path, default=DEFAULT_CORPUS, help="folder holding labels.json"
    )
    parser.add_argument("--json", action="store_true", help="print machine-readable figures")
    args = parser.parse_args(argv)
    if not (args.corpus / "labels.json").exists():
        print(f"accuracy: no labels.json in {args.corpus.name}; pass --corpus", file=sys.stderr)
        return 2
    report = run(args.corpus, load_taxonomy(args.taxonomy))
    if args.json:
        print(json.dumps(report, indent=2, sort_keys=True))
    else:
        print_report(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
