"""Images (a photographed or scanned page: PNG, JPEG, TIFF, GIF, BMP, WebP): OCR only.

Each frame of the image is a page, measured in points from the resolution the file
declares (or, when it declares none, as if the page were A4 wide), and read by OCR
(ocr.py); every page is flagged `ocr`. Pillow refuses images past `_MAX_PIXELS` before
decoding them: a tiny PNG can claim a gigapixel. Bytes behind an image signature that no
decoder recognises are binary data (E_BINARY), a recognised image that fails to decode is
damaged (E_CORRUPT).
"""

from __future__ import annotations

import io

from models import DocumentError

from . import layout, ocr
from .base import Limits, Reading
from .layout import PageInput
from .sandbox import Budget

_MAX_PIXELS = 60_000_000
_A4_INCHES = 8.27


def read_image(data: bytes, name: str, limits: Limits, budget: Budget) -> Reading:
    """Read an image of a page (or a multi-page TIFF) by OCR."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = _MAX_PIXELS
    try:
        image = Image.open(io.BytesIO(data))
        frames = [frame.copy() for frame in ImageSequence.Iterator(image)][: limits.max_pages]
    except Image.DecompressionBombError:
        raise DocumentError("E_IMAGE_TOO_LARGE", name=name, limit=_MAX_PIXELS) from None
    except UnidentifiedImageError:
        # an image signature in front of something no decoder knows: binary data, as the
        # text reader would have said before images were read
        raise DocumentError("E_BINARY", name=name) from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise DocumentError("E_CORRUPT", name=name, kind="image", detail=str(exc)[:200]) from None
    if not limits.ocr:
        raise DocumentError("E_OCR_UNAVAILABLE", name=name, pages=f"1-{len(frames)}")
    engine = ocr.engine(name, f"1-{len(frames)}")
    before_page = ocr.budgeted(len(frames), name, limits, budget)
    pages = []
    for number, frame in enumerate(frames, start=1):
        before_page(number - 1)
        dpi = frame.info.get("dpi", (0, 0))[0] or frame.width / _A4_INCHES
        scale = float(dpi) / 72
        glyphs, rules = ocr.recognise(engine, frame, scale)
        pages.append(PageInput(number, frame.width / scale, frame.height / scale, glyphs, rules,
                               ocr=True))
    ocr.finished(len(frames), limits)
    text, spans, boxes = layout.write(pages)
    return Reading(text, "image", "ocr", spans, boxes)
