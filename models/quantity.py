"""Numbers as printed: money, percentages, counts, scores; always Decimal, never float."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from .base import HechaModel, Span


class QuantityKind(StrEnum):
    """What a printed number measures."""

    AMOUNT = "amount"  # money
    PERCENT = "percent"
    POINTS = "points"  # 个百分点: a difference of percentages, not a percentage
    COUNT = "count"  # people, vehicles, batches, documents...
    SCORE = "score"  # 分
    NUMBER = "number"  # a bare number whose unit the context gives (table cells)


class Bound(StrEnum):
    """A stated bound instead of a value (≥95%, 200余份 is approximate, not a bound)."""

    GE = "ge"
    GT = "gt"
    LE = "le"
    LT = "lt"


UNIT_IN_YUAN: dict[str, Decimal] = {
    "元": Decimal(1),
    "千元": Decimal(1000),
    "万元": Decimal(10000),
    "万": Decimal(10000),
    "亿元": Decimal(100000000),
    "亿": Decimal(100000000),
}


class Quantity(HechaModel):
    """A number as printed, with the interval its printed decimals stand for.

    1835.05 万元 stands for [1835.045, 1835.055): checks compare intervals, so rounding is
    never reported as an error. `low`/`high` are in `unit`; `yuan`/`wan` normalize money.
    """

    kind: QuantityKind
    value: Decimal
    decimals: int
    unit: str | None = None
    low: Decimal
    high: Decimal
    approximate: bool = False
    bound: Bound | None = None
    unit_implied: bool = False
    yuan: Decimal | None = None
    wan: Decimal | None = None
    span: Span

    @property
    def ulp(self) -> Decimal:
        """One unit in the last printed place (0.01 for 1835.05)."""
        return Decimal(1).scaleb(-self.decimals)


def printed_interval(value: Decimal, decimals: int) -> tuple[Decimal, Decimal]:
    """The interval a number printed with `decimals` places stands for.

    A printed zero is exact: in a final account 0.00 means nothing was spent, not
    "something under half a fen".
    """
    if value == 0:
        return value, value
    half = Decimal(1).scaleb(-decimals) / 2
    return value - half, value + half


def money(value: Decimal, unit: str) -> tuple[Decimal, Decimal]:
    """`value` in `unit` expressed in 元 and in 万元."""
    yuan = value * UNIT_IN_YUAN[unit]
    return yuan, yuan / UNIT_IN_YUAN["万元"]
