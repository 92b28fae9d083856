"""Interval arithmetic on printed figures, the way statcheck and XBRL Calculations 1.1 do it.

A printed 1835.05 stands for [1835.045, 1835.055]; sums, differences and ratios of such
figures are intervals too. A stated result is wrong only when its own interval does not
meet the computed one, so rounding (尾数误差) is never reported as an error. Pure Decimal
functions: no floats anywhere near money.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from models import Quantity

HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class Interval:
    """A closed interval of Decimals: the values a printed figure may stand for."""

    low: Decimal
    high: Decimal

    @classmethod
    def of(cls, q: Quantity) -> Interval:
        """The interval a printed quantity stands for, in its own unit."""
        return cls(q.low, q.high)

    @classmethod
    def exact(cls, value: Decimal) -> Interval:
        return cls(value, value)

    @property
    def mid(self) -> Decimal:
        return (self.low + self.high) / 2

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.low + other.low, self.high + other.high)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.low - other.high, self.high - other.low)

    def __neg__(self) -> Interval:
        return Interval(-self.high, -self.low)

    def scale(self, factor: Decimal) -> Interval:
        a, b = self.low * factor, self.high * factor
        return Interval(min(a, b), max(a, b))

    def meets(self, other: Interval) -> bool:
        """Do the two intervals share a value?

        Printed figures stand for half-open intervals (1835.05 is [1835.045, 1835.055)), so
        7.92 and 0.00 + 7.93 only touch at 7.925 and do not meet. An exact value (a printed
        zero, a count) is a point and meets any interval that contains it.
        """
        if self.low == self.high or other.low == other.high:
            return self.low <= other.high and other.low <= self.high
        return self.low < other.high and other.low < self.high

    def contains(self, value: Decimal) -> bool:
        return self.low <= value <= self.high

    def distance(self, other: Interval) -> Decimal:
        """How far apart two intervals are (0 when they meet)."""
        if self.meets(other):
            return Decimal(0)
        return other.low - self.high if self.high < other.low else self.low - other.high


def total(parts: Iterable[Interval]) -> Interval:
    """The sum of intervals."""
    acc = Interval.exact(Decimal(0))
    for part in parts:
        acc = acc + part
    return acc


def ratio(numerator: Interval, denominator: Interval) -> Interval | None:
    """numerator / denominator × 100 (a percentage); None when the denominator may be 0."""
    if denominator.low <= 0 <= denominator.high:
        return None
    candidates = [
        numerator.low / denominator.low,
        numerator.low / denominator.high,
        numerator.high / denominator.low,
        numerator.high / denominator.high,
    ]
    return Interval(min(candidates) * HUNDRED, max(candidates) * HUNDRED)


def stated(q: Quantity) -> Interval:
    """The interval of a stated percentage or amount, as printed."""
    return Interval.of(q)


def truncation(q: Quantity) -> Interval:
    """What a figure may stand for if the writer cut digits instead of rounding."""
    ulp = q.ulp
    if q.value >= 0:
        return Interval(q.value, q.value + ulp)
    return Interval(q.value - ulp, q.value)


def off_by(q: Quantity, expected: Interval) -> Decimal:
    """How many units of the stated figure's last printed digit it is off by."""
    return stated(q).distance(expected) / q.ulp if q.decimals >= 0 else Decimal(0)


def shown(value: Decimal, decimals: int) -> str:
    """A value printed like the report prints figures (half up, fixed decimals)."""
    quantum = Decimal(1).scaleb(-decimals)
    return str(value.quantize(quantum, rounding=ROUND_HALF_UP))


def show_interval(interval: Interval, decimals: int) -> str:
    """An interval for a message: one value when it prints as one at `decimals` places,
    else [low, high] with one more place, so that 0.00 + 21.90 reads [21.895, 21.905]."""
    low, high = shown(interval.low, decimals), shown(interval.high, decimals)
    if low == high:
        return low
    return f"[{shown(interval.low, decimals + 1)}, {shown(interval.high, decimals + 1)}]"


_WAN = {"元": Decimal("0.0001"), "千元": Decimal("0.1"), "万元": Decimal(1), "亿元": Decimal(10000)}


def in_wan(q: Quantity) -> Interval:
    """A money figure's interval in 万元 (other quantities unchanged)."""
    factor = _WAN.get(q.unit or "")
    return Interval(q.low, q.high) if factor is None or factor == 1 else Interval.of(q).scale(factor)


def in_unit_of(interval: Interval, q: Quantity) -> Interval:
    """An interval in 万元 expressed in `q`'s unit (to compare with what `q` states)."""
    return interval.scale(1 / _WAN.get(q.unit or "", Decimal(1)))
