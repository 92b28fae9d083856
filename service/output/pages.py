"""A page of a PDF as a picture, the evidence of one finding boxed on it: what a reviewer
compares the finding with, in the browser interface and at GET /v1/documents/{id}/pages/N.png.

PDFium renders the page (pypdfium2, as the PDF reader reads it); the boxes are the
document's own (`Document.boxes_for`, PDF points from the top left), scaled to the picture.
Rendering runs in a process of a pool (service/pool.py) like every reading of a file
hecha did not write: a page that hangs PDFium or takes all memory fails alone.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from models import Box, Severity

#: pixels per PDF point: 1.5 gives an A4 page 893 × 1263 pixels, its small print legible
SCALE = 1.5
#: the pictures' largest side, whatever the page size says (a poster-size page is shrunk)
MAX_SIDE = 2400

#: outline and fill (with alpha) per severity: the report page's colours, stronger
_INK = {Severity.ERROR: ((192, 57, 43), (244, 180, 180, 90)),
        Severity.WARNING: ((183, 121, 31), (251, 220, 148, 90)),
        Severity.INFO: ((43, 108, 176), (196, 220, 244, 90))}


@dataclass(frozen=True)
class PageRequest:
    """Page `number` (1-based) of the PDF `data`, with `boxes` drawn in `severity`'s ink."""

    data: bytes
    number: int
    boxes: tuple[Box, ...] = ()
    severity: Severity = Severity.ERROR


@dataclass(frozen=True)
class PagePicture:
    """The PNG, or the catalogue code saying why there is none."""

    png: bytes | None = None
    error_code: str | None = None


def render_page(request: PageRequest) -> PagePicture:
    """The page as a PNG with the boxes on it (run in a pool process)."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw

    try:
        pdf = pdfium.PdfDocument(request.data)
    except pdfium.PdfiumError:
        return PagePicture(error_code="E_CORRUPT")
    try:
        if not 1 <= request.number <= len(pdf):
            return PagePicture(error_code="API_PAGE_NOT_FOUND")
        page = pdf[request.number - 1]
        width, height = page.get_size()
        scale = min(SCALE, MAX_SIDE / max(width, height, 1))
        image = page.render(scale=scale).to_pil().convert("RGBA")
    except pdfium.PdfiumError:
        return PagePicture(error_code="E_CORRUPT")
    finally:
        pdf.close()
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    outline, fill = _INK[request.severity]
    for box in request.boxes:
        corners = [box.x0 * scale - 2, box.top * scale - 2, box.x1 * scale + 2, box.bottom * scale + 2]
        draw.rectangle(corners, fill=fill, outline=outline, width=3)
    out = io.BytesIO()
    Image.alpha_composite(image, overlay).convert("RGB").save(out, "PNG", optimize=True)
    return PagePicture(png=out.getvalue())
