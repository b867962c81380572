"""Guards around pdfminer for PDFs built to exhaust it.

Two parts of a PDF can make pdfminer swell or loop where no time check reaches:

- Compressed streams. pdfminer inflates a stream with one call to `zlib.decompress`, so
  a few kilobytes can become gigabytes in a call that cannot be interrupted, and it
  retries a damaged stream one byte at a time with quadratic string building. While a
  PDF is read (`inflation_allowance`), pdfminer's stream decoder uses `_BoundedZlib`
  instead: no stream inflates past `limits.MAX_STREAM_BYTES`, and a document's streams
  together not past `limits.MAX_INFLATED_BYTES`. The LZW and run-length decoders, which
  pdfminer writes in Python, are replaced by versions counting against the same limits.
- References. An object whose value is a reference to itself (or to an object that
  refers back) makes pdfminer's `resolve1` loop forever. `GuardedDocument` follows such
  chains itself and raises `ReferenceLoop` on a cycle.

The stand-in is installed into pdfminer once, on import; outside a read it applies the
per-stream limit only, so any other use of pdfminer in the process keeps working.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from pdfminer import pdftypes
from pdfminer.lzw import LZWDecoder
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdftypes import PDFException, PDFObjRef

from gapcheck.errors import LimitError
from gapcheck.reading import limits

CHUNK = 1 << 20  # inflate in pieces of this size, checking the allowance in between
_RETRY_BLOCK = 4096  # a damaged stream is re-read in blocks of this many input bytes
MAX_REFERENCE_CHAIN = 64  # real files chain at most a couple of references


class ReferenceLoop(PDFException):
    """An object's value is a chain of references that comes back to where it started."""


class _Allowance:
    """What the streams of the document being read may still inflate to."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.left = limits.MAX_INFLATED_BYTES
        self.exceeded: LimitError | None = None  # kept in case a library swallows the error

    def take(self, count: int) -> None:
        self.left -= count
        if self.left < 0:
            self.fail(
                f"its compressed streams inflate to more than "
                f"{limits.size_text(limits.MAX_INFLATED_BYTES)} in all, over the limit"
            )

    def fail(self, problem: str) -> None:
        self.exceeded = LimitError(
            self.source, problem, "the PDF may be a decompression bomb; print it to a new PDF"
        )
        raise self.exceeded


_current: ContextVar[_Allowance | None] = ContextVar("gapcheck_inflation", default=None)


@contextmanager
def inflation_allowance(source: str) -> Iterator[_Allowance]:
    """Bound what the PDF `source`'s streams inflate to while the block reads it."""
    allowance = _Allowance(source)
    token = _current.set(allowance)
    try:
        yield allowance
    finally:
        _current.reset(token)


def _stream_too_large() -> None:
    problem = (
        f"a compressed stream inflates to more than "
        f"{limits.size_text(limits.MAX_STREAM_BYTES)}, over the limit"
    )
    allowance = _current.get()
    if allowance is None:
        raise LimitError("PDF stream", problem, "the PDF may be a decompression bomb")
    allowance.fail(problem)


class _BoundedInflater:
    """A `zlib.decompressobj` whose total output is bounded like a whole stream's."""

    def __init__(self, *args: Any) -> None:
        self._inflater = zlib.decompressobj(*args)
        self.produced = 0

    @property
    def eof(self) -> bool:
        return self._inflater.eof

    @property
    def unconsumed_tail(self) -> bytes:
        return self._inflater.unconsumed_tail

    @property
    def unused_data(self) -> bytes:
        return self._inflater.unused_data

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        """Like zlib's, in bounded pieces; `max_length` is honoured as zlib does."""
        if max_length:
            return self._count(self._inflater.decompress(data, max_length))
        parts = []
        pending = data
        while not self._inflater.eof:
            piece = self._count(self._inflater.decompress(pending, CHUNK))
            pending = self._inflater.unconsumed_tail
            if piece:
                parts.append(piece)
            elif not pending:
                break  # the input is used up and nothing more comes out
        return b"".join(parts)

    def flush(self, length: int = CHUNK) -> bytes:
        return self._count(self._inflater.flush(length))

    def _count(self, piece: bytes) -> bytes:
        self.produced += len(piece)
        if self.produced > limits.MAX_STREAM_BYTES:
            _stream_too_large()
        allowance = _current.get()
        if allowance is not None:
            allowance.take(len(piece))
        return piece


class _BoundedZlib:
    """The part of the zlib module pdfminer's stream decoder uses, with bounded output."""

    error = zlib.error
    MAX_WBITS = zlib.MAX_WBITS

    @staticmethod
    def decompressobj(*args: Any) -> _BoundedInflater:
        return _BoundedInflater(*args)

    @staticmethod
    def decompress(data: bytes, wbits: int = zlib.MAX_WBITS, bufsize: int = 0) -> bytes:
        inflater = _BoundedInflater(wbits)
        out = inflater.decompress(data)
        if not inflater.eof:
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)


def _decompress_corrupted(data: bytes) -> bytes:
    """pdfminer's recovery of a damaged stream, bounded and in linear time.

    Like pdfminer's own: inflate as far as the data allows; an error within the last
    three bytes (a damaged checksum) keeps what was inflated, an earlier one raises.
    """
    inflater = _BoundedInflater()
    parts: list[bytes] = []
    for start in range(0, len(data), _RETRY_BLOCK):
        try:
            parts.append(inflater.decompress(data[start : start + _RETRY_BLOCK]))
        except zlib.error:
            # Find the failing byte: inflate again up to this block, then byte by byte.
            inflater = _BoundedInflater()
            parts = [inflater.decompress(data[:start])] if start else []
            for index in range(start, min(start + _RETRY_BLOCK, len(data))):
                try:
                    parts.append(inflater.decompress(data[index : index + 1]))
                except zlib.error:
                    if index < len(data) - 3:
                        raise
                    return b"".join(parts)
        if inflater.eof:
            break
    return b"".join(parts)


def _bounded_join(pieces: Iterable[bytes]) -> bytes:
    """The pieces a decoder yields, joined, counted against the same limits as zlib's."""
    counter = _BoundedInflater()
    return b"".join(counter._count(piece) for piece in pieces)


def _lzwdecode(data: bytes) -> bytes:
    return _bounded_join(LZWDecoder(io.BytesIO(data)).run())


def _rldecode(data: bytes) -> bytes:
    """Run-length decoding (PDF Reference 3.3.4) in bounded pieces; a cut run ends the data."""

    def runs() -> Iterator[bytes]:
        index = 0
        while index < len(data) and data[index] != 128:  # 128 marks the end of the data
            length = data[index]
            if length < 128:  # length + 1 literal bytes follow
                yield data[index + 1 : index + 2 + length]
                index += 2 + length
            else:  # the next byte, 257 - length times
                yield data[index + 1 : index + 2] * (257 - length)
                index += 2

    return _bounded_join(runs())


def _install() -> None:
    # pdftypes looks these names up in its module globals at call time.
    pdftypes.zlib = _BoundedZlib()  # type: ignore[attr-defined,assignment]  # on purpose
    pdftypes.decompress_corrupted = _decompress_corrupted
    pdftypes.lzwdecode = _lzwdecode  # type: ignore[attr-defined]
    pdftypes.rldecode = _rldecode  # type: ignore[attr-defined]


_install()


class GuardedDocument(PDFDocument):
    """A PDFDocument whose objects never resolve to a loop of references."""

    def getobj(self, objid: int) -> object:
        obj = super().getobj(objid)
        seen = {objid}
        while isinstance(obj, PDFObjRef):
            if obj.objid in seen or len(seen) > MAX_REFERENCE_CHAIN:
                raise ReferenceLoop(f"object {objid} refers back to itself")
            seen.add(obj.objid)
            obj = super().getobj(obj.objid)
        return obj
