"""summary.html: counts by rule, severity, unit and year, with charts, in one offline page.

Charts are drawn by plotly and embedded with plotly.js inlined in the page
(`include_plotlyjs=True`, no CDN), so the page opens without a network. plotly rather
than matplotlib: the unit names are Chinese, and a browser draws them with the fonts of
the machine that opens the page, while matplotlib would need a CJK font installed where
`hecha annotate` runs (servers rarely have one: the labels would come out as boxes).
The price is about 4.8 MB of JavaScript per page; the bars also show exact counts on
hover. Nothing on the page depends on timing, so two runs over the same files write the
same page.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

from models import message

from .formats import AtomicFile, DocumentView
from .names import FAILED, OK, SKIPPED

#: Units shown in the chart (the table lists them all).
TOP_UNITS = 25
#: Failed or skipped files listed on the page (manifest.jsonl lists them all).
MAX_PROBLEMS = 200
#: Documents in the per-document table (manifest.jsonl lists them all).
MAX_DOCUMENTS = 10_000
SEVERITIES = ("error", "warning", "info")
_COLOURS = {"error": "#d9534f", "warning": "#f0ad4e", "info": "#5bc0de"}

_STYLE = """
body { font-family: sans-serif; margin: 2em; max-width: 80em; }
table { border-collapse: collapse; margin: 1em 0; }
td, th { border: 1px solid #ccc; padding: 0.2em 0.6em; text-align: left; }
td.n { text-align: right; }
td.n.error { color: #b00020; font-weight: bold; }
.chart { height: 30em; }
"""


class Summary:
    """Counters filled document by document; `write` renders the page."""

    def __init__(self) -> None:
        self.status: Counter[str] = Counter()
        self.duplicates = 0
        self.by_rule: Counter[tuple[str, str]] = Counter()
        self.by_unit: Counter[str] = Counter()
        self.docs_by_unit: Counter[str] = Counter()
        self.by_year: Counter[str] = Counter()
        self.docs_by_year: Counter[str] = Counter()
        self.problems: list[dict[str, Any]] = []
        # one row per document, in the order documents come (their paths' order)
        self.documents: list[dict[str, Any]] = []
        self._checked: dict[str, dict[str, Any]] = {}  # sha256 -> unit, year, counts

    def add_record(self, record: dict[str, Any]) -> None:
        self.status[record["status"]] += 1
        if record.get("duplicate_of"):
            self.duplicates += 1
        if record["status"] != OK and len(self.problems) < MAX_PROBLEMS:
            self.problems.append(record)
        if len(self.documents) < MAX_DOCUMENTS:
            checked = self._checked.get(record["sha256"] or "") if record["status"] == OK else None
            self.documents.append({"path": record["path"], "status": record["status"],
                                   "code": record.get("error_code"),
                                   "duplicate_of": record.get("duplicate_of"), **(checked or {})})

    def add(self, doc: DocumentView) -> None:
        unit = doc.unit or "（未识别）"
        year = str(doc.year) if doc.year else "（未识别）"
        counts = Counter(f["severity"] for f in doc.findings)
        self._checked[doc.sha256] = {"unit": doc.unit, "year": doc.year,
                                     "counts": [counts[s] for s in SEVERITIES]}
        self.docs_by_unit[unit] += 1
        self.docs_by_year[year] += 1
        for f in doc.findings:
            self.by_rule[(f["rule"], f["severity"])] += 1
            self.by_unit[unit] += 1
            self.by_year[year] += 1

    @property
    def findings(self) -> int:
        return sum(self.by_rule.values())

    def write(self, path: Path) -> None:
        out = AtomicFile(path, encoding="utf-8")
        try:
            out.file.write(self.page(path.parent))
        except BaseException:
            out.abort()
            raise
        out.commit()

    def page(self, base: Path | None = None) -> str:
        """The page; its links to the documents are relative to `base`, the folder it is
        written to (absolute without one)."""
        title = message("ANNOTATE_TITLE")
        charts = _charts(self)
        files = sum(self.status.values())
        overview = _table(
            ["", "files"],
            [["ok", self.status[OK]], ["failed", self.status[FAILED]],
             ["skipped", self.status[SKIPPED]], ["same bytes as another file", self.duplicates],
             ["findings", self.findings], ["total", files]],
        )
        rules = sorted({r for r, _ in self.by_rule})
        rule_rows: list[list[Any]] = [[r, *(self.by_rule[(r, s)] for s in SEVERITIES),
                      sum(self.by_rule[(r, s)] for s in SEVERITIES)] for r in rules]
        rule_rows.sort(key=lambda row: (-row[-1], row[0]))
        units = sorted(self.docs_by_unit, key=lambda u: (-self.by_unit[u], u))
        years = sorted(self.docs_by_year)
        problems = _table(
            ["path", "status", "code", "reason"],
            [[p["path"], p["status"], p["error_code"], f"{p['error_zh']} / {p['error_en']}"]
             for p in self.problems],
        )
        return "\n".join([
            "<!DOCTYPE html>",
            '<html lang="zh"><head><meta charset="utf-8">',
            f"<title>{escape(title.zh)} / {escape(title.en)}</title>",
            f"<style>{_STYLE}</style></head><body>",
            f"<h1>{escape(title.zh)} / {escape(title.en)}</h1>",
            overview,
            "<h2>按规则 / by rule</h2>", charts[0],
            _table(["rule", *SEVERITIES, "total"], rule_rows),
            "<h2>按严重程度 / by severity</h2>", charts[1],
            "<h2>按单位 / by unit</h2>", charts[2],
            _table(["unit", "documents", "findings"],
                   [[u, self.docs_by_unit[u], self.by_unit[u]] for u in units]),
            "<h2>按年度 / by year</h2>", charts[3],
            _table(["year", "documents", "findings"],
                   [[y, self.docs_by_year[y], self.by_year[y]] for y in years]),
            "<h2>失败与跳过 / failed and skipped</h2>",
            problems if self.problems else "<p>—</p>",
            "<h2>逐个文档 / document by document</h2>",
            _documents_table(self.documents, base),
            (f"<p>（仅列出前 {MAX_DOCUMENTS} 个，全部见 manifest.jsonl / the first {MAX_DOCUMENTS} only: "
             "manifest.jsonl lists them all）</p>") if files > MAX_DOCUMENTS else "",
            "</body></html>",
        ]) + "\n"


def _href(path: str, base: Path | None) -> str:
    """A link to the file at `path`: relative to `base` where it can be (the page and the
    reports can move together), a file: URL otherwise."""
    target = os.path.abspath(path)
    if base is not None:
        try:
            return quote(Path(os.path.relpath(target, os.path.abspath(base))).as_posix())
        except ValueError:  # another drive (Windows)
            pass
    return Path(target).as_uri()


def _documents_table(documents: list[dict[str, Any]], base: Path | None) -> str:
    """Each document: a link to the report file, its unit and year, its findings by
    severity, and its status (failed or skipped with the code, or the file whose bytes it
    repeats)."""
    head = "".join(f"<th>{h}</th>" for h in (
        "文件 / file", "单位 / unit", "年度 / year", "错误 / errors", "警告 / warnings",
        "提示 / notes", "状态 / status"))
    rows = []
    for d in documents:
        link = f'<a href="{escape(_href(d["path"], base))}">{escape(d["path"])}</a>'
        counts = d.get("counts")
        cells = ([f'<td class="n{" error" if i == 0 and n else ""}">{n}</td>' for i, n in enumerate(counts)]
                 if counts else ["<td></td>"] * len(SEVERITIES))
        status = d["status"] + (f" {d['code']}" if d.get("code") else "")
        if d.get("duplicate_of"):
            status += f"（同 / same as {d['duplicate_of']}）"
        rows.append(f"<tr><td>{link}</td><td>{escape(d.get('unit') or '')}</td>"
                    f"<td>{d.get('year') or ''}</td>{''.join(cells)}<td>{escape(status)}</td></tr>")
    return f'<table class="documents"><tr>{head}</tr>{"".join(rows)}</table>'


def _table(header: list[str], rows: Iterable[list[Any]]) -> str:
    head = "".join(f"<th>{escape(str(h))}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(
            f'<td class="n">{v}</td>' if isinstance(v, int) else f"<td>{escape(str(v or ''))}</td>"
            for v in row) + "</tr>"
        for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def _charts(summary: Summary) -> list[str]:
    import plotly.graph_objects as go

    # by total, ties by id: set order follows the hash seed, and two runs must match byte for byte
    rules = sorted({r for r, _ in summary.by_rule},
                   key=lambda r: (sum(summary.by_rule[(r, s)] for s in SEVERITIES), r))
    by_rule = go.Figure([
        go.Bar(name=s, y=rules, x=[summary.by_rule[(r, s)] for r in rules], orientation="h",
               marker_color=_COLOURS[s])
        for s in SEVERITIES])
    by_rule.update_layout(barmode="stack", title="findings by rule / 按规则")
    totals = [sum(n for (_, s), n in summary.by_rule.items() if s == sev) for sev in SEVERITIES]
    by_severity = go.Figure(go.Bar(x=list(SEVERITIES), y=totals,
                                   marker_color=[_COLOURS[s] for s in SEVERITIES]))
    by_severity.update_layout(title="findings by severity / 按严重程度")
    units = sorted(summary.docs_by_unit, key=lambda u: (-summary.by_unit[u], u))[:TOP_UNITS][::-1]
    by_unit = go.Figure([
        go.Bar(name="findings", y=units, x=[summary.by_unit[u] for u in units], orientation="h"),
        go.Bar(name="documents", y=units, x=[summary.docs_by_unit[u] for u in units],
               orientation="h")])
    by_unit.update_layout(barmode="group", title=f"top {TOP_UNITS} units by findings / 发现最多的单位")
    years = sorted(summary.docs_by_year)
    by_year = go.Figure([
        go.Bar(name="findings", x=years, y=[summary.by_year[y] for y in years]),
        go.Bar(name="documents", x=years, y=[summary.docs_by_year[y] for y in years])])
    by_year.update_layout(barmode="group", title="by year / 按年度", xaxis_type="category")
    html = []
    for i, (name, fig) in enumerate(
            [("rule", by_rule), ("severity", by_severity), ("unit", by_unit), ("year", by_year)]):
        fig.update_layout(template="plotly_white", margin={"l": 220})
        html.append(fig.to_html(full_html=False, include_plotlyjs=i == 0, div_id=f"chart-{name}",
                                config={"displaylogo": False}, default_height="30em"))
    return html
