"""Every limit holds for every reader and engine (gapcheck.reading.limits and its users).

- the 50,000-line limit counts every line break `str.splitlines` knows ("\\r", U+2028,
  U+2029, form feeds...), not only "\\n", in text, Markdown, HTML and Word files, and
  stops reading before the lines are built;
- the 200,000-character limit counts separators too, and every part of a Word document:
  headers, footers, footnotes, endnotes and text boxes (whose text is also read);
- a Word archive is inflated in counted pieces: an entry that lies about its size never
  makes one call inflate more than a piece, whatever the archive states, and is refused
  as over a limit (LimitError), not as a damaged file;
- what is not a regular file (a FIFO, a device, a socket) is refused before it is read;
- the pdfium engine reads in a child process capped at the CPU-time and memory limits and
  killed at the wall-clock safety net, like pdfminer's bounds in this process.

Work is measured by counts (calls, bytes produced, resource limits set), never by how
long something took; timeouts here only guard against a hang.
"""

from __future__ import annotations

import io
import json
import os
import resource
import socket
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest

from gapcheck.errors import GapcheckError, InputError, LimitError
from gapcheck.reading import archive, isolated, limits, plaintext, read_bytes, read_document
from gapcheck.reading import pdfium as pdfium_reader
from gapcheck.reading.result import ReadResult
from tests.support import hostile_files, pdfgen

REPO = Path(__file__).resolve().parents[2]
SEPARATORS = ["\n", "\r", "\r\n", "\u2028", "\u2029", "\f", "\v", "\x85", "\x1c", "\x1e"]
HANG_GUARD_SECONDS = 120  # a subprocess that runs this long has hung: the test fails


# --------------------------------------------------------------------------- lines


@pytest.mark.parametrize("separator", SEPARATORS, ids=[f"U+{ord(s[-1]):04X}" for s in SEPARATORS])
@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_every_line_break_counts_toward_the_line_limit(
    separator: str, suffix: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def never(*args: object) -> None:
        raise AssertionError("lines were built for a file over the line limit")

    monkeypatch.setattr(plaintext, "lines_from_items", never)
    # Ordinary text first, so the file is taken for text whatever control characters
    # (U+000B, U+001C...) follow.
    opening = "Skills\n" + "Python and SQL\n" * 700
    text = opening + ("x" + separator) * (limits.MAX_TEXT_LINES + 1)
    assert len(text) <= limits.MAX_CHARACTERS  # the line limit, not the character limit
    with pytest.raises(LimitError, match="more than 50,000 lines"):
        read_bytes(text.encode("utf-8"), f"resume{suffix}")


def test_count_lines_agrees_with_splitlines() -> None:
    samples = ["", "a", "a\n", "\n\n", "a\r\nb", "a\rb\u2028c\u2029d\fe\vf\x85g", "x\r" * 5]
    for text in samples:
        assert limits.count_lines(text) == len(text.splitlines()), repr(text)


def test_separators_count_toward_the_character_limit() -> None:
    text = "abcd\u2029" * (limits.MAX_CHARACTERS // 5) + "e"
    assert limits.count_lines(text) <= limits.MAX_TEXT_LINES
    with pytest.raises(LimitError, match="200,000 characters"):
        read_bytes(text.encode("utf-8"), "resume.txt")


def test_html_lines_are_counted() -> None:
    page = "<html><body>" + "<p>x</p>" * (limits.MAX_TEXT_LINES + 1) + "</body></html>"
    with pytest.raises(LimitError, match="more than 50,000 lines"):
        read_bytes(page.encode(), "page.html")


# --------------------------------------------------------------------------- Word parts

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml"


def _docx(
    *,
    body: str = "",
    header: str = "",
    footer: str = "",
    footnote: str = "",
    endnote: str = "",
    text_box: str = "",
) -> bytes:
    """A short made-up Word resume with `...` text in the named parts."""
    import docx

    document = docx.Document()
    for line in hostile_files.RESUME_LINES:
        document.add_paragraph(line)
    if body:
        document.add_paragraph(body)
    if header:
        document.sections[0].header.paragraphs[0].text = header
    if footer:
        document.sections[0].footer.paragraphs[0].text = footer
    if text_box:
        from docx.oxml import parse_xml

        box = parse_xml(
            f'<w:p xmlns:w="{W}" xmlns:v="urn:schemas-microsoft-com:vml"><w:r><w:pict>'
            f"<v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>{text_box}</w:t></w:r></w:p>"
            "</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
        )
        document.element.body.insert(0, box)
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    for kind, text in (("footnotes", footnote), ("endnotes", endnote)):
        if text:
            data = _with_notes(data, kind, text)
    return data


def _with_notes(data: bytes, kind: str, text: str) -> bytes:
    """`data` with a footnotes or endnotes part holding one note of `text`."""
    tag = kind[:-1]  # footnote, endnote
    part = (
        f'<w:{kind} xmlns:w="{W}"><w:{tag} w:id="1"><w:p><w:r><w:t>{text}</w:t></w:r></w:p>'
        f"</w:{tag}></w:{kind}>"
    ).encode()
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                override = (
                    f'<Override PartName="/word/{kind}.xml" '
                    f'ContentType="{NOTES_TYPE.format(kind=kind)}"/>'
                )
                content = content.replace(b"</Types>", override.encode() + b"</Types>")
            elif item.filename == "word/_rels/document.xml.rels":
                relation = f'<Relationship Id="rIdNotes" Type="{REL}/{kind}" Target="{kind}.xml"/>'
                end = b"</Relationships>"
                content = content.replace(end, relation.encode() + end)
            target.writestr(item.filename, content)
        target.writestr(f"word/{kind}.xml", part)
    return out.getvalue()


PARTS = ("body", "header", "footer", "footnote", "endnote", "text_box")


@pytest.mark.parametrize("part", PARTS)
def test_every_word_part_is_read(part: str) -> None:
    document = read_bytes(_docx(**{part: f"Kubernetes in the {part}"}), "resume.docx")
    texts = [line.text for line in document.lines]
    assert f"Kubernetes in the {part}" in texts, texts


@pytest.mark.parametrize("part", PARTS)
def test_every_word_part_counts_toward_the_character_limit(part: str) -> None:
    flood = "Python SQL Docker " * (limits.MAX_CHARACTERS // 18 + 100)
    with pytest.raises(LimitError, match="200,000 characters"):
        read_bytes(_docx(**{part: flood}), "resume.docx")


@pytest.mark.parametrize("part", PARTS)
def test_line_breaks_inside_a_word_paragraph_count_toward_the_line_limit(part: str) -> None:
    breaks = "x\u2028" * (limits.MAX_TEXT_LINES + 1)
    with pytest.raises(LimitError, match="more than 50,000 lines"):
        read_bytes(_docx(**{part: breaks}), "resume.docx")


def test_empty_word_paragraphs_count_toward_the_line_limit() -> None:
    import docx

    document = docx.Document()
    for _ in range(limits.MAX_TEXT_LINES + 1):
        document.add_paragraph("")
    buffer = io.BytesIO()
    document.save(buffer)
    with pytest.raises(LimitError, match="more than 50,000 lines"):
        read_bytes(buffer.getvalue(), "empty-paragraphs.docx")


# --------------------------------------------------------------------------- ZIP inflation


class _CountingInflater:
    """A zlib inflater that records how much each call produced."""

    def __init__(self, calls: list[int]) -> None:
        self._inflater = zlib.decompressobj(-15)
        self._calls = calls

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        out = self._inflater.decompress(data, max_length)
        self._calls.append(len(out))
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inflater, name)


def test_an_entry_lying_about_its_size_is_inflated_one_piece_at_a_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[int] = []
    original = zipfile._get_decompressor  # type: ignore[attr-defined]

    def counting(compress_type: int) -> Any:
        if compress_type == zipfile.ZIP_DEFLATED:
            return _CountingInflater(calls)
        return original(compress_type)

    monkeypatch.setattr(zipfile, "_get_decompressor", counting)
    data = hostile_files.lying_docx_bytes(inflated=64 << 20, stated=2_000)
    with pytest.raises(LimitError, match=r"more than the 2,000 bytes it states \(limit reached\)"):
        read_bytes(data, "lying.docx")
    assert calls, "nothing was inflated"
    assert max(calls) <= archive.PIECE  # never the whole 64 MB in one call
    assert sum(calls) <= 4 * archive.PIECE  # it stops near the stated size, not at 64 MB


def test_what_entries_really_inflate_to_is_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    """The limit holds on the bytes produced, even where the stated sizes are not checked."""
    monkeypatch.setattr(limits, "MAX_UNZIPPED_BYTES", 3 << 20)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for index in range(4):
            target.writestr(f"word/part{index}.xml", b" " * (1 << 20))
    with pytest.raises(LimitError, match=r"inflates past the 3\.0 MB limit"):
        archive.stored_copy(buffer.getvalue(), "big.docx", limits.ReadBudget("big.docx"))


def test_compression_methods_word_does_not_write_are_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_BZIP2) as target:
        target.writestr("word/document.xml", b"<w:document/>")
    with pytest.raises(InputError, match="compression or encryption"):
        archive.stored_copy(buffer.getvalue(), "odd.docx", limits.ReadBudget("odd.docx"))


# --------------------------------------------------------------------------- special files

READ_IN_CHILD = """
import json, sys
from pathlib import Path
from gapcheck.errors import GapcheckError
from gapcheck.reading import read_document
try:
    read_document(Path(sys.argv[1]))
    print(json.dumps({"status": "read"}))
except GapcheckError as error:
    print(json.dumps({"status": "refused", "class": type(error).__name__,
                      "message": error.message}))
"""


def _read_in_child(path: Path | str) -> dict[str, str]:
    """read_document in a child process; the timeout fails the test if it hangs."""
    run = subprocess.run(
        [sys.executable, "-c", READ_IN_CHILD, str(path)],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_SECONDS,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    return dict(json.loads(run.stdout))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "resume.pdf"
    os.mkfifo(fifo)
    outcome = _read_in_child(fifo)
    assert outcome["status"] == "refused" and outcome["class"] == "InputError"
    assert outcome["message"].startswith("resume.pdf: is a named pipe (FIFO), not a regular")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_the_cli_refuses_a_fifo_in_one_line(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "resume.txt")
    run = subprocess.run(
        [sys.executable, "-m", "gapcheck", "resume.txt", "--date", "2026-11-21"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_SECONDS,
        check=False,
    )
    assert run.returncode == 1
    assert run.stderr.splitlines() == [
        "gapcheck: error: resume.txt: is a named pipe (FIFO), not a regular file; "
        "pass the resume file itself (PDF, DOCX, TXT, MD or HTML)"
    ]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_a_device_is_refused_before_it_is_read() -> None:
    outcome = _read_in_child("/dev/zero")
    assert outcome["status"] == "refused"
    assert outcome["message"] == (
        "zero: is a character device (like /dev/zero), not a regular file; "
        "pass the resume file itself (PDF, DOCX, TXT, MD or HTML)"
    )


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix sockets on this system")
def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "resume.pdf"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(path))
        with pytest.raises(InputError, match="is a socket, not a regular file"):
            read_document(path)


class _CountingStream(io.BytesIO):
    """A stream that counts the bytes read from it."""

    given = 0

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        self.given += len(data)
        return data


def test_a_file_is_read_to_one_byte_past_the_limit_at_most() -> None:
    """Whatever size a file claimed (one that grows while it is read)."""
    from gapcheck.reading import _read_at_most

    stream = _CountingStream(b"x" * 50_000)
    with pytest.raises(LimitError, match="over the"):
        _read_at_most(stream, "resume.txt", 1_000)
    assert stream.given == 1_001
    assert _read_at_most(_CountingStream(b"x" * 999), "resume.txt", 1_000) == b"x" * 999


# --------------------------------------------------------------------------- pdfium bounds

pypdfium2 = pytest.importorskip("pypdfium2")

PDFIUM_MEMORY = """
import json, resource, sys
from pathlib import Path
from gapcheck.errors import GapcheckError
from gapcheck.reading import limits, read_document
limits.MAX_EXTRA_MEMORY_MB = float(sys.argv[2])
import pypdfium2  # loaded before the peak of this process is taken
read_document(Path(sys.argv[3]), engine="pdfium")  # a small resume: the engine warmed up
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
try:
    read_document(Path(sys.argv[1]), engine="pdfium")
    status, message = "read", ""
except GapcheckError as error:
    status, message = type(error).__name__, error.message
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"status": status, "message": message, "parent_mb": before,
                  "child_mb": children}))
"""


def test_pdfium_reads_in_a_child_capped_at_the_memory_limit(tmp_path: Path) -> None:
    """A 500 MB LZW bomb, which PDFium inflates in C, stops at a lowered 200 MB limit."""
    bomb = hostile_files.write_lzw_bomb(tmp_path)
    small = hostile_files.write_valid_pdf(tmp_path)
    allowance = 200
    run = subprocess.run(
        [sys.executable, "-c", PDFIUM_MEMORY, str(bomb), str(allowance), str(small)],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_SECONDS,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    outcome = json.loads(run.stdout)
    assert outcome["status"] == "LimitError", outcome
    assert "200 MB memory limit" in outcome["message"], outcome
    # The child started as a copy of the parent; it grew by at most the allowance.
    assert outcome["child_mb"] < outcome["parent_mb"] + allowance + 64, outcome


def test_pdfium_is_killed_at_the_reading_time_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A child that never answers (stuck in C, with every signal blocked) is killed at the
    wall-clock safety net: waiting, the parent spends no CPU time of its own."""
    pid_file = tmp_path / "child.pid"

    def stuck(data: bytes, source: str, budget: limits.ReadBudget) -> ReadResult:
        import signal
        import time

        pid_file.write_text(str(os.getpid()))
        signal.pthread_sigmask(signal.SIG_BLOCK, set(signal.Signals) - {signal.SIGKILL})
        while True:
            time.sleep(60)

    monkeypatch.setattr(limits, "MAX_SECONDS", 1.0)
    monkeypatch.setattr(limits, "WALL_CLOCK_FACTOR", 2)
    monkeypatch.setattr(pdfium_reader, "read_pdfium_here", stuck)
    path = hostile_files.write_valid_pdf(tmp_path)
    with pytest.raises(LimitError, match=r"2-second wall-clock limit \(limit reached\)"):
        read_document(path, engine="pdfium")
    pid = int(pid_file.read_text())
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # already reaped: no zombie is left behind


def test_the_child_runs_under_address_space_and_cpu_limits(tmp_path: Path) -> None:
    def report_limits(data: bytes, source: str, budget: limits.ReadBudget) -> ReadResult:
        with Path("/proc/self/statm").open(encoding="ascii") as statm:
            size = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        address = resource.getrlimit(resource.RLIMIT_AS)[0]
        cpu = resource.getrlimit(resource.RLIMIT_CPU)[0]
        return ReadResult(lines=(), pages=1, engine="test", warnings=[f"{size} {address} {cpu}"])

    if not Path("/proc/self/statm").exists():
        pytest.skip("no /proc on this system")
    budget = limits.ReadBudget("x.pdf", seconds=30, extra_memory_mb=300)
    result = isolated.run_isolated(report_limits, b"", "x.pdf", budget)
    size, address, cpu = map(int, result.warnings[0].split())
    assert size < address <= size + 300 * 1024 * 1024 + (64 << 20)
    assert cpu != resource.RLIM_INFINITY and cpu <= 30 + isolated.CPU_SECONDS_MARGIN + 60


def test_an_error_in_the_child_reaches_the_parent_as_it_was(tmp_path: Path) -> None:
    locked = pdfgen.write_encrypted(tmp_path / "locked.pdf")
    with pytest.raises(InputError, match="encrypted and needs a password") as caught:
        read_document(locked, engine="pdfium")
    assert type(caught.value) is InputError and caught.value.subject == "locked.pdf"


def test_a_child_that_crashes_is_one_line_error(tmp_path: Path) -> None:
    def crash(data: bytes, source: str, budget: limits.ReadBudget) -> ReadResult:
        os.abort()

    budget = limits.ReadBudget("crash.pdf")
    with pytest.raises(GapcheckError) as caught:
        isolated.run_isolated(crash, b"", "crash.pdf", budget)
    assert "pdfium engine stopped" in caught.value.problem
    assert "\n" not in caught.value.message


def test_documentation_snippet_for_the_engines_is_current() -> None:
    text = (REPO / "SECURITY.md").read_text(encoding="utf-8")
    assert "child process" in text and "pdfium" in text
