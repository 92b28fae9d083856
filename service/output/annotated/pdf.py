"""Annotated PDF: a highlight over each finding's evidence, one note per finding.

The pdf reader records where the text sits (`Document.boxes`, PDF points from the top
left); `Document.boxes_for(span)` gives a span's boxes, one per line it covers. Each
evidence span becomes a /Highlight annotation (pypdf, BSD) whose quad points cover those
boxes, in the report page's colour for the finding's severity; the highlight on the main
evidence (the stated figure, else the first span) carries the note (/Contents: severity,
rule, message, formula), the others none, so a reader opens each message once.
"""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Highlight
from pypdf.generic import ArrayObject, FloatObject, NameObject, TextStringObject

from models import Report, Severity

from .docx import AUTHOR, COLOUR, comment_text, main_first


def annotate_pdf(data: bytes, report: Report) -> bytes:
    """The PDF `data` with a highlight at every evidence span of `report` and one note per
    finding."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    doc = report.document
    for finding in report.findings:
        noted = False
        for evidence in main_first(finding):
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
                                       highlight_color=COLOUR.get(finding.severity, COLOUR[Severity.ERROR]))
                if not noted:
                    annotation[NameObject("/Contents")] = TextStringObject(comment_text(finding))
                    noted = True
                annotation[NameObject("/T")] = TextStringObject(AUTHOR)
                writer.add_annotation(number - 1, annotation)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
