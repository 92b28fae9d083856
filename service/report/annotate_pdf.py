"""Annotated PDF: a highlight annotation over each finding's evidence, the message its note.

The pdf reader records where the text sits (`Document.boxes`, PDF points from the top
left); `Document.boxes_for(span)` gives a span's boxes, one per line it covers. Each
evidence span becomes one /Highlight annotation (pypdf, BSD) whose quad points cover those
boxes and whose /Contents is the message in Chinese and English.
"""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Highlight
from pypdf.generic import ArrayObject, FloatObject, NameObject, TextStringObject

from models import Report, Severity

from .annotate_docx import AUTHOR, comment_text

#: Highlight colours (RGB hex) per severity.
COLOUR = {Severity.ERROR: "ffd54f", Severity.WARNING: "80deea", Severity.INFO: "cfd8dc"}


def annotate_pdf(data: bytes, report: Report) -> bytes:
    """The PDF `data` with a highlight and a note at every evidence span of `report`."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    doc = report.document
    for finding in report.findings:
        for evidence in finding.evidence:
            by_page: dict[int, list[tuple[float, float, float, float]]] = {}
            for box in doc.boxes_for(evidence.span):
                by_page.setdefault(box.page, []).append((box.x0, box.top, box.x1, box.bottom))
            for number, boxes in by_page.items():
                if not 1 <= number <= len(writer.pages):
                    continue
                page = writer.pages[number - 1]
                left, top = float(page.mediabox.left), float(page.mediabox.top)
                quads: list[float] = []
                for x0, y0, x1, y1 in boxes:  # top-left origin → PDF user space
                    quads += [left + x0, top - y0, left + x1, top - y0,
                              left + x0, top - y1, left + x1, top - y1]
                xs, ys = quads[0::2], quads[1::2]
                annotation = Highlight(rect=(min(xs), min(ys), max(xs), max(ys)),
                                       quad_points=ArrayObject(FloatObject(q) for q in quads),
                                       highlight_color=COLOUR.get(finding.severity, "ffd54f"))
                annotation[NameObject("/Contents")] = TextStringObject(
                    comment_text(finding, evidence.role))
                annotation[NameObject("/T")] = TextStringObject(AUTHOR)
                writer.add_annotation(number - 1, annotation)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
