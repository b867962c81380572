"""Who a resume belongs to, found by detection rather than by position, for `--redact`.

The person's name is looked for wherever resumes put it: the top lines (skipping headings
such as "CURRICULUM VITAE" or a job title, preferring the largest type), "Name:" fields,
signature lines ("Sincerely, Jane Doe"), the e-mail address ("jane.doe@" gives Jane and
Doe), profile handles (github.com/janedoe), and the person's own file and folder names.
Everything is compared in folded form (`fold`): lower case, accents dropped, so "Tomás"
is found as "tomas" and "TOMAS" alike.

An `Identity` holds what was found: full names (matched as a whole, also in gapcheck's own
text) and single words (each matched alone in text that may quote the person's files), plus
the contact lines of the resume, where any run of digits is taken for a phone number.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePosixPath

from gapcheck.batch.phones import has_digit_run
from gapcheck.records import Document, Line, Section

TOP_LINES = 8  # lines at the top of a resume that may hold the name
SIGNATURE_LINES = 6  # lines at the end of a document that may hold a signature


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Letters that NFKD does not take apart; the rest lose their accents by decomposition.
_SPECIAL = {
    "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ł": "l", "Ł": "l",
    "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th", "ı": "i", "ß": "ss",
    "ẞ": "ss", "’": "'", "‘": "'",
}  # fmt: skip

# Words that make a line a heading or a job title, not a name (folded).
_HEADING_WORDS = _set(
    "resume resumes cv curriculum vitae vita bio biodata profile summary contact contacts "
    "objective experience education skills projects publications references about personal "
    "details information info cover letter portfolio page confidential updated career "
    "professional overview history employment languages interests awards certifications "
    "courses training volunteering hobbies achievements qualifications competencies email "
    "phone mobile address website linkedin github"
)
_TITLE_WORDS = _set(
    "engineer engineering scientist science sciences developer development analyst analytics "
    "manager management lead senior junior principal staff chief director consultant "
    "intern internship student graduate undergraduate researcher research specialist architect "
    "designer officer assistant associate professor lecturer software hardware data machine "
    "learning deep ml ai artificial intelligence stack frontend backend devops mlops cloud "
    "product project program programmer technical technician administrator coordinator "
    "executive founder cofounder ceo cto cfo vp president partner fellow postdoc postdoctoral "
    "candidate applicant teacher nurse python java web mobile ios android security "
    "quantitative quant statistician statistics computer vision nlp language natural "
    "processing experienced aspiring certified freelance freelancer remote contract team "
    "systems system technology business operations marketing sales finance financial "
    "accountant writer editor phd student mlops infrastructure platform reliability site "
    "university college school institute inc ltd llc gmbh corp company"
)
# Words never taken for a name from file names or e-mail addresses (folded).
_GENERIC = _HEADING_WORDS | _set(
    "final draft new old latest copy version pdf docx doc txt md html readme application "
    "person people mail hello hi jobs job careers me admin office support inbox the and my "
    "of en english mailbox noreply contactme hire hireme apply recruit recruiting http https "
    "www com org net io username yourname user name firstname lastname example"
)
_PARTICLES = _set(
    "van von de der den da das do dos du del della di la le el al bin binti ibn ten ter y e "
    "st zu af"
)
_HONORIFICS = _set("dr mr mrs ms miss mx prof sir dame herr frau mme mlle sr sra dott")
_SUFFIXES = _set(
    "phd md mba msc bsc mphil dphil beng meng jr sr ii iii iv cpa pmp cfa mph esq mres"
)

_LEAD = re.compile(
    r"^\s*(?:curriculum\s+vitae|r[eé]sum[eé]|cv|bio(?:data)?)\b\s*(?:of\b|[:|–—-])?\s*", re.I
)
_TAIL = re.compile(r"(?:['’]s)?\s*[:|–—-]?\s*(?:curriculum\s+vitae|r[eé]sum[eé]|cv)\s*$", re.I)
# Where a name ends on its line: a separator, a contact word, a number ("Jane Doe Email: ...").
_CUT = re.compile(
    r"\s*(?:[|•·,;(\[<>\t/:@♦◆]|\s[-–—]\s|[-–—]{2}|\s{2,}|\s(?=[+\d])"
    r"|\s(?=(?i:e-?mail|phone|mobile|tel|linkedin|github|website|portfolio)\b))\s*"
)
_LAST_FIRST = re.compile(
    r"^\s*([^\W\d_][\w'’-]*)\s*,\s*([^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’.-]*)?)\s*$"
)  # "García, Tomás"
_NAME_WORD = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*\.?$")
_FOLDED_TOKEN = re.compile(r"[^\W\d_]+")
_FIELD = re.compile(
    r"(?:^|[|•·;]\s*)(?P<key>(?:full\s+|first\s+|last\s+|family\s+|given\s+|middle\s+|sur)?name"
    r"|nom|pr[ée]nom|nombre|apellidos?|nome|cognome|vorname|nachname|naam)\s*[:：]\s*(?P<value>[^|•·;]+)",
    re.I,
)
# Fields that may hold one word of the name: "First name:", "Surname:", "Prénom:", "Nom:"...
_SINGLE_FIELDS = tuple(sorted(_set("first last family given middle sur pr vor nach ap nom")))
# A sign-off ends its line or is followed by a comma and the name; "Signed:" takes the name.
_SIGNOFF = re.compile(
    r"^\s*(?:(?:(?:yours\s+)?(?:sincerely|truly|faithfully)(?:\s+yours)?|(?:(?:best|kind|warm"
    r"|warmest)\s+)?regards|best(?:\s+wishes)?|respectfully|cheers|thank\s+you|thanks"
    r"|cordialement|mit\s+freundlichen\s+gr(?:ü|ue)(?:ß|ss)en)\s*(?:,\s*(?P<rest>.*)|[,.!]?\s*$)"
    r"|(?:signed|signature|sign[ée])\s*[,:]?\s*(?P<signed>.*)$)",
    re.I,
)
_EMAIL = re.compile(r"([\w.+'-]+)@[\w-]+(?:\.[\w-]+)+")
_HANDLE = re.compile(
    r"(?i:(?:github|gitlab|bitbucket|kaggle|huggingface|twitter|x|medium|instagram|behance"
    r"|dribbble)\.(?:com|org|co)/@?|linkedin\.com/(?:in|pub)/|(?<![\w.])in/)([\w.-]{2,})"
    r"|\b([A-Za-z0-9-]{2,})\.github\.io"
)
_HANDLE_FIELD = re.compile(
    r"\b(?i:github|gitlab|linkedin|twitter|kaggle|medium|mastodon|instagram|telegram|skype"
    r"|discord|huggingface|hugging\s+face|stack\s*overflow|behance|dribbble)\s*[:：]\s*@?([\w.-]{2,})"
)
_AT_HANDLE = re.compile(r"(?<![\w.@])@([A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,38}[A-Za-z0-9_])?)")
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    if char in _SPECIAL:
        return _SPECIAL[char]
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold_with_map(text: str) -> tuple[str, list[int] | None]:
    """`text` folded, and for each folded character the index of the one it came from
    (None when folding kept every position: plain ASCII)."""
    if text.isascii():
        return text.lower(), None
    parts: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = _fold_char(char)
        parts.append(folded)
        origin.extend([index] * len(folded))
    return "".join(parts), origin


def fold(text: str) -> str:
    return fold_with_map(text)[0]


def tokens(text: str) -> tuple[str, ...]:
    """The folded letter runs of `text`: "O'Brien-Núñez" -> ("o", "brien", "nunez")."""
    return tuple(_FOLDED_TOKEN.findall(fold(text)))


@dataclass(frozen=True)
class Identity:
    """What identifies one person, all folded: full names, single words, contact lines."""

    names: tuple[tuple[str, ...], ...] = ()  # each a name's tokens, matched as a whole
    words: tuple[str, ...] = ()  # matched alone wherever text may quote the person's files
    contact_lines: tuple[str, ...] = ()  # folded resume lines where any digit run is a phone

    def is_contact_line(self, text: str) -> bool:
        if not self.contact_lines:
            return False
        folded = " ".join(fold(text).split())
        return any(line in folded for line in self.contact_lines)


def name_in_line(text: str, *, single: bool = False) -> tuple[str, ...]:
    """The folded tokens of the person's name if `text` reads as one ("Dr. Tomás García, PhD
    | Data Scientist"), else (). `single` accepts one word (a "First name:" field)."""
    line = _TAIL.sub("", _LEAD.sub("", text.strip()))
    reordered = _LAST_FIRST.match(line)
    if reordered and fold(reordered.group(1)) not in _SUFFIXES:
        line = f"{reordered.group(2)} {reordered.group(1)}"
    words = _CUT.split(line, maxsplit=1)[0].split()
    while words and fold(words[0]).rstrip(".") in _HONORIFICS:
        words.pop(0)
    while words and fold(words[-1]).replace(".", "") in _SUFFIXES:
        words.pop()
    if not (1 if single else 2) <= len(words) <= 5:
        return ()
    found: list[str] = []
    full_words = 0
    for index, word in enumerate(words):
        folded = tokens(word)
        particle = index > 0 and fold(word) in _PARTICLES
        if not particle and word[0].islower() and len(found) >= 2:
            break  # "Connor Reed cwreed": the name ends where a lowercase handle starts
        if not _NAME_WORD.match(word) or not folded:
            return ()
        if any(t in _HEADING_WORDS or t in _TITLE_WORDS for t in folded):
            return ()
        if not particle and word[0].islower():
            return ()  # a name is capitalised (or written in a script without case)
        full_words += sum(1 for t in folded if len(t) >= 2 and not particle)
        found.extend(folded)
    return tuple(found) if full_words >= 1 and len(words) >= (1 if single else 2) else ()


def _top_name(resume: Document, sections: Sequence[Section], hints: set[str]) -> tuple[str, ...]:
    """The name among the resume's first lines (those of its contact block, when it has
    one): a line sharing a word with the e-mail address, handles or file names if any
    does, else the one in the largest type (the earliest of equals)."""
    headings = {s.heading.strip() for s in sections if s.heading}
    block = {line.number for s in sections if s.kind == "header" for line in s.lines}
    top = [line for line in resume.lines[:TOP_LINES] if line.text.strip() not in headings]
    if any(line.number in block for line in top):
        top = [line for line in top if line.number in block]
    candidates: list[tuple[Line, tuple[str, ...]]] = []
    for index, line in enumerate(top):
        found = name_in_line(line.text)
        if not found and index + 1 < len(top):
            # A name set on two lines in large type: "JANE" over "DOE".
            pair = f"{line.text.strip()} {top[index + 1].text.strip()}"
            if len(line.text.split()) == 1 and len(top[index + 1].text.split()) == 1:
                found = name_in_line(pair)
        if found:
            candidates.append((line, found))
    if not candidates:
        return ()
    confirmed = [found for _, found in candidates if hints.intersection(found)]
    if confirmed:
        return confirmed[0]
    return max(candidates, key=lambda c: c[0].size)[1]  # max keeps the first of equal sizes


def _fields_and_signatures(document: Document) -> Iterable[tuple[str, ...]]:
    lines = [line.text for line in document.lines]
    for text in lines:
        for field in _FIELD.finditer(text):
            key = field.group("key").lower()
            found = name_in_line(field.group("value"), single=key.startswith(_SINGLE_FIELDS))
            if found:
                yield found
    end = max(0, len(lines) - SIGNATURE_LINES)
    for index in range(end, len(lines)):
        signoff = _SIGNOFF.match(lines[index])
        if not signoff:
            continue
        rest = (signoff.group("rest") or signoff.group("signed") or "").strip()
        following = [rest] if rest else [t for t in lines[index + 1 : index + 3] if t.strip()]
        for text in following:
            found = name_in_line(text)
            if found:
                yield found
                break


def _email_words(lines: Sequence[Line]) -> list[str]:
    """Words of the person's e-mail addresses: those of the contact block, or the first."""
    words: list[str] = []
    for line in lines:
        for match in _EMAIL.finditer(line.text):
            local = match.group(1).split("+")[0]
            words.extend(t for t in tokens(local) if t not in _GENERIC and t not in _TITLE_WORDS)
    return words


def _handle_words(lines: Sequence[Line]) -> list[str]:
    words: list[str] = []
    for line in lines:
        found = [m.group(1) or m.group(2) for m in _HANDLE.finditer(line.text)]
        found += [m.group(1) for m in _HANDLE_FIELD.finditer(line.text)]
        if _EMAIL.search(line.text) or _DIGIT.search(line.text):
            found += [m.group(1) for m in _AT_HANDLE.finditer(_EMAIL.sub(" ", line.text))]
        for handle in found:
            words.extend(t for t in tokens(handle) if t not in _GENERIC and t not in _TITLE_WORDS)
    return words


def hint_words(hints: Sequence[str]) -> list[str]:
    """Words of the person's own file and folder names that are no dictionary words."""
    from gapcheck.detection.words import ordinary_words

    ordinary = ordinary_words()
    words: list[str] = []
    for hint in hints:
        for part in PurePosixPath(hint.replace("\\", "/")).parts:
            words.extend(
                t
                for t in tokens(part)
                if len(t) >= 3 and t not in _GENERIC and t not in _TITLE_WORDS and t not in ordinary
            )
    return words


def _contact_block(resume: Document, sections: Sequence[Section]) -> list[Line]:
    """The resume's first lines and those of its contact sections, in order."""
    numbers = {line.number for line in resume.lines[:TOP_LINES]}
    numbers.update(line.number for s in sections if s.kind == "header" for line in s.lines)
    return [line for line in resume.lines if line.number in numbers]


def _contact_lines(block: Sequence[Line]) -> tuple[str, ...]:
    """The contact block's lines that hold a run of digits as long as a phone number's."""
    found = {" ".join(fold(line.text).split()) for line in block if has_digit_run(line.text)}
    return tuple(sorted(found))


def identify(documents: Sequence[Document], hints: Sequence[str] = ()) -> Identity:
    """The identity of the person whose resume is `documents[0]` (the rest: portfolio).

    `hints` are the person's own labels and file names ("Tomás García/cv.pdf")."""
    from gapcheck.sections.split import split_sections

    if not documents:
        return identity_from_names((), hint_words(hints))
    resume = documents[0]
    sections = split_sections(resume)
    block = _contact_block(resume, sections)
    first_email = [line for line in resume.lines if _EMAIL.search(line.text)][:1]
    email_words = _email_words(block) or _email_words(first_email)
    side_words = [*email_words, *_handle_words(block), *hint_words(hints)]
    names: list[tuple[str, ...]] = []
    top = _top_name(resume, sections, set(side_words))
    if top:
        names.append(top)
    for document in documents:
        names.extend(_fields_and_signatures(document))
    if len(email_words) >= 2 and not names:
        names.append(tuple(email_words))  # jane.doe@ and no name line: the name is Jane Doe
    return identity_from_names(names, side_words, _contact_lines(block))


def identity_from_names(
    names: Iterable[Sequence[str]], words: Iterable[str] = (), contact_lines: Sequence[str] = ()
) -> Identity:
    full = sorted({tuple(n) for n in names if len(n) >= 2}, key=lambda n: (-len(n), n))
    single = {
        t
        for name in names
        for i, t in enumerate(name)
        if len(t) >= 2 and (i == 0 or t not in _PARTICLES)
    }
    single.update(w for w in words if len(w) >= 2 and w not in _PARTICLES)
    return Identity(
        names=tuple(full),
        words=tuple(sorted(single, key=lambda w: (-len(w), w))),
        contact_lines=tuple(contact_lines),
    )


def identity_from_name_line(name_line: str) -> Identity:
    """An identity from a known name line: the line as a whole and its words."""
    found = name_in_line(name_line) or tokens(name_line)
    return identity_from_names([found] if found else [])


def contact_name_line(resume: Document) -> str:
    """The first line of the resume's header section (usually the person's name), or ''."""
    from gapcheck.sections.split import split_sections

    for section in split_sections(resume):
        if section.kind == "header" and section.lines:
            return section.lines[0].text
    first: str = resume.lines[0].text if resume.lines else ""
    return first
