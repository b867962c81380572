"""Portfolio inputs: which files a folder contributes, and the hands-on checklist."""

from __future__ import annotations

from pathlib import Path

import pytest

from gapcheck.detection.hands_on import hands_on_items
from gapcheck.errors import InputError
from gapcheck.reading.inputs import expand_portfolio
from gapcheck.records import Detection, Line, Section
from gapcheck.taxonomy.loading import load

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def make_section(kind: str, *texts: str, document: str = "resume.pdf") -> Section:
    lines = tuple(Line(text=t, page=1, number=i + 1) for i, t in enumerate(texts))
    return Section(kind=kind, heading=kind.title(), lines=lines, document=document)


def test_folder_contributes_readme_then_docs_never_code(tmp_path: Path) -> None:
    repo = tmp_path / "churn-model"
    (repo / "docs").mkdir(parents=True)
    (repo / "src").mkdir()
    (repo / ".git").mkdir()
    (repo / "README.md").write_text("# Churn model\n")
    (repo / "docs" / "design.md").write_text("design\n")
    (repo / "notes.txt").write_text("notes\n")
    (repo / "src" / "train.py").write_text("import torch\n")
    (repo / ".git" / "README.md").write_text("not mine\n")
    names = [p.relative_to(repo).as_posix() for p in expand_portfolio([repo])]
    assert names == ["README.md", "docs/design.md", "notes.txt"]


def test_same_file_twice_is_read_once(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("x\n")
    assert expand_portfolio([readme, tmp_path / "." / "README.md"]) == [readme]


def test_missing_portfolio_path_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"missing\.md: no such file"):
        expand_portfolio([tmp_path / "missing.md"])


def test_folder_without_documents_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "code").mkdir()
    (tmp_path / "code" / "main.py").write_text("print()\n")
    with pytest.raises(InputError, match="no README"):
        expand_portfolio([tmp_path / "code"])


def test_hands_on_items_with_projects() -> None:
    taxonomy = load(FIXTURES / "mini_taxonomy.yaml")
    sections = [
        make_section("header", "Ada Example | github.com/ada-example | ada@example.com"),
        make_section(
            "projects",
            "Churn model: cut churn by 12% with gradient boosting",
            "Kaggle silver medal",
        ),
        make_section("experience", "Machine learning intern, Example Corp"),
        make_section("publications", "Blog post on feature stores, published on Medium"),
    ]
    items = {item.id: item for item in hands_on_items(sections, Detection(skills=()), taxonomy)}
    assert all(
        items[k].present
        for k in (
            "projects_with_outcomes",
            "code_links",
            "competitions",
            "internships",
            "publications",
        )
    )
    assert not items["open_source"].present
    outcome = items["projects_with_outcomes"].evidence[0]
    assert outcome.snippet[outcome.start : outcome.end] == outcome.matched == "12%"
    assert items["code_links"].evidence[0].matched == "github.com/ada-example"


def test_hands_on_items_without_projects() -> None:
    taxonomy = load(FIXTURES / "mini_taxonomy.yaml")
    sections = [
        make_section("header", "Bo Example"),
        make_section("experience", "Sales associate, answered customer questions"),
        make_section("skills", "Excel, customer service"),
    ]
    items = hands_on_items(sections, Detection(skills=()), taxonomy)
    assert [item.present for item in items] == [False] * len(items)
