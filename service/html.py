"""A self-contained HTML page: each document's text with the evidence of findings marked.

Built with `html.escape` and string joins (no template engine is a dependency). Marks must
not nest, so overlapping evidence spans are merged into one mark that carries every
finding's message and the colour of the most severe.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from models import Finding, Report, Severity, message

_STYLE = """
body { font-family: sans-serif; margin: 2em; }
pre { white-space: pre-wrap; font-family: monospace; line-height: 1.5; }
mark { border-radius: 2px; }
mark.error, li.error { background: #f8c8c8; }
mark.warning, li.warning { background: #fde2a8; }
mark.info, li.info { background: #cfe3f8; }
li { margin: 0.2em 0; padding: 0 0.3em; }
"""


@dataclass
class Mark:
    """A merged stretch of evidence and the findings resting on it."""

    start: int
    end: int
    findings: list[Finding] = field(default_factory=list)

    @property
    def severity(self) -> Severity:
        return max((f.severity for f in self.findings), key=lambda s: s.rank)

    @property
    def title(self) -> str:
        return "\n".join(f"{f.rule}: {f.message_zh} / {f.message_en}" for f in self.findings)


def merge_marks(findings: list[Finding]) -> list[Mark]:
    """Non-overlapping marks covering every non-empty evidence span, in text order."""
    spans = sorted(
        ((ev.span.start, ev.span.end, f) for f in findings for ev in f.evidence
         if ev.span.end > ev.span.start),
        key=lambda t: (t[0], t[1]),
    )
    marks: list[Mark] = []
    for start, end, finding in spans:
        if marks and start < marks[-1].end:
            last = marks[-1]
            last.end = max(last.end, end)
            if not any(f is finding for f in last.findings):
                last.findings.append(finding)
        else:
            marks.append(Mark(start, end, [finding]))
    return marks


def _marked_text(original: str, marks: list[Mark], prefix: str) -> str:
    parts, pos = [], 0
    for n, mark in enumerate(marks):
        parts.append(escape(original[pos:mark.start]))
        parts.append(f'<mark id="{prefix}-{n}" class="{mark.severity.value}" '
                     f'title="{escape(mark.title)}">{escape(original[mark.start:mark.end])}'
                     "</mark>")
        pos = mark.end
    parts.append(escape(original[pos:]))
    return "".join(parts)


def _finding_items(report: Report, marks: list[Mark], prefix: str) -> list[str]:
    items = []
    for finding in report.findings:
        where = ""
        if finding.evidence:
            span = finding.evidence[0].span
            line, col = report.document.line_col(span.start)
            n = next((i for i, m in enumerate(marks) if m.start <= span.start < m.end), None)
            where = f"{line}:{col}" if n is None else f'<a href="#{prefix}-{n}">{line}:{col}</a>'
        items.append(f'<li class="{finding.severity.value}">{where} '
                     f"{finding.severity.value} {escape(finding.rule)} "
                     f"{escape(finding.message_zh)} ({escape(finding.message_en)})</li>")
    return items


def report_section(path: str, report: Report, index: int) -> str:
    """One document: its findings as a list linking to the marked text below it."""
    prefix = f"d{index}"
    marks = merge_marks(report.findings)
    items = _finding_items(report, marks, prefix)
    none = message("CLI_NO_FINDINGS")
    listing = f"<ol>{''.join(items)}</ol>" if items else f"<p>{none.zh} / {none.en}</p>"
    return (f'<section id="{prefix}"><h2>{escape(path)}</h2>{listing}'
            f"<pre>{_marked_text(report.document.original, marks, prefix)}</pre></section>")


def page(reports: list[tuple[str, Report]]) -> str:
    """The whole page for `(path, report)` pairs."""
    title = message("CLI_REPORT_TITLE")
    sections = "\n".join(report_section(p, r, i) for i, (p, r) in enumerate(reports))
    return (f'<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8">'
            f"<title>{title.zh} / {title.en}</title><style>{_STYLE}</style></head>\n"
            f"<body><h1>{title.zh} / {title.en}</h1>\n{sections}\n</body></html>")
