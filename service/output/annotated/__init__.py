"""The annotated copy of a checked original: DOCX with comments, PDF with highlight notes,
anything else as the self-contained highlighted HTML report page."""

from __future__ import annotations

from pathlib import PurePath
from typing import NamedTuple

from models import Report

from .. import html


class Annotated(NamedTuple):
    """An annotated copy: its bytes, media type and file name suffix."""

    data: bytes
    media_type: str
    suffix: str


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def annotated_copy(data: bytes, report: Report, name: str) -> Annotated:
    """The annotated copy of `data` (the original bytes) for `report` (its report)."""
    fmt = report.document.source_format
    if fmt == "docx":
        from .docx import annotate_docx

        return Annotated(annotate_docx(data, report), DOCX_TYPE, ".docx")
    if fmt == "pdf" and report.document.boxes:
        from .pdf import annotate_pdf

        return Annotated(annotate_pdf(data, report), "application/pdf", ".pdf")
    page = html.page([(name, report)])
    return Annotated(page.encode("utf-8"), "text/html; charset=utf-8", ".html")


def annotated_name(name: str, suffix: str) -> str:
    """`报告.docx` → `报告.annotated.docx` (the download's file name)."""
    stem = PurePath(name).stem or "document"
    return f"{stem}.annotated{suffix}"
