"""An earlier gapcheck JSON report, read back for `gapcheck RESUME --since OLD.json`.

    previous = read_previous_report(Path("old.json"))   # a PreviousReport record

Only what a comparison needs is kept (the score, the skills named, the gaps to learn, the
certifications held and suggested, and what the report was made with and against). Every
problem is one InputError naming the file, what is wrong and what to do:

* not a regular file, or larger than MAX_PREVIOUS_REPORT_BYTES;
* an HTML or Markdown report: --since needs the JSON one (`--format json`);
* not JSON, or JSON that is not a gapcheck report (no `schema_version`, no
  `gapcheck_version`);
* a report format of another major version (docs/json-schema.md: a reader checks the major
  number), which this gapcheck cannot read;
* a gapcheck report with a key missing or of the wrong type (damaged, or edited by hand).

A report of another taxonomy or gapcheck version is read: the comparison says so
(gapcheck.scoring.changes). Reports of schema 1.0 and 1.1 are read the same way (1.0 has no
gap `action`: every gap counts as one to learn).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from gapcheck.errors import InputError
from gapcheck.reading import read_regular_file
from gapcheck.records import PreviousReport
from gapcheck.taxonomy.model import taxonomy_key

MAX_PREVIOUS_REPORT_BYTES = 64_000_000  # a report against 1,000 postings is about 20 MB
READABLE_MAJOR = "1"  # the JSON report format's major version this gapcheck reads
_ADVICE = "pass the .json report an earlier gapcheck run wrote (--format json)"


def read_previous_report(path: Path) -> PreviousReport:
    """The earlier report at `path`, checked; an InputError says what is wrong with it."""
    name = path.name or str(path)
    if path.suffix.lower() in (".html", ".htm", ".md", ".markdown"):
        kind = "an HTML" if path.suffix.lower() in (".html", ".htm") else "a Markdown"
        raise InputError(name, f"is {kind} report", f"--since needs the JSON one: {_ADVICE}")

    def too_big(file: str, size: int) -> InputError:
        limit = MAX_PREVIOUS_REPORT_BYTES // 1_000_000
        return InputError(file, f"is larger than {limit} MB", f"is it a gapcheck report? {_ADVICE}")

    raw = read_regular_file(path, MAX_PREVIOUS_REPORT_BYTES, too_big, _ADVICE)
    data = _parse(raw, name)
    return _previous(data, name)


def _parse(raw: bytes, name: str) -> Mapping[str, Any]:
    if raw.lstrip()[:1] == b"<":
        raise InputError(name, "is an HTML report", f"--since needs the JSON one: {_ADVICE}")

    def refuse_constant(token: str) -> float:
        raise ValueError(token)

    try:
        data = json.loads(raw.decode("utf-8-sig"), parse_constant=refuse_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise InputError(name, "is not a gapcheck JSON report (not valid JSON)", _ADVICE) from None
    if not isinstance(data, dict) or "gapcheck_version" not in data:
        raise InputError(name, "is not a gapcheck JSON report", _ADVICE)
    schema = data.get("schema_version")
    if not isinstance(schema, str) or not schema.partition(".")[0].isdigit():
        raise InputError(name, "is not a gapcheck JSON report (no schema_version)", _ADVICE)
    if schema.partition(".")[0] != READABLE_MAJOR:
        raise InputError(
            name,
            f"is written in report format {schema}, which this gapcheck cannot read",
            "compare it with the gapcheck that wrote it, or run without --since",
        )
    return data


class _Damaged(Exception):
    def __init__(self, where: str) -> None:
        super().__init__(where)
        self.where = where


def _previous(data: Mapping[str, Any], name: str) -> PreviousReport:
    try:
        names: dict[str, str] = {}
        skills = _items(data, "skills", "id", names)
        shown = frozenset(_text(s, "id") for s in skills if s.get("explicit", True) is not False)
        gaps = [g for g in _items(data, "gaps", "skill_id", names) if g.get("action") != "show"]
        taxonomy = _object(data, "taxonomy")
        target = _object(data, "target")
        postings = data.get("postings")
        job = _optional_text(target, "job")
        if isinstance(postings, dict) and isinstance(postings.get("count"), int):
            job = f"{postings['count']} postings"
        return PreviousReport(
            source=name,
            generated_on=_text(data, "generated_on"),
            gapcheck_version=_text(data, "gapcheck_version"),
            taxonomy_key=taxonomy_key(_text(taxonomy, "version"), _text(taxonomy, "as_of")),
            role=_text(target, "role"),
            level=_text(target, "level"),
            job=job,
            score=_number(_object(data, "score"), "value"),
            shown=shown,
            learn_gaps=tuple(dict.fromkeys(_text(g, "skill_id") for g in gaps)),
            certifications=tuple(
                _text(c, "id") for c in _items(data, "certifications_held", "id", names)
            ),
            picks=tuple(_text(c, "id") for c in _items(data, "certifications", "id", names)),
            names=tuple(sorted(names.items())),
        )
    except _Damaged as damaged:
        raise InputError(
            name,
            f"is a damaged gapcheck report ({damaged.where} is missing or not as written)",
            "write it again with gapcheck --format json, or run without --since",
        ) from None


def _object(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise _Damaged(key)
    return value


def _items(
    data: Mapping[str, Any], key: str, id_key: str, names: dict[str, str]
) -> list[Mapping[str, Any]]:
    """The objects of the list `key`, each with a text `id_key`; their names collected."""
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise _Damaged(key)
    for item in value:
        identifier = _text(item, id_key, where=key)
        label = item.get("name")
        names.setdefault(identifier, label if isinstance(label, str) and label else identifier)
    return value


def _text(data: Mapping[str, Any], key: str, where: str = "") -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise _Damaged(f"{where}.{key}" if where else key)
    return value


def _optional_text(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise _Damaged(key)
    return value


def _number(data: Mapping[str, Any], key: str) -> float:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise _Damaged(f"score.{key}")
    return float(value)
