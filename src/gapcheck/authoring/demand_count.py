"""Count how many job postings ask for each taxonomy skill: taxonomy/demand.yaml.

    gapcheck taxonomy build --postings ../shared/postings-corpus/*.csv --write

1. Rows are read from scraped-posting CSV files (a title and a description column;
   LinkedIn's also a seniority column). Files are read in name order and a description
   seen before (same words, any spacing or case) is skipped: scrapes repeat postings.
2. Each posting goes through gapcheck's own posting parser (`parse_posting`, with the
   taxonomy's detector as finder), the one `--job` uses: a skill counts when the
   posting requires or prefers it; implied skills do not count.
3. The title puts the posting in role groups (demand_file.ROLE_GROUPS) and a seniority.
4. Per group: the number of postings, and per scored skill how many ask for it and how
   many require it. Only these counts are kept (never the text), with each file's
   public source read from the README.md beside the files.
"""

from __future__ import annotations

import csv
import hashlib
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from gapcheck.errors import UsageError
from gapcheck.postings.parse import SkillFinder, parse_posting
from gapcheck.taxonomy.demand_file import (
    ROLE_GROUPS,
    SENIORITIES,
    Demand,
    DemandSource,
    group_key,
)
from gapcheck.taxonomy.model import Taxonomy

TITLE_COLUMNS = ("job title", "title")
DESCRIPTION_COLUMNS = ("job description", "description")
SENIORITY_COLUMNS = ("seniority",)

# Role groups by title words (what the postings README calls "ML-titled").
_ML_TITLE = re.compile(
    r"machine[\s-]*learning|\bML\b|deep[\s-]*learning|\bAI\b|\bA\.I\.|artificial[\s-]+intelligence",
    re.IGNORECASE,
)
_ENGINEERING_TITLE = re.compile(r"engineer|developer|architect", re.IGNORECASE)
_DS_TITLE = re.compile(r"data[\s-]*scien|analytics", re.IGNORECASE)
# Seniority by title words; senior wins when a title has both ("Senior ... Intern" is rare,
# "Lead Data Scientist, New Grad program" is a senior role recruiting).
_SENIOR_TITLE = re.compile(r"\b(senior|sr|lead|principal|staff)\b", re.IGNORECASE)
_JUNIOR_TITLE = re.compile(
    r"\b(junior|jr|entry|intern|internship|graduate|new grad|undergrad)\b", re.IGNORECASE
)
# LinkedIn's own seniority, used when the title says neither. "Mid-Senior level" and
# "Associate" are LinkedIn's catch-all experienced levels: other (mid), like a plain title.
_SENIORITY_VALUES = {
    "entry level": "junior",
    "internship": "junior",
    "director": "senior",
    "executive": "senior",
}
# A README table row: | `file.csv` | owner/name @ commit, `path` | ...
_SOURCE_ROW = (
    r"^\|\s*`?{file}`?\s*\|\s*(?P<repo>[\w.-]+/[\w.-]+)\s*@\s*(?P<commit>[0-9a-f]{{7,40}})"
)
_SOURCE_PATH = re.compile(r"`(?P<path>[^`]+)`")
_DATE_RANGE = re.compile(r"\b((?:19|20)\d\d)\s*[–-]\s*((?:19|20)\d\d)\b")


@dataclass(frozen=True)
class PostingRow:
    file: str
    title: str
    description: str
    seniority: str  # the file's own seniority column, "" when it has none


@dataclass(frozen=True)
class CountedPosting:
    """What one unique posting asks for, and the groups it counts in."""

    file: str
    groups: tuple[str, ...]  # group keys: "all", "all/senior", "ml", ...
    asked: frozenset[str]  # skill ids required or preferred
    required: frozenset[str]


# --------------------------------------------------------------------------- reading


def read_postings(paths: Sequence[Path]) -> tuple[list[PostingRow], list[DemandSource]]:
    """The unique postings of the CSV files (name order), and what each file held."""
    rows: list[PostingRow] = []
    sources: list[DemandSource] = []
    seen: set[str] = set()
    for path in sorted(dict.fromkeys(paths), key=lambda p: (p.name, str(p))):
        file_rows = _csv_rows(path)
        unique_here: set[str] = set()
        counted = 0
        for row in file_rows:
            key = hashlib.sha256(" ".join(row.description.split()).casefold().encode()).hexdigest()
            if key in unique_here:
                continue
            unique_here.add(key)
            if key in seen:  # the same posting in an earlier file
                continue
            seen.add(key)
            rows.append(row)
            counted += 1
        repository, commit, origin = _published_source(path)
        sources.append(
            DemandSource(
                file=path.name,
                repository=repository,
                commit=commit,
                path=origin,
                sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
                rows=len(file_rows),
                unique=len(unique_here),
                counted=counted,
            )
        )
    if not rows:
        raise UsageError("taxonomy build --postings", "no postings found", "pass posting CSVs")
    return rows, sources


def _csv_rows(path: Path) -> list[PostingRow]:
    if path.suffix.lower() != ".csv":
        raise UsageError(path.name, "is not a CSV file", "pass the postings' .csv files")
    # Descriptions run to tens of kilobytes, past csv's default field limit.
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            columns = {name.strip().casefold(): name for name in reader.fieldnames or []}
            title = _column(columns, TITLE_COLUMNS, path)
            description = _column(columns, DESCRIPTION_COLUMNS, path)
            seniority = next((columns[c] for c in SENIORITY_COLUMNS if c in columns), None)
            return [
                PostingRow(
                    file=path.name,
                    title=(row.get(title) or "").strip(),
                    description=row.get(description) or "",
                    seniority=(row.get(seniority) or "").strip() if seniority else "",
                )
                for row in reader
                if (row.get(description) or "").strip()
            ]
    except OSError as exc:
        raise UsageError(path.name, f"cannot be read ({exc.strerror})", "check the path") from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise UsageError(
            path.name, f"is not a UTF-8 CSV ({exc})", "pass the CSV as published"
        ) from None


def _column(columns: dict[str, str], names: Sequence[str], path: Path) -> str:
    for name in names:
        if name in columns:
            return columns[name]
    raise UsageError(
        path.name,
        f"has no {' or '.join(repr(n) for n in names)} column",
        "pass a postings CSV with a title and a description column",
    )


def _published_source(path: Path) -> tuple[str, str, str]:
    """(repository, commit, path in it) from the README table beside the file, if any."""
    readme = _readme(path.parent)
    pattern = re.compile(_SOURCE_ROW.format(file=re.escape(path.name)), re.MULTILINE)
    found = pattern.search(readme)
    if found is None:
        return ("", "", "")
    line = readme[found.start() : readme.find("\n", found.start())]
    cells = line.split("|")
    origin = _SOURCE_PATH.search(cells[2]) if len(cells) > 2 else None
    return (found.group("repo"), found.group("commit"), origin.group("path") if origin else "")


def _readme(folder: Path) -> str:
    try:
        return (folder / "README.md").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def posting_dates(paths: Sequence[Path]) -> str:
    """The date range the README beside the files states ("2018–2021"), else "undated"."""
    for folder in dict.fromkeys(p.parent for p in paths):
        found = _DATE_RANGE.search(_readme(folder))
        if found:
            return f"{found.group(1)}–{found.group(2)}"
    return "undated"


# --------------------------------------------------------------------------- groups


def role_groups(title: str) -> tuple[str, ...]:
    """The role groups a title puts a posting in ("all" always)."""
    groups = ["all"]
    if _ML_TITLE.search(title):
        groups.append("ml")
        if _ENGINEERING_TITLE.search(title):
            groups.append("ml_eng")
    if _DS_TITLE.search(title):
        groups.append("ds")
    return tuple(groups)


def seniority(title: str, listed: str = "") -> str | None:
    """ "senior", "junior", or None (other: mid level) from the title, else the listing."""
    if _SENIOR_TITLE.search(title):
        return "senior"
    if _JUNIOR_TITLE.search(title):
        return "junior"
    return _SENIORITY_VALUES.get(listed.strip().casefold())


# --------------------------------------------------------------------------- counting


def count_postings(
    rows: Sequence[PostingRow],
    taxonomy: Taxonomy,
    finder: SkillFinder | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[CountedPosting]:
    """Parse every posting with gapcheck's posting parser and note what it asks for."""
    if finder is None:
        from gapcheck.postings.read import default_finder  # spaCy loads only when counting

        finder = default_finder(taxonomy)
    counted: list[CountedPosting] = []
    for index, row in enumerate(rows, start=1):
        # The title goes in as metadata: its words say what the job is, not what it asks
        # for ("Machine Learning Engineer" is no requirement of machine learning).
        text = f"Title: {' '.join(row.title.split())}\n{row.description}"
        posting = parse_posting(text, row.file, taxonomy, finder)
        level = seniority(row.title, row.seniority)
        groups = role_groups(row.title)
        keys = groups + (tuple(group_key(g, level) for g in groups) if level else ())
        counted.append(
            CountedPosting(
                file=row.file,
                groups=keys,
                asked=frozenset(s.id for s in posting.skills),
                required=frozenset(s.id for s in posting.skills if s.level == "required"),
            )
        )
        if progress is not None:
            progress(index, len(rows))
    return counted


def demand_from(
    counted: Sequence[CountedPosting],
    sources: Sequence[DemandSource],
    taxonomy: Taxonomy,
    dates: str,
) -> Demand:
    """The counts per group and skill, every scored skill of the taxonomy listed."""
    postings: Counter[str] = Counter()
    asked: dict[str, Counter[str]] = {}
    required: dict[str, Counter[str]] = {}
    for posting in counted:
        postings.update(posting.groups)
        for skill_id in posting.asked:
            asked.setdefault(skill_id, Counter()).update(posting.groups)
        for skill_id in posting.required:
            required.setdefault(skill_id, Counter()).update(posting.groups)
    for base in ROLE_GROUPS:  # every group is listed, even when empty
        for key in (base, *(group_key(base, s) for s in SENIORITIES)):
            postings.setdefault(key, 0)
    skills = {
        skill.id: {
            group: (asked[skill.id][group], required.get(skill.id, Counter())[group])
            for group in sorted(asked.get(skill.id, Counter()))
        }
        for skill in taxonomy.skills
        if skill.scored
    }
    return Demand(
        dates=dates,
        sources=tuple(sources),
        postings=dict(sorted(postings.items())),
        skills=dict(sorted(skills.items())),
        taxonomy_version=taxonomy.version,
    )


def count_demand(
    paths: Sequence[Path],
    taxonomy: Taxonomy,
    finder: SkillFinder | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Demand:
    """Read, parse and count the postings in the CSV files at `paths`."""
    rows, sources = read_postings(paths)
    counted = count_postings(rows, taxonomy, finder, progress)
    return demand_from(counted, sources, taxonomy, posting_dates(paths))


def by_file(counted: Sequence[CountedPosting]) -> Iterator[tuple[str, list[CountedPosting]]]:
    """The counted postings of each file (for per-file checks, as benchmarks/demand.py)."""
    for name in sorted({p.file for p in counted}):
        yield name, [p for p in counted if p.file == name]
