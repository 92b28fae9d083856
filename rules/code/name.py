"""code.name: a table row's classification code printed with another code's name."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from models import Cell, Evidence, Finding, Severity, Span, Table
from models.classification import Classification, Tree, fold, load

from ..index import ClaimIndex
from ..registry import Params, Rule, register

#: header words that say which classification a table's codes are
_TREE_WORDS = {Tree.FUNCTIONAL: "功能分类", Tree.ECONOMIC: "经济分类"}
#: the code printed in front of the name in one cell ("2010301 行政运行")
_CODE_PREFIX = regex.compile(r"\s*[23]\d{2}(?:\d{2}){0,2}\s*")
_SPACES = regex.compile(r"\s+")


class CodeNameParams(Params):
    # forms (extractor/data/tables.yaml) whose codes are of one classification, for tables
    # whose header does not say 功能分类 or 经济分类
    functional_forms: tuple[str, ...] = ("income", "spending", "general_budget_spending",
                                         "fund_budget", "state_capital")
    economic_forms: tuple[str, ...] = ("general_budget_basic", "general_budget_economic")
    # a name printed exactly as another code's, in a table read with certainty
    exact_severity: Severity = Severity.WARNING
    # the year the 支出经济分类科目 of the names known here took effect: before it, 303 held
    # 住房公积金 (30311) and 医疗费 (30307), 310 was 其他资本性支出; those reports' economic
    # codes are not checked
    economic_since: int = 2018


@register("code.name")
class CodeName(Rule[CodeNameParams]):
    """Each code of the 政府收支分类科目 a table prints carries its own name, and a table of
    one classification lists only that classification's codes.

    A row is reported when its code is known and its name (compared in normalized form:
    brackets, spaces, （项）, a closing 支出 aside) is not one of the names that code has had
    since 2016 but is the name of another code of the same classification; or when a
    functional code, printed with its own name, stands among the economic codes of a
    table (or the reverse). An unknown code or name is never a finding: regions print
    variants of names, and the data lists the codes commonly printed, not all of them.
    Which of the two is wrong, the code or the name, the table does not tell, so these
    are warnings (`exact_severity` raises a name copied exactly from another code, in a
    table read with certainty).

    **Anti-pattern**: 2080506	机关事业单位基本养老保险缴费支出	16.50 (that is 2080505's name;
    2080506 is 机关事业单位职业年金缴费支出); 30201	办公费 in a 功能分类 table.

    **Correct**: 2080506	机关事业单位职业年金缴费支出	16.50; 210 医疗卫生与计划生育支出 in a
    2017 report (the name 卫生健康支出 had before 2018).
    """

    params: CodeNameParams

    def check(self, index: ClaimIndex) -> Iterator[Finding]:
        codes = load()
        doc = index.document
        year = doc.meta.fiscal_year
        old_economic = year is not None and year < self.params.economic_since
        for table in doc.tables:
            rows = _coded_rows(table)
            tree = self._tree(table, rows, codes)
            certain = table.form is not None and not table.unsure
            for code, printed, cell in rows:
                owner = codes.tree_of(code)
                if owner is None or (old_economic and owner is Tree.ECONOMIC):
                    continue
                span = _name_span(doc.span, cell)
                if codes.owns(code, printed):
                    if tree is not None and owner is not tree:
                        yield self._mixed(code, printed, owner, tree, span)
                    continue
                others = [c for c in codes.owners(owner, printed) if c != code]
                if others:
                    exact = certain and fold(printed) in _exact_names(codes, owner, others)
                    yield self._mismatch(codes, code, printed, owner, _nearest(code, others), span, exact)

    def _tree(self, table: Table, rows: list[tuple[str, str, Cell]], codes: Classification) -> Tree | None:
        """The classification a table lists: its header's word, else its form's; None when
        neither says, or when its rows mostly are of the other one (a misjudged table)."""
        header = "".join("".join(row) for row in table.header_rows)
        said = [tree for tree, word in _TREE_WORDS.items() if word in header]
        if not said and table.form is not None:
            said = [tree for tree, forms in ((Tree.FUNCTIONAL, self.params.functional_forms),
                                             (Tree.ECONOMIC, self.params.economic_forms))
                    if table.form in forms]
        if len(said) != 1:
            return None
        owners = [codes.tree_of(code) for code, printed, _ in rows if codes.owns(code, printed)]
        return said[0] if 2 * owners.count(said[0]) > len(owners) else None

    def _mismatch(self, codes: Classification, code: str, printed: str, tree: Tree, other: str,
                  span: Span, exact: bool) -> Finding:
        own = codes.names[tree][code][0]
        severity = self.params.exact_severity if exact else Severity.WARNING
        return self.structure("CODE_NAME", [Evidence(role="stated", span=span)], severity=severity,
                              expected_text=own, subject=code, own=own, printed=printed, other=other)

    def _mixed(self, code: str, printed: str, tree: Tree, table_tree: Tree, span: Span) -> Finding:
        return self.structure("CODE_TREE", [Evidence(role="stated", span=span)], subject=code,
                              printed=printed, tree=_TREE_WORDS[tree], table_tree=_TREE_WORDS[table_tree],
                              tree_en=tree.value, table_tree_en=table_tree.value)


def _coded_rows(table: Table) -> list[tuple[str, str, Cell]]:
    """(code, printed name, the cell the name is printed in) of each coded row; a row of
    two halves (人员经费 left, 公用经费 right) gives two."""
    out: list[tuple[str, str, Cell]] = []
    labels: dict[int, list[Cell]] = {}
    for cell in table.cells:
        if cell.value is None and cell.span is not None:
            labels.setdefault(cell.row, []).append(cell)
    seen: set[tuple[int, str, str]] = set()
    for cell in table.cells:
        if not (cell.code and cell.row_label) or (cell.row, cell.code, cell.row_label) in seen:
            continue
        seen.add((cell.row, cell.code, cell.row_label))
        named = [c for c in labels.get(cell.row, []) if c.column < cell.column
                 and _SPACES.sub("", c.text).endswith(cell.row_label)]
        if named:
            out.append((cell.code, cell.row_label, named[-1]))
    return out


def _name_span(span_of, cell: Cell) -> Span:
    """The name's characters in its cell: after the code where one cell prints both."""
    assert cell.span is not None
    prefix = _CODE_PREFIX.match(cell.span.text)
    if prefix is None:
        return cell.span
    return span_of(cell.span.start + prefix.end(), cell.span.end)


def _exact_names(codes: Classification, tree: Tree, others: list[str]) -> set[str]:
    """The names of `others` as the data spells them."""
    return {fold(n) for code in others for n in codes.names[tree][code]}


def _nearest(code: str, others: list[str]) -> str:
    """Of the codes a name belongs to, the one sharing the longest head with `code` (the
    sibling 2101501 行政运行 for 2101550, not 2010301)."""
    def shared(other: str) -> int:
        return next((n for n in range(len(code), 0, -1) if other[:n] == code[:n]), 0)

    return max(others, key=lambda other: (len(other) == len(code), shared(other)))
