"""`--redact`: remove contact details from an Analysis before anything is rendered.

Redacting the records rather than the rendered text covers every output at once (HTML,
JSON, CSV, cohort view). Removed: e-mail addresses, phone numbers, URLs (with or without
a scheme, e.g. github.com/someone) and the name line of the contact block (the header
section's first line), the latter both as a whole and word by word wherever text from
the person's files may appear (snippets, headings, file names, warnings, reasons).

Identifiers and taxonomy names (skill ids, categories, certification names...) are left
alone: they come from gapcheck's own data, not from the person, and the report needs
them intact to link things up.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from gapcheck.records import Analysis, Document, Evidence

EMAIL = "[email]"
PHONE = "[phone]"
URL = "[link]"
NAME = "[name]"

_EMAIL_RE = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# Top-level domains common on resumes; a bare "host.tld/..." needs one of them, in lower
# case, so that "Node.js" or "ASP.NET" are not taken for links.
_TLDS = (
    "com|org|net|io|dev|ai|me|co|edu|gov|info|app|page|site|xyz|tech|blog|ly|gg|uk|us|de|fr|es|"
    "it|nl|in|ca|au|br|ch|se|no|fi|pl|ru|cn|jp|eu"
)
_URL_RE = re.compile(
    r"(?:\b(?i:https?|ftp)://|\b(?i:www)\.)[^\s<>\"')\]]+"
    rf"|\b[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.(?:{_TLDS})\b(?:/[^\s<>\"')\]]*)?"
)
# Phone numbers: optional +country code, then groups of digits with separators; at
# least 7 digits in all, so years ("2019-2021") and version numbers do not match.
_PHONE_RE = re.compile(
    r"(?<![\w.])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]\d{2,4}){1,4}(?![\w.])"
)
_DIGIT = re.compile(r"\d")

# Fields holding gapcheck's own identifiers or taxonomy text: never rewritten.
_ID_FIELDS = frozenset(
    {
        "id",
        "skill_id",
        "category",
        "stage",
        "via",
        "method",
        "kind",
        "role",
        "level",
        "band",
        "status",
        "status_date",
        "provider",
        "exam_code",
        "gapcheck_version",
        "taxonomy_version",
        "taxonomy_as_of",
        "generated_on",
        "engine",
        "layout",
        "emphasis",
        "covers",
        "named_by",
        "blocks",
        "required",
        "preferred",
        "missing_required",
        "missing_preferred",
        "url",
        "section",
        "role_name",
        "stage_name",
    }
)
# Fields holding gapcheck's own wording about skills: the name line goes there only as a
# whole (a person called Ada must not lose the Ada language); all other text may quote
# the person's files (snippets, headings, file names, reasons) and loses the name's words.
_TAXONOMY_TEXT_FIELDS = frozenset({"name", "hint", "advice", "covers_names", "aliases"})


def _is_phone(match: re.Match[str]) -> bool:
    digits = len(_DIGIT.findall(match.group(0)))
    text = match.group(0)
    looks_like_years = re.fullmatch(r"(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d", text) is not None
    return digits >= 7 and not looks_like_years


def redact_text(text: str, name_line: str = "", personal: bool = True) -> str:
    """`text` without e-mails, URLs, phone numbers and (when `personal`) the name's words."""
    text = _EMAIL_RE.sub(EMAIL, text)
    text = _URL_RE.sub(URL, text)
    text = _PHONE_RE.sub(lambda m: PHONE if _is_phone(m) else m.group(0), text)
    name = name_line.strip()
    if name:
        text = text.replace(name, NAME)
        if personal:
            for word in _name_words(name):
                text = re.sub(
                    rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", NAME, text, flags=re.IGNORECASE
                )
    return text


def _name_words(name: str) -> list[str]:
    # Words of two letters or more; initials alone identify nobody and would eat every "A".
    words = {w for w in re.split(r"[\W_]+", name) if len(w) >= 2 and not w.isdigit()}
    return sorted(words, key=lambda w: (-len(w), w))


def _redact_value(value: Any, field_name: str, name_line: str) -> Any:
    if isinstance(value, str):
        if field_name in _ID_FIELDS:
            return value
        return redact_text(value, name_line, personal=field_name not in _TAXONOMY_TEXT_FIELDS)
    if isinstance(value, tuple):
        return tuple(_redact_value(item, field_name, name_line) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _redact_record(value, name_line)
    return value


def _redact_record(record: Any, name_line: str) -> Any:
    changes = {
        f.name: _redact_value(getattr(record, f.name), f.name, name_line)
        for f in dataclasses.fields(record)
    }
    redacted = dataclasses.replace(record, **changes)
    if isinstance(redacted, Evidence):
        redacted = _realign(redacted)
    return redacted


def _realign(evidence: Evidence) -> Evidence:
    """Keep snippet[start:end] == matched after the snippet's length changed."""
    if evidence.snippet[evidence.start : evidence.end] == evidence.matched:
        return evidence
    position = evidence.snippet.find(evidence.matched) if evidence.matched else -1
    if position < 0:
        return dataclasses.replace(evidence, matched="", start=0, end=0)
    return dataclasses.replace(evidence, start=position, end=position + len(evidence.matched))


def redact_analysis(analysis: Analysis, name_line: str = "") -> Analysis:
    """A copy of `analysis` with contact details replaced by placeholders in every text field."""
    redacted: Analysis = _redact_record(analysis, name_line)
    return redacted


def contact_name_line(resume: Document) -> str:
    """The first line of the resume's header section (usually the person's name), or ''."""
    from gapcheck.sections.split import split_sections

    for section in split_sections(resume):
        if section.kind == "header" and section.lines:
            return section.lines[0].text
    first: str = resume.lines[0].text if resume.lines else ""
    return first
