"""Read certificate PDFs back the way a person would: their text, and the QR code
rendered to pixels and decoded."""

import io

import pypdfium2
import zxingcpp
from pypdf import PdfReader


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def pdf_page_size_points(data: bytes) -> tuple[float, float]:
    box = PdfReader(io.BytesIO(data)).pages[0].mediabox
    return float(box.width), float(box.height)


def pdf_qr_codes(data: bytes) -> list[str]:
    """The QR codes on the first page, as a phone would read them.

    zxing-cpp sometimes also "finds" a small version-1 code inside the real one:
    with the verification code FT9BF4V6GEGA58ZCYKBQ it read "408384" from the
    top-left corner of the certificate's QR code at scale 3 (a CI failure,
    reproduced). Two symbols printed on a page cannot overlap, so a reading
    whose centre lies inside a larger reading is part of that symbol and is
    dropped. Only QR codes are looked for, so the bold random verification code
    is not taken for a one-dimensional barcode."""
    document = pypdfium2.PdfDocument(data)
    image = document[0].render(scale=3).to_pil()
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    boxes = [_box(result.position) for result in found]
    return [
        result.text
        for result, box in zip(found, boxes, strict=True)
        if not any(_inside(box, other) for other in boxes if other is not box)
    ]


def _box(position) -> tuple[int, int, int, int]:
    corners = [
        position.top_left,
        position.top_right,
        position.bottom_right,
        position.bottom_left,
    ]
    xs = [point.x for point in corners]
    ys = [point.y for point in corners]
    return min(xs), min(ys), max(xs), max(ys)


def _inside(box, other) -> bool:
    """`box` is smaller than `other` and its centre lies within `other`."""
    left, top, right, bottom = box
    o_left, o_top, o_right, o_bottom = other
    if (right - left) * (bottom - top) >= (o_right - o_left) * (o_bottom - o_top):
        return False
    centre_x, centre_y = (left + right) / 2, (top + bottom) / 2
    return o_left <= centre_x <= o_right and o_top <= centre_y <= o_bottom


def pdf_metadata(data: bytes):
    return PdfReader(io.BytesIO(data)).metadata


def pdf_xmp(data: bytes) -> str:
    """The XMP packet, where PDF/A declares its part and conformance."""
    stream = PdfReader(io.BytesIO(data)).trailer["/Root"]["/Metadata"].get_object()
    return stream.get_data().decode("utf-8")


def _first_page_fonts(data: bytes) -> list:
    resources = PdfReader(io.BytesIO(data)).pages[0]["/Resources"]
    return [font.get_object() for font in resources["/Font"].values()]


def pdf_fonts_embedded(data: bytes) -> bool:
    """Every font the first page uses carries its font program."""
    fonts = _first_page_fonts(data)
    assert fonts
    for font in fonts:
        descriptor = font.get("/FontDescriptor")
        if descriptor is None:  # Type0: the descriptor sits on the descendant.
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        descriptor = descriptor.get_object()
        if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            return False
    return True


def pdf_font_names(data: bytes) -> set[str]:
    """The base names of the fonts the first page uses (subset tag included)."""
    return {str(font["/BaseFont"])[1:] for font in _first_page_fonts(data)}


def pdf_is_tagged(data: bytes) -> bool:
    root = PdfReader(io.BytesIO(data)).trailer["/Root"]
    return "/StructTreeRoot" in root and bool(root.get("/MarkInfo", {}).get("/Marked"))


def pdf_signature_status(data: bytes):
    """pyHanko's own validator, trusting the certificate the site signs with."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    from certificates.signing import signer

    (signature,) = PdfFileReader(io.BytesIO(data)).embedded_signatures
    context = ValidationContext(trust_roots=[signer().signing_cert])
    return validate_pdf_signature(signature, context)


def pdf_with_one_byte_changed(data: bytes) -> bytes:
    """The same file with one byte changed inside the signed content, where the
    file stays readable: a letter of the signer's name in the signature
    dictionary."""
    altered = bytearray(data)
    position = altered.index(b"/Name (Formazione") + 10
    altered[position] = (altered[position] + 1) % 256
    return bytes(altered)


def crafted_xref_pdf(entries: int = 12_000_000) -> bytes:
    """A small PDF whose cross-reference stream declares `entries` entries:
    47 kB of Deflate that decode to 48 MB, 12 million entries for a parser to
    walk (the stall of issue 20 §4)."""
    import zlib

    head = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
    catalog = b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    pages = b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    xref_at = len(head) + len(catalog) + len(pages)
    data = zlib.compress(bytes(entries * 4), 9)
    xref = (
        b"3 0 obj\n<< /Type /XRef /Size %d /W [1 2 1] /Root 1 0 R "
        b"/Filter /FlateDecode /Length %d >>\nstream\n"
        % (entries, len(data))
        + data
        + b"\nendstream\nendobj\n"
    )
    return head + catalog + pages + xref + b"startxref\n%d\n%%%%EOF\n" % xref_at
