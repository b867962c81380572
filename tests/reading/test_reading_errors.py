"""Every kind of bad input gets its own error, naming the file and saying what to do."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from gapcheck.errors import GapcheckError, InputError, LimitError, UnreadableError, UsageError
from gapcheck.reading import limits, read_document
from tests.support import pdfgen

ENGINES = ("pdfminer", "pdfium")


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _error(path: Path, engine: str = "pdfminer") -> GapcheckError:
    with pytest.raises(GapcheckError) as caught:
        read_document(path, engine=engine)
    error = caught.value
    # One line: the file's name (never its folder), the problem, the advice.
    assert error.subject == path.name
    assert str(path.parent) not in error.message
    assert error.problem and error.advice
    return error


def test_missing_file(tmp_path: Path) -> None:
    error = _error(tmp_path / "nowhere.pdf")
    assert type(error) is InputError
    assert "not found" in error.problem


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "resumes"
    folder.mkdir()
    error = _error(folder)
    assert "folder" in error.problem


def test_zero_bytes(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    assert "empty" in _error(path).problem


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "PNG image"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 64, "JPEG image"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "Word 97-2003"),
        (b"{\\rtf1\\ansi resume}", "RTF"),
        (bytes(range(256)) * 4, "binary"),
    ],
)
def test_not_a_document_whatever_the_extension(tmp_path: Path, content: bytes, says: str) -> None:
    path = tmp_path / "resume.pdf"
    path.write_bytes(content)
    error = _error(path)
    assert type(error) is InputError
    assert says in error.problem


def test_a_zip_renamed_to_pdf(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("resume.txt", "Python")
    path = tmp_path / "resume.pdf"
    path.write_bytes(buffer.getvalue())
    assert "ZIP archive" in _error(path).problem


def test_truncated_pdf(tmp_path: Path, engine: str) -> None:
    error = _error(pdfgen.write_truncated(tmp_path / "cut.pdf"), engine)
    assert type(error) is InputError
    assert "damaged or truncated" in error.problem


def test_corrupt_pdf(tmp_path: Path, engine: str) -> None:
    path = tmp_path / "corrupt.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF\n")
    error = _error(path, engine)
    assert type(error) is InputError
    assert "damaged" in error.problem


def test_encrypted_pdf_needs_a_password(tmp_path: Path, engine: str) -> None:
    error = _error(pdfgen.write_encrypted(tmp_path / "locked.pdf"), engine)
    assert type(error) is InputError
    assert "password" in error.problem


def test_an_empty_user_password_opens(tmp_path: Path, engine: str) -> None:
    path = pdfgen.write_encrypted(tmp_path / "protected.pdf", user_password="")
    document = read_document(path, engine=engine)
    assert document.lines[0].text == "Alex Example"
    assert document.lines[3].text.startswith("Encrypted resume line 0")


def test_image_only_pdf_suggests_ocr(tmp_path: Path, engine: str) -> None:
    error = _error(pdfgen.write_image_only(tmp_path / "scan.pdf"), engine)
    assert type(error) is UnreadableError
    assert "no text layer" in error.problem and "scanned image" in error.problem
    assert "OCR" in error.advice


def test_outlined_text_has_no_text_layer(tmp_path: Path) -> None:
    error = _error(pdfgen.write_outlined_text(tmp_path / "outlined.pdf"))
    assert type(error) is UnreadableError
    assert "outlines" in error.problem
    assert "OCR" in error.advice


def test_fonts_without_a_unicode_map_are_refused(tmp_path: Path, engine: str) -> None:
    error = _error(pdfgen.write_unmapped_font(tmp_path / "cid.pdf"), engine)
    assert type(error) is UnreadableError
    assert "garbled" in error.problem and "Unicode map" in error.problem


def test_letter_salad_is_refused(tmp_path: Path, engine: str) -> None:
    error = _error(pdfgen.write_substituted_font(tmp_path / "salad.pdf"), engine)
    assert type(error) is UnreadableError
    assert "garbled" in error.problem


def test_byte_limit_is_stated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_BYTES", 1024 * 1024)
    path = tmp_path / "huge.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024))
    error = _error(path)
    assert type(error) is LimitError
    assert "2.0 MB" in error.problem and "1.0 MB limit" in error.problem


def test_page_limit_is_stated(tmp_path: Path, engine: str) -> None:
    error = _error(pdfgen.write_many_pages(tmp_path / "thesis.pdf", limits.MAX_PAGES + 10), engine)
    assert type(error) is LimitError
    assert f"{limits.MAX_PAGES}-page limit" in error.problem


def test_time_budget_stops_a_slow_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = pdfgen.write_resume(tmp_path / "slow.pdf", [("Experience", ["• Python"] * 40)])
    monkeypatch.setattr(limits, "MAX_SECONDS", 0.0)
    error = _error(path)
    assert type(error) is LimitError
    assert "second limit" in error.problem


def test_runaway_recursion_is_a_limit_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pdfminer.pdfinterp import PDFPageInterpreter

    path = pdfgen.write_resume(tmp_path / "deep.pdf", [("Experience", ["• Python"])])

    def recurse(self: PDFPageInterpreter, page: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(PDFPageInterpreter, "process_page", recurse)
    error = _error(path)
    assert type(error) is LimitError
    assert "nested too deeply" in error.problem


def test_memory_guard(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("resource", reason="the memory guard needs the Unix resource module")
    path = pdfgen.write_resume(tmp_path / "big.pdf", [("Experience", ["• Python"])])
    monkeypatch.setattr(limits, "MAX_EXTRA_MEMORY_MB", -1.0)
    error = _error(path)
    assert type(error) is LimitError
    assert "memory limit" in error.problem


def test_unknown_engine_is_a_usage_error(tmp_path: Path) -> None:
    path = pdfgen.write_resume(tmp_path / "resume.pdf", [("Skills", ["Python"])])
    with pytest.raises(UsageError, match="unknown engine"):
        read_document(path, engine="ocr")


def test_damaged_docx(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<not-xml")
    path = tmp_path / "resume.docx"
    path.write_bytes(buffer.getvalue())
    error = _error(path)
    assert type(error) is InputError
    assert "damaged" in error.problem
