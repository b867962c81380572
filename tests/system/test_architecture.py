"""The house rules, checked on the source: stages in pipeline order, no cycles, short modules.

A stage imports only records, errors, support and the stages before it (docs/architecture.md).
Imports inside functions and under TYPE_CHECKING count too: a lazy import is still a
dependency.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "gapcheck"
# Pipeline order; each may import the ones before it (and itself).
STAGES = (
    "taxonomy",
    "reading",
    "sections",
    "detection",
    "postings",
    "scoring",
    "report",
    "batch",
)
FOUNDATION = ("records", "errors", "support", "version")  # anyone may import these
TOOLS = ("authoring",)  # taxonomy-authoring tools: may use every stage up to scoring
# The public surface may import anything; the package root offers `gapcheck.analyse` lazily.
SURFACE = ("api", "options", "cli", "__main__", "__init__")
# Batch runs the API's analysis once per person, with the options resolved once.
BATCH_USES = ("api", "options")
MAX_LINES = 450
MAX_TOP_LEVEL_MODULES = 8


def modules() -> Iterator[Path]:
    yield from sorted(PACKAGE.rglob("*.py"))


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every gapcheck module `path` imports, by its dotted name."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("gapcheck"))
        elif (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.level == 0
            and node.module.startswith("gapcheck")
        ):
            # `from gapcheck.scoring import gaps` imports the module gapcheck.scoring.gaps;
            # the package itself counts only when a name defined in it is imported.
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                if (PACKAGE.parent / candidate.replace(".", "/")).with_suffix(".py").exists():
                    found.add(candidate)
                else:
                    found.add(node.module)
    return found


def area(name: str) -> str:
    """The top-level part of gapcheck a module belongs to ("scoring", "records", ...)."""
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def allowed(importer: str, imported: str) -> bool:
    source, target = area(importer), area(imported)
    if target in FOUNDATION or source == target or source in SURFACE:
        return True
    if source in FOUNDATION:
        return False  # the foundation depends on nothing above it
    if source == "batch" and target in BATCH_USES:
        return True
    if target in SURFACE:
        return False
    if source in TOOLS:
        return target in STAGES[: STAGES.index("scoring") + 1]
    if source in STAGES and target in STAGES:
        return STAGES.index(target) < STAGES.index(source)
    return False


def test_each_stage_imports_only_the_foundation_and_earlier_stages() -> None:
    wrong = [
        f"{module_name(path)} imports {imported}"
        for path in modules()
        for imported in sorted(imports(path))
        if not allowed(module_name(path), imported)
    ]
    assert not wrong, "\n".join(wrong)


def test_no_import_cycle_between_modules() -> None:
    graph = {module_name(p): imports(p) for p in modules()}
    # A package's __init__ is imported with any of its modules; only module edges count.
    graph = {m: {i for i in deps if i in graph and i != m} for m, deps in graph.items()}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append([*trail[trail.index(nxt) :], nxt] if nxt in trail else [node, nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert not cycles, "\n".join(" -> ".join(c) for c in cycles)


@pytest.mark.parametrize("path", list(modules()), ids=lambda p: module_name(p))
def test_a_module_reads_in_one_sitting(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module_name(path)}: {lines} lines"


def test_the_top_level_holds_the_public_surface_only() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_LEVEL_MODULES, top
