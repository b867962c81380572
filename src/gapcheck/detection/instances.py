"""Tools whose use is a broader skill: naming OpenCV names computer vision.

data/instances.tsv lists pairs of skill ids (tool, broader skill). The taxonomy's
`narrower` terms cannot say this, since a term that is another skill's name or alias
may not be a narrower term; and `implies` gives only partial credit, which is right for
PyTorch (deep learning is likely, not shown) but wrong for a tool that exists only to do
the broader thing. An explicit mention of the tool is an explicit mention of the broader
skill too, except through the terms a pair excludes (PowerShell is a shell, not Unix).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from gapcheck.taxonomy.model import Taxonomy

# tool skill id -> ((broader skill id, lowercase terms that do not carry over), ...)
Broader = dict[str, tuple[tuple[str, frozenset[str]], ...]]


@lru_cache(maxsize=1)
def _pairs() -> tuple[tuple[str, str, frozenset[str]], ...]:
    text = (resources.files("gapcheck") / "data" / "instances.tsv").read_text(encoding="utf-8")
    pairs = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        excluded = fields[3] if len(fields) > 3 else ""
        terms = frozenset(t.strip().lower() for t in excluded.split(",") if t.strip())
        pairs.append((fields[0].strip(), fields[1].strip(), terms))
    return tuple(pairs)


def broader_skills(taxonomy: Taxonomy) -> Broader:
    """The pairs whose two skills the taxonomy has, by tool."""
    known = {skill.id for skill in taxonomy.skills}
    found: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for tool, broader, excluded in _pairs():
        if tool in known and broader in known and tool != broader:
            found.setdefault(tool, []).append((broader, excluded))
    return {tool: tuple(targets) for tool, targets in found.items()}


def carried_over(broader: Broader, target: str, term_text: str) -> list[str]:
    """The broader skills a mention of `target` through the term `term_text` also shows."""
    lowered = term_text.lower()
    return [skill for skill, excluded in broader.get(target, ()) if lowered not in excluded]
