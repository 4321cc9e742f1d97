"""The badge image: drawn for each certificate, the VC-JWT baked in."""

import io
from functools import partial
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from ..models import Certificate
from .issuer import organisation

PNG_KEYWORD = "openbadgecredential"
BADGE_SIZE = 600
BADGE_COLOUR = "#0d5c63"


def badge_png(certificate: Certificate, *, token: str) -> bytes:
    """The badge image, drawn for this certificate, with the VC-JWT baked in an
    uncompressed iTXt chunk `openbadgecredential` (OB 3.0 §5.3.1)."""
    from PIL import Image, ImageDraw
    from PIL.PngImagePlugin import PngInfo

    fonts = settings.BASE_DIR / "certificates" / "fonts"
    font = partial(_font, fonts / "DejaVuSans-Latin.ttf")
    bold = partial(_font, fonts / "DejaVuSans-Bold-Latin.ttf")
    size = BADGE_SIZE
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, size - 8, size - 8), fill=BADGE_COLOUR)
    draw.ellipse((30, 30, size - 30, size - 30), outline="white", width=4)
    centre = size // 2
    with translation.override(
        getattr(certificate.user, "preferred_language", "") or "it"
    ):
        label = _("CERTIFICATO").upper()
    draw.text(
        (centre, 120), organisation()["name"], font=font(26), fill="white", anchor="mm"
    )
    draw.text((centre, 175), label, font=bold(30), fill="#f4d35e", anchor="mm")
    lines = _wrap(certificate.course_title, bold(40), draw, width=size - 150)[:4]
    top = centre + 20 - 25 * len(lines)
    for number, line in enumerate(lines):
        draw.text(
            (centre, top + 50 * number), line, font=bold(40), fill="white", anchor="mm"
        )
    year = certificate.issued_at.astimezone(ZoneInfo(settings.TIME_ZONE)).year
    draw.text((centre, size - 130), str(year), font=font(30), fill="white", anchor="mm")
    info = PngInfo()
    info.add_itxt(PNG_KEYWORD, token, lang="", tkey="", zip=False)
    output = io.BytesIO()
    image.save(output, format="PNG", pnginfo=info, optimize=True)
    return output.getvalue()


def _font(path, size):
    from PIL import ImageFont

    return ImageFont.truetype(str(path), size)


def _wrap(text: str, font, draw, *, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines
