"""The PDFium calls the pdfium reader makes per character, through light ctypes prototypes."""

from __future__ import annotations

import ctypes
from functools import lru_cache
from typing import Any


class Calls:
    """The PDFium calls made per character or per text object, at a quarter of the cost.

    pypdfium2 declares every argument's type, and converting the arguments costs about
    three times the call itself (~0.6 µs against ~0.2 µs); once per character that was
    most of the reading time. The same C functions are called here through prototypes
    that declare only the result, which is safe because every argument passed is an int
    (the character index or a length) or a ctypes pointer or buffer that already has its
    type. They also keep the GIL: releasing and retaking it costs more than the call.
    """

    def __init__(self, raw: Any) -> None:
        self.unicode = _undeclared(raw.FPDFText_GetUnicode, ctypes.c_uint)
        self.is_generated = _undeclared(raw.FPDFText_IsGenerated, ctypes.c_int)
        self.map_error = _undeclared(raw.FPDFText_HasUnicodeMapError, ctypes.c_int)
        # Its result is not needed: PDFium writes the box of every valid index.
        self.loose_box = _undeclared(raw.FPDFText_GetLooseCharBox, None)
        self.font_info = _undeclared(raw.FPDFText_GetFontInfo, ctypes.c_ulong)
        self.font_weight = _undeclared(raw.FPDFText_GetFontWeight, ctypes.c_int)
        self.font_size = _undeclared(raw.FPDFText_GetFontSize, ctypes.c_double)
        self.matrix = _undeclared(raw.FPDFText_GetMatrix, ctypes.c_int)
        # Older PDFium builds lack the text-object call: then every character is its own run.
        object_of = getattr(raw, "FPDFText_GetTextObject", None)
        # A text object's font (an address, the same for every object set in that font),
        # given the object's address.
        font_of = getattr(raw, "FPDFTextObj_GetFont", None)
        self.font_of = _address_to_address(font_of) if font_of else _no_font
        # The same as an address, 0 for none, to fill an array of a page's objects with.
        self.text_object_address = (
            _undeclared(object_of, ctypes.c_size_t) if object_of else _no_text_object_address
        )


def _undeclared(function: Any, result: Any) -> Any:
    address = ctypes.cast(function, ctypes.c_void_p).value
    assert address, "a loaded library function has an address"
    return ctypes.PYFUNCTYPE(result)(address)


def _address_to_address(function: Any) -> Any:
    """A prototype taking an address and giving one, both as ints (0 for none)."""
    address = ctypes.cast(function, ctypes.c_void_p).value
    assert address, "a loaded library function has an address"
    return ctypes.PYFUNCTYPE(ctypes.c_size_t, ctypes.c_size_t)(address)


def _no_font(text_object: int) -> int:
    return 0


def _no_text_object_address(textpage: Any, index: int) -> int:
    return 0


@lru_cache(maxsize=1)
def calls(raw: Any) -> Calls:
    """The prototypes for pypdfium2's raw module, made once."""
    return Calls(raw)
