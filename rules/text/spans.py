"""Original-text spans of stretches of the normalized text."""

from __future__ import annotations

from models import Document, Span


def original_span(doc: Document, start: int, end: int) -> Span:
    """The original text of normalized `start`–`end`, without the spaces normalization
    dropped after its last character (增 加 增 加 , not 增 加 增 加 plus the space after)."""
    return doc.span(doc.offsets.to_original(start), doc.offsets.to_original(end - 1) + 1)
