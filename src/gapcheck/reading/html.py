"""HTML pages (saved portfolio pages, GitHub profiles, personal sites) into lines.

Scripts, styles and other invisible content are dropped. Block elements start new
lines, inline elements run on; headings keep a heading style so sections are found;
links keep their address visible ("My project (https://github.com/...)"), because a
GitHub or Kaggle link is evidence of hands-on work even when its text says "here".
The tree is walked with an explicit stack, so a page nested a hundred thousand
elements deep is read like any other.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gapcheck.errors import LimitError
from gapcheck.reading import limits
from gapcheck.reading.lines import BODY_SIZE, TextItem, heading_item, lines_from_items
from gapcheck.reading.result import ReadResult

INVISIBLE = frozenset(
    {"script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "head"}
)
BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "br",
        "caption",
        "title",
    }
)
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
NODES_PER_TIME_CHECK = 500


class _Collector:
    """Walks the parsed tree, gathering text into items at block boundaries."""

    def __init__(self, budget: limits.ReadBudget) -> None:
        self.items: list[TextItem] = []
        self.parts: list[str] = []
        self.level = 0  # heading level of the open block, 0 for body text
        self.bullet = False
        self.budget = budget

    def flush(self) -> None:
        text = " ".join("".join(self.parts).split())
        self.parts.clear()
        if text:  # whitespace, line breaks included, is collapsed: one line per block
            self.budget.add_characters(len(text))
            self.budget.add_lines(1)
            if self.level:
                self.items.append(heading_item(text, self.level))
            else:
                self.items.append(TextItem(("• " if self.bullet else "") + text, size=BODY_SIZE))
        self.bullet = False

    def walk(self, root: Any) -> None:
        """Gather the text under `root`, depth first, without recursion."""
        from bs4.element import (
            Comment,
            Declaration,
            Doctype,
            NavigableString,
            ProcessingInstruction,
            Tag,
        )

        # One open element per level: its remaining children, and what to do after them.
        stack: list[tuple[Any, Callable[[], None] | None]] = [(iter(root.children), None)]
        visited = 0
        while stack:
            children, after = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                if after is not None:
                    after()
                continue
            visited += 1
            if visited % NODES_PER_TIME_CHECK == 0:
                self.budget.check()
            if isinstance(child, (Comment, Doctype, Declaration, ProcessingInstruction)):
                continue
            if isinstance(child, NavigableString):
                self.parts.append(str(child))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name.lower()
            if (
                name in INVISIBLE
                or child.get("hidden") is not None
                or child.get("aria-hidden") == "true"
            ):
                if name == "head":
                    self._title(child)
                continue
            stack.append((iter(child.children), self._enter(child, name)))

    def _enter(self, tag: Any, name: str) -> Callable[[], None] | None:
        """Act on entering `tag`; return what to do once its children are read."""
        if name in HEADINGS:
            self.flush()
            self.level = HEADINGS[name]
            return self._end_heading
        if name in BLOCKS:
            self.flush()
            self.bullet = name == "li"
            return self.flush
        if name == "a":
            return lambda: self._address(tag)
        if name == "img":
            alt = tag.get("alt")
            if isinstance(alt, str) and alt.strip():
                self.parts.append(f" {alt.strip()} ")
        return None

    def _end_heading(self) -> None:
        self.flush()
        self.level = 0

    def _address(self, link: Any) -> None:
        href = link.get("href")
        if not isinstance(href, str) or not href.startswith(("http://", "https://")):
            return
        shown = link.get_text(" ", strip=True)
        if href.rstrip("/") not in shown:
            self.parts.append(f" ({href})")

    def _title(self, head: Any) -> None:
        title = head.find("title")
        if title is not None and title.get_text(strip=True):
            text = " ".join(title.get_text(" ", strip=True).split())
            self.budget.add_characters(len(text))
            self.budget.add_lines(1)
            self.items.append(heading_item(text, 1))


def read_html(data: bytes, source: str, budget: limits.ReadBudget) -> ReadResult:
    from bs4 import BeautifulSoup

    # The standard library's parser: no dependency on lxml, same result everywhere.
    try:
        soup = BeautifulSoup(data, "html.parser")
    except RecursionError:
        raise LimitError(
            source, "the page is nested too deeply to read safely", "save the page again"
        ) from None
    collector = _Collector(budget)
    collector.walk(soup)
    collector.flush()
    lines, readable, unreadable = lines_from_items(collector.items)
    return ReadResult(
        lines=lines,
        pages=1,
        engine="html",
        layout="text",
        readable=readable,
        unreadable=unreadable,
    )
