"""completeness.tables: required tables and explanations missing, table labels reused."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from models import Evidence, Finding, ReportKind

from ..disclosure import disclosure, title_span
from ..index import ClaimIndex
from ..registry import Params, Rule, register

#: recognised forms that make a text a disclosure that owes all of them
_WHOLE = 3


@register("completeness.tables")
class Completeness(Rule[Params]):
    """A 部门决算 disclosure contains the nine 公开 tables (eight before 2020) and explains
    三公经费, 机关运行经费, 政府采购 and 国有资产; each 公开NN表 label names one table.

    A table printed empty is present: whether it says why, and agrees with the text, is
    table.empty's to check, so one problem is told once.

    A table is present when one of the text's tables was recognised as its form, under any
    regional title. A text with a few of the tables is an excerpt and owes only those its
    contents list names; a text with three forms or more, or a 决算 with no table at all, owes
    them all.

    **Anti-pattern**: 第五部分 附表 listing 一、收入支出决算总表 … with no table following;
    公开06表 printed over both the 基本支出 table and the “三公” table.

    **Correct**: 公开08表 政府性基金预算财政拨款收入支出决算表, empty, with 注：…故本表无数据.
    """

    def check(self, index: ClaimIndex) -> Iterator[Finding]:
        doc = index.document
        if doc.meta.kind not in (ReportKind.FINAL_ACCOUNT, ReportKind.MIXED):
            return
        year = doc.meta.fiscal_year or 9999
        required = [t for t in disclosure()["tables"] if year >= t.get("since", 0)]
        present = {t.form for t in doc.tables if t.form}
        mentioned = {t["form"]: _named(doc.original, t["name"]) for t in required}
        # A disclosure shows its tables; an excerpt of it (a few tables, the narrative) does
        # not owe the others, unless its own contents list names them.
        whole = not doc.tables or len(present & {t["form"] for t in required}) >= _WHOLE
        anchor = doc.sections[0].heading if doc.sections else doc.span(0, min(1, len(doc.original)))
        missing = [t for t in required if t["form"] not in present
                   and (whole or mentioned[t["form"]] >= 0)]
        if missing:
            names = "、".join(t["name"] for t in missing)
            spans = [doc.span(mentioned[t["form"]], mentioned[t["form"]] + len(t["name"]))
                     for t in missing if mentioned[t["form"]] >= 0]
            stated = [Evidence(role="stated", span=s) for s in spans or [anchor]]
            yield self.structure("MISSING_TABLE", stated, expected_text=names, name=names)
        # the explanations are a report's, not a self-evaluation's nor a workbook of tables'
        # (whose notes in cells are sentences, but no part of it is headed as a report's)
        if whole and doc.meta.kind is ReportKind.FINAL_ACCOUNT and index.narrative() and doc.sections:
            for section in disclosure()["sections"]:
                if not any(w in doc.text for w in section["match"]):
                    yield self._finding("MISSING_SECTION", anchor, section["name"])
        seen: dict[str, str] = {}
        for table in doc.tables:
            if not table.label:
                continue
            first = seen.setdefault(table.label, table.title or "")
            if first != (table.title or "") and table.title:
                span = title_span(doc, table)
                yield self.structure("DUPLICATE_TABLE_LABEL", [Evidence(role="stated", span=span)],
                                     label=table.label, a=first, b=table.title)

    def _finding(self, code: str, span, name: str) -> Finding:
        return self.structure(code, [Evidence(role="stated", span=span)], expected_text=name, name=name)


def _named(text: str, name: str) -> int:
    """Where `text` names the table `name` as a title of its own, -1 if nowhere: 支出决算表
    inside “三公”经费财政拨款支出决算表 is the end of another table's title, not a mention."""
    m = regex.search(rf"(?<!\p{{Han}}){regex.escape(name)}", text)
    return -1 if m is None else m.start()
