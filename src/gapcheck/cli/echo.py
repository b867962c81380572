"""Text the CLI prints about files: one line, whatever a file name holds."""

from __future__ import annotations


def escaped(text: str) -> str:
    """`text` with control characters (a newline in a file name) shown escaped, so an
    error stays on one line and says exactly which file it means."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
