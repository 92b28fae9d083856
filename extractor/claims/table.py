"""Claims of tables: every numeric cell, its subject from the row label (or code) and its
role from the column headers."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import regex

from models import Cell, Claim, Quantity, QuantityKind, Reading, Role, Source, Table

from .. import forms
from ..lexicon import Lexicon
from .context import YEAR, Context
from .narrative import fund_scope

_ROW_PREFIX = regex.compile(
    r"^(?:[一二三四五六七八九十]+、|\d{1,2}[、.](?!\d)|其中[:：]?|[(](?:\d{1,2}|[一二三四五六七八九十]{1,2})[)]|\s)+"
)
_YEAR_PREFIX = regex.compile(r"^(?:19|20)\d{2}年度?")
_TOTAL_ROWS = {"合计", "总计", "小计"}
#: column headers that say what a figure is rather than what it is about
_ROLE_HEADER = regex.compile(
    r"^(?:(?:19|20)\d{2}年)?(?:.*(?:预算数|决算数|执行数|执行率|控制率|分值|权重|得分|指标值|完成值|人数)"
    r"|合计|小计|金额|本年收入合计|本年支出合计|决算数|栏次|项目|编制数)$"
)
#: title word → the subject of the table's 合计, most specific first (the 三公 table's title
#: also says 支出决算); whether the word alone decides, or only the whole department's title
_TITLE_TOTALS = [
    ("三公", "三公经费", True),
    ("机关运行经费", "机关运行经费", True),  # its 合计 is that, not all spending
    ("基本支出", "基本支出", True),
    ("项目支出", "项目支出", True),  # 项目支出决算表: its 合计 is the projects', not all spending
    ("收入决算", "本年收入合计", False),
    ("支出决算", "本年支出合计", False),
]
#: the whole department's income or spending table: 收入决算表, 2017年度支出决算表; not a
#: table no form fits that covers a part of it (项目支出决算表), whose 合计 is that part's
_WHOLE_TITLE = regex.compile(r"(?:^|年度?|部门)(?:收入|支出)决算(?:明细)?表$")


#: the year's spending: the column of a row's own figure in a spending table
_SPENDING = "本年支出合计"
#: a budget column after the year's adjustments (全年预算数, 调整预算数, 调整后预算数)
_ADJUSTED = regex.compile(r"全年预算|调整(?:后)?预算")


def _canonical_label(lexicon: Lexicon, label: str | None) -> str | None:
    if not label:
        return None
    cleaned = _YEAR_PREFIX.sub("", _ROW_PREFIX.sub("", label)).strip()
    return lexicon.canonical(cleaned) or (cleaned or None)


@lru_cache(maxsize=4096)
def _header_year(labels: tuple[str, ...]) -> int | None:
    """The year a column's headers name (the topmost that names one); every cell of the
    column asks the same."""
    period = None
    for label in reversed(labels):
        year = YEAR.search(label)
        if year:
            period = int(year.group(1))
    return period


def _table_role(labels: list[str], quantity: Quantity, fiscal_year: int | None) -> tuple[Role, int | None]:
    """The role of a cell's figure from what its column's headers mean (extractor/data/
    tables.yaml, `columns`), and the year they name."""
    key = tuple(labels)
    meaning = forms.figure_meaning(key)
    period = _header_year(key)
    if period is None:
        period = fiscal_year
    percent = quantity.kind is QuantityKind.PERCENT
    role = meaning.role if meaning is not None else None
    if role is None or (percent and meaning is not None and meaning.type == "amount"):
        # no header word says, or a percentage stands in an amount column: a rate of some kind
        role = Role.RATE if percent else Role.ACTUAL
    if quantity.kind is QuantityKind.COUNT and role is Role.ACTUAL:
        role = Role.COUNT
    if fiscal_year is not None and period is not None and period < fiscal_year:
        role = Role.PRIOR
    return role, period


#: the funds a carry-over row is broken down by
_FUNDS = {"一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"}


def _reading(table: Table, cell: Cell, subject: str | None) -> Reading:
    """A cell is read by schema when its table is a known form, its column's header means
    something that holds figures of its kind, and its row names what it is about."""
    if table.form is None or table.unsure or not subject:
        return Reading.HEADER
    meaning = forms.meaning(cell.column_labels)
    if meaning is None or not meaning.holds_figures:
        return Reading.HEADER
    return Reading.SCHEMA


def _name(table: Table) -> str:
    """The table's form name when recognised (its funds are the form's), else its title."""
    return forms.form(table.form).name if table.form else table.title or ""


def _side(table: Table, cell: Cell) -> str | None:
    """What sets a cell's figure apart from the same row elsewhere: "收入" for a functional
    row of an income table (农林水支出 there is income, by function) and for a unit's row of
    one printed by unit (第一中学's income is not its spending); the table itself for a form
    printed once per project (each 项目支出绩效自评表 has its own 年度资金总额)."""
    if table.form is None:
        return None
    form = forms.form(table.form)
    total_row = _ROW_PREFIX.sub("", cell.row_label or "").endswith(tuple(_TOTAL_ROWS))
    if form.side == "income" and ((cell.code or "").startswith("2") or not total_row):
        return "收入"
    return f"{form.name}#{table.id}" if form.instance else None


def _grand_total(table: Table, cell: Cell, group: str) -> str | None:
    """收入总计 or 支出总计: by the header above, else by which of a side-by-side row's two
    总计 labels the cell follows. Never 本年支出合计: 总计 includes the carry-overs."""
    if group in ("收入", "支出"):
        return f"{group}总计"
    labels = sorted(c.column for c in table.cells if c.row == cell.row and c.value is None
                    and _ROW_PREFIX.sub("", c.text.replace(" ", "")) == "总计")
    if len(labels) == 2:
        return "收入总计" if cell.column < labels[1] else "支出总计"
    return _table_total(table) if table.form is None else "总计"


def _table_total(table: Table) -> str | None:
    title = (table.title or "").replace(" ", "")
    for key, subject, specific in _TITLE_TOTALS:
        if key in title:
            # a recognised form's 合计 is what its schema says (the general budget table's
            # is that fund's 本年支出合计); an unrecognised table's only by its whole title
            whole = specific or table.form is not None or _WHOLE_TITLE.search(title) is not None
            return subject if whole else None
    return None


def read_table(ctx: Context, table: Table) -> Iterator[Claim]:
    """A claim for every numeric cell: row label × column header."""
    lexicon = ctx.lexicon
    fiscal = ctx.doc.meta.fiscal_year
    carry: dict[int, str] = {}  # value column -> the carry-over row its fund rows break down
    table_scope = fund_scope(_name(table))  # the fund a table's name limits its figures to
    for cell in table.cells:
        if cell.value is None:
            continue
        row_name = _ROW_PREFIX.sub("", cell.row_label or "")
        if "结转" in row_name or "结余" in row_name:
            carry[cell.column] = row_name
        elif (row_name and fund_scope(row_name) is None) or "合计" in row_name or "总计" in row_name:
            carry.pop(cell.column, None)
        labels = cell.column_labels
        lowest = labels[-1] if labels else None
        # a fund's column (一般公共预算财政拨款 beside 合计): the row's figure from that fund,
        # not a budget (its 预算 is the fund's name) nor a subject of its own
        fund = fund_scope(lowest) if lowest in _FUNDS else None
        if fund is not None:
            labels = labels[:-1]
            lowest = labels[-1] if labels else None
        facet = lowest if lowest and not _ROLE_HEADER.match(lowest) else None
        if lowest in ("小计", "合计") and len(labels) >= 2 and not _ROLE_HEADER.match(labels[-2]):
            facet = labels[-2]  # 基本支出 / 小计: the subtotal of 基本支出
        if facet is not None and lexicon.canonical(facet) == _SPENDING:
            facet = None  # 本年支出 / 小计 of a row is the row's spending itself, its one figure
        if facet is None and lowest and _ADJUSTED.search(lowest):
            facet = "全年预算"  # the adjusted budget, not the bare 预算数 of another table
        row = cell.row_label
        subject = (lexicon.code_name(cell.code) if cell.code else None) or _canonical_label(lexicon, row)
        if row is not None and _ROW_PREFIX.sub("", row) in _TOTAL_ROWS:
            group = labels[0] if labels else ""
            if facet:
                subject, facet = _canonical_label(lexicon, facet), None
            elif _ROW_PREFIX.sub("", row) == "总计":
                subject = _grand_total(table, cell, group)
            else:
                subject = _table_total(table) or subject
        if subject is None:
            named = [x for x in reversed(labels) if not _ROLE_HEADER.match(x)]
            subject = _canonical_label(lexicon, named[0]) if named else _table_total(table)
            facet = None
        if subject is None:
            subject = _canonical_label(lexicon, lowest) or ""
        scope = fund or (table_scope if subject and "财政拨款" not in subject else None)
        parent = carry.get(cell.column)
        if parent is not None and row_name in _FUNDS:
            # 年初财政拨款结转和结余 / 一般公共预算财政拨款: that fund's carry-over, not its income
            subject, scope = _canonical_label(lexicon, parent) or parent, fund_scope(row_name)
        role, period = _table_role(labels, cell.value, fiscal)
        yield ctx.add(Claim.trusted(
            id=ctx.new_id(),
            subject=subject,
            subject_span=None,
            code=cell.code,
            role=role,
            period=period,
            quantity=cell.value,
            source=Source.TABLE,
            reading=_reading(table, cell, subject),
            table=table.id,
            row=cell.row,
            column=cell.column,
            column_labels=cell.column_labels,
            facet=_side(table, cell) or facet,
            scope=scope,
        ))


