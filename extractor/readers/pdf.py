"""PDF: the text layer through pypdfium2 (PDFium), OCR for pages that have none.

PDFium is the fastest reader at hand (milliseconds a page, against a tenth of a second for
pdfminer/pdfplumber), and gives every character with its box. From these the layout module
rebuilds lines, paragraphs and tables (ruled grids from the page's path objects, aligned
columns otherwise), drops running headers and footers, and keeps the printed page numbers
as page labels.

Chinese glyph trouble handled here:

* a glyph the font maps to no character (no ToUnicode entry: what pdfminer prints as
  "(cid:123)") is dropped and counted; a page most of whose glyphs are such is read by OCR
  instead, like a page with no text at all;
* Kangxi radicals and CJK compatibility ideographs (⼀ U+2F00 for 一, 﨑…), which some
  PDF producers emit for ordinary characters, become the unified ideographs (NFKC);
* overprinted characters ("fake bold") are merged by the layout module.
"""

from __future__ import annotations

import ctypes
import math
import unicodedata
from collections import Counter

import pypdfium2 as pdfium
import pypdfium2.raw as raw
import regex

from models import DocumentError

from . import layout, ocr
from .base import Limits, Reading
from .layout import Glyph, PageInput, Rule
from .sandbox import Budget

_NO_PAGES = regex.compile(rb"/Type\s*/Pages\b.{0,200}?/Count\s+0\b|/Count\s+0\b.{0,200}?/Type\s*/Pages\b",
                          regex.DOTALL)
_A_PAGE = regex.compile(rb"/Type\s*/Page(?![s\w])")
_CID = regex.compile(r"\(cid:\d+\)")
_UNMAPPED = frozenset((0, 0xFFFD, 0xFFFE, 0xFFFF))
_SPACE_CODES = frozenset((0xA0, 0x3000, 0x2002, 0x2003, 0x2009, 0x200B, 0xFEFF))
#: fewer real glyphs than this on a page with an image: a scanned page
_MIN_GLYPHS = 5
#: rulings are looked for in at most this many non-thin paths a page, of at most this many
#: segments each (rectangles, grids drawn as one path); beyond that a page is a drawing
_MAX_SHAPES, _MAX_SEGMENTS = 3000, 400


def _is_compat(code: int) -> bool:
    return 0x2E80 <= code <= 0x2FDF or 0xF900 <= code <= 0xFAFF


class _Transform:
    """PDF user space (origin bottom left) to the page as displayed (origin top left)."""

    def __init__(self, page: pdfium.PdfPage, turn: int = 0) -> None:
        left, bottom, right, top = page.get_bbox()
        self.left, self.bottom, self.right, self.top = left, bottom, right, top
        self.rotation = (page.get_rotation() + turn) % 360
        w, h = right - left, top - bottom
        self.width, self.height = (h, w) if self.rotation in (90, 270) else (w, h)

    def box(self, l: float, b: float, r: float, t: float) -> tuple[float, float, float, float]:  # noqa: E741
        """(x0, top, x1, bottom) on the displayed page."""
        x0, x1 = l - self.left, r - self.left
        y0, y1 = b - self.bottom, t - self.bottom  # from the bottom edge
        h = self.top - self.bottom
        w = self.right - self.left
        if self.rotation == 90:
            return y0, x0, y1, x1
        if self.rotation == 180:
            return w - x1, y0, w - x0, y1
        if self.rotation == 270:
            return h - y1, w - x1, h - y0, w - x0
        return x0, h - y1, x1, h - y0


def _turn(handle: object, codes: list[int]) -> int:
    """How far the page must turn for its text to read left to right: a table set sideways
    on a portrait page without /Rotate (PDFium measures character angles clockwise)."""
    votes: Counter[int] = Counter()
    step = max(len(codes) // 200, 1)
    for i in range(0, len(codes), step):
        if codes[i] > 32:
            angle = raw.FPDFText_GetCharAngle(handle, i)
            if angle >= 0:
                votes[round(math.degrees(angle) / 90) % 4 * 90] += 1
    if not votes:
        return 0
    angle, count = votes.most_common(1)[0]
    return (360 - angle) % 360 if count > 0.6 * sum(votes.values()) else 0


def _drop_cid(glyphs: list[Glyph]) -> tuple[list[Glyph], int]:
    """Remove "(cid:123)" written out as text (a PDF made from pdfminer's output)."""
    text = "".join(g.ch for g in glyphs)
    matches = list(_CID.finditer(text))
    if not matches:
        return glyphs, 0
    drop = {i for m in matches for i in range(m.start(), m.end())}
    return [g for i, g in enumerate(glyphs) if i not in drop], len(matches)


def _glyphs(page: pdfium.PdfPage, transform: _Transform) -> tuple[list[Glyph], int, _Transform]:
    """The page's characters with their boxes, how many glyphs had no character, and the
    transform used (turned for sideways text).

    Hot path (every character of every page): the text comes out in one call, the boxes
    one call each, through the raw bindings with their arguments made once.
    """
    textpage = page.get_textpage()
    try:
        handle = textpage.raw
        count = raw.FPDFText_CountChars(handle)
        if count <= 0:
            return [], 0, transform
        buffer = (ctypes.c_ushort * (count + 1))()
        raw.FPDFText_GetText(handle, 0, count, buffer)
        codes = list(buffer)[:count]
        if any(0xD800 <= c <= 0xDFFF for c in codes):  # surrogates: one call per character
            codes = [raw.FPDFText_GetUnicode(handle, i) for i in range(count)]
        if turn := _turn(handle, codes):
            transform = _Transform(page, turn)
        map_error = raw.FPDFText_HasUnicodeMapError
        check = any(map_error(handle, i) == 1 for i in range(0, count, max(count // 64, 1)))
        rect = raw.FS_RECTF()
        ref = ctypes.byref(rect)
        loose_box = raw.FPDFText_GetLooseCharBox
        to_page = transform.box
        upright, left, top = transform.rotation == 0, transform.left, transform.top
        new = tuple.__new__
        glyphs: list[Glyph] = []
        unmapped = 0
        for i, code in enumerate(codes):
            if code <= 32 or code in _SPACE_CODES:
                continue
            if code in _UNMAPPED or 0xE000 <= code <= 0xF8FF or (check and map_error(handle, i) == 1):
                unmapped += 1
                continue
            ch = chr(code)
            if 0x2E80 <= code <= 0x2FDF or 0xF900 <= code <= 0xFAFF:  # see _is_compat
                ch = unicodedata.normalize("NFKC", ch)
            if not loose_box(handle, i, ref):
                continue
            if upright:  # the common case, inlined (tuple.__new__: no keyword handling)
                glyphs.append(new(Glyph, (ch, rect.left - left, top - rect.top, rect.right - left,
                                          top - rect.bottom)))
            else:
                glyphs.append(new(Glyph, (ch, *to_page(rect.left, rect.bottom, rect.right, rect.top))))
        if "(" in (chars := "".join(g.ch for g in glyphs)) and "cid:" in chars:
            glyphs, cids = _drop_cid(glyphs)
            unmapped += cids
        return glyphs, unmapped, transform
    finally:
        textpage.close()


Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _compose(m: Matrix, n: Matrix) -> Matrix:
    """m applied first, then n (PDF matrices, row vectors)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s,
            e * p + f * r + t, e * q + f * s + u)


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _matrix(obj: object) -> Matrix | None:
    matrix = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix)):
        return None
    return (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)


def _segments(obj: object, outer: Matrix) -> list[tuple[float, float, float, float]]:
    """The straight segments of a path object, in page space (no curves)."""
    count = raw.FPDFPath_CountSegments(obj)
    own = _matrix(obj)
    if count <= 0 or count > _MAX_SEGMENTS or own is None:
        return []  # a drawing (a map, a chart), not table rulings
    m = _compose(own, outer)
    x, y = ctypes.c_float(), ctypes.c_float()
    out = []
    start = prev = None
    for i in range(count):
        seg = raw.FPDFPath_GetPathSegment(obj, i)
        if not raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
            continue
        point = _apply(m, x.value, y.value)
        kind = raw.FPDFPathSegment_GetType(seg)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            start = prev = point
            continue
        if kind == raw.FPDF_SEGMENT_LINETO and prev is not None:
            out.append((*prev, *point))
        prev = point
        if raw.FPDFPathSegment_GetClose(seg) and start is not None:
            out.append((*point, *start))
            prev = start
    return out


def _objects(page: pdfium.PdfPage) -> list[tuple[int, object, Matrix]]:
    """(type, handle, matrix to page space) of the page's objects, inside forms too."""
    out: list[tuple[int, object, Matrix]] = []
    get_type = raw.FPDFPageObj_GetType

    def walk(objects: list[object], matrix: Matrix, depth: int) -> None:
        for obj in objects:
            kind = get_type(obj)
            if kind != raw.FPDF_PAGEOBJ_FORM:
                out.append((kind, obj, matrix))
            elif depth < 4 and (own := _matrix(obj)) is not None:
                inner = [raw.FPDFFormObj_GetObject(obj, k)
                         for k in range(raw.FPDFFormObj_CountObjects(obj))]
                walk(inner, _compose(own, matrix), depth + 1)

    handle = page.raw
    walk([raw.FPDFPage_GetObject(handle, k) for k in range(raw.FPDFPage_CountObjects(handle))],
         _IDENTITY, 0)
    return out


def _rules(page: pdfium.PdfPage, transform: _Transform) -> tuple[list[Rule], bool]:
    """Ruling lines (thin paths, stroked rectangles and line segments) and whether the page
    has an image."""
    rules: list[Rule] = []
    has_image = False
    lv, bv, rv, tv = (ctypes.c_float() for _ in range(4))
    refs = [ctypes.byref(v) for v in (lv, bv, rv, tv)]
    bounds = raw.FPDFPageObj_GetBounds
    path, image = raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE
    budget = _MAX_SHAPES
    for kind, obj, matrix in _objects(page):
        if kind != path:
            has_image = has_image or kind == image
            continue
        if not bounds(obj, *refs):
            continue
        left, bottom, right, top = lv.value, bv.value, rv.value, tv.value
        if matrix is not _IDENTITY:  # inside a form: its bounds are in the form's space
            corners = [_apply(matrix, x, y) for x in (left, right) for y in (bottom, top)]
            left, right = min(c[0] for c in corners), max(c[0] for c in corners)
            bottom, top = min(c[1] for c in corners), max(c[1] for c in corners)
        if right - left <= 2.5 or top - bottom <= 2.5:
            if max(right - left, top - bottom) > 3:
                if right - left <= 2.5:
                    left = right = (left + right) / 2
                else:
                    bottom = top = (bottom + top) / 2
                rules.append(Rule(*transform.box(left, bottom, right, top)))
            continue
        budget -= 1
        if budget < 0:  # a page of vector art: its rulings are not worth the time
            continue
        for x0, y0, x1, y1 in _segments(obj, matrix):
            if abs(x1 - x0) <= 1 or abs(y1 - y0) <= 1:
                lo_x, hi_x, lo_y, hi_y = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
                if max(hi_x - lo_x, hi_y - lo_y) > 3:
                    rules.append(Rule(*transform.box(lo_x, lo_y, hi_x, hi_y)))
    return rules, has_image


def open_pdf(data: bytes, name: str) -> pdfium.PdfDocument:
    """Open `data`, telling an encrypted or broken PDF apart."""
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        error = raw.FPDF_GetLastError()
        if error == raw.FPDF_ERR_PASSWORD or "password" in str(exc).lower():
            raise DocumentError("E_PDF_ENCRYPTED", name=name) from None
        # PDFium refuses a document without pages, reporting no error: tell that apart
        if error == raw.FPDF_ERR_SUCCESS and _NO_PAGES.search(data) and not _A_PAGE.search(data):
            raise DocumentError("E_PDF_EMPTY", name=name) from None
        raise DocumentError("E_CORRUPT", name=name, kind="PDF", detail=str(exc)[:200]) from None


def read_pdf(data: bytes, name: str, limits: Limits, budget: Budget) -> Reading:
    """Read a PDF: text layer where there is one, OCR (flagged) where there is not."""
    document = open_pdf(data, name)
    try:
        count = len(document)
        if count == 0:
            raise DocumentError("E_PDF_EMPTY", name=name)
        if count > limits.max_pages:
            raise DocumentError("E_TOO_MANY_PAGES", name=name, pages=count, limit=limits.max_pages)
        pages: list[PageInput] = []
        scanned: list[int] = []
        broken: list[int] = []
        for i in range(count):
            try:
                page = document[i]
            except pdfium.PdfiumError:  # a page PDFium cannot load: left out, and said so
                broken.append(i + 1)
                pages.append(PageInput(i + 1, 0.0, 0.0, []))
                continue
            try:
                glyphs, unmapped, transform = _glyphs(page, _Transform(page))
                rules, has_image = _rules(page, transform)
            finally:
                page.close()
            real = len(glyphs)
            if (has_image and real < _MIN_GLYPHS) or (unmapped > real and unmapped >= _MIN_GLYPHS):
                scanned.append(i)
            pages.append(PageInput(i + 1, transform.width, transform.height, glyphs, rules))
        if len(broken) == count:
            raise DocumentError("E_CORRUPT", name=name, kind="PDF", detail="no page can be loaded")
        if scanned:
            _ocr_pages(document, pages, scanned, name, limits, budget)
        text, spans, boxes = layout.write(pages)
    finally:
        document.close()
    notes = [f"pages that cannot be loaded, left out: {broken}"] if broken else []
    return Reading(text, "pdf", "unicode", spans, boxes, notes)


def _ocr_pages(document: pdfium.PdfDocument, pages: list[PageInput], scanned: list[int],
               name: str, limits: Limits, budget: Budget) -> None:
    numbers = ",".join(str(i + 1) for i in scanned[:10]) + ("…" if len(scanned) > 10 else "")
    if not limits.ocr:
        raise DocumentError("E_OCR_UNAVAILABLE", name=name, pages=numbers)
    engine = ocr.engine(name, numbers)
    before_page = ocr.budgeted(len(scanned), name, limits, budget)
    scale = limits.ocr_dpi / 72
    for done, i in enumerate(scanned):
        before_page(done)
        page = document[i]
        try:
            transform = _Transform(page)
            image = page.render(scale=scale, rotation=0).to_pil()
        finally:
            page.close()
        glyphs, rules = ocr.recognise(engine, image, scale)
        pages[i] = PageInput(i + 1, transform.width, transform.height, glyphs, rules, ocr=True)
    ocr.finished(len(scanned), limits)
