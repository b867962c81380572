"""Skill detection: which skills and certifications the text shows, where, and how strongly.

    detector = get_detector(taxonomy)          # built once per process per taxonomy
    detection = detector.detect(sections)      # resume and portfolio sections
    detection = detector.detect_text(posting)  # plain text (job postings, guides)

How a skill is found (details in the gapcheck.detection modules):
1. Lines are joined where a sentence wraps, and normalised (quotes, dashes, ligatures).
   Each section's heading is read as a line of its own, with the section's strength; a
   name broken between two lines that were not joined ("Machine" / "Learning" in a
   list) is found across their seam.
2. spaCy phrase matchers find every name, alias and narrower term of the taxonomy in the
   spellings resumes use (plural, hyphen, space, British/American); acronyms match
   case-sensitively.
3. Context rules decide the terms that need it (ambiguous R, Go, Spark; words such as
   "python" in lowercase); everyday phrases ("spark interest", "a CV") block them; the
   longest match wins.
4. Words nothing matched are tried as misspellings (rapidfuzz, guarded).
5. Skills implied by found ones (taxonomy `implies`, transitively) get partial credit.

Evidence strength, the share of a skill's weight the evidence earns (by section kind):

    experience, projects, research, publications, volunteering    1.0  used in the work
    summary                                                       0.8
    skills                                                        0.7  listed
    education, courses, certifications, awards, languages, other  0.6
    interests, learning, header                                   0.3  wished for or named
    a portfolio document's summary, header or other sections      0.8  a project's own text
    any line saying "currently learning", "interested in"...      at most 0.3
    implied by a found skill                                      0.5 x that skill's strength

Method of each evidence: "exact" (the skill's name), "alias" (an alias or narrower term),
"rule" (an ambiguous or word-like term accepted by its context), "fuzzy" (a misspelling;
`score` holds the similarity) or "implied" (`via` names the implying skill).

Order: skills by the taxonomy's category order, then name; evidence strongest first,
then in document order (documents in input order, then line, then position).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import pairwise

from gapcheck.detection.ambiguity import judge, misspelling_counts
from gapcheck.detection.compiled import fuzzy_index as cached_fuzzy_index
from gapcheck.detection.compiled import vocabulary as cached_vocabulary
from gapcheck.detection.dates import (
    EntryFinder,
    Month,
    entries,
    latest_date,
    parse_today,
)
from gapcheck.detection.ellipsis import elided_terms
from gapcheck.detection.fuzzy import FuzzyIndex, fuzzy_matches
from gapcheck.detection.instances import broader_skills, carried_over
from gapcheck.detection.line_tokens import LineTokens
from gapcheck.detection.logical_lines import (
    LogicalLine,
    heading_line,
    logical_lines,
    normalise,
    seam_line,
    text_section,
)
from gapcheck.detection.organisations import organisation_spans
from gapcheck.detection.strength import IMPLIED_FACTOR, evidence_strength, planned
from gapcheck.detection.vocabulary import Candidate, Vocabulary
from gapcheck.records import Detection, Evidence, FoundSkill, HeldCertification, Line, Section
from gapcheck.taxonomy.knowledge import knowledge_for
from gapcheck.taxonomy.model import Taxonomy

YEARS_SECTIONS = frozenset({"experience", "research", "volunteering"})

# Words in a line that say a certification is not held yet.
NOT_YET_HELD = re.compile(
    r"\b(?:in\s+progress|preparing|studying\s+for|pursuing|working\s+towards?|planned"
    r"|planning|upcoming|expected|scheduled|enrolled)\b",
    re.IGNORECASE,
)
NOT_HELD_KINDS = frozenset({"learning", "interests"})
_METHOD_RANK = {"exact": 0, "alias": 1, "rule": 2, "fuzzy": 3, "implied": 4}


# Years of use (None when unknown) and the (document, line, range index) of the entry.
_Years = tuple[float | None, tuple[str, int, int] | None]


@dataclass(frozen=True)
class _Place:
    """What every line of one section shares: its document, weight and experience entries."""

    rank: int  # the document's position in the input
    document: str
    finder: EntryFinder  # the section's date ranges (if it gives years of use), by line
    today: Month | None
    # Years of use by physical line: a line naming several skills is placed in its entry once.
    _years: dict[Line, _Years] = field(default_factory=dict, compare=False)

    def years(self, physical: Line) -> _Years:
        """The years of use a skill named on `physical` gets, and its entry's key."""
        if not self.finder.candidates:
            return None, None
        known = self._years.get(physical)
        if known is not None:
            return known
        answer: _Years = (None, None)
        entry = self.finder.entry_for(physical)
        duration = entry.range.years(self.today) if entry is not None else None
        if entry is not None and duration is not None:
            key = (self.document, entry.line.number, self.finder.candidates.index(entry))
            answer = (round(duration, 1), key)
        self._years[physical] = answer
        return answer


@dataclass(frozen=True)
class _Hit:
    """One piece of evidence for one skill, with what aggregation needs to know."""

    target: str
    evidence: Evidence
    document_rank: int
    entry: tuple[str, int, int] | None  # (document, line, range index) of its experience entry


_ITEM_MARK = re.compile(r"[,|•;·]")


def _lowercase_list(text: str) -> bool:
    """A list line written all in lowercase, where acronyms are lowercase too."""
    return text.islower() and len(_ITEM_MARK.findall(text)) >= 2


class Detector:
    """Finds a taxonomy's skills and certifications in sections of text."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        # The matchers take ~0.3 s to build: read from the on-disk cache when they can be.
        self.vocabulary: Vocabulary = cached_vocabulary(taxonomy)
        self.fuzzy: FuzzyIndex = cached_fuzzy_index(taxonomy, self.vocabulary)
        self._skills = {skill.id: skill for skill in taxonomy.skills}
        self._broader = broader_skills(taxonomy)  # OpenCV is computer vision (instances.py)
        self._category_rank = {category: rank for rank, category in enumerate(taxonomy.categories)}
        self._tokenize = lru_cache(maxsize=4096)(self._tokens)
        self._whole_terms = lru_cache(maxsize=4096)(self.vocabulary.whole_terms)

    def _tokens(self, text: str) -> tuple[str, ...]:
        return tuple(token.lower_ for token in self.vocabulary.make_doc(normalise(text)[0]))

    # ----------------------------------------------------------------- public

    def detect_text(self, text: str, *, document: str = "text") -> Detection:
        """Plain text as one "other" section, one line per text line."""
        return self.detect([text_section(text, document)])

    def detect(self, sections: Sequence[Section], *, today: str | None = None) -> Detection:
        """Skills and certifications in the sections, with their evidence.

        `today` (ISO date) resolves "present" in date ranges; without it the latest date
        written in each document stands in, so the result never depends on the clock.
        """
        documents = list(dict.fromkeys(section.document for section in sections))
        roles = {section.document: section.document_role for section in sections}
        todays = self._todays(sections, documents, today)
        skill_hits: list[_Hit] = []
        cert_hits: list[_Hit] = []
        for section in sections:
            dated = entries(section.lines) if section.kind in YEARS_SECTIONS else ()
            place = _Place(
                rank=documents.index(section.document),
                document=section.document,
                finder=EntryFinder(dated),
                today=todays.get(section.document),
            )
            heading = heading_line(section)
            if heading is not None:  # headings such as "Deep Learning Projects" count too
                self._scan(heading, place, skill_hits, cert_hits)
            lines = logical_lines(section)
            for line in lines:
                self._scan(line, place, skill_hits, cert_hits)
            for first, second in pairwise(lines):
                seam = seam_line(first, second) if self._may_run_on(first, second) else None
                if seam is not None:  # "... | Machine" / "Learning | ..."
                    self._scan(seam[0], place, skill_hits, cert_hits, across=seam[1])
        found = self._aggregate(skill_hits, roles)
        return Detection(
            skills=tuple(self._with_implied(found)),
            certifications=self._held(cert_hits),
        )

    # ----------------------------------------------------------------- scanning

    def _todays(
        self, sections: Sequence[Section], documents: list[str], today: str | None
    ) -> dict[str, Month]:
        if today:
            fixed = parse_today(today)
            return {document: fixed for document in documents}
        todays: dict[str, Month] = {}
        for document in documents:
            texts = (line.text for s in sections if s.document == document for line in s.lines)
            latest = latest_date(texts)
            if latest is not None:
                todays[document] = latest
        return todays

    def _may_run_on(self, first: LogicalLine, second: LogicalLine) -> bool:
        """Does a term's pair of words meet where `first` ends and `second` begins?"""
        last = self._tokenize(first.parts[-1][1].text)
        head = self._tokenize(second.parts[0][1].text)
        return bool(last and head) and self.vocabulary.spans_words(last[-1], head[0])

    def _scan(
        self,
        line: LogicalLine,
        place: _Place,
        skill_hits: list[_Hit],
        cert_hits: list[_Hit],
        across: int | None = None,
    ) -> None:
        """Record what `line` names; with `across` (an offset in line.norm), only the
        terms that run across it, for a seam between two lines."""
        doc = self.vocabulary.make_doc(line.norm)
        candidates = self.vocabulary.candidates(doc)
        blocks = self.vocabulary.blocks(doc)
        tokens = LineTokens(doc)
        if _lowercase_list(line.norm):  # "python, sql, aws": acronyms written in lowercase
            candidates = sorted(
                [*candidates, *self.vocabulary.lowercase_acronyms(doc)],
                key=lambda c: (c.start, c.end, c.term.target, c.term.text),
            )
        # "Spark Energy Ltd", "Acme AI Labs": an organisation's name shows no skill.
        names = organisation_spans(tokens, line, candidates) if candidates else []
        if names:
            candidates = [
                c for c in candidates if not any(a <= c.start and c.end <= b for a, b in names)
            ]

        plan = planned(line.norm)  # where a plan begins: "Next 6 months: CUDA" holds no CUDA

        def kept(start: int, end: int) -> bool:
            if plan is not None and tokens.starts[start] >= plan:
                return False
            return across is None or tokens.starts[start] < across < tokens.char_span(start, end)[1]

        accepted = judge(tokens, line, candidates, blocks, self._tokenize)
        for item in accepted:
            c = item.candidate
            if not kept(c.start, c.end):
                continue
            if c.term.kind == "skill":
                skill_hits.append(
                    self._hit(line, tokens, c.start, c.end, item.method, c.term.target, place)
                )
                # A tool that is the broader skill names it too: never as its exact name.
                method = "alias" if item.method == "exact" else item.method
                for target in carried_over(self._broader, c.term.target, c.term.text):
                    skill_hits.append(
                        self._hit(line, tokens, c.start, c.end, method, target, place)
                    )
            elif self._held_here(line):
                method = "exact" if c.term.method == "exact" else "alias"
                cert_hits.append(
                    self._hit(line, tokens, c.start, c.end, method, c.term.target, place)
                )
        # "supervised and unsupervised learning": the word both items share (ellipsis.py)
        for elided in elided_terms(tokens, self.vocabulary.word_pairs, self._whole_terms):
            if kept(elided.start, elided.end):
                method = elided.term.method
                hit = self._hit(
                    line, tokens, elided.start, elided.end, method, elided.term.target, place
                )
                skill_hits.append(hit)
        taken = [(c.start, c.end) for c in candidates] + [(b.start, b.end) for b in blocks]
        taken += names
        support = [item.candidate for item in accepted if item.candidate.term.kind == "skill"]
        for fuzzy in fuzzy_matches(tokens, taken, self.fuzzy):
            if not kept(fuzzy.start, fuzzy.end):
                continue
            misspelt = Candidate(fuzzy.start, fuzzy.end, fuzzy.term)
            if not misspelling_counts(tokens, line, misspelt, support):
                continue
            for target in (
                fuzzy.term.target,
                *carried_over(self._broader, fuzzy.term.target, fuzzy.term.text),
            ):
                hit = self._hit(
                    line, tokens, fuzzy.start, fuzzy.end, "fuzzy", target, place, fuzzy.score
                )
                skill_hits.append(hit)

    def _hit(
        self, line: LogicalLine, tokens: LineTokens, start: int, end: int, method: str,
        target: str, place: _Place, score: float | None = None,
    ) -> _Hit:  # fmt: skip
        norm_start, norm_end = tokens.char_span(start, end)
        text_start, text_end = line.span_in_text(norm_start, norm_end)
        physical = line.line_at(text_start)
        strength = evidence_strength(line.section, line.norm[:norm_start])
        years, entry_key = place.years(physical)
        evidence = Evidence(
            snippet=line.text,
            matched=line.text[text_start:text_end],
            start=text_start,
            end=text_end,
            page=physical.page,
            line=physical.number,
            section=line.section.kind,
            heading=line.section.heading,
            document=line.section.document,
            method=method,
            strength=strength,
            score=score,
            years=years,
        )
        return _Hit(target, evidence, place.rank, entry_key)

    @staticmethod
    def _held_here(line: LogicalLine) -> bool:
        """A certification named as a plan ("preparing for ...") is not held."""
        return line.section.kind not in NOT_HELD_KINDS and not NOT_YET_HELD.search(line.norm)

    # ----------------------------------------------------------------- aggregating

    @staticmethod
    def _evidence_order(hit: _Hit) -> tuple[float, int, int, int, int]:
        e = hit.evidence
        return (-e.strength, hit.document_rank, e.line, e.start, _METHOD_RANK.get(e.method, 9))

    def _aggregate(self, hits: list[_Hit], roles: dict[str, str]) -> dict[str, FoundSkill]:
        by_skill: dict[str, list[_Hit]] = {}
        for hit in hits:
            by_skill.setdefault(hit.target, []).append(hit)
        found: dict[str, FoundSkill] = {}
        for skill_id, skill_hits in by_skill.items():
            skill = self._skills[skill_id]
            unique: dict[tuple[str, int, int, int], _Hit] = {}
            for hit in sorted(skill_hits, key=self._evidence_order):
                e = hit.evidence
                unique.setdefault((e.document, e.line, e.start, e.end), hit)
            ordered = list(unique.values())  # still in evidence order: first of each place kept
            entry_years: dict[tuple[str, int, int], float] = {}
            for hit in ordered:
                if hit.entry is not None and hit.evidence.years is not None:
                    entry_years[hit.entry] = hit.evidence.years
            documents = tuple(
                sorted(
                    {h.evidence.document for h in ordered},
                    key=lambda d: min(h.document_rank for h in ordered if h.evidence.document == d),
                )
            )
            found[skill_id] = FoundSkill(
                id=skill.id,
                name=skill.name,
                category=skill.category,
                explicit=True,
                strength=max(h.evidence.strength for h in ordered),
                evidence=tuple(h.evidence for h in ordered),
                years=round(sum(entry_years.values()), 1) if entry_years else None,
                documents=documents,
                portfolio_only=all(roles.get(d) == "portfolio" for d in documents),
                aliases=skill.aliases,
            )
        return found

    def _with_implied(self, found: dict[str, FoundSkill]) -> list[FoundSkill]:
        """Add skills implied by found ones, transitively, with decaying partial credit."""
        strength = {skill_id: skill.strength for skill_id, skill in found.items()}
        implied: dict[str, tuple[float, str]] = {}  # skill -> (strength, implying skill)
        changed = True
        while changed:
            changed = False
            for source in sorted(strength):
                for target in self._skills[source].implies:
                    if target not in self._skills or target == source:
                        continue
                    credit = round(IMPLIED_FACTOR * strength[source], 4)
                    if credit > strength.get(target, 0.0):
                        strength[target] = credit
                        implied[target] = (credit, source)
                        changed = True
        result = dict(found)
        # Strongest first: an implying skill always has more credit than what it implies,
        # so it is in `result` before the skills it passes credit on to.
        for target in sorted(implied, key=lambda t: (-implied[t][0], t)):
            credit, via = implied[target]
            implying = result[via]
            evidence = replace(
                implying.evidence[0],
                method="implied",
                strength=credit,
                via=via,
                score=None,
                years=None,
            )
            if target in found:
                explicit = found[target]
                # The implied credit is the stronger one here, so its evidence leads.
                result[target] = replace(
                    explicit, strength=credit, evidence=(evidence, *explicit.evidence)
                )
                continue
            skill = self._skills[target]
            result[target] = FoundSkill(
                id=skill.id,
                name=skill.name,
                category=skill.category,
                explicit=False,
                strength=credit,
                evidence=(evidence,),
                documents=implying.documents,
                portfolio_only=implying.portfolio_only,
                aliases=skill.aliases,
            )
        last = len(self._category_rank)
        return sorted(
            result.values(),
            key=lambda s: (self._category_rank.get(s.category, last), s.name.casefold(), s.id),
        )

    def _held(self, hits: list[_Hit]) -> tuple[HeldCertification, ...]:
        best: dict[str, _Hit] = {}
        for hit in sorted(hits, key=self._evidence_order):
            best.setdefault(hit.target, hit)
        held = []
        for cert in self.taxonomy.certifications:
            if cert.id not in best:
                continue
            successor = self.taxonomy.successor_names(cert)
            held.append(
                HeldCertification(
                    cert.id, cert.name, cert.status, successor, best[cert.id].evidence
                )
            )
        return tuple(held)


def get_detector(taxonomy: Taxonomy) -> Detector:
    """The detector for a taxonomy, built once per taxonomy content and kept by its
    `Knowledge` (gapcheck.taxonomy.knowledge), the one owner of per-taxonomy state,
    as a long-lived answer (the first one built freezes the collector's view: `settle`)."""
    owner = knowledge_for(taxonomy)
    return owner.derived("detector", (), lambda: Detector(taxonomy), long_lived=True)
