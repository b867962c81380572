"""The guards against hostile input, one by one, in this process.

test_hostile.py shows each hostile file ending well through the CLI; these tests pin the
mechanisms down: bounded inflation behaves exactly like the decoders it replaces on
honest data, reference loops are caught, the timer-signal watch stops pure-Python loops
and cleans up after itself, layout work does not grow with the page's width, and the
text readers stay linear on lines built to make regular expressions backtrack.
"""

from __future__ import annotations

import io
import signal
import threading
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfminer.lzw import lzwdecode
from pdfminer.runlength import rldecode

from gapcheck.cli.echo import escaped as one_line
from gapcheck.cli.main import _dashed_file
from gapcheck.errors import InputError, LimitError
from gapcheck.reading import columns, limits, read_bytes
from gapcheck.reading import plaintext as text
from gapcheck.reading.columns import Fragment
from gapcheck.reading.lines import split_long_text
from gapcheck.reading.pdfsafety import (
    _BoundedZlib,
    _decompress_corrupted,
    _lzwdecode,
    _rldecode,
    inflation_allowance,
)
from tests.support.hostile_files import (
    build_pdf,
    docx_bytes,
    lzw_bomb,
    one_page_objects,
    stream_object,
    text_content,
)

BOUNDED = _BoundedZlib()

# --------------------------------------------------------------------------- inflation


@given(st.binary(max_size=5000), st.integers(0, 9))
def test_bounded_inflation_matches_zlib(data: bytes, level: int) -> None:
    packed = zlib.compress(data, level)
    assert BOUNDED.decompress(packed) == data
    inflater = BOUNDED.decompressobj()
    assert inflater.decompress(packed[:7]) + inflater.decompress(packed[7:]) == data
    assert inflater.eof


def test_a_cut_stream_fails_like_zlib() -> None:
    packed = zlib.compress(b"resume " * 1000)[:-20]
    with pytest.raises(zlib.error):
        zlib.decompress(packed)
    with pytest.raises(zlib.error):
        BOUNDED.decompress(packed)


def _pdfminer_decompress_corrupted(data: bytes) -> bytes:
    """pdfminer's own recovery (byte by byte), the reference for gapcheck's bounded one."""
    inflater = zlib.decompressobj()
    result = b""
    try:
        for i in range(len(data)):
            result += inflater.decompress(data[i : i + 1])
    except zlib.error:
        if i < len(data) - 3:
            raise
    return result


@settings(max_examples=150, deadline=None)
@given(
    st.binary(min_size=1, max_size=3000),
    st.integers(0, 10_000),
    st.binary(min_size=0, max_size=4),
)
def test_damaged_stream_recovery_matches_pdfminer(data: bytes, at: int, garbage: bytes) -> None:
    packed = bytearray(zlib.compress(data * 3))
    position = at % len(packed)
    packed[position : position + len(garbage)] = garbage
    damaged = bytes(packed)
    try:
        expected: bytes | type[zlib.error] = _pdfminer_decompress_corrupted(damaged)
    except zlib.error:
        expected = zlib.error
    if expected is zlib.error:
        with pytest.raises(zlib.error):
            _decompress_corrupted(damaged)
    else:
        assert _decompress_corrupted(damaged) == expected


@given(st.lists(st.tuples(st.integers(0, 255), st.binary(min_size=1, max_size=128)), max_size=30))
def test_run_length_decoding_matches_pdfminer(runs: list[tuple[int, bytes]]) -> None:
    encoded = bytearray()
    for length, chunk in runs:
        if length < 128:
            encoded += bytes([len(chunk) - 1]) + chunk
        elif length > 128:
            encoded += bytes([length, chunk[0]])
    encoded.append(128)
    assert _rldecode(bytes(encoded)) == rldecode(bytes(encoded))


def test_lzw_decoding_matches_pdfminer() -> None:
    sample = lzw_bomb(1)
    assert _lzwdecode(sample) == lzwdecode(sample)
    assert len(_lzwdecode(sample)) == 7_370_880


def test_each_stream_and_all_streams_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_STREAM_BYTES", 1 << 20)
    monkeypatch.setattr(limits, "MAX_INFLATED_BYTES", 3 << 20)
    with pytest.raises(LimitError, match=r"1\.0 MB"):
        BOUNDED.decompress(zlib.compress(bytes(2 << 20)))
    with pytest.raises(LimitError, match=r"1\.0 MB"):
        _rldecode(b"\x81 " * 20_000 + b"\x80")
    with inflation_allowance("cv.pdf") as allowance, pytest.raises(LimitError) as caught:
        for _ in range(4):
            BOUNDED.decompress(zlib.compress(bytes(900_000)))
    assert caught.value.subject == "cv.pdf" and "3.0 MB in all" in caught.value.problem
    assert allowance.exceeded is caught.value


# --------------------------------------------------------------------------- references


def test_a_chain_of_references_resolves_and_a_loop_is_refused() -> None:
    chain = one_page_objects(b"")
    chain[4] = stream_object(text_content(["Python and SQL engineer"] * 4), length=b"6 0 R")
    chain += [b"7 0 R", b"%d" % len(text_content(["Python and SQL engineer"] * 4))]
    document = read_bytes(build_pdf(chain), "chain.pdf")
    assert document.lines[0].text == "Python and SQL engineer"

    loop = one_page_objects(b"")
    loop[1] = b"<< /Type /Pages /Kids 6 0 R /Count 1 >>"
    loop += [b"7 0 R", b"6 0 R"]
    with pytest.raises(InputError, match="endless loop"):
        read_bytes(build_pdf(loop), "loop.pdf")


# --------------------------------------------------------------------------- the watch


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_the_watch_stops_a_pure_python_loop_and_cleans_up() -> None:
    budget = limits.ReadBudget("slow.pdf", seconds=0.3)
    started = time.process_time()
    with pytest.raises(LimitError, match=r"0\.3-second limit"), budget.watch():
        _spin(10)
    assert time.process_time() - started < 2  # CPU time: the 10-second spin was cut short
    assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_the_watch_raises_again_when_a_library_swallows_the_error() -> None:
    budget = limits.ReadBudget("slow.pdf", seconds=0.2)
    swallowed = 0
    started = time.process_time()
    with budget.watch():
        for _ in range(3):
            try:
                _spin(5)
            except LimitError:  # what a careless `except Exception` in a library does
                swallowed += 1
    assert swallowed == 3
    assert time.process_time() - started < 3, "each loop after the first was stopped as well"


def test_the_watch_stops_memory_growth() -> None:
    budget = limits.ReadBudget("big.pdf", extra_memory_mb=64)
    hoard: list[bytes] = []
    with pytest.raises(LimitError, match="64 MB memory limit"), budget.watch():
        for _ in range(2000):  # up to 2 GB, a megabyte at a time
            hoard.append(bytes(1 << 20))
            _spin(0.001)
    hoard.clear()


def test_the_watch_leaves_other_threads_and_timers_alone() -> None:
    outcome: list[object] = []

    def in_thread() -> None:
        with limits.ReadBudget("t.pdf", seconds=0.01).watch():
            _spin(0.2)  # no timer in a thread: only the cooperative checks apply
            outcome.append(signal.getitimer(signal.ITIMER_REAL))

    worker = threading.Thread(target=in_thread)
    worker.start()
    worker.join()
    assert outcome == [(0.0, 0.0)]

    signal.setitimer(signal.ITIMER_REAL, 100.0)  # somebody else's timer
    try:
        with limits.ReadBudget("u.pdf", seconds=0.01).watch():
            assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0.0)


# --------------------------------------------------------------------------- layout and text


def _fragment(x0: float, x1: float, y: float) -> Fragment:
    return Fragment(text="word", x0=x0, y0=y, x1=x1, y1=y + 10, size=10.0, chars=4)


def _reference_gutter(fragments: list[Fragment]) -> tuple[float, float] | None:
    """The original point-by-point sweep, kept here as the reference on ordinary pages."""
    left = min(f.x0 for f in fragments)
    right = max(f.x1 for f in fragments)
    width = right - left
    if width < 4 * columns.MIN_GUTTER:
        return None
    origin = int(left)
    span = int(right) - origin + 2
    coverage = [0] * (span + 1)
    for f in fragments:
        coverage[int(f.x0) - origin] += 1
        coverage[int(f.x1 + 0.999) - origin] -= 1
    running = 0
    for i in range(span + 1):
        running += coverage[i]
        coverage[i] = running
    low = int(left + columns.EDGE_MARGIN * width) - origin
    high = int(right - columns.EDGE_MARGIN * width) - origin
    best = None
    i = low
    while i < high:
        j = i
        while j < high and coverage[j] == coverage[i]:
            j += 1
        if j - i >= columns.MIN_GUTTER and (best is None or (coverage[i], i - j, i) < best):
            best = (coverage[i], i - j, i)
        i = j
    return None if best is None else (origin + best[2], origin + best[2] - best[1])


boxes = st.lists(
    st.tuples(st.floats(0, 600), st.floats(1, 300), st.floats(0, 800)), min_size=1, max_size=40
)


@settings(max_examples=200, deadline=None)
@given(boxes)
def test_gutter_search_matches_the_point_by_point_sweep(
    spec: list[tuple[float, float, float]],
) -> None:
    fragments = [_fragment(x, x + w, y) for x, w, y in spec]
    assert columns._find_gutter(fragments) == _reference_gutter(fragments)


def test_gutter_search_does_not_grow_with_page_width() -> None:
    fragments = [_fragment(56, 300, y) for y in range(0, 700, 14)]
    fragments += [_fragment(1e15, 1e15 + 200, y) for y in range(0, 700, 14)]
    started = time.process_time()
    assert columns._find_gutter(fragments) is not None
    assert time.process_time() - started < 1  # CPU seconds, with a wide margin


@given(st.text(max_size=3000), st.integers(10, 400))
def test_long_lines_are_split_without_losing_text(line: str, limit: int) -> None:
    pieces = split_long_text(line, limit)
    assert all(0 < len(piece) <= limit for piece in pieces)
    assert "".join("".join(p.split()) for p in pieces) == "".join(line.split())


ADVERSARIAL = ("*a ", "_a ", "[", "](", "<a ", "<!--", "<https://", "`", "~~a", "![", "[a](")


@pytest.mark.parametrize("unit", ADVERSARIAL)
def test_markdown_stays_linear_on_hostile_lines(unit: str) -> None:
    line = unit * (100_000 // len(unit)) + "x"
    started = time.process_time()
    text.markdown_items(line)
    text.markdown_items("# " + line)
    # CPU seconds (about 2 today), with a wide margin: quadratic work would take minutes.
    assert time.process_time() - started < 20, "quadratic: a 100,000-character line"


def test_a_deeply_nested_page_is_read(tmp_path: Path) -> None:
    page = b"<html><body>" + b"<div><span>" * 20_000 + b"Python" + b"</span></div>" * 20_000
    document = read_bytes(page + b"</body></html>", "deep.html", role="portfolio")
    assert [line.text for line in document.lines] == ["Python"]


def test_text_limits_are_stated(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(LimitError, match="200,000 characters"):
        read_bytes(b"Python " * 40_000, "long.txt")
    with pytest.raises(LimitError, match="50,000 lines"):
        read_bytes(b"x\n" * 60_000, "lines.txt")
    monkeypatch.setattr(limits, "MAX_CHARACTERS", 100)
    with pytest.raises(LimitError, match="100 characters"):
        read_bytes(docx_bytes(["Python engineer"] * 20), "long.docx")


def test_a_zip_bomb_is_refused_before_inflating(monkeypatch: pytest.MonkeyPatch) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", bytes(3 << 20))
    monkeypatch.setattr(limits, "MAX_UNZIPPED_BYTES", 2 << 20)
    with pytest.raises(LimitError, match=r"unpacks to 3\.0 MB, over the 2\.0 MB limit"):
        read_bytes(buffer.getvalue(), "bomb.docx")


# --------------------------------------------------------------------------- the command line


def test_names_are_printed_on_one_line() -> None:
    assert one_line("new\nline\t\x1b[31m.pdf") == "new\\nline\\t\\x1b[31m.pdf"
    assert one_line("résumé 履歴書.pdf") == "résumé 履歴書.pdf"


def test_a_dashed_file_is_recognised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-cv.pdf").write_bytes(b"")
    assert _dashed_file(["--level", "entry", "-cv.pdf"]) == "-cv.pdf"
    assert _dashed_file(["--", "-cv.pdf"]) is None
    assert _dashed_file(["-q", "cv.pdf"]) is None
