"""identity.tables: totals the 公开 tables print twice must agree (data/table_totals.yaml)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from importlib import resources

import regex
import yaml

from models import Claim, Finding, QuantityKind, Role, Severity, Table, message

from ..arith import in_unit_of, in_wan, total
from ..index import ClaimIndex
from ..registry import Params, Rule, register
from ..verdict import arithmetic, evidence, figure

#: the fund names a column header of a 财政拨款收入支出决算总表 holds; 预算 left once they
#: are taken out (年初预算数, 预算数) makes the column a budget column
_FUNDS = regex.compile(r"一般公共预算|政府性基金预算|国有资本经营预算")
_BUDGET = regex.compile(r"预算")
#: numbering and spaces in front of a row label (一、, （一）, 1.)
_ROW_PREFIX = regex.compile(r"^[\s　]*(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）、.．]\s*)?")
_GRAND = {"收入总计": "收入", "支出总计": "支出"}
#: a figure this many times the other was read in the wrong unit: unit.scale's, not this
_UNIT_DOUBT = 1000


@cache
def pairs() -> list[dict]:
    text = resources.files("rules").joinpath("data/table_totals.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def _label(text: str) -> str:
    return _ROW_PREFIX.sub("", text).replace(" ", "").replace("\u3000", "")


def _level(claim: Claim) -> bool:
    q = claim.quantity
    return q.kind in (QuantityKind.AMOUNT, QuantityKind.NUMBER) and not q.approximate and q.bound is None


def _actual_column(claim: Claim) -> bool:
    """Whether a cell's column holds this year's 决算 (not a budget, a prior year or a change)."""
    labels = "".join(claim.column_labels or ())
    if claim.role is Role.BUDGET and _FUNDS.search(labels):
        return not _BUDGET.search(_FUNDS.sub("", labels))  # 一般公共预算财政拨款 is a fund
    return claim.role is Role.ACTUAL


class _Figure:
    """One side of a pair: the claims it rests on and the interval (万元) they stand for."""

    def __init__(self, claims: list[Claim], table: Table) -> None:
        self.claims = claims
        self.table = table
        self.interval = total(in_wan(c.quantity) for c in claims)

    @property
    def formula(self) -> str:
        return " + ".join(figure(c) for c in self.claims)


@register("identity.tables")
class TableTotals(Rule[Params]):
    """Totals the 公开 tables print twice must agree: 收入总计 = 支出总计 in the 收入支出决算总表
    and in the 财政拨款收入支出决算总表; the 合计 of the 一般公共预算财政拨款支出决算表 = its
    column of the 财政拨款收入支出决算总表; its 基本支出 = 人员经费合计 + 公用经费合计 of the
    基本支出决算表; the 财政拨款总表's 本年收入合计 = the three 财政拨款收入 rows of the 总表
    (`rules/data/table_totals.yaml`). Pairs value.mismatch already compares (one subject,
    role, column and fund in two tables) are left to it. Both tables must be recognised as
    their forms with certainty; a table recognised with doubt makes the finding a warning
    (请核对). A pair 10^4 apart is a unit slip (unit.scale), not this.

    **Anti-pattern**: 收入支出决算总表 总计 2763.88 | 总计 2736.88.

    **Correct**: 一般公共预算财政拨款支出决算表 合计 2491.48 beside 财政拨款收入支出决算总表
    本年支出合计 | 一般公共预算财政拨款 2491.48.
    """

    def check(self, index: ClaimIndex) -> Iterator[Finding]:
        for pair in pairs():
            a = _select(index, pair["a"])
            b = _select(index, pair["b"])
            if a is None or b is None or _same_figure(index, a, b):
                continue
            finding = self._compare(pair["name"], a, b)
            if finding is not None:
                yield finding

    def _compare(self, name: str, a: _Figure, b: _Figure) -> Finding | None:
        stated = a.claims[0] if len(a.claims) == 1 else None
        if stated is None:  # the single figure is the stated one, the sum its expectation
            a, b = b, a
            stated = a.claims[0] if len(a.claims) == 1 else None
        if stated is None:
            return None
        here, there = in_wan(stated.quantity), b.interval
        if here.low > _UNIT_DOUBT * there.high > 0 or there.low > _UNIT_DOUBT * here.high > 0:
            return None  # 10^4 apart: a table's 元 read or printed as 万元 (unit.scale's)
        finding = arithmetic(
            self.id, self.params, "TABLE_TOTAL_MISMATCH", stated, in_unit_of(there, stated.quantity),
            b.formula, [evidence("counterpart", c) for c in b.claims], name=name,
            table=a.table.title or "", other_table=b.table.title or "",
        )
        if finding is None:
            return None
        if finding.severity is Severity.ERROR and (a.table.unsure or b.table.unsure):
            note = message("NEEDS_REVIEW", why="表格的格式识别不确定",
                           why_en="a table's form was recognised with doubt")
            finding = finding.model_copy(update={
                "severity": Severity.WARNING, "review": True,
                "message_zh": finding.message_zh + note.zh,
                "message_en": finding.message_en + note.en})
        return finding


def _tables(index: ClaimIndex, form: str) -> list[Table]:
    return [t for t in index.document.tables if t.form == form]


def _select(index: ClaimIndex, spec: dict) -> _Figure | None:
    """The figure `spec` names, from the first table of its form that prints it."""
    for table in _tables(index, spec["form"]):
        claims = [c for c in index.by_table.get(table.id, []) if _level(c) and _actual_column(c)]
        if "grand" in spec:
            found = _grand(index, table, claims, spec["grand"])
            chosen = [found] if found is not None else []
        else:
            subjects = spec.get("parts") or [spec["subject"]]
            chosen = []
            for subject in subjects:
                fits = [c for c in claims if c.subject == subject and c.period in (None, _year(index))
                        and (c.facet is None or "column" in spec)
                        and ("column" not in spec or spec["column"] in "".join(c.column_labels or ()))]
                if not fits:
                    break
                chosen.append(min(fits, key=lambda c: (c.row or 0, c.column or 0)))
            if len(chosen) < len(subjects):
                continue
        if chosen:
            return _Figure(chosen, table)
    return None


def _year(index: ClaimIndex) -> int | None:
    return index.document.meta.fiscal_year


def _grand(index: ClaimIndex, table: Table, claims: list[Claim], side: str) -> Claim | None:
    """The 总计 of one side of a 总表: the first figure right of its label (收入总计, 支出总计,
    or of the first / second of two 总计 labels in one row)."""
    labels = [c for c in table.cells if c.value is None and _label(c.text) in ("总计", *_GRAND)]
    by_row: dict[int, list] = {}
    for cell in labels:
        by_row.setdefault(cell.row, []).append(cell)
    for row, cells in sorted(by_row.items()):
        cells.sort(key=lambda c: c.column)
        figures = sorted((c for c in claims if c.row == row), key=lambda c: c.column or 0)
        for i, cell in enumerate(cells):
            named = _GRAND.get(_label(cell.text))
            if named is None:
                named = ("收入", "支出")[i] if len(cells) == 2 else None
            if named != side:
                continue
            end = cells[i + 1].column if i + 1 < len(cells) else None
            after = [c for c in figures if (c.column or 0) > cell.column
                     and (end is None or (c.column or 0) < end)]
            if after:
                return after[0]
    return None


def _same_figure(index: ClaimIndex, a: _Figure, b: _Figure) -> bool:
    """Whether value.mismatch compares the two already: one claim each, of one figure."""
    if len(a.claims) != 1 or len(b.claims) != 1:
        return False
    key = index.figure_of(a.claims[0])
    return key is not None and key == index.figure_of(b.claims[0])
