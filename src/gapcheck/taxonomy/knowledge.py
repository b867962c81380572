"""The one owner of everything derived from a taxonomy, like spaCy's `nlp` object.

Every resume asks the same questions of a taxonomy: the compiled matchers, the skills by
id, a role's weights at a level, the facts behind each gap's reason, a posting already
parsed. They are computed once and kept by a `Knowledge` object built from the taxonomy;
later stages store what they derive in it (`derived`), so no module keeps a memo of its
own and nothing is keyed by `id()`.

`knowledge_for(taxonomy)` finds the owner by the taxonomy's *content* (a digest of its
records), so a copy with one skill changed (`dataclasses.replace`) gets its own matchers
while a taxonomy unpickled in a worker finds the one already warmed up.

Once the first long-lived answer of a process (the detector) is built, `settle` freezes
the objects alive (`gc.freeze`): spaCy's modules, the matchers and word lists, some
110,000 objects that every full collection would otherwise walk again (60 ms each: 7.5%
of the CPU time of `gapcheck.analyse` called in a loop, 3% once they are frozen). The
freeze is process-wide: objects alive at that moment are never looked at by the cycle
collector again (reference counting still frees them; a reference cycle among them that
becomes garbage later is kept), so it is done once, only while the collector is on and
nothing is frozen yet (a program that manages freezing itself, such as the batch worker,
is left to it), never with GAPCHECK_NO_GC_FREEZE=1, and undone (`gc.unfreeze`) when the
Knowledge that caused it is dropped.
"""

from __future__ import annotations

import gc
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from typing import Any, TypeVar

from gapcheck.taxonomy.model import Skill, Taxonomy, skill_importance

T = TypeVar("T")

KEPT = 4  # taxonomies whose knowledge a process keeps; a run rarely uses more than one


class Knowledge:
    """What gapcheck derives from one taxonomy, computed on first use and kept."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.key = taxonomy.content_key
        self.skills_by_id: Mapping[str, Skill] = {s.id: s for s in taxonomy.skills}
        self._derived: dict[tuple[str, tuple[Hashable, ...]], Any] = {}
        self._lock = threading.RLock()

    def derived(
        self,
        what: str,
        args: tuple[Hashable, ...],
        compute: Callable[[], T],
        *,
        long_lived: bool = False,
    ) -> T:
        """`compute()` once per `what` and `args`; the answer is shared, so read-only.
        `long_lived`: a large answer kept for the life of the process (see `settle`)."""
        key = (what, args)
        collecting = gc.isenabled()
        with self._lock:
            built = key not in self._derived
            if built:
                self._derived[key] = compute()
            answer: T = self._derived[key]
        if built and long_lived:
            if not collecting:  # srsly's msgpack loads turn the collector back on
                gc.disable()
            settle(self)
        return answer


_FREEZE = threading.Lock()
_froze_for: str | None = None  # the key of the Knowledge whose build froze the collector
_froze_count = 0  # gc.get_freeze_count() just after that freeze


def settle(owner: Knowledge) -> bool:
    """Collect once and freeze every object alive (gc.freeze), once per process, after
    `owner` built a long-lived answer; True when it froze. See the module's docstring."""
    global _froze_for, _froze_count
    with _FREEZE:
        if _froze_for is not None or os.environ.get("GAPCHECK_NO_GC_FREEZE") == "1":
            return False
        if not gc.isenabled() or gc.get_freeze_count():
            return False
        # The youngest generation only (a millisecond): a full collection would cost as much
        # as the freeze saves in a single run, and finds nothing this early (measured).
        gc.collect(0)
        gc.freeze()
        _froze_for, _froze_count = owner.key, gc.get_freeze_count()
        return True


def _thaw(dropped: str | None) -> None:
    """Undo `settle`'s freeze when the Knowledge it was made for is dropped (`dropped`
    its key; None: every Knowledge), so what it held can be collected; unless more objects
    are frozen than it froze (the program froze its own since, and unfreezing would undo
    that too; frozen objects freed since only lower the count)."""
    global _froze_for
    with _FREEZE:
        if _froze_for is not None and dropped in (None, _froze_for):
            if gc.get_freeze_count() <= _froze_count:
                gc.unfreeze()
            _froze_for = None


_KNOWN: OrderedDict[str, Knowledge] = OrderedDict()
_LOCK = threading.Lock()


def knowledge_for(taxonomy: Taxonomy) -> Knowledge:
    """The `Knowledge` of a taxonomy with this content, built on first use."""
    key = taxonomy.content_key
    with _LOCK:
        found = _KNOWN.get(key)
        if found is None:
            found = Knowledge(taxonomy)
            _KNOWN[key] = found
            while len(_KNOWN) > KEPT:
                _thaw(_KNOWN.popitem(last=False)[0])
        else:
            _KNOWN.move_to_end(key)
        return found


def derived(
    taxonomy: Taxonomy, what: str, args: tuple[Hashable, ...], compute: Callable[[], T]
) -> T:
    """`compute()` once per taxonomy content, `what` and `args` (see Knowledge.derived)."""
    return knowledge_for(taxonomy).derived(what, args, compute)


def role_weights(taxonomy: Taxonomy, role_id: str, level: str) -> dict[str, float]:
    """Weight of every expected skill for a role at a level.

    Which skills are expected comes from the guides alone: the scored skills whose guide
    weight reaches role.min_weight, where
        guide weight = importance(skill) x role.category_factors[category]
                       x role.skill_factors[id] x role.level_category_factors[level][category]
                       x role.level_skill_factors[level][id]
    How much each weighs is that guide weight, unless the role reads job-posting demand
    (taxonomy/demand.yaml; gapcheck.taxonomy.demand.ROLE_DEMAND): then demand re-divides
    the same total among them (gapcheck.taxonomy.blend; formula in taxonomy/README.md).
    Computed once per taxonomy, role and level (scoring asks three times per resume);
    each caller gets its own copy.
    """
    weights = knowledge_for(taxonomy).derived(
        "role_weights", (role_id, level), lambda: _role_weights(taxonomy, role_id, level)
    )
    return dict(weights)


def _role_weights(taxonomy: Taxonomy, role_id: str, level: str) -> dict[str, float]:
    from gapcheck.taxonomy.blend import blend_weights

    role = taxonomy.role(role_id)
    level_cats = role.level_category_factors.get(level, {})
    level_skills = role.level_skill_factors.get(level, {})
    expected: dict[str, tuple[float, float]] = {}  # id -> (importance, factors)
    for skill in taxonomy.skills:
        if not skill.scored:
            continue
        importance = skill_importance(skill)
        factors = (
            role.category_factors.get(skill.category, 1.0)
            * role.skill_factors.get(skill.id, 1.0)
            * level_cats.get(skill.category, 1.0)
            * level_skills.get(skill.id, 1.0)
        )
        if importance * factors >= role.min_weight:
            expected[skill.id] = (importance, factors)
    blended = blend_weights(taxonomy, role_id, level, expected)
    if blended is None:
        blended = {skill_id: imp * factors for skill_id, (imp, factors) in expected.items()}
    return {skill_id: round(weight, 4) for skill_id, weight in blended.items()}


def forget_all() -> None:
    """Drop every kept `Knowledge` and every taxonomy loaded in this process: for a
    long-lived process done with its taxonomies, or a test that needs a cold start."""
    from gapcheck.taxonomy.loading import forget_loaded

    with _LOCK:
        _KNOWN.clear()
    _thaw(None)
    forget_loaded()
