"""What one clause of a posting asks for: which skills, at which level, in which group.

A clause's skills fall into runs, skills joined by nothing but separators ("Java, Python
or C++"). A run is one of:

    alternatives  joined by "or" or "/", introduced by "one of" / "either", or left open
                  ("Hadoop, Spark, etc.", "AWS or similar"): one group, any member meets it
    examples      a "such as / e.g. / including / (...)" list after a named broader skill
                  ("computer vision tasks such as object detection and classification") or,
                  with no skill named, after a kind of work that is no set of interchangeable
                  tools ("problems such as ..."): each member its own item, preferred unless
                  the clause marks it otherwise; the broader skill is what the clause requires
    a list        anything else ("Python and SQL"): each member its own item

A comma list goes on across items gapcheck does not know ("object detection, sensor fusion,
anomaly detection" is one run), so what holds for its start holds for its end.

Each run takes its level from the words that mark it ("Docker preferred", "Python required,
Scala a plus", "preferably in Linux"): a marker applies to the runs it stands next to, not
to the whole clause, so "containerization - Docker preferred" leaves containerization at the
level of its line. Unmarked runs keep that level (headings.py).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from gapcheck.records import Detection

# Skills in one list ("Java, Python or C++") are joined by nothing but separators.
_LIST_LINK = re.compile(r"^[\s,/&|]*(?:and/or|or|and|nor)?[\s,/&|]*$", re.IGNORECASE)
# ... or by items gapcheck does not know, in the same comma list ("object detection and
# classification, sensor fusion, tracking, anomaly detection").
_UNKNOWN_ITEM = (
    r"(?:(?!\b(?:with|of|in|for|to|on|using|from|such|including|like|e\.g|especially"
    r"|preferably|ideally)\b)[^,;:.()])"
)
_LIST_GOES_ON = re.compile(
    rf"^\s*,\s*(?:{_UNKNOWN_ITEM}{{1,40}}?\s*,\s*)*"
    rf"(?:{_UNKNOWN_ITEM}{{1,45}}?\s*)?(?:\b(?:and/or|and|or)\s+)?$",
    re.IGNORECASE,
)
_OR_LINK = re.compile(r"\bor\b|/", re.IGNORECASE)
# A list is a choice when introduced as one (at most a few words, such as names gapcheck does
# not know, may stand between the words and the list) ...
_CHOICE_BEFORE = re.compile(
    r"\b(?:one (?:or more )?of(?: the following)?|either|any (?:one )?of(?: the following)?)"
    r"\W*(?:[\w+#.-]+\W+){0,3}$",
    re.IGNORECASE,
)
# ... or left open at its end.
_OPEN_AFTER = re.compile(
    r"^\W*(etc\b|or similar|or equivalent|or another|or other|or any)", re.IGNORECASE
)
# Words that introduce examples (or, with no broader skill named, interchangeable choices).
_EXAMPLES_BEFORE = re.compile(
    r"(?P<intro>\bsuch as|\be\.g\b\.?|\bfor example|\bfor instance"
    r"|\bincluding(?:,? but not limited to\W)?|\blike|\()"
    r"\W*(?:[\w+#./-]+(?:\s+[\w+#./-]+){0,4},\s*)*(?:[\w+#.-]+\W+){0,3}$",
    re.IGNORECASE,
)
# "deep learning frameworks, such as": a skill, then at most three words of its own (no
# conjunction or preposition, which would start another thought) before the examples.
_BROADER_LEAD = re.compile(
    r"^[\s,(]*(?:(?!(?:and|or|with|to|for|in|of|on|using|from|by|at|as|the|a|an)\b)"
    r"[\w/+-]+[\s,(]+){0,3}$",
    re.IGNORECASE,
)
# Kinds of work whose examples are not interchangeable: knowing classification does not make
# object detection known, while "a language such as Java or Python" is met by either.
AREA_NOUNS = frozenset(
    (
        *("task", "problem", "challenge", "area", "domain", "field", "application"),
        *("technique", "method", "methodology", "approach", "algorithm", "model"),
        *("concept", "topic", "discipline", "subject", "capability", "paradigm"),
        *("architecture", "case", "scenario"),
    )
)

# Words that set the level of the runs next to them.
_MARKER = re.compile(
    r"(?P<preferred>\bnot (?:required|essential|mandatory|necessary)\b"
    r"|\ba (?:big |strong |huge |definite )?(?:plus|bonus)\b|\bpluses\b|\bnice[- ]to[- ]have\b"
    r"|\bgood[- ]to[- ]have\b|\bbonus\b|\bplus\b(?=\W*$)|\bpreferred\b|\bpreferably\b"
    r"|\bpreference\b"
    r"|\bdesirable\b|\bdesired\b|\bideally\b|\ban? (?:advantage|asset)\b|\badvantageous\b"
    r"|\boptional\b|\bhelpful\b|\bbeneficial\b)"
    r"|(?P<required>(?<!as )(?<!if )(?<!when )(?<!where )\brequired\b|\brequires?\b"
    r"|\ba must\b|\bmust\b|\bmandatory\b|\bessential\b)",
    re.IGNORECASE,
)
# Markers that read forward first ("preferably in Linux", "must have Python").
_FORWARD_FIRST = re.compile(
    r"^(?:preferably|ideally|preference|must|requires?|bonus)$", re.IGNORECASE
)
# Adjectives ("preferred", "required") mark what precedes them when nothing but punctuation or
# a small word follows ("Docker preferred.", "Python (required), ..."), else what follows
# ("preferred Python, R", "required skills: ...").
_ADJECTIVE = re.compile(
    r"^(?:not )?(?:preferred|required|desired|desirable|mandatory|essential|optional"
    r"|helpful|beneficial)$",
    re.IGNORECASE,
)
_AFTER_POSTFIX = re.compile(
    r"^\s*(?:[^\w\s]|$|(?:but|and|or|for|if|in|with|though|although|not|as|to|by|at|on)\b)",
    re.IGNORECASE,
)
# What stops a marker from reaching further: another thought begins (or, between runs, a
# parenthesis: "3+ years and strong skills (Python is a plus)" marks Python only).
_BACK_STOP = re.compile(r"[;:,–—]|\s-\s|\b(?:but|while|whereas|although|though)\b", re.I)
_BETWEEN_STOP = re.compile(r"[;:,–—()]|\s-\s|\b(?:but|while|whereas|although|though)\b", re.I)
_FORWARD_STOP = re.compile(r"[;–—]|\s-\s|\b(?:but|while|whereas|although|though)\b", re.I)
# "..., statistics, or social sciences preferred": the list's last item stands between.
_LAST_ITEM = re.compile(r"^\s*,\s*(?:(?:and|or|and/or)\s+)[^,;:.()–—]{1,40}$", re.IGNORECASE)
_EXPERIENCE_ITSELF = re.compile(
    r"^(?:work|industry|professional|relevant|industrial|working)\s+experiences?$", re.I
)
MAX_BACK_WORDS = 6  # "Experience with Spark would be a big plus"
MAX_FORWARD_WORDS = 10  # "Bonus points if you have hands-on experience with Spark"


@dataclass(frozen=True)
class Run:
    """Skills named one after another in a clause, and what they stand for together."""

    ids: tuple[str, ...]  # in reading order, each once
    start: int  # offsets in the clause
    end: int
    choice: bool  # alternatives: any one member meets the group
    example_of: str | None  # examples: the broader skill named before them, if any
    examples: bool
    level: str  # "required", "preferred", "description" (the line's own, unmarked)
    marked: bool  # the level comes from the clause's own words

    def groups(self) -> list[tuple[str, tuple[str, ...]]]:
        """(id, group) for each member: the run itself when alternatives, else the member."""
        together = self.choice and len(self.ids) > 1
        return [(skill_id, self.ids if together else (skill_id,)) for skill_id in self.ids]


def clause_runs(
    clause: str,
    detection: Detection,
    scored: Mapping[str, object],
    context: str,
    required_phrase: re.Pattern[str],
) -> list[Run]:
    """The runs of skills the clause names, each with its kind and level."""
    spans = named_spans(clause, detection, scored)
    grouped: list[list[tuple[int, int, str]]] = []
    for span in spans:
        link = clause[grouped[-1][-1][1] : span[0]] if grouped else ""
        if grouped and (_LIST_LINK.match(link) or _LIST_GOES_ON.match(link)):
            grouped[-1].append(span)
        else:
            grouped.append([span])
    runs: list[Run] = []
    previous_end = 0
    for members in grouped:
        ids = tuple(dict.fromkeys(skill_id for _, _, skill_id in members))
        start, end = members[0][0], members[-1][1]
        before = clause[previous_end:start]
        links = [clause[a[1] : b[0]] for a, b in itertools.pairwise(members)]
        intro = _EXAMPLES_BEFORE.search(before)
        examples, example_of = _examples(before, runs[-1] if runs else None, clause[:start])
        choice = not examples and (
            any(_OR_LINK.search(link) for link in links)
            or _CHOICE_BEFORE.search(before) is not None
            or (intro is not None and intro.group("intro") != "(")
            or _OPEN_AFTER.match(clause[end:]) is not None
        )
        runs.append(Run(ids, start, end, choice, example_of, examples, context, False))
        previous_end = end
    runs = _apply_markers(clause, runs)
    # Unmarked: examples are preferred; in the introduction "you will ..." makes a requirement.
    unmarked = _unmarked_level(clause, context, required_phrase)
    return [
        run if run.marked else _with_level(run, "preferred" if run.examples else unmarked)
        for run in runs
    ]


def level_at(
    clause: str,
    runs: Sequence[Run],
    span: tuple[int, int],
    context: str,
    required_phrase: re.Pattern[str],
) -> str:
    """The level of something else the clause asks for at `span` ("5+ years", "a TS/SCI
    clearance"), read the way a run's is: its marker, else the clause's own level."""
    mention: Run = Run(("",), span[0], span[1], False, None, False, context, False)
    fresh = [
        _with_level(run, context) for run in runs if run.end <= span[0] or run.start >= span[1]
    ]
    marked = _apply_markers(clause, sorted([*fresh, mention], key=lambda run: run.start))
    found = next(run for run in marked if run.ids == ("",))
    return found.level if found.marked else _unmarked_level(clause, context, required_phrase)


def _unmarked_level(clause: str, context: str, required_phrase: re.Pattern[str]) -> str:
    if context == "description" and required_phrase.search(clause) is not None:
        return "required"
    return context


def _examples(before: str, previous: Run | None, lead_in: str) -> tuple[bool, str | None]:
    """Is the run a list of examples, and of which named skill? (see the module docstring)"""
    intro = _EXAMPLES_BEFORE.search(before)
    if intro is None:
        return False, None
    lead = before[: intro.start("intro")]
    if re.match(r"\s*(?:or|and/or)\b", before[intro.end("intro") :], re.IGNORECASE):
        return False, None  # "Python (or R)": an alternative, not an example
    if previous is not None and _BROADER_LEAD.match(lead):
        return True, previous.ids[-1]
    if intro.group("intro") == "(":
        return False, None  # "(AWS or GCP)" alone: only after a broader skill are they examples
    words = re.findall(r"[a-z]+", lead_in[: len(lead_in) - len(before) + len(lead)].lower())
    return bool(words) and _singular(words[-1]) in AREA_NOUNS, None


def _singular(word: str) -> str:
    """ "methodologies" -> "methodology", "approaches" -> "approach", "tasks" -> "task"."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses")):
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _with_level(run: Run, level: str, marked: bool = False) -> Run:
    return Run(
        run.ids, run.start, run.end, run.choice, run.example_of, run.examples, level, marked
    )


def _apply_markers(clause: str, runs: list[Run]) -> list[Run]:
    """Give each run the level of the marker next to it (first marker to reach it wins)."""
    markers = list(_MARKER.finditer(clause))
    levels: dict[int, str] = {}
    for index, marker in enumerate(markers):
        level = "preferred" if marker.group("preferred") else "required"
        lower = markers[index - 1].end() if index else 0
        upper = markers[index + 1].start() if index + 1 < len(markers) else len(clause)
        word = marker.group(0)
        order: tuple[str, ...]
        if _FORWARD_FIRST.match(word):
            order = ("forward", "back")
        elif _ADJECTIVE.match(word) and not _AFTER_POSTFIX.match(clause[marker.end() :]):
            order = ("forward",)  # "desired results", "required skills: ..."
        else:
            order = ("back", "forward")
        for direction in order:
            if direction == "back":
                reached = _reach_back(clause, runs, lower, marker.start(), levels)
            else:
                reached = _reach_forward(clause, runs, marker.end(), upper, levels)
            if reached:
                levels.update(dict.fromkeys(reached, level))
                break
    return [
        _with_level(run, levels[i], marked=True) if i in levels else run
        for i, run in enumerate(runs)
    ]


def _reach_back(
    clause: str, runs: Sequence[Run], lower: int, at: int, taken: Mapping[int, str]
) -> list[int]:
    """The runs a marker at `at` refers back to: the one right before it, and those joined to
    that one without a break in the thought."""
    before = [i for i, run in enumerate(runs) if run.end <= at and run.start >= lower]
    if not before or before[-1] in taken:
        return []
    last = before[-1]
    gap = clause[runs[last].end : at]
    if len(gap.split()) > MAX_BACK_WORDS or (
        _BACK_STOP.search(gap) and not _LAST_ITEM.match(gap)
    ):
        return []
    reached = [last]
    for i in reversed(before[:-1]):
        if i in taken or _BETWEEN_STOP.search(clause[runs[i].end : runs[reached[-1]].start]):
            break
        reached.append(i)
    return reached


def _reach_forward(
    clause: str, runs: Sequence[Run], at: int, upper: int, taken: Mapping[int, str]
) -> list[int]:
    """The runs a marker ending at `at` introduces: the next one, and those that follow it
    without a break in the thought."""
    after = [i for i, run in enumerate(runs) if run.start >= at and run.end <= upper]
    if not after or after[0] in taken:
        return []
    first = after[0]
    gap = clause[at : runs[first].start]
    if _FORWARD_STOP.search(gap) or ";" in gap or len(gap.split()) > MAX_FORWARD_WORDS:
        return []
    reached = [first]
    for i in after[1:]:
        if i in taken or _FORWARD_STOP.search(clause[runs[reached[-1]].end : runs[i].start]):
            break
        reached.append(i)
    return reached


def named_spans(
    clause: str, detection: Detection, scored: Mapping[str, object]
) -> list[tuple[int, int, str]]:
    """(start, end, id) of every place the clause names a skill, in reading order.

    Implied skills do not count (a posting asking for PyTorch does not name deep learning),
    nor do words inside a certification's name ("AWS Certified Machine Learning ..."), nor
    words about experience itself ("4 years of work experience" asks for no internship).
    """
    certified = [
        _span(clause, held.evidence.matched, held.evidence.start, held.evidence.end)
        for held in detection.certifications
    ]
    spans: set[tuple[int, int, str]] = set()
    for found in detection.skills:
        if not found.explicit or found.id not in scored:
            continue
        for evidence in found.evidence:
            start, end = _span(clause, evidence.matched, evidence.start, evidence.end)
            if _EXPERIENCE_ITSELF.match(clause[start:end]):
                continue
            if not any(a <= start and end <= b for a, b in certified):
                spans.add((start, end, found.id))
    return sorted(spans)


def _span(clause: str, matched: str, start: int, end: int) -> tuple[int, int]:
    """Where `matched` stands in the clause: the finder's offsets when they fit, else the
    first place the words stand (the finder may have cleaned the text)."""
    if matched and clause[start:end].lower() == matched.lower():
        return start, end
    found = clause.lower().find(matched.lower()) if matched else -1
    return (found, found + len(matched)) if found >= 0 else (start, end)
