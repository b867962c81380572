"""Word archives are bounded by the bytes they really inflate to (gapcheck.reading.archive).

An entry that inflates past the size it states is refused as over a limit (LimitError,
"limit reached"), however little or much it lies by; an archive whose entries really
inflate past the uncompressed limit likewise; a damaged entry (a checksum that fails) is
still a damaged file. Every archive is made up here.
"""

from __future__ import annotations

import io
import zipfile

import pytest

from gapcheck.errors import InputError, LimitError
from gapcheck.reading import archive, limits, read_bytes
from tests.support import hostile_files


def _directory_record(data: bytearray, name: bytes) -> int:
    """Where the central directory's record of entry `name` starts in `data`."""
    end = data.rindex(b"PK\x05\x06")  # the end record gives where the directory starts
    record = int.from_bytes(data[end + 16 : end + 20], "little")
    while True:
        name_length = int.from_bytes(data[record + 28 : record + 30], "little")
        if data[record + 46 : record + 46 + name_length] == name:
            return record
        extra = int.from_bytes(data[record + 30 : record + 32], "little")
        comment = int.from_bytes(data[record + 32 : record + 34], "little")
        record += 46 + name_length + extra + comment


def _document_size() -> int:
    with zipfile.ZipFile(io.BytesIO(hostile_files.docx_bytes())) as source:
        return source.getinfo("word/document.xml").file_size


@pytest.mark.parametrize("extra", [1, 4_000, 3 << 20])
def test_an_entry_inflating_past_its_stated_size_is_over_a_limit(extra: int) -> None:
    real = _document_size() + extra
    data = hostile_files.lying_docx_bytes(inflated=real, stated=real - extra)
    with pytest.raises(LimitError) as caught:
        read_bytes(data, "lying.docx")
    assert caught.value.problem == (
        f"a part of the archive inflates to more than the {real - extra:,} bytes it states "
        "(limit reached)"
    )
    assert "\n" not in caught.value.message


def test_an_honest_entry_of_the_same_size_reads() -> None:
    real = _document_size() + 4_000
    data = hostile_files.lying_docx_bytes(inflated=real, stated=real)
    document = read_bytes(data, "honest.docx")
    assert document.lines


def test_the_bytes_produced_are_what_is_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    """Entries that state their sizes honestly but inflate past the limit together."""
    monkeypatch.setattr(limits, "MAX_UNZIPPED_BYTES", 3 << 20)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for index in range(4):
            target.writestr(f"word/part{index}.xml", b" " * (1 << 20))
    with pytest.raises(LimitError) as caught:
        archive.stored_copy(buffer.getvalue(), "big.docx", limits.ReadBudget("big.docx"))
    assert "past the 3.0 MB limit of uncompressed data (limit reached" in caught.value.problem


def test_a_stored_entry_longer_than_it_states_is_over_a_limit() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as target:
        target.writestr("word/document.xml", b"<w:document/>" + b" " * 5_000)
    data = bytearray(buffer.getvalue())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    # The uncompressed size in the local header and in the directory: 100 bytes.
    data[info.header_offset + 22 : info.header_offset + 26] = (100).to_bytes(4, "little")
    directory = _directory_record(data, b"word/document.xml")
    data[directory + 24 : directory + 28] = (100).to_bytes(4, "little")
    with pytest.raises(LimitError, match="more than the 100 bytes it states"):
        archive.stored_copy(bytes(data), "odd.docx", limits.ReadBudget("odd.docx"))


def test_a_damaged_entry_is_still_a_damaged_file() -> None:
    data = bytearray(hostile_files.docx_bytes())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    wrong = (info.CRC ^ 0xFFFF).to_bytes(4, "little")
    data[info.header_offset + 14 : info.header_offset + 18] = wrong
    directory = _directory_record(data, b"word/document.xml")
    data[directory + 16 : directory + 20] = wrong
    with pytest.raises(InputError) as caught:
        read_bytes(bytes(data), "damaged.docx")
    assert type(caught.value) is InputError
    assert "damaged" in caught.value.problem
