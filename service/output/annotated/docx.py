"""Annotated DOCX: one Word comment per finding, every evidence span shaded.

The docx reader (extractor/readers/docx.py) writes each paragraph, and each table cell's
paragraphs, into `Document.original` in body order. `paragraph_offsets` finds those
paragraphs again in the original text, in order, so a span's original offsets map to a
paragraph and a character range in it; the runs of that paragraph are split at the span's
ends and shaded in the report page's colour for the finding's severity. The comment
(severity, rule, message in Chinese and English, formula) is anchored once, on the
finding's main evidence (its stated figure, else its first span that could be placed): a
finding over four spans is one comment to read, not four copies of it.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Iterator
from typing import Any

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from models import ArithmeticFinding, Evidence, Finding, Report, Severity, Span

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _R, _T, _DEL, _TXBX = f"{_W}p", f"{_W}r", f"{_W}t", f"{_W}del", f"{_W}txbxContent"
#: The report page's colours per severity (service/output/report/static/report.css, --error …).
COLOUR = {Severity.ERROR: "F4B4B4", Severity.WARNING: "FBDC94", Severity.INFO: "C4DCF4"}
SEVERITY_ZH = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
AUTHOR = "hecha"


def _runs(p: Any) -> list[Any]:
    """The text runs of paragraph `p` in order (deleted revisions and text boxes left out)."""
    out = []
    for r in p.iter(_R):
        parent, skip = r.getparent(), False
        while parent is not None and parent is not p:
            if parent.tag in (_DEL, _TXBX):
                skip = True
                break
            parent = parent.getparent()
        if not skip:
            out.append(r)
    return out


def _run_text(r: Any) -> str:
    out = []
    for child in r:
        if child.tag == _T:
            out.append(child.text or "")
        elif child.tag == f"{_W}tab":
            out.append(" ")
        elif child.tag in (f"{_W}br", f"{_W}cr"):
            out.append("\n")
    return "".join(out)


def _paragraphs(body: Any) -> Iterator[Any]:
    """Every paragraph of the body, table cells included, in document order."""
    for p in body.iter(_P):
        parent, inside_box = p.getparent(), False
        while parent is not None:
            if parent.tag == _TXBX:
                inside_box = True
                break
            parent = parent.getparent()
        if not inside_box:
            yield p


def paragraph_offsets(body: Any, original: str) -> list[tuple[int, str, Any]]:
    """(offset in `original`, text, paragraph) of each non-empty paragraph found in order."""
    out = []
    cursor = 0
    for p in _paragraphs(body):
        text = "".join(_run_text(r) for r in _runs(p))
        key = text.strip()
        if not key:
            continue
        at = original.find(key, cursor)
        if at < 0:
            continue
        lead = len(text) - len(text.lstrip())
        out.append((at - lead, text, p))
        cursor = at + len(key)
    return out


def _locate(index: list[tuple[int, str, Any]], span: Span) -> tuple[Any, int, int] | None:
    """The paragraph holding `span` and the span's character range in it."""
    best: tuple[int, Any, int] | None = None
    for offset, text, p in index:
        local = span.start - offset
        if local >= 0 and text[local:local + len(span.text)] == span.text:
            return p, local, local + len(span.text)
        at = text.find(span.text)
        while at >= 0:  # the text moved (collapsed spaces): the nearest occurrence
            distance = abs(offset + at - span.start)
            if best is None or distance < best[0]:
                best = (distance, p, at)
            at = text.find(span.text, at + 1)
    if best is None or not span.text:
        return None
    return best[1], best[2], best[2] + len(span.text)


def _split(r: Any, k: int) -> Any:
    """Split run `r` after its `k`-th character; return the second half (a new run)."""
    ts = [c for c in r if c.tag == _T]
    if len(ts) != 1 or len(_run_text(r)) != len(ts[0].text or ""):
        return None  # tabs, breaks or several texts: leave the run whole
    text = ts[0].text or ""
    second = copy.deepcopy(r)
    ts[0].text = text[:k]
    [t2] = [c for c in second if c.tag == _T]
    t2.text = text[k:]
    for t in (ts[0], t2):
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r.addnext(second)
    return second


def _span_runs(p: Any, start: int, end: int) -> list[Any]:
    """The runs covering characters `start`..`end` of `p`, split at both ends where possible."""
    for cut in (start, end):
        pos = 0
        for r in _runs(p):
            n = len(_run_text(r))
            if pos < cut < pos + n:
                _split(r, cut - pos)
                break
            pos += n
    out, pos = [], 0
    for r in _runs(p):
        n = len(_run_text(r))
        if n and pos < end and pos + n > start:
            out.append(r)
        pos += n
    return out


def comment_text(finding: Finding) -> str:
    """The one comment of a finding: severity, rule, message in Chinese and English, and
    the arithmetic behind it when there is some."""
    head = f"[{SEVERITY_ZH[finding.severity]} {finding.severity.value} · {finding.rule}]"
    text = f"{head} {finding.message_zh}\n{finding.message_en}"
    if isinstance(finding, ArithmeticFinding) and finding.formula:
        text += f"\n{finding.formula} = {finding.expected}"
    return text


def main_first(finding: Finding) -> list[Evidence]:
    """The finding's evidence, its main span first: the stated figure, else the first."""
    return sorted(finding.evidence, key=lambda e: e.role != "stated")


def _shade(run: Run, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    run._r.get_or_add_rPr().append(shading)


def annotate_docx(data: bytes, report: Report) -> bytes:
    """The DOCX `data` with every evidence span of `report` shaded and one comment per
    finding on its main evidence."""
    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    index = paragraph_offsets(body, report.document.original)
    for finding in report.findings:
        commented = False
        for evidence in main_first(finding):
            found = _locate(index, evidence.span)
            if found is None:
                continue
            p, start, end = found
            runs = _span_runs(p, start, end)
            if not runs:
                continue
            paragraph = Paragraph(p, document._body)
            objs = [Run(r, paragraph) for r in runs]
            for run in objs:
                _shade(run, COLOUR.get(finding.severity, COLOUR[Severity.ERROR]))
            if not commented:
                document.add_comment(objs, text=comment_text(finding), author=AUTHOR, initials="H")
                commented = True
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
