"""Safe report names: derived from an input's label, unique, and harmless on any disk.

A label such as `cohort 2/Zoë/../-resume\n.pdf` becomes a single file name made only of
ASCII letters, digits, `.`, `_` and `-`, never starting with `.` or `-`, so it cannot
climb out of the reports folder, hide itself, look like an option, or clash with a
reserved device name. Folder levels are joined with `__`. When the conversion loses
information (or two names would differ only by case), a short hash of the full label is
appended, so distinct inputs never share a report.

Under --redact a label may be a person's name, so it is not used at all: people are
"Person 01", "Person 02"... (`person_labels`) and their reports "person-01.html"...
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

MAX_STEM = 80  # long enough to recognise a name, short enough for every file system
_UNSAFE_RUN = re.compile(r"[^A-Za-z0-9._-]+")
_WINDOWS_RESERVED = (
    {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(10)} | {f"lpt{i}" for i in range(10)}
)
FOLDER_JOIN = "__"


def label_digest(label: str) -> str:
    return hashlib.sha256(label.encode("utf-8", "surrogateescape")).hexdigest()[:10]


def _ascii_part(part: str) -> str:
    decomposed = unicodedata.normalize("NFKD", part)
    ascii_only = decomposed.encode("ascii", "ignore").decode("ascii")
    cleaned = _UNSAFE_RUN.sub("_", ascii_only).strip("._-")
    cleaned = re.sub(r"\.{2,}", ".", cleaned)
    return cleaned


def safe_stem(label: str) -> tuple[str, bool]:
    """The label as a safe file stem, and whether the conversion was exact (lossless)."""
    parts = [p for p in label.split("/") if p not in ("", ".")]
    converted = [_ascii_part(p) for p in parts]
    stem = FOLDER_JOIN.join(c for c in converted if c)
    lossless = converted == parts and ".." not in parts and all(converted)
    if len(stem) > MAX_STEM:
        stem, lossless = stem[:MAX_STEM].rstrip("._-"), False
    if not stem:
        stem, lossless = "resume", False
    if stem.split(".")[0].lower() in _WINDOWS_RESERVED:
        stem, lossless = f"file_{stem}", False
    return stem, lossless


def assign_report_names(labels: Iterable[str], suffix: str = ".html") -> dict[str, str]:
    """A unique, safe file name for every label; the same labels always get the same names."""
    stems: dict[str, str] = {}
    for label in labels:
        stem, lossless = safe_stem(label)
        stems[label] = stem if lossless else f"{stem}-{label_digest(label)}"
    # Names differing only by case collide on case-insensitive disks: disambiguate them all.
    by_folded: defaultdict[str, list[str]] = defaultdict(list)
    for label, stem in stems.items():
        by_folded[stem.lower()].append(label)
    for clashing in by_folded.values():
        if len(clashing) > 1:
            for label in clashing:
                stems[label] = f"{safe_stem(label)[0]}-{label_digest(label)}"
    return {label: stem + suffix for label, stem in stems.items()}


PERSON_LABEL = "Person"


def person_labels(labels: Iterable[str]) -> dict[str, str]:
    """Labels for a redacted batch that say nothing about the person: "Person 01",
    "Person 02"..., numbered in the sorted order of the inputs' own labels, so a re-run
    over the same inputs gives everyone the same number, and no two people share one."""
    ordered = sorted(set(labels))
    width = max(2, len(str(len(ordered))))
    return {label: f"{PERSON_LABEL} {n:0{width}d}" for n, label in enumerate(ordered, start=1)}


def person_report_name(shown: str, suffix: str = ".html") -> str:
    """The report name of a person label: "Person 07" -> "person-07.html"."""
    stem, _ = safe_stem(shown.lower().replace(" ", "-"))
    return stem + suffix
