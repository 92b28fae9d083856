"""The slot factory of one document: figures printed in its style, tied to their statement.

Every figure the renderer prints goes through a Writer, so that it is rounded the way the
document rounds, knows the exact value behind it and the statement (`group`) it is part of,
and carries the checks that relate it to the other figures of that statement.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from decimal import Decimal
from typing import TypeVar

from ..accounts import ZERO, Accounts
from ..doc import Seg, Slot
from ..money import Printer, in_yuan, pct, percent, round_to, wan
from .style import Style

T = TypeVar("T")

SUM_TABLE = "sum.table"
#: cells identity.tables compares with a cell of another table or of the other side of a
#: 总表 (rules/data/table_totals.yaml), by table and slot key
TABLE_TOTALS = {
    ("totals", "grand"),  # 收入总计 = 支出总计
    ("fiscal", "fa.grand"),
    ("totals", "inc.src:general"),  # Σ 财政拨款 income rows = 财政拨款总表 本年收入合计
    ("totals", "inc.src:govfund"),
    ("totals", "inc.src:capital"),
    ("fiscal", "fa.inc"),
    ("fiscal", "gp.exp"),  # 一般公共预算 column = 一般公共预算财政拨款支出决算表 合计
    ("general", "gp.exp"),
    ("general", "gp.basic"),  # 基本支出 = 基本支出表 人员经费合计 + 公用经费合计
    ("basic", "personnel"),
    ("basic", "public"),
}


class Writer:
    def __init__(self, rng: random.Random, style: Style, accounts: Accounts) -> None:
        self.rng = rng
        self.style = style
        self.a = accounts
        self.cells: Printer = in_yuan() if style.yuan else wan(2, suffix="")
        self.money: Printer = wan(style.decimals, strip=style.strip)
        self.percent: Printer = pct(style.pct_decimals)
        self.group = 0

    @property
    def unit_label(self) -> str:
        return "元" if self.style.yuan else "万元"

    def statement(self) -> int:
        """Start a new statement: the slots made from now on belong to it."""
        self.group += 1
        return self.group

    # --- tables ---------------------------------------------------------------------------

    def cell(
        self,
        key: str,
        exact: Decimal,
        table: str,
        label: str,
        rules: tuple[str, ...] = (SUM_TABLE,),
        blank: bool = True,
    ) -> Seg:
        """A money cell; zero prints blank in documents that leave zeros blank."""
        if not exact and blank and self.style.blank_zero:
            return ""
        return Slot(
            self.cells.text(exact),
            "amount",
            key,
            self.cells.value(exact),
            self.cells,
            set(rules) | ({"identity.tables"} if (table, key) in TABLE_TOTALS else set()),
            {"exact": exact},
            self.group,
            table,
            label,
        )

    # --- narrative ----------------------------------------------------------------------

    def amount(self, key: str, exact: Decimal, *rules: str) -> Slot:
        return Slot(
            self.money.text(exact),
            "amount",
            key,
            self.money.value(exact),
            self.money,
            set(rules),
            {"exact": exact},
            self.group,
        )

    def share(self, part: Slot, whole: Slot, key: str = "") -> Slot:
        """part / whole in per cent; `share.whole` ties the three together."""
        p, t = part.info["exact"], whole.info["exact"]
        value = round_to(percent(p, t), self.percent.decimals) if t else ZERO
        slot = Slot(
            self.percent.show(value),
            "share",
            key or f"share:{part.key}",
            value,
            self.percent,
            {"share.whole"},
            {"part": p, "whole": t, "part_slot": part, "whole_slot": whole},
            self.group,
        )
        part.rules.add("share.whole")
        whole.rules.add("share.whole")
        return slot

    def rate(self, key: str, current: Decimal, prior: Decimal) -> Slot:
        """The growth rate |current − prior| / prior (prior must not be 0)."""
        value = round_to(percent(abs(current - prior), prior), self.percent.decimals)
        return Slot(
            self.percent.show(value),
            "rate",
            f"rate:{key}",
            value,
            self.percent,
            {"rate.change", "rate.wrong_base"},
            {"current": current, "prior": prior, "change": abs(current - prior)},
            self.group,
        )

    def completion(self, key: str, actual: Decimal, budget: Decimal, kind: str = "completion") -> Slot:
        value = round_to(percent(actual, budget), self.percent.decimals)
        return Slot(
            self.percent.show(value),
            kind,
            f"{kind}:{key}",
            value,
            self.percent,
            {"completion.rate"},
            {"actual": actual, "budget": budget},
            self.group,
        )

    def word(self, text: str, kind: str, key: str = "", **info: object) -> Slot:
        return Slot(text, kind, key or kind, None, None, set(), dict(info), self.group)

    def pick(self, options: Sequence[T]) -> T:
        return self.rng.choice(options)
