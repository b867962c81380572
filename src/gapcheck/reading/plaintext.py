"""Plain text and Markdown into lines.

Text is decoded as UTF-8 (with or without a BOM) or UTF-16 with a BOM; anything else
is read as Windows-1252 with a warning, because a resume saved from an old Windows
editor must still be read, but accented names may come out wrong. Markdown syntax is
reduced to its text: headings keep a heading style, links keep their address visible
("GitHub (https://github.com/...)") so portfolio links count as evidence, images keep
their alt text, and a paragraph's soft line breaks are joined as Markdown renders them.
"""

from __future__ import annotations

import re

from gapcheck.reading import limits
from gapcheck.reading.lines import BODY_SIZE, TextItem, heading_item, lines_from_items
from gapcheck.reading.result import ReadResult

ENCODING_WARNING = (
    "the file is not UTF-8; it was read as Windows-1252, so accented letters may be wrong"
)


def decode_text(data: bytes) -> tuple[str, str | None]:
    """(text, warning or None)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), ENCODING_WARNING
    except UnicodeDecodeError:  # bytes cp1252 leaves undefined; latin-1 maps every byte
        return data.decode("latin-1"), ENCODING_WARNING


def read_text(
    data: bytes, source: str, budget: limits.ReadBudget, *, markdown: bool
) -> ReadResult:
    text, warning = decode_text(data)
    # Every character counts, separators too, and every line, whatever ends it ("\r",
    # form feeds, U+2028...): the readers below split at all of them.
    budget.add_text(text)
    items = markdown_items(text) if markdown else plain_items(text)
    lines, readable, unreadable = lines_from_items(items)
    return ReadResult(
        lines=lines,
        pages=max((line.page for line in lines), default=1),
        engine="text",
        layout="text",
        readable=readable,
        unreadable=unreadable,
        warnings=[warning] if warning else [],
    )


_UNDERLINE = re.compile(r"^\s*(=+|-+)\s*$")
# The font given to the lines of a fenced code block, as a renderer shows them: the
# section finder sees they are not body text, and the resume check sees code.
CODE_FONT = "monospace"


def plain_items(text: str) -> list[TextItem]:
    """One item per line; a line underlined with ==== or ---- is a heading; \\f is a new page."""
    items: list[TextItem] = []
    for page, chunk in enumerate(text.split("\f"), start=1):
        rows = chunk.splitlines()
        for i, row in enumerate(rows):
            if _UNDERLINE.match(row) and i > 0 and rows[i - 1].strip():
                continue
            underlined = (
                i + 1 < len(rows) and bool(_UNDERLINE.match(rows[i + 1])) and bool(row.strip())
            )
            if underlined:
                items.append(heading_item(row.strip(), 1 if "=" in rows[i + 1] else 2, page))
            elif row.strip():
                items.append(TextItem(row, page=page, size=BODY_SIZE))
    return items


# --------------------------------------------------------------------------- Markdown

# Inline patterns run over whole paragraphs, which a hostile file can make one enormous
# line, so no pattern may backtrack far from any starting point: every repetition is
# bounded ({0,N}), and a run that can only end at a character it excludes ("[^)]" before
# ")") is matched atomically, as (?=(X))\N: a lookahead that takes the whole run, then a
# back-reference that consumes exactly it. Giving characters back could never succeed.
_FENCE = re.compile(r"^\s*(```|~~~)")
_ATX_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_LIST_ITEM = re.compile(r"^\s*([-*+]|\d{1,3}[.)])\s+")
_IMAGE = re.compile(r"!\[(?=([^\]]{0,500}))\1\]\((?=([^)]{0,2000}))\2\)")
_LINK = re.compile(
    r"\[(?=([^\]]{1,500}))\1\]\(\s{0,20}<?(?=([^)\s>]{1,2000}))\2>?"
    r"(?:\s{1,20}\"[^\"]{0,500}\")?\s{0,20}\)"
)
_REFERENCE_LINK = re.compile(r"\[(?=([^\]]{1,500}))\1\]\[(?=([^\]]{0,500}))\2\]")
_LINK_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]{1,500}\]:\s*(\S+)")
_AUTOLINK = re.compile(r"<(?=(https?://[^>\s]{1,2000}))\1>")
_HTML_LINK = re.compile(  # groups: 1 the address, 3 the link's text
    r"<a\s[^>]{0,500}?href=[\"'](?=([^\"']{1,2000}))\1[\"']"
    r"(?=([^>]{0,500}))\2>(.{0,1000}?)</a>",
    re.I | re.S,
)
_HTML_TAG = re.compile(r"</?[a-zA-Z](?=([^>]{0,1000}))\1>")
_EMPHASIS = re.compile(r"(\*\*|__|\*|(?<!\w)_)(\S(?:.{0,500}?\S)?)\1(?!\w)")
_CODE = re.compile(r"`{1,20}(?=([^`]{0,1000}))\1`{1,20}")
_STRIKE = re.compile(r"~~(.{0,500}?)~~")


def _link_text(text: str, url: str) -> str:
    """Keep a web address visible next to its text, unless the text already shows it."""
    if url.startswith(("http://", "https://")) and url.rstrip("/") not in text:
        return f"{text} ({url})"
    return text


def inline_markdown(text: str) -> str:
    """Markdown inline syntax reduced to the text a reader sees (plus link addresses)."""
    text = _AUTOLINK.sub(lambda m: m.group(1), text)
    text = _HTML_LINK.sub(
        lambda m: _link_text(_HTML_TAG.sub("", m.group(3)).strip(), m.group(1)), text
    )
    text = _HTML_TAG.sub(" ", text)
    text = _IMAGE.sub(lambda m: m.group(1), text)
    text = _LINK.sub(lambda m: _link_text(m.group(1), m.group(2)), text)
    text = _REFERENCE_LINK.sub(lambda m: m.group(1), text)
    text = _CODE.sub(lambda m: m.group(1), text)
    text = _STRIKE.sub(lambda m: m.group(1), text)
    for _ in range(2):  # nested emphasis: ***bold italic***
        text = _EMPHASIS.sub(lambda m: m.group(2), text)
    return text


def _strip_comments(text: str) -> str:
    """`text` without HTML comments; linear, unlike a regex over a file full of "<!--"."""
    kept: list[str] = []
    position = 0
    while (start := text.find("<!--", position)) != -1:
        end = text.find("-->", start + 4)
        if end == -1:
            break  # an unclosed comment is left as text, as the regex left it
        kept.append(text[position:start])
        position = end + 3
    kept.append(text[position:])
    return "".join(kept)


def markdown_items(text: str) -> list[TextItem]:
    """Markdown blocks as items: headings, list items, table rows, joined paragraphs."""
    items: list[TextItem] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            items.append(
                TextItem(inline_markdown(" ".join(p.strip() for p in paragraph)), size=BODY_SIZE)
            )
            paragraph.clear()

    in_fence = False
    rows = _strip_comments(text).splitlines()
    for i, row in enumerate(rows):
        if _FENCE.match(row):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            if row.strip():
                items.append(TextItem(row, size=BODY_SIZE, font=CODE_FONT))
            continue
        if (
            not row.strip()
            or _RULE.match(row)
            or _TABLE_SEPARATOR.match(row)
            or _LINK_DEFINITION.match(row)
        ):
            flush()
            continue
        if (heading := _ATX_HEADING.match(row)) is not None:
            flush()
            items.append(heading_item(inline_markdown(heading.group(2)), len(heading.group(1))))
            continue
        if (
            i + 1 < len(rows)
            and _UNDERLINE.match(rows[i + 1])
            and not paragraph
            and not _LIST_ITEM.match(row)
        ):
            items.append(heading_item(inline_markdown(row.strip()), 1 if "=" in rows[i + 1] else 2))
            continue
        if _UNDERLINE.match(row) and i > 0 and items and not paragraph:
            continue  # the underline of a setext heading
        stripped = row.strip().lstrip(">").strip()
        if _LIST_ITEM.match(row) or stripped.startswith("|"):
            flush()
            if stripped.startswith("|"):
                cells = [inline_markdown(c.strip()) for c in stripped.strip("|").split("|")]
                items.append(TextItem(" | ".join(c for c in cells if c), size=BODY_SIZE))
            else:
                items.append(
                    TextItem("• " + inline_markdown(_LIST_ITEM.sub("", row)), size=BODY_SIZE)
                )
            continue
        paragraph.append(stripped)
    flush()
    return items
