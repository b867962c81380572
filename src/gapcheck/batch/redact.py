"""`--redact`: remove contact details from an Analysis before anything is rendered.

Redacting the records rather than the rendered text covers every output at once (HTML,
JSON, CSV, cohort view). Removed, by detection rather than by position:

- e-mail addresses (also written "jane [at] example [dot] com");
- links: URLs with or without a scheme (github.com/someone, janedoe.design), profile
  handles after "GitHub:", "LinkedIn:" and the like, and "@handles" in contact lines;
- phone numbers in national and international formats (`gapcheck.batch.phones`);
- the person's name (`gapcheck.batch.identity`): as a whole wherever it occurs, and word
  by word, accents and case folded, wherever text from the person's files may appear
  (snippets, headings, warnings, reasons);
- the names of the person's files: the resume becomes "resume.pdf", portfolio files
  "portfolio-1.md", ... in order.

Identifiers and taxonomy names (skill ids, categories, certification names...) are left
alone: they come from gapcheck's own data, not from the person, and the report needs
them intact to link things up. Batch labels are replaced by "Person 01"... (`naming`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import PurePosixPath
from typing import Any

from gapcheck.batch.identity import (
    Identity,
    contact_name_line,
    fold_with_map,
    hint_words,
    identify,
    identity_from_name_line,
    identity_from_names,
)
from gapcheck.batch.outputs import OutputFolder
from gapcheck.batch.phones import MIN_DIGITS, has_contact_words, redact_phones
from gapcheck.records import Analysis, DocumentSummary, Evidence

__all__ = [
    "EMAIL",
    "NAME",
    "PHONE",
    "URL",
    "Identity",
    "contact_name_line",
    "identify",
    "redact_analysis",
    "redact_failure",
    "redact_text",
    "remove_unlisted",
]

EMAIL = "[email]"
PHONE = "[phone]"
URL = "[link]"
NAME = "[name]"
FILE = "[file]"
MEMO_SIZE = 50_000  # texts remembered per person (snippets repeat across records)

_AT = r"(?:\s*(?:\[at\]|\(at\)|\{at\}|<at>)\s*|@)"
_DOT = r"(?:\s*(?:\[dot\]|\(dot\)|\{dot\}|<dot>)\s*|\.)"
_EMAIL_RE = re.compile(rf"[\w.+'-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)+", re.UNICODE | re.IGNORECASE)
# Top-level domains common on resumes and personal sites; a bare "host.tld/..." needs one
# of them, in lower case, so that "Node.js" or "ASP.NET" are not taken for links.
_TLDS = (
    "com|org|net|io|dev|ai|me|co|edu|gov|info|app|page|site|xyz|tech|blog|ly|gg|uk|us|de|fr|es|"
    "it|nl|in|ca|au|br|ch|se|no|fi|pl|ru|cn|jp|eu|design|studio|art|photography|photo|cloud|"
    "online|live|space|pro|name|works|codes|tv|ie|be|dk|nz|sg|mx|za|link|email|website|"
    "portfolio|world|digital|one|work|cv|bio|academy|science|engineer|software|data"
)
_URL_RE = re.compile(
    r"(?:\b(?i:https?|ftp)://|\b(?i:www)\.)[^\s<>\"')\]]+"
    rf"|\b[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.(?:{_TLDS})\b(?:/[^\s<>\"')\]]*)?"
)
# A handle after the name of a network: "GitHub: janedoe", "LinkedIn - in/jane-doe".
_PROFILE_RE = re.compile(
    r"(\b(?i:github|gitlab|bitbucket|linkedin|twitter|kaggle|medium|mastodon|instagram|telegram"
    r"|skype|discord|huggingface|hugging\s+face|stack\s*overflow|behance|dribbble|orcid"
    r"|google\s+scholar|researchgate)\s*[:：]\s*)@?[\w][\w.\-/]*"
    r"|(?<![\w.])in/[\w-]{2,}"
)
_DIGIT = re.compile(r"\d")
_AT_HANDLE_RE = re.compile(r"(?<![\w.@\[])@[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,38}[A-Za-z0-9_])?")

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
        "action",
    }
)
# Fields holding gapcheck's own wording about skills: the name goes there only as a whole
# (a person called Ada must not lose the Ada language); all other text may quote the
# person's files (snippets, headings, file names, reasons) and loses the name's words.
_TAXONOMY_TEXT_FIELDS = frozenset({"name", "hint", "advice", "covers_names", "aliases"})
_NEUTRAL_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,5}")
_JOIN = r"[\s'’.]*"  # between the words of a name: "Jane Doe", "JaneDoe", "O'Brien", "J. Doe"
_LETTER_BEFORE = r"(?<![^\W\d_])(?<!\[)"
_LETTER_AFTER = r"(?![^\W\d_])(?!\])"


class Redactor:
    """Redacts the texts of one person: their identity, and their files' neutral names."""

    def __init__(self, identity: Identity, renames: dict[str, str] | None = None) -> None:
        self.identity = identity
        self.renames = renames or {}
        self._files = _alternation([re.escape(name) for name in self.renames], r"(?<![\w.-])")
        names = [_JOIN.join(re.escape(t) for t in name) for name in identity.names]
        initials = [
            f"{re.escape(name[0][0])}[.]?{re.escape(name[-1])}"
            for name in identity.names
            if len(name[-1]) >= 3
        ]
        words = [re.escape(w) for w in identity.words]
        self._whole = _alternation(names, _LETTER_BEFORE, _LETTER_AFTER)
        self._personal = _alternation([*names, *initials, *words], _LETTER_BEFORE, _LETTER_AFTER)
        self._memo: dict[tuple[str, bool], str] = {}

    def text(self, text: str, personal: bool = True) -> str:
        key = (text, personal)
        if key not in self._memo:
            if len(self._memo) > MEMO_SIZE:
                self._memo.clear()
            self._memo[key] = self._redact(text, personal)
        return self._memo[key]

    def _redact(self, text: str, personal: bool) -> str:
        if self._files is not None:
            text = self._files.sub(lambda m: self.renames.get(m.group(0), FILE), text)
        # A contact line (e-mail, link, "Phone:", or a line of the contact block) has any
        # long digit run taken for a phone and any @handle for a profile; only digits and
        # "@" make the question worth asking.
        digits = len(_DIGIT.findall(text)) >= MIN_DIGITS
        contact = (digits or "@" in text) and (
            has_contact_words(text)
            or _EMAIL_RE.search(text) is not None
            or _URL_RE.search(text) is not None
            or self.identity.is_contact_line(text)
        )
        text = _EMAIL_RE.sub(EMAIL, text)
        text = _URL_RE.sub(URL, text)
        text = _PROFILE_RE.sub(lambda m: (m.group(1) or "") + URL, text)
        if contact:
            text = _AT_HANDLE_RE.sub(URL, text)
        if digits:
            text = redact_phones(text, PHONE, contact)
        pattern = self._personal if personal else self._whole
        return _replace_folded(text, pattern, NAME) if pattern is not None else text


def _alternation(
    parts: Sequence[str], before: str = "", after: str = r"(?![\w-])"
) -> re.Pattern[str] | None:
    if not parts:
        return None
    ordered = sorted(set(parts), key=lambda p: (-len(p), p))
    return re.compile(f"{before}(?:{'|'.join(ordered)}){after}")


def _replace_folded(text: str, pattern: re.Pattern[str], placeholder: str) -> str:
    """Replace what `pattern` (written in folded form) matches in folded `text`."""
    folded, origin = fold_with_map(text)
    spans = [(m.start(), m.end()) for m in pattern.finditer(folded) if m.end() > m.start()]
    if not spans:
        return text
    for start, end in reversed(spans):
        if origin is not None:
            start, end = origin[start], origin[end - 1] + 1
            while end < len(text) and fold_with_map(text[end])[0] == "":
                end += 1  # a combining accent after the last letter goes with it
        text = text[:start] + placeholder + text[end:]
    return text


def _identity(identity: Identity | str) -> Identity:
    return identity_from_name_line(identity) if isinstance(identity, str) else identity


@lru_cache(maxsize=8)
def _redactor(identity: Identity) -> Redactor:
    return Redactor(identity)


def redact_text(text: str, identity: Identity | str = "", personal: bool = True) -> str:
    """`text` without e-mails, links, phone numbers and the person's name (as a whole, and
    when `personal` word by word). `identity` may be a name line ("Ada Lovelace")."""
    return _redactor(_identity(identity)).text(text, personal)


def neutral_document_names(documents: Sequence[DocumentSummary]) -> dict[str, str]:
    """Each file name of the person's: the resume "resume.pdf", the rest "portfolio-1.md"..."""
    renames: dict[str, str] = {}
    count = 0
    for document in documents:
        if document.source in renames or not document.source:
            continue
        suffix = PurePosixPath(document.source).suffix.lower()
        suffix = suffix if _NEUTRAL_SUFFIX.fullmatch(suffix) else ""
        if document.role == "resume" and "resume" + suffix not in renames.values():
            renames[document.source] = "resume" + suffix
        else:
            count += 1
            renames[document.source] = f"portfolio-{count}{suffix}"
    return renames


def _redact_value(value: Any, field_name: str, redactor: Redactor) -> Any:
    if isinstance(value, str):
        if field_name in _ID_FIELDS:
            return value
        return redactor.text(value, personal=field_name not in _TAXONOMY_TEXT_FIELDS)
    if isinstance(value, (tuple, list)):
        return type(value)(_redact_value(item, field_name, redactor) for item in value)
    if isinstance(value, dict):
        return {
            _redact_value(k, field_name, redactor): _redact_value(v, field_name, redactor)
            for k, v in value.items()
        }
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _redact_record(value, redactor)
    return value


def _redact_record(record: Any, redactor: Redactor) -> Any:
    changes = {
        f.name: _redact_value(getattr(record, f.name), f.name, redactor)
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


def redact_analysis(analysis: Analysis, identity: Identity | str = "") -> Analysis:
    """A copy of `analysis` with contact details replaced by placeholders in every text field
    and the person's file names by neutral ones. `identity` may be a name line."""
    redactor = Redactor(_identity(identity), neutral_document_names(analysis.documents))
    redacted: Analysis = _redact_record(analysis, redactor)
    return redacted


def redact_failure(error: str, hints: Sequence[str]) -> str:
    """A failure's reason without the person's paths, file and folder names or contact
    details; `hints` are the label and paths of the person's files (no resume was read)."""
    parts = {p for hint in hints for p in PurePosixPath(hint.replace("\\", "/")).parts}
    literals = sorted(
        (p for p in {*hints, *parts} if len(p) >= 3 and p != "/"), key=lambda p: (-len(p), p)
    )
    for literal in literals:
        error = error.replace(literal, FILE)
    error = re.sub(r"(?:[A-Za-z]:)?(?:[\\/][^\s\\/'\"]+){2,}", FILE, error)  # any other path
    return redact_text(error, identity_from_names((), hint_words(hints)))


def remove_unlisted(output: OutputFolder, folders: Sequence[str], keep: set[str]) -> None:
    """Delete the reports (.html) and state records (.json) in `folders` whose stem is not
    one of `keep`'s: under --redact, files an earlier run named after people."""
    stems = {PurePosixPath(name).stem for name in keep}
    for relative in folders:
        folder = output.path(relative)
        if not folder.is_dir() or folder.is_symlink():
            continue
        for item in folder.iterdir():
            if (
                item.suffix in (".html", ".json")
                and item.stem not in stems
                and item.is_file()
                and not item.is_symlink()
            ):
                item.unlink(missing_ok=True)
