"""OCR for pages without a text layer (scans, photos): RapidOCR on ONNX Runtime, offline.

rapidocr-onnxruntime ships PaddleOCR's Chinese detection and recognition models inside its
wheel, so nothing is downloaded at run time. It returns text lines with their boxes; the
characters of a line are spread over its box in proportion to their width (a Chinese
character twice a digit), which places figures closely enough for table cells and
highlighting. Ruling lines are found in the image itself (long thin runs of dark pixels,
by morphological opening), so scanned tables go through the same grid logic as drawn ones.

It is slow on a CPU (seconds a page): the PDF reader asks it only for pages that need it,
and every page it reads is flagged `ocr`. A document's OCR has a budget
(`Limits.ocr_seconds`, see `budgeted`): a 5,000-page blank scan is refused after it, not
read for days.
"""

from __future__ import annotations

import logging
import os
import time
import unicodedata
from collections.abc import Callable
from typing import Any

from models import DocumentError

from .base import Limits
from .layout import Glyph, Rule
from .sandbox import Budget

_ENGINE: Any = None
#: detection settings: a wider unclip keeps a lone 一 or 、 at the start of a line in its box
UNCLIP, BOX_THRESH, TEXT_SCORE = 2.0, 0.4, 0.5
_RULING_LOOKALIKES = frozenset("|｜丨")


def budgeted(pages: int, name: str, limits: Limits, budget: Budget) -> Callable[[int], None]:
    """Ask the sandbox for the time `pages` pages of OCR need (`ocr_page_seconds` each) but
    never more than the document's OCR budget (`ocr_seconds`, plus one page: the page under
    way when the budget runs out), and return the check to call before each page, with the
    number of pages read so far (which it reports to `limits.progress`).

    The check raises:
        DocumentError: E_OCR_BUDGET once the OCR has taken `ocr_seconds`.
    """
    budget.extend(min(limits.ocr_page_seconds * pages, limits.ocr_seconds + limits.ocr_page_seconds))
    started = time.monotonic()

    def before_page(done: int) -> None:
        if time.monotonic() - started >= limits.ocr_seconds:
            raise DocumentError("E_OCR_BUDGET", name=name, limit=f"{limits.ocr_seconds:g}",
                                done=done, pages=pages)
        if limits.progress is not None:
            limits.progress(done, pages)

    return before_page


def finished(pages: int, limits: Limits) -> None:
    """Tell `limits.progress` that all `pages` pages of OCR are read."""
    if limits.progress is not None:
        limits.progress(pages, pages)


def engine(name: str, pages: str) -> Any:
    """The RapidOCR engine, loaded once per process.

    Raises:
        DocumentError: E_OCR_UNAVAILABLE when rapidocr-onnxruntime is not installed.
    """
    global _ENGINE
    if _ENGINE is None:
        try:
            from rapidocr_onnxruntime import RapidOCR
        except ImportError:
            raise DocumentError("E_OCR_UNAVAILABLE", name=name, pages=pages) from None
        threads = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 2
        _ENGINE = RapidOCR(intra_op_num_threads=max(1, min(threads, 4)), inter_op_num_threads=1,
                           print_verbose=False)
        logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    return _ENGINE


def _weight(ch: str) -> float:
    return 1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.55


def line_glyphs(text: str, x0: float, top: float, x1: float, bottom: float) -> list[Glyph]:
    """The characters of a recognised line, spread over its box by width."""
    chars = [ch for ch in text if not ch.isspace()]
    positions: list[tuple[str, float]] = []
    total = 0.0
    for ch in text:
        if ch.isspace():
            total += 0.5
            continue
        positions.append((ch, total))
        total += _weight(ch)
    if not chars or total <= 0:
        return []
    unit = (x1 - x0) / total
    return [Glyph(ch, x0 + at * unit, top, x0 + (at + _weight(ch)) * unit, bottom)
            for ch, at in positions]


def raster_rules(gray: Any, scale: float) -> list[Rule]:
    """Horizontal and vertical ruling lines of a page image, in points."""
    try:
        import cv2
        import numpy as np
    except ImportError:
        return []
    dark = (np.asarray(gray) < 150).astype(np.uint8)
    h, w = dark.shape
    rules: list[Rule] = []
    for kernel, horizontal in (((max(w // 40, 20), 1), True), ((1, max(h // 60, 20)), False)):
        lines = cv2.morphologyEx(dark, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
        count, _, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
        for k in range(1, count):
            x, y, bw, bh, _ = stats[k]
            if horizontal and bh <= 6:
                cy = (y + bh / 2) / scale
                rules.append(Rule(x / scale, cy, (x + bw) / scale, cy))
            elif not horizontal and bw <= 6:
                cx = (x + bw / 2) / scale
                rules.append(Rule(cx, y / scale, cx, (y + bh) / scale))
    return rules


def _item_glyphs(item: Any, scale: float) -> list[Glyph]:
    """The glyphs of one recognised line: from its per-character boxes when the engine gave
    them (rapidocr's word boxes), else spread over the line's box."""
    quad, text = item[0], unicodedata.normalize("NFC", item[1])
    xs = [p[0] for p in quad]
    ys = [p[1] for p in quad]
    top, bottom = min(ys) / scale, max(ys) / scale
    if len(item) >= 5 and item[3] and len(item[3]) == len(item[4]):
        glyphs: list[Glyph] = []
        for box, word in zip(item[3], item[4], strict=True):
            bx = [p[0] for p in box]
            glyphs.extend(line_glyphs(unicodedata.normalize("NFC", word), min(bx) / scale, top,
                                      max(bx) / scale, bottom))
        if "".join(g.ch for g in glyphs) == "".join(text.split()):
            return glyphs
    return line_glyphs(text, min(xs) / scale, top, max(xs) / scale, bottom)


def recognise(ocr: Any, image: Any, scale: float) -> tuple[list[Glyph], list[Rule]]:
    """Glyphs and rulings of a page image rendered at `scale` pixels per point."""
    import numpy as np

    gray = image.convert("L")
    result, _ = ocr(np.asarray(image.convert("RGB")), use_cls=False, return_word_box=True,
                    unclip_ratio=UNCLIP, box_thresh=BOX_THRESH, text_score=TEXT_SCORE)
    glyphs: list[Glyph] = []
    for item in result or []:
        # a "|" is a ruling line read as a character: Chinese reports do not print one
        glyphs.extend(g for g in _item_glyphs(item, scale) if g.ch not in _RULING_LOOKALIKES)
    return glyphs, raster_rules(gray, scale)
