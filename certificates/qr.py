"""The QR code printed on a certificate, encoded by libqrencode.

ISO/IEC 18004 asks the encoder to try all eight data masks and keep the one with
the lowest penalty. A pure-Python encoder spends about 5 ms of a 60 ms
certificate on that search; libqrencode (the C library behind the `qrencode`
tool, a system package like Pango) does the same evaluation in microseconds.
It is called through ctypes: the binding is three functions and one struct.

The symbol becomes a PNG with one pixel per module and no quiet zone; the
certificate's stylesheet scales it up without smoothing and leaves white space
around it.
"""

import base64
import ctypes
import ctypes.util
import functools
import struct
import zlib

from django.core.exceptions import ImproperlyConfigured

# qrencode.h: QRecLevel QR_ECLEVEL_M, QRencodeMode QR_MODE_8.
_LEVEL_M = 1
_MODE_8BIT = 2


class _Symbol(ctypes.Structure):
    _fields_ = [
        ("version", ctypes.c_int),
        ("width", ctypes.c_int),
        ("data", ctypes.POINTER(ctypes.c_ubyte)),
    ]


@functools.cache
def _library() -> ctypes.CDLL:
    name = ctypes.util.find_library("qrencode")
    if name is None:
        raise ImproperlyConfigured(
            "libqrencode is missing: install libqrencode4 (scripts/system-deps.sh)."
        )
    library = ctypes.CDLL(name, use_errno=True)
    library.QRcode_encodeString.argtypes = [
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_int,
        ctypes.c_int,
        ctypes.c_int,
    ]
    library.QRcode_encodeString.restype = ctypes.POINTER(_Symbol)
    library.QRcode_free.argtypes = [ctypes.POINTER(_Symbol)]
    library.QRcode_free.restype = None
    return library


def qr_modules(text: str) -> list[bytes]:
    """The symbol's rows, one byte per module: 1 dark, 0 light. The smallest
    version that holds the text at error-correction level M (15 %), with the
    best mask."""
    library = _library()
    # Version 0: the smallest that fits; case-sensitive, so a URL stays as is.
    symbol = library.QRcode_encodeString(text.encode(), 0, _LEVEL_M, _MODE_8BIT, 1)
    if not symbol:
        raise ValueError(
            f"libqrencode could not encode the text (errno {ctypes.get_errno()})."
        )
    try:
        width = symbol.contents.width
        data = ctypes.string_at(symbol.contents.data, width * width)
    finally:
        library.QRcode_free(symbol)
    # Each byte carries flags about the module; its lowest bit is the colour.
    dark = bytes(value & 1 for value in data)
    return [dark[row : row + width] for row in range(0, width * width, width)]


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    return (
        struct.pack(">I", len(payload))
        + kind
        + payload
        + struct.pack(">I", zlib.crc32(kind + payload))
    )


def qr_png_data_uri(text: str) -> str:
    """A 1-bit greyscale PNG (white 1, black 0), as a data URI."""
    rows = qr_modules(text)
    width = len(rows)
    row_bytes = (width + 7) // 8
    scanlines = b"".join(
        # Filter type 0, then the row's bits, padded with white to whole bytes.
        b"\x00"
        + int(
            "".join("0" if module else "1" for module in row).ljust(8 * row_bytes, "1"),
            2,
        ).to_bytes(row_bytes, "big")
        for row in rows
    )
    png = (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, width, 1, 0, 0, 0, 0))
        + _png_chunk(b"IDAT", zlib.compress(scanlines, 9))
        + _png_chunk(b"IEND", b"")
    )
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
