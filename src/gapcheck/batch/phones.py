"""Phone numbers in resume text, in every common national and international format.

Candidates are runs of digits joined by what phone numbers are written with: spaces, dots,
dashes, slashes and parentheses, with an optional "+" in front ("+44 (0)20 7946 0958",
"0151/23456789", "(555) 123-4567", "5551234567"). A candidate is a phone number when

- it starts with "+" or "00" (international), or
- it stands in a contact line (one with an e-mail, a link, a word such as "Phone" or "Tel",
  or a line of the resume's contact block): any run of 7 to 17 digits there, or
- elsewhere, it is shaped like a phone rather than a quantity, and the `phonenumbers`
  library finds it a possible number in one of the common regions; a run without
  separators needs 10 to 15 digits (or a leading 0, the national trunk prefix).

Never phones: years and year ranges ("2019-2021", "2019 – 2021"), dates ("15.01.2020",
"01/2020 - 03/2023", "20200115"), and outside contact lines amounts ("1 200 000",
"1.200.000"), decimals ("3.14159265"), grades ("9.439/10.0"), version numbers, IP
addresses, DOIs and numbers after ISBN or arXiv.
Runs too long for one number are split where `phonenumbers` finds numbers inside them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers

REGIONS = ("US", "GB", "DE", "FR", "IN", "CA", "AU", "ES", "IT", "NL", "IE", "CH", "BR", "SG")
MIN_DIGITS = 7  # a local number without area code
MAX_DIGITS = 17  # E.164 allows 15; "00" and a "(0)" add two

_SEP = "[ \t\u00a0.\\-/\u2010-\u2013]"
_ATOM = r"(?:\d+|\(\s?\+?\d{1,5}\s?\))"
# No two plain digit runs meet without a separator, so matching never backtracks badly.
_CANDIDATE = re.compile(
    r"(?:(?<![\d+])\+\s?|(?<![\w+/$€£¥.]))"
    rf"{_ATOM}(?:(?:{_SEP}{{1,3}}|(?<=\))|(?=\())\s?{_ATOM})*"
    r"(?![\w%])"
)
_DIGITS = re.compile(r"\d+")
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"(?:19|20)\d\d")
_THOUSANDS = re.compile(r"[1-9]\d{0,2}([ .\u00a0'])\d{3}(?:\1\d{3})*")
_IP = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
_DECIMAL = re.compile(r"\d+\.\d+")
_VERSION = re.compile(r"\d+(?:\.\d+)*\.\d(?:\.\d+)+|\d+\.\d(?:\.\d+)*")  # 1.2.3.4567
_DOI = re.compile(r"10\.\d{4,9}/")
_RATIO = re.compile(r"\d{1,3}(?:\.\d+)?\s?/\s?\d{1,3}(?:\.\d+)?")  # a grade: 9.439/10.0
_REFERENCE = re.compile(r"(?i:isbn|issn|doi|arxiv|pmid|pmcid|patent|zip|postcode)[\s:#.-]*$")
_CONTACT_WORDS = re.compile(
    r"(?i:\b(?:phone|tel|telephone|t[ée]l[ée]phone|telefon|mobile?|mob|cell|handy|fax|whatsapp"
    r"|contact|call|sms|portable|m|t|p)\b\s*[.:#]?\s*(?:\+|\(?\d))|[☎📞📱✆]"
)


def has_contact_words(text: str) -> bool:
    return _CONTACT_WORDS.search(text) is not None


def has_digit_run(text: str) -> bool:
    """Whether `text` holds a run of digits as long as a phone number's, dates aside."""
    for match in _CANDIDATE.finditer(text):
        groups = _DIGITS.findall(match.group(0))
        if len("".join(groups)) >= MIN_DIGITS and not _is_date_like(groups):
            return True
    return False


def _is_date_like(groups: list[str]) -> bool:
    """Years, year ranges and dates: every group a year, or a year with months and days."""
    years = [g for g in groups if len(g) == 4 and _YEAR.fullmatch(g)]
    if not years:
        if len(groups) == 1 and len(groups[0]) == 8 and _YEAR.match(groups[0]):
            month, day = int(groups[0][4:6]), int(groups[0][6:])
            return 1 <= month <= 12 and 1 <= day <= 31  # 20200115
        return False
    return all(len(g) <= 2 or g in years for g in groups)


def _is_quantity(candidate: str) -> bool:
    return (
        _THOUSANDS.fullmatch(candidate) is not None
        or _IP.fullmatch(candidate) is not None
        or _DECIMAL.fullmatch(candidate) is not None
        or _VERSION.fullmatch(candidate) is not None
        or ("." in candidate and _RATIO.fullmatch(candidate) is not None)
    )


def _possible(candidate: str) -> bool:
    """Whether `phonenumbers` takes the candidate for a possible number in a common region."""
    for region in REGIONS:
        try:
            number = phonenumbers.parse(candidate, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_possible_number(number):
            return True
    return False


def _inner_numbers(text: str, start: int) -> Iterator[tuple[int, int]]:
    """Numbers `phonenumbers` finds inside a run too long for one number."""
    found: set[tuple[int, int]] = set()
    for region in REGIONS[:5]:
        for match in phonenumbers.PhoneNumberMatcher(
            text, region, leniency=phonenumbers.Leniency.POSSIBLE
        ):
            groups = _DIGITS.findall(match.raw_string)
            if len("".join(groups)) >= MIN_DIGITS and not _is_date_like(groups):
                found.add((start + match.start, start + match.end))
    yield from sorted(found)


def _is_phone(candidate: str, groups: list[str], contact: bool) -> bool:
    digits = "".join(groups)
    count = len(digits)
    if count < MIN_DIGITS:
        return False
    if candidate.startswith("+") or (digits.startswith("00") and count >= 9):
        return count <= MAX_DIGITS or contact
    if _is_date_like(groups):
        return False
    if contact:
        return True
    if count > MAX_DIGITS or _is_quantity(candidate):
        return False
    if len(groups) == 1:  # no separators: 5551234567, 01511234567
        if digits.endswith("0000"):
            return False  # a round amount
        return (10 <= count <= 15 or digits.startswith("0")) and _possible(digits)
    return _possible(candidate)


def phone_spans(text: str, contact: bool = False) -> list[tuple[int, int]]:
    """Where the phone numbers in `text` are; `contact`: the text is a contact line."""
    if len(_DIGIT.findall(text)) < MIN_DIGITS:
        return []
    contact = contact or has_contact_words(text)
    spans: list[tuple[int, int]] = []
    for match in _CANDIDATE.finditer(text):
        candidate = match.group(0).strip()
        start = match.start() + match.group(0).index(candidate[0])
        groups = _DIGITS.findall(candidate)
        before = text[max(0, start - 16) : start]
        if not contact and (_REFERENCE.search(before) or _DOI.match(candidate)):
            continue  # ISBN 978-3-16-148410-0, doi 10.1145/3292500.3330701
        if _is_phone(candidate, groups, contact):
            spans.append((start, start + len(candidate)))
        elif len("".join(groups)) > MAX_DIGITS and not _is_date_like(groups):
            spans.extend(_inner_numbers(candidate, start))
    return spans


def redact_phones(text: str, placeholder: str, contact: bool = False) -> str:
    for start, end in reversed(phone_spans(text, contact)):
        text = text[:start] + placeholder + text[end:]
    return text
