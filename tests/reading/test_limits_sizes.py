"""Size limits are stated in figures that differ: a file just over a limit is never "20.0 MB,
over the 20.0 MB limit" (gapcheck.reading.limits.over_limit_text and its users)."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from gapcheck.errors import LimitError
from gapcheck.reading import limits, read_bytes

MB = 1024 * 1024


def _figures(problem: str) -> list[str]:
    """The sizes a message states, as written ("20,971,530 bytes", "20.0 MB")."""
    return re.findall(r"[\d,.]+(?: bytes|-byte| MB)", problem)


@pytest.mark.parametrize("over", [1, 10, 1023, 50_000])
def test_a_size_just_over_the_limit_is_given_in_bytes(over: int) -> None:
    limit = limits.MAX_BYTES
    text = limits.over_limit_text(limit + over, limit)
    assert text == f"{limit + over:,} bytes, over the {limit:,}-byte (20.0 MB) limit"


def test_a_size_well_over_the_limit_is_given_in_mb() -> None:
    assert limits.over_limit_text(25 * MB, 20 * MB) == "25.0 MB, over the 20.0 MB limit"


@pytest.mark.parametrize(
    "size", [20 * MB + 1, 20 * MB + 52_428, 20 * MB + 52_429, 21 * MB, 40 * MB]
)
def test_the_two_figures_never_read_alike(size: int) -> None:
    size_figure, limit_figure = _figures(limits.over_limit_text(size, 20 * MB))[:2]
    assert size_figure.split()[0].rstrip("-") != limit_figure.split()[0].rstrip("-")


def test_a_file_just_over_the_size_limit_says_by_how_much() -> None:
    data = b"Skills\nPython\n" + b"x" * (limits.MAX_BYTES - 4)
    with pytest.raises(LimitError) as caught:
        read_bytes(data, "resume.txt")
    assert caught.value.problem == (
        f"is {len(data):,} bytes, over the {limits.MAX_BYTES:,}-byte (20.0 MB) limit"
    )


def test_an_archive_just_over_the_unpacked_limit_says_by_how_much(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(limits, "MAX_UNZIPPED_BYTES", 2 * MB)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", b" " * (2 * MB))
    with pytest.raises(LimitError) as caught:
        read_bytes(buffer.getvalue(), "resume.docx")
    assert caught.value.problem == (
        f"the archive unpacks to {2 * MB + 8:,} bytes, over the {2 * MB:,}-byte (2.0 MB) limit"
    )
