"""identity.balance: 年初结转和结余 + 本年收入 − 本年支出 = 年末结转和结余."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from models import Claim, Finding, QuantityKind, Role, Source

from ..arith import in_unit_of, in_wan
from ..index import ClaimIndex
from ..registry import Params, Rule, register
from ..verdict import arithmetic, evidence, figure

#: what else moves a balance of all funds: where the report has one above zero, or the
#: sentence names one, the four figures alone need not balance
_OTHER_MOVES = ("结余分配", "用事业基金弥补收支差额", "使用非财政拨款结余", "其他调整")


def _term(subject: str) -> str | None:
    """Which term of the identity a subject is: opening, income, spending or closing."""
    carried = "结转" in subject or "结余" in subject
    if subject.startswith("年初") and carried:
        return "opening"
    if subject.startswith("年末") and carried:
        return "closing"
    if carried or "总计" in subject or "其中" in subject:
        return None
    if subject.endswith("收入") or subject.endswith("收入合计"):
        return "income"
    if subject.endswith("支出") or subject.endswith("支出合计"):
        return "spending"
    return None


#: the label under a term's column that is still the term (本年支出 › 小计)
_SUBTOTALS = ("小计", "合计")


def _claim_term(claim: Claim) -> str | None:
    """A sentence's figure by its subject; a table cell by its column (年初结转和结余 |
    本年收入 | 本年支出 小计 | … | 年末结转和结余), not by its row's 科目. A column under a
    term that breaks it down (本年支出 › 基本支出) is not the term."""
    if claim.source is not Source.TABLE:
        return _term(claim.subject)
    labels = claim.column_labels
    if not labels or any(label not in _SUBTOTALS for label in labels[1:]):
        return None
    return _term(labels[0])



@register("identity.balance")
class Balance(Rule[Params]):
    """A sentence or a table row that states a fund's opening balance, its income and
    spending of the year and its closing balance states an identity: 年初结转和结余 + 本年收入
    − 本年支出 = 年末结转和结余. Checked where exactly one figure of each term is given, of
    one year and one fund (a row of the 政府性基金 table, by its columns); for all funds
    together only when nothing else (结余分配, 用事业基金弥补收支差额) moves the balance.
    Computed on printed intervals.

    **Anti-pattern**: 政府性基金预算财政拨款年初结转和结余12.00万元，本年收入44.00万元，
    本年支出56.00万元，年末结转和结余12.00万元 (12 + 44 − 56 = 0).

    **Correct**: 年初结转和结余23.56万元，本年收入846.22万元，本年支出856.46万元，年末结转和
    结余13.32万元.
    """

    def check(self, index: ClaimIndex) -> Iterator[Finding]:
        moved = any(c.quantity.value and any(w in c.subject for w in _OTHER_MOVES)
                    for c in index.claims)
        for claims in self._places(index):
            terms = self._terms(claims)
            if terms is None:
                continue
            if not terms["closing"].scope and (moved or self._names_other_moves(index, claims)):
                continue
            yield from self._check(terms)

    @staticmethod
    def _places(index: ClaimIndex) -> Iterator[list[Claim]]:
        """The claims of each sentence and of each table row."""
        places: dict[tuple, list[Claim]] = defaultdict(list)
        for claim in index.claims:
            if claim.source is Source.TABLE and claim.row is not None:
                places[("t", claim.table, claim.row)].append(claim)
            elif claim.source is Source.NARRATIVE and claim.sentence is not None:
                places[("s", claim.sentence)].append(claim)
        yield from places.values()

    @staticmethod
    def _terms(claims: list[Claim]) -> dict[str, Claim] | None:
        found: dict[str, list[Claim]] = defaultdict(list)
        for claim in claims:
            term = _claim_term(claim)
            if term is not None and claim.role is Role.ACTUAL \
                    and claim.quantity.kind is QuantityKind.AMOUNT and not claim.quantity.approximate:
                found[term].append(claim)
        if sorted(found) != ["closing", "income", "opening", "spending"]:
            return None
        if any(len(v) != 1 for v in found.values()):
            return None
        terms = {k: v[0] for k, v in found.items()}
        if len({c.period for c in terms.values()}) != 1:
            return None
        return terms

    @staticmethod
    def _names_other_moves(index: ClaimIndex, claims: list[Claim]) -> bool:
        if claims[0].sentence is None:
            return False  # a table row: the report's other figures say whether anything else moved
        span = index.document.sentences[claims[0].sentence].span
        return any(w in index.document.original[span.start:span.end] for w in _OTHER_MOVES)

    def _check(self, t: dict[str, Claim]) -> Iterator[Finding]:
        opening, income, spending, closing = t["opening"], t["income"], t["spending"], t["closing"]
        expected = in_wan(opening.quantity) + in_wan(income.quantity) - in_wan(spending.quantity)
        finding = arithmetic(
            self.id, self.params, "BALANCE_MISMATCH", closing, in_unit_of(expected, closing.quantity),
            f"{figure(opening)} + {figure(income)} − {figure(spending)}",
            [evidence("opening", opening), evidence("income", income),
             evidence("spending", spending)],
        )
        if finding is not None:
            yield finding
