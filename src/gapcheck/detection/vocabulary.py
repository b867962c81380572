"""Every term of the taxonomy, its spelling variants, and the matchers built from them.

Each skill contributes its name (method "exact"), its aliases and narrower terms (method
"alias") and its ambiguity rules; each certification its name, aliases and exam code.
Every term is expanded into the spellings resumes use (see `spelling_variants`) and put
into one of two spaCy PhraseMatchers:

* LOWER (case-insensitive) for ordinary terms: "machine learning", "TensorFlow";
* ORTH (case-sensitive) for acronyms and case-sensitive ambiguity rules, because "REST",
  "CV" or "ANN" written in lowercase are the words rest, cv and Ann.

Each term also gets a casing class that decides how much context it needs:

    plain      counts wherever it matches ("PyTorch", "data pipelines")
    acronym    counts in capitals ("AWS", "CNNs") or as written ("ViT", "NeRF": short
               names with a capital inside); in an all-capitals line an acronym that is
               also an English word ("BE", "REST") needs context. Dotted abbreviations
               ("B.S.", "Ph.D.") are plain: "b.s." in lowercase is the same degree.
    word       a name that is also an ordinary English word ("Python", "Spark", "Swift"):
               counts as written or in capitals; in lowercase, at the start of a sentence
               or in an all-capitals line it needs context (see ambiguity.py). A lowercase
               alias of such a name ("python") is the same word. Field and activity nouns
               and plurals ("Statistics", "Clustering", "Spreadsheets") are plain: their
               capital is only sentence case.
    ambiguous  the taxonomy's ambiguity rules ("R", "Go", "Excel"), and any term of one
               letter, which gets the default rule (accepted in lists and Skills sections)
    singular   the singular the detector derives from a one-word plural the taxonomy
               writes in lowercase ("databases" -> "database", "ensembles" ->
               "ensemble"): one instance names the same skill, but a singular noun is
               often an everyday thing ("a jazz ensemble", "the client database"), so it
               counts in a list, a Skills section or beside another skill on its line.
               A singular of a rule's plural ("algorithms" -> "algorithm") keeps the rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from importlib import resources
from itertools import pairwise

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from gapcheck.detection.logical_lines import normalise
from gapcheck.detection.tokens import DocumentTokenizer, make_nlp
from gapcheck.detection.words import frequent_words, ordinary_words
from gapcheck.taxonomy.model import AmbiguityRule, Taxonomy

# A one-letter term with no rule of its own is accepted only in these contexts.
DEFAULT_LETTER_RULE_ACCEPT = ("list", "skills_section")

_SPELLING_SWAPS = (
    ("isation", "ization"),
    ("ising", "izing"),
    ("ised", "ized"),
    ("elling", "eling"),
    ("elled", "eled"),
    ("yse", "yze"),
    ("ysing", "yzing"),
)
_SIMPLE_WORDS = re.compile(r"^[\w+#.']+(?:[ -][\w+#.']+)+$")
# A short abbreviation with a capital after a small letter: "ViT", "NeRF", "LoRA".
_SHORT_CAMEL = re.compile(r"^[A-Z]+[a-z]+[A-Z]")
# A dotted abbreviation: "B.S.", "Ph.D", "M.A.Sc." (letters with a full stop between them).
_DOTTED = re.compile(r"^[A-Za-z]+(?:\.[A-Za-z]+)+\.?$")
_PARENTHESIS = re.compile(r"\s*\([^)]*\)")
_NO_NUMBER_CHANGE = ("ing", "ics", "ss", "us", "is", "ous")
# Endings of nouns that name a field or an activity ("Classification", "Statistics",
# "Clustering"): capitalised in a display name only because it starts a sentence, and
# meant as the skill in lowercase too, unlike product names ("Spark", "Flask", "Python").
_CONCEPT_SUFFIXES = (
    "tion", "tions", "sion", "sions", "ing", "ings", "ics", "ity", "ities", "ship", "ships",
    "ment", "ments", "ness", "ism", "ogy", "ance", "ence",
)  # fmt: skip


@dataclass(frozen=True)
class Term:
    """One way the taxonomy names a skill or a certification."""

    target: str  # skill or certification id
    kind: str  # "skill" or "certification"
    method: str  # "exact" (the name), "alias" (alias or narrower term), "code" (exam code)
    text: str  # the taxonomy's spelling
    casing: str  # "plain", "acronym", "word" or "ambiguous"
    rule: AmbiguityRule | None = None

    @property
    def lowercase_is_word(self) -> bool:
        return self.text.lower() in ordinary_words()


@dataclass(frozen=True)
class Candidate:
    """A term found at tokens [start, end) of a logical line, before context is judged."""

    start: int
    end: int
    term: Term


@dataclass(frozen=True)
class Block:
    """An everyday phrase at tokens [start, end); it blocks terms over [focus_start, focus_end)."""

    start: int
    end: int
    focus_start: int
    focus_end: int
    wins_ties: bool = False  # blocks a skill term exactly as long as the phrase, too


def casing_of(text: str) -> str:
    """The casing class of a term as the taxonomy spells it (see the module docstring)."""
    if len(text.strip()) == 1:
        return "ambiguous"  # "C", "R": a letter alone is a skill only in context
    letters = [c for c in text if c.isalpha()]
    if letters and not any(c.islower() for c in letters) and any(c.isupper() for c in letters):
        if _DOTTED.match(text.strip()):
            return "plain"  # "B.S.", "M.A.Sc.": no English word is spelled with those dots
        return "acronym"
    if len(letters) <= 5 and _SHORT_CAMEL.match(text):
        return "acronym"  # "ViT", "NeRF": as written, or they are other words ("VIT")
    lower = text.lower()
    if (
        " " not in text
        and any(c.isupper() for c in letters)
        and lower in ordinary_words()
        and not lower.endswith(_CONCEPT_SUFFIXES)
        and not (lower.endswith("s") and lower[:-1] in ordinary_words())  # "Spreadsheets"
    ):
        return "word"
    return "plain"


def _separator_variants(form: str) -> set[str]:
    """ "scikit-learn" -> "scikit learn", "scikitlearn"; "time series" -> "time-series"."""
    if not _SIMPLE_WORDS.match(form):
        return set()
    words = re.split(r"[ -]", form)
    if len(words) > 4:
        return set()
    variants = {" ".join(words), "-".join(words)}
    joined = "".join(words)
    if joined.isalnum() and len(joined) >= 5:
        variants.add(joined)
    return variants


_SWAP_PATTERNS = [
    (re.compile(rf"(?<=[a-z]){old}(?=s?\b)"), new)
    for british, american in _SPELLING_SWAPS
    for old, new in ((british, american), (american, british))
]


def _spelling_swaps(form: str) -> set[str]:
    """British and American spellings: "visualisation" <-> "visualization"."""
    return {pattern.sub(new, form) for pattern, new in _SWAP_PATTERNS if pattern.search(form)}


def _other_number(word: str) -> str | None:
    """The plural of a singular noun and the singular of a plural, by English spelling rules."""
    lower = word.lower()
    if not word.isalpha() or lower.endswith(_NO_NUMBER_CHANGE):
        return None
    if lower.endswith("ies") and len(lower) > 4:
        return word[:-3] + "y"
    if lower.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if lower.endswith("s"):
        return word[:-1]
    if lower.endswith("y") and len(lower) > 2 and lower[-2] not in "aeiou":
        return word[:-1] + "ies"
    if lower.endswith(("x", "ch", "sh")):
        return word + "es"
    return word + "s"


def _number_variants(form: str, casing: str) -> set[str]:
    """Singular and plural: "neural networks" <-> "neural network", "CNN" -> "CNNs".

    One-word terms change number only when they are acronyms: a single word is often a
    product or a word whose singular means something else ("pandas", "masters"), so the
    taxonomy lists both forms where both are meant.
    """
    head, _, last = form.rpartition(" ")
    if casing == "acronym":
        if last.isalpha() and last.isupper():
            return {form + "s"}
        if last.endswith("s") and last[:-1].isupper() and last[:-1].isalpha():
            return {form[:-1]}
        return set()
    if not head:
        return set()
    other = _other_number(last)
    return {f"{head} {other}"} if other is not None else set()


def spelling_variants(term: str, casing: str) -> set[str]:
    """The spellings of a term a resume may use. The term's own spelling is included."""
    base = normalise(term)[0].strip()
    forms = {base}
    if base.endswith(".") and len(base) > 2:
        forms.add(base[:-1])  # "B.S." also as "B.S"
    for form in list(forms):
        if "'" in form:
            forms.add(form.replace("'", ""))  # "Bachelor's" -> "Bachelors"
        if " - " in form:
            forms.add(form.replace(" - ", " "))  # "Learning - Specialty" -> "Learning Specialty"
    for form in list(forms):
        forms |= _separator_variants(form)
    for form in list(forms):
        forms |= _spelling_swaps(form)
    for form in list(forms):
        forms |= _number_variants(form, casing)
    return {form for form in forms if form}


def _rule_spellings(term: Term) -> set[str]:
    """A rule's term as written, and, when the rule ignores case, its British or American
    spelling ("optimisation" <-> "optimization": one rule, one cue list for both) and,
    for a term of several words, its hyphen and number variants ("neural network")."""
    base = normalise(term.text)[0].strip()
    if term.rule is None or term.rule.case_sensitive:
        return {base}
    forms = {base} | _spelling_swaps(base)
    if " " in base or "-" in base:
        forms |= spelling_variants(base, "plain")
    return forms


def spelling_swaps(text: str) -> set[str]:
    """`text` in the other spelling, British or American, when it has one."""
    return _spelling_swaps(text)


def name_terms(name: str) -> list[str]:
    """The terms a skill's display name contributes.

    "R (language)" -> ["R"]; "Docker / containerization" -> the whole and each part. A
    part that is a lone ordinary word ("ingestion" in "Data pipelines / ingestion") is too
    vague on its own and is left to the aliases.
    """
    base = _PARENTHESIS.sub("", name).strip()
    terms = [base] if base else [name]
    if " / " in base:
        for part in (p.strip() for p in base.split(" / ")):
            if part and not (
                " " not in part and part.lower() in ordinary_words() and part.islower()
            ):
                terms.append(part)
    return terms


def _blocked_phrases() -> list[str]:
    text = (resources.files("gapcheck") / "data" / "blocked_phrases.txt").read_text(
        encoding="utf-8"
    )
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


class Vocabulary:
    """All terms of one taxonomy and the matchers that find them in a tokenized line."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.nlp: Language = make_nlp()  # the terms' tokens; documents use `documents`
        self.documents = DocumentTokenizer()
        self.terms: list[Term] = []
        self._lower = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self._orth = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self._blocked = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self._block_focus: dict[int, tuple[tuple[int, int], bool]] = {}
        self.variants: dict[int, set[str]] = {}  # term index -> its spellings (for fuzzy)
        # Neighbouring words inside a term ("machine", "learning"): a name can be broken
        # between two lines only where such a pair meets (see `spans_words`).
        self.word_pairs: set[tuple[str, str]] = set()
        for term in _skill_terms(taxonomy):
            self._add(term)
        for term in _certification_terms(taxonomy):
            self._add(term)
        for phrase in _blocked_phrases():
            self._add_block(phrase)
        # What each match id (the hash of its key, "term:12") stands for, looked up once
        # here rather than decoded from the key's text on every match.
        strings = self.nlp.vocab.strings
        self._term_of_match = {
            strings[f"term:{index}"]: term for index, term in enumerate(self.terms)
        }
        self._block_of_match = {
            strings[f"block:{index}"]: focus for index, focus in self._block_focus.items()
        }

    # ----------------------------------------------------------------- building

    def _add(self, term: Term) -> None:
        index = len(self.terms)
        self.terms.append(term)
        if term.method == "code":
            spellings = {normalise(term.text)[0].strip()}
        elif term.casing == "ambiguous":
            spellings = _rule_spellings(term)
        else:
            spellings = spelling_variants(term.text, term.casing)
        self.variants[index] = spellings
        for spelling in spellings:
            words = [token.lower_ for token in self.nlp.make_doc(spelling)]
            self.word_pairs.update(pairwise(words))
        case_sensitive = (
            term.casing == "acronym"
            or (term.casing == "ambiguous" and (term.rule is None or term.rule.case_sensitive))
            or term.method == "code"
        )
        matched = set(spellings)
        if case_sensitive and term.casing == "ambiguous":
            # "GO", "EXCEL" in a line written in capitals; ambiguity.py accepts the capitals
            # only in such a line, since "GO" elsewhere is another word or an acronym.
            matched |= {spelling.upper() for spelling in spellings}
        matcher = self._orth if case_sensitive else self._lower
        key = f"term:{index}"
        matcher.add(key, [self.nlp.make_doc(s) for s in sorted(matched)])

    def _add_block(self, phrase: str) -> None:
        wins_ties = phrase.startswith("!")
        phrase = phrase.removeprefix("!")
        plain = phrase.replace("[", "").replace("]", "")
        doc = self.nlp.make_doc(normalise(plain)[0])
        focus = (0, len(doc))
        if "[" in phrase:
            before = self.nlp.make_doc(phrase.split("[", 1)[0])
            inside = self.nlp.make_doc(phrase.split("[", 1)[1].split("]", 1)[0])
            focus = (len(before), len(before) + len(inside))
        index = len(self._block_focus)
        self._block_focus[index] = (focus, wins_ties)
        spellings = _separator_variants(plain) | {plain}
        self._blocked.add(f"block:{index}", [self.nlp.make_doc(s) for s in sorted(spellings)])

    # ----------------------------------------------------------------- matching

    def make_doc(self, text: str) -> Doc:
        """A document's text tokenized, in a vocabulary apart from the terms' (bounded)."""
        return self.documents(text)

    def spans_words(self, last: str, first: str) -> bool:
        """Could a term run from a line ending in word `last` into one starting with `first`?"""
        return (last.lower(), first.lower()) in self.word_pairs

    def candidates(self, doc: Doc) -> list[Candidate]:
        found: list[Candidate] = []
        terms = self._term_of_match
        for matcher in (self._lower, self._orth):
            for match_id, start, end in matcher(doc):
                found.append(Candidate(start, end, terms[match_id]))
        found.sort(key=lambda c: (c.start, c.end, c.term.target, c.term.text))
        return found

    def lowercase_acronyms(self, doc: Doc) -> list[Candidate]:
        """Acronyms written in lowercase in a line written all in lowercase ("python, sql,
        aws"): found in the line's capitals, as terms that need a list or a Skills section
        (the default one-letter rule), since "sql" alone could be anything there."""
        upper = self.make_doc(doc.text.upper())
        if len(upper) != len(doc):
            return []
        found = []
        for match_id, start, end in self._orth(upper):
            term = self._term_of_match[match_id]
            if term.kind != "skill" or term.casing not in ("acronym", "ambiguous"):
                continue
            if term.casing == "acronym":
                term = replace(term, casing="ambiguous")  # no rule: the default one
            found.append(Candidate(start, end, term))
        return found

    def whole_terms(self, text: str) -> list[Term]:
        """The terms spelled by the whole of `text` (lowercase words joined by spaces)."""
        doc = self.make_doc(text)
        return [c.term for c in self.candidates(doc) if c.start == 0 and c.end == len(doc)]

    def blocks(self, doc: Doc) -> list[Block]:
        found = []
        for match_id, start, end in self._blocked(doc):
            (focus_start, focus_end), wins_ties = self._block_of_match[match_id]
            found.append(Block(start, end, start + focus_start, start + focus_end, wins_ties))
        return found


def _singular(text: str, spelled: set[str]) -> str | None:
    """The singular of a one-word lowercase plural term, when the detector adds it.

    Only for a plural of an English word ("kmeans" and "recsys" are names), not for a
    name styled in lowercase ("pandas" is the skill's display name as written), nor for
    a possessive written without its apostrophe ("masters" beside "master's"), nor where
    the taxonomy already spells the singular.
    """
    if not text.isalpha() or not text.islower() or not text.endswith("s"):
        return None
    singular = _other_number(text)
    if singular is None or singular.endswith("s") or singular not in frequent_words():
        return None
    if {singular, singular + "'s", singular + "’s", text} & spelled - {text}:
        return None
    return singular


def _skill_terms(taxonomy: Taxonomy) -> Iterator[Term]:
    for skill in taxonomy.skills:
        names = set(name_terms(skill.name))  # as written: "pandas" is a name, "Algorithms" not
        spelled = {text.lower() for text in names} | {
            text.lower()
            for text in (*skill.aliases, *skill.narrower, *(r.term for r in skill.ambiguous))
        }
        ruled = {rule.term.lower() for rule in skill.ambiguous}
        for rule in skill.ambiguous:
            yield Term(skill.id, "skill", "alias", rule.term, "ambiguous", rule)
            singular = _singular(rule.term, spelled) if not rule.case_sensitive else None
            if singular is not None and rule.term not in names:
                yield Term(skill.id, "skill", "alias", singular, "ambiguous", rule)
        named = [(text, "exact") for text in name_terms(skill.name)]
        others = [(text, "alias") for text in (*skill.aliases, *skill.narrower)]
        # A lowercase spelling of a word-like name ("python" beside "Python") is the same
        # word and needs the same care.
        words = {text.lower() for text, _ in (*named, *others) if casing_of(text) == "word"}
        seen: set[str] = set()
        for text, method in (*named, *others):
            if text.lower() in ruled or text in seen:
                continue  # the ambiguity rule decides when this term counts
            seen.add(text)
            casing = (
                "word" if text.lower() in words and casing_of(text) == "plain" else casing_of(text)
            )
            yield Term(skill.id, "skill", method, text, casing)
            singular = _singular(text, spelled) if casing == "plain" else None
            if singular is not None and text not in names and singular not in seen:
                seen.add(singular)
                yield Term(skill.id, "skill", method, singular, "singular")


def _certification_terms(taxonomy: Taxonomy) -> Iterable[Term]:
    for cert in taxonomy.certifications:
        yield Term(cert.id, "certification", "exact", cert.name, casing_of(cert.name))
        for text in dict.fromkeys(cert.aliases):
            if text != cert.name:
                yield Term(cert.id, "certification", "alias", text, casing_of(text))
        if cert.exam_code:
            yield Term(cert.id, "certification", "code", cert.exam_code, "acronym")
