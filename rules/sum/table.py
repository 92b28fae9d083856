"""sum.table: a table's totals against its own rows and columns, and its code tree."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import regex

from models import Claim, Finding, QuantityKind

from ..arith import Interval, total
from ..index import ClaimIndex
from ..registry import Params, Rule, register
from ..verdict import arithmetic, consistent, evidence, figure

_TOTAL_LABEL = ("合计", "小计", "总计")
#: rows that total the rows above them (a bare 合计 row heads its table instead)
_BOTTOM_TOTALS = ("合计", "总计")


def _bottom_total(label: str | None) -> bool:
    """本年收入合计, 收入总计, 总计…: a total of the rows above it; a bare 合计 heads a table."""
    return bool(label) and label != "合计" and label.endswith(_BOTTOM_TOTALS)  # type: ignore[union-attr]


def _is_total(label: str | None) -> bool:
    return bool(label) and label.endswith(_TOTAL_LABEL)  # type: ignore[union-attr]


def _balance(label: str) -> bool:
    """A carry-over column (年初结转和结余, 年末结转和结余): a stock, never part of a flow."""
    return "结转" in label or "结余" in label


def _crosses(group: str, label: str) -> bool:
    """Whether a column labelled `label` cannot belong under `group`: income under a spending
    header or spending under an income one (a header cell whose span a PDF lost)."""
    return ("支出" in group and "收入" in label) or ("收入" in group and "支出" in label)


#: the numbering of a row that heads items (一、本年收入) and of the items under it (（一）…)
_TOP_ITEM = regex.compile(r"[一二三四五六七八九十]{1,3}、")
_SUB_ITEM = regex.compile(r"[(（][一二三四五六七八九十]{1,3}[)）]")


def _parent(code: str) -> str | None:
    return {7: code[:5], 5: code[:3]}.get(len(code))


def _money(claim: Claim) -> bool:
    return claim.quantity.kind in (QuantityKind.AMOUNT, QuantityKind.NUMBER)


ColumnKey = tuple[str, ...] | int


def _column_key(claim: Claim, col: int) -> ColumnKey:
    """Which column a code's figure is in, by its header labels: the two halves of a
    side-by-side 基本支出决算表 (科目编码 | 科目名称 | 决算数, twice) are one column of one
    code tree, which may flow from one half into the other (303's items continued on the
    right). A column without labels is known by its position only."""
    return tuple(claim.column_labels) if claim.column_labels else col


@register("sum.table")
class TableSum(Rule[Params]):
    """Inside one table, every total equals what it totals.

    - The classification code tree: 类 = Σ款 and 款 = Σ项 (201 = 20126 + 20131 + …), in
      every numeric column.
    - A total column (合计, 小计, 本年支出合计…) equals the columns under the same header,
      row by row (合计 = 基本支出 + 项目支出).
    - A total row (本年收入合计, 本年支出合计, 总计) equals the rows above it back to the
      previous total row; a 合计 row over coded rows equals the 类 rows.

    **Anti-pattern**: 20199 其他一般公共服务支出 小计 7.92 | 基本支出 0.00 | 项目支出 7.93.

    **Correct**: 20131 486.40 = 381.78 + 73.61 + 31.00 (486.39 is within rounding).
    """

    def check(self, index: ClaimIndex) -> Iterator[Finding]:
        for table in index.document.tables:
            grid = index.rows(table.id)
            if not grid:
                continue
            totals = self._row_totals(grid)
            by_columns = list(self._total_columns(totals))
            # a 项 whose own 合计 is not its 基本支出 + 项目支出 is the misprint: the 款 above
            # it is not wrong for differing from it (one slip, told once)
            misprinted = {f.evidence[0].claim for f in by_columns}
            yield from self._code_tree(index, grid, misprinted, self._off_its_one_part(totals))
            yield from by_columns
            yield from self._total_rows(index, grid)

    def _compare(self, stated: Claim, parts: list[Claim], what: str) -> Finding | None:
        if not parts or stated.quantity.approximate:
            return None
        own = Interval.of(stated.quantity)
        if any(p.quantity.value and Interval.of(p.quantity).meets(own) for p in parts) and any(
                p.quantity.value and not Interval.of(p.quantity).meets(own) for p in parts):
            return None  # the total itself among its "parts": the rows were grouped wrongly
        expected = total(Interval.of(p.quantity) for p in parts)
        if consistent(stated, expected) and not self.params.report_rounding:
            return None
        return arithmetic(self.id, self.params, "SUM_MISMATCH", stated, expected,
                          " + ".join(figure(p) for p in parts),
                          [evidence("component", p) for p in parts], total_subject=what)

    def _code_tree(self, index: ClaimIndex, grid: dict[int, dict[int, Claim]],
                   misprinted: set[str | None], lone: set[str]) -> Iterator[Finding]:
        """类 = Σ款, 款 = Σ项 and the 合计 row = Σ类, in every column. A part found misprinted
        against its own row is the slip, not the total above it. So is a 款 whose 合计 differs
        from the one part its row prints (扶贫 1,561.31 | | 1,516.31, the others blank) when
        its own items tell it; a blank that may be a lost cell is no ground for more."""
        by_code: dict[tuple[str, ColumnKey], Claim] = {}
        for cells in grid.values():
            for col, claim in cells.items():
                if claim.code and _money(claim):
                    by_code[(claim.code, _column_key(claim, col))] = claim
        children: dict[tuple[str, ColumnKey], list[Claim]] = defaultdict(list)
        for (code, column), claim in by_code.items():
            parent_code = _parent(code)
            if parent_code and (parent_code, column) in by_code:
                children[(parent_code, column)].append(claim)
        misprinted = misprinted | (lone & {by_code[key].id for key in children})
        for key, parts in children.items():
            parent = by_code[key]
            if any(p.id in misprinted for p in parts):
                continue
            finding = self._compare(parent, parts, f"{parent.code} {parent.subject}")
            if finding is not None:
                yield finding
        roots: dict[ColumnKey, list[Claim]] = defaultdict(list)
        for (code, column), claim in by_code.items():
            if len(code) == 3:
                roots[column].append(claim)
        for cells in grid.values():
            for col, claim in cells.items():
                column = _column_key(claim, col)
                if claim.code is None and roots.get(column) and _money(claim) \
                        and index.row_label(claim) == "合计" \
                        and not any(p.id in misprinted for p in roots[column]):
                    finding = self._compare(claim, roots[column], claim.subject)
                    if finding is not None:
                        yield finding

    def _row_totals(self, grid: dict[int, dict[int, Claim]]) -> list[tuple[Claim, list[Claim]]]:
        """Every total cell of a row with the parts beside it, found once for both checks."""
        out = []
        for cells in grid.values():
            for col, claim in cells.items():
                parts = self._parts(cells, col, claim)
                if parts is not None:
                    out.append((claim, parts))
        return out

    def _off_its_one_part(self, totals: list[tuple[Claim, list[Claim]]]) -> set[str]:
        """Total cells whose row prints one part under them and that part differs."""
        return {claim.id for claim, parts in totals
                if len(parts) == 1 and not consistent(claim, Interval.of(parts[0].quantity))}

    def _total_columns(self, totals: list[tuple[Claim, list[Claim]]]) -> Iterator[Finding]:
        for claim, parts in totals:
            if len(parts) >= 2:
                finding = self._compare(claim, parts, claim.column_labels[-1])
                if finding is not None:
                    yield finding

    def _parts(self, cells: dict[int, Claim], col: int, claim: Claim) -> list[Claim] | None:
        """The cells of a total column's row under the same header (合计 = 基本支出 + 项目支出);
        None when the cell totals no columns, or its parts cannot be told."""
        labels = claim.column_labels
        if not labels or not _is_total(labels[-1]) or not _money(claim):
            return None
        parent = labels[:-1]
        groups: dict[str, list[tuple[int, Claim]]] = defaultdict(list)
        for other_col, other in cells.items():
            ol = other.column_labels
            if other_col == col or len(ol) <= len(parent) or ol[:len(parent)] != parent:
                continue
            if _balance(ol[-1]) and not _balance(labels[-1]):
                continue  # 年末结转和结余 stands beside 本年支出, it is no part of it
            if other.role is not claim.role:
                continue  # 全年预算数 before 合计 | 商品和服务支出 | …: a budget, no part of the actual
            if parent and _crosses(parent[-1], ol[-1]):
                continue  # 本年收入 under a 本年支出 header: a header cell spread too far
            if ol[-1].replace(" ", "").startswith("其中"):
                continue  # 其中：公务用车购置费 breaks down the column before it
            groups[ol[len(parent)]].append((other_col, other))
        parts = []
        for members in groups.values():
            subtotal = [m for c, m in members if _is_total(m.column_labels[-1])]
            if subtotal:
                parts.append(subtotal[0])
            elif len(members) == 1:
                parts.append(members[0][1])
            else:
                return None
        return parts

    def _total_rows(self, index: ClaimIndex, grid: dict[int, dict[int, Claim]]) -> Iterator[Finding]:
        columns: dict[int, list[Claim]] = defaultdict(list)
        for row in sorted(grid):
            for col, claim in grid[row].items():
                columns[col].append(claim)
        for claims in columns.values():
            if any(c.code for c in claims):
                continue  # coded tables are checked through their code tree
            since: list[Claim] = []
            for claim in claims:
                label = index.row_label(claim)
                if since and claim.column_labels != since[-1].column_labels:
                    since = []  # a new header over the column (a 基础数据表's next block)
                if _bottom_total(label):
                    if len(since) >= 2 and _money(claim):
                        finding = self._compare(claim, since, claim.subject)
                        if finding is not None:
                            yield finding
                    # a 合计 starts the next group (收入总计 = 本年收入合计 + 年初结转和结余…);
                    # a 总计 closes its side (the spending rows below are not its parts)
                    since = [] if label.endswith("总计") else [claim]  # type: ignore[union-attr]
                elif _money(claim) and not any(p.subject == claim.subject for p in since) \
                        and not (label or "").startswith("其中") and not (
                            _SUB_ITEM.match(label or "")
                            and any(_TOP_ITEM.match(index.row_label(p) or "") for p in since)):
                    # (a row of a subject already counted, a 其中 row, or a （一） row under an
                    # 一、 row breaks one down: 一、本年收入 over （一）一般公共预算财政拨款)
                    since.append(claim)
