"""ZIP containers (DOCX) inflated within a limit counted on the bytes actually produced.

An archive states each entry's size in its directory, and `sniff.py` refuses an archive
whose stated sizes add up past `limits.MAX_UNZIPPED_BYTES` before anything is inflated.
But a stated size can lie, and Python's zipfile, asked for a whole entry at once (as
python-docx asks), inflates as much as the compressed data gives in one call, up to
2 GB, before it cuts the result to the stated size. So every entry is inflated here in
pieces of `PIECE` bytes, and the pieces are counted as they come out, by the bytes
actually produced: an entry is refused as soon as it inflates past the size it states
(the size the check before inflating trusted), and the archive as soon as all of them
pass the limit. Both are LimitErrors ("limit reached"), not a damaged file: zipfile is
let read past the stated size, by up to a piece, so the lie shows as bytes rather than
as a checksum that fails. python-docx is then given the same entries stored
uncompressed, so it inflates nothing itself.
"""

from __future__ import annotations

import copy
import io
import zipfile

from gapcheck.errors import InputError, LimitError
from gapcheck.reading import limits

PIECE = 1 << 20  # inflate at most this many bytes per call
# The compression methods Word writes; other methods (bzip2, LZMA) are refused, since
# zipfile inflates them without any bound per call.
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


class Inflated:
    """What an archive inflated to: the bytes produced so far, against the limit."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.produced = 0

    def count(self, size: int) -> None:
        self.produced += size
        if self.produced > limits.MAX_UNZIPPED_BYTES:
            raise LimitError(
                self.source,
                f"the archive inflates past the {limits.size_text(limits.MAX_UNZIPPED_BYTES)} "
                "limit of uncompressed data (limit reached, whatever sizes it states)",
                "it may be a ZIP bomb; open it in Word and save it again, or export it as PDF",
            )

    def lied(self, stated: int) -> LimitError:
        return LimitError(
            self.source,
            f"a part of the archive inflates to more than the {stated:,} bytes it states "
            "(limit reached)",
            "the file is damaged or built as a ZIP bomb; open it in Word and save it again, "
            "or export it as PDF",
        )


def stored_copy(data: bytes, source: str, budget: limits.ReadBudget) -> tuple[bytes, int]:
    """The archive in `data` with every entry inflated (within the limit) and stored
    uncompressed; and how many bytes the entries inflated to."""
    inflated = Inflated(source)
    entries: dict[str, bytes] = {}  # by name: of two entries named alike, the last counts
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for entry in archive.infolist():
                budget.check()
                if not entry.is_dir():
                    entries[entry.filename] = _inflate(archive, entry, inflated, budget)
    except (LimitError, InputError):
        raise
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, ValueError, NotImplementedError):
        raise InputError(
            source,
            "the Word document is damaged and cannot be read (its archive is broken)",
            "open it in Word and save it again, or export it as PDF",
        ) from None
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
        for name, content in entries.items():
            copy.writestr(name, content)
    return out.getvalue(), inflated.produced


def _inflate(
    archive: zipfile.ZipFile, entry: zipfile.ZipInfo, inflated: Inflated, budget: limits.ReadBudget
) -> bytes:
    if entry.compress_type not in _METHODS or entry.flag_bits & 0x1:
        raise InputError(
            inflated.source,
            "the Word document uses a compression or encryption Word does not write",
            "open it in Word and save it again, or export it as PDF",
        )
    pieces: list[bytes] = []
    produced = 0
    # zipfile stops at the size an entry states (and then fails its checksum): let it read
    # a piece further, so that an entry inflating past its stated size shows it in bytes.
    probe = copy.copy(entry)
    probe.file_size = entry.file_size + PIECE + 1
    try:
        with archive.open(probe) as member:
            while True:
                piece = member.read(PIECE)
                if not piece:
                    return b"".join(pieces)
                produced += len(piece)
                if produced > entry.file_size:
                    raise inflated.lied(entry.file_size)
                inflated.count(len(piece))
                pieces.append(piece)
                budget.check()
    except zipfile.BadZipFile:  # a part shorter than it states, or a checksum that fails
        raise InputError(
            inflated.source,
            "the Word document is damaged: a part of it does not match the size or "
            "checksum its archive states",
            "open it in Word and save it again, or export it as PDF",
        ) from None
