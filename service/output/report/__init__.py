"""The highlighted report: one self-contained HTML page per document.

Server-rendered with Jinja2; the stylesheet and the small dependency-free script are
inlined so the page works offline as a single file (the annotated copy of a text report).
Every finding's evidence is highlighted in the text and in the rendered tables, coloured by
severity; clicking one shows its message and formula and lights its other spans.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections import Counter
from functools import cache
from importlib import resources

from jinja2 import Environment, PackageLoader, select_autoescape

from models import Document, Report, Severity, message
from rules.arith import Interval, show_interval

from .layout import blocks

_SEVERITIES = [Severity.ERROR, Severity.WARNING, Severity.INFO]


@cache
def _environment() -> Environment:
    return Environment(loader=PackageLoader("service.output.report", "templates"),
                       autoescape=select_autoescape(["html", "j2"]), trim_blocks=False)


@cache
def _static(name: str) -> str:
    return resources.files("service.output.report").joinpath("static", name).read_text("utf-8")


def _label(code: str) -> str:
    text = message(code)
    return f"{text.zh} / {text.en}"


def _rule_label(rule_id: str) -> str:
    from rules.names import rule_name

    zh, en = rule_name(rule_id)
    return f"{zh} / {en}" if zh != rule_id else rule_id


def _where(doc: Document, offset: int) -> str:
    """第4页，收入决算表，合计行 where the file has pages, tables or rows; else line:column."""
    place = doc.place(offset).describe("zh")
    if place and doc.pages:
        return place
    line, col = doc.line_col(offset)
    return f"{place}（{line}:{col}）" if place else f"{line}:{col}"


def _findings_data(report: Report) -> list[dict]:
    from rules.names import rule_name

    doc = report.document
    out = []
    for f in report.findings:
        formula = getattr(f, "formula", None)
        expected = None
        if f.kind == "arithmetic":
            places = max(-f.stated.as_tuple().exponent, 2)  # type: ignore[operator]
            expected = show_interval(Interval(f.expected_low, f.expected_high), places)
        evidence = [{"role": e.role, "start": e.span.start, "end": e.span.end, "text": e.span.text,
                     "where": _where(doc, e.span.start)} for e in f.evidence]
        out.append({"rule": f.rule, "rule_zh": rule_name(f.rule)[0], "severity": f.severity.value,
                    "zh": f.message_zh,
                    "en": f.message_en, "formula": formula, "expected": expected,
                    "evidence": evidence})
    return out


def _groups(report: Report) -> list[dict]:
    doc = report.document
    by_rule: dict[str, list[dict]] = {}
    order = sorted(range(len(report.findings)),
                   key=lambda i: (-report.findings[i].severity.rank, report.findings[i].rule, i))
    for i in order:
        f = report.findings[i]
        where = _where(doc, f.evidence[0].span.start) if f.evidence else ""
        by_rule.setdefault(f.rule, []).append(
            {"i": i, "severity": f.severity.value, "zh": f.message_zh, "where": where})
    return [{"rule": rule, "name": _rule_label(rule), "entries": items} for rule, items in by_rule.items()]


def render_report(report: Report, title: str | None = None) -> str:
    """The report page of one checked document."""
    doc = report.document
    counts = Counter(f.severity for f in report.findings)
    meta = message("UI_META", unit=doc.meta.unit_name or "—", year=doc.meta.fiscal_year or "—",
                   claims=len(report.claims), tables=len(doc.tables))
    template = _environment().get_template("report.html.j2")
    return template.render(
        title=title or doc.name,
        meta=f"{meta.zh} / {meta.en}",
        counts=[(s.value, counts[s]) for s in _SEVERITIES if counts[s]],
        labels={s.value: _label(f"UI_SEV_{s.name}") for s in _SEVERITIES},
        rules=[(rule, _rule_label(rule).partition(" / ")[0], n)
               for rule, n in sorted(Counter(f.rule for f in report.findings).items())],
        groups=_groups(report),
        blocks=blocks(report),
        findings_json=json.dumps(_findings_data(report), ensure_ascii=False).replace("</", "<\\/"),
        css=_static("report.css"),
        js=_static("report.js"),
        all_rules=_label("UI_ALL_RULES"),
        prev_span=_label("UI_PREV_SPAN"),
        next_span=_label("UI_NEXT_SPAN"),
        keys_help=_label("UI_KEYS"),
        no_findings=(_label("CLI_NO_FINDINGS") if report.claims
                     else "{0.zh} / {0.en}".format(message("NO_FIGURES", name=title or doc.name))),
    )


def _ui_css() -> str:
    return _static("report.css") + _static("ui.css")


def render_ui(template: str, **values: object) -> str:
    """A page of the browser interface (/ui): upload, document list, one document."""
    return _environment().get_template(template).render(css=_ui_css(), js=_static("ui.js"),
                                                         triage_js=_static("triage.js"), **values)


def _hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode() + "'"


@cache
def content_security_policy() -> str:
    """The Content-Security-Policy of every page hecha serves: only the exact script and
    stylesheet it inlines may run, by hash (the pages stay single files that work offline,
    so no nonce or separate asset route is needed). The report is shown in the UI through
    a srcdoc iframe, which inherits the UI page's policy: both pages' hashes are listed."""
    scripts = " ".join(_hash(_static(name)) for name in ("ui.js", "triage.js", "report.js"))
    styles = " ".join((_hash(_ui_css()), _hash(_static("report.css"))))
    return (f"default-src 'none'; script-src {scripts}; style-src {styles}; connect-src 'self'; "
            "img-src 'self' data: blob:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
