"""Amounts and percentages: exact Decimal 元 inside, printed the way reports print them.

Accounts hold exact amounts in 元 (to the 分); a report prints each one rounded half up to
its printed unit (0.01 万元, 0.1 万元, 0.01 元 with thousands separators). Derived figures
(shares, growth and completion rates) are computed from the exact amounts and then rounded,
so that every printed figure lies inside the interval its printed operands allow: parts may
differ from their printed total by a rounding unit, as in real reports, and that is no error.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def quantum(decimals: int) -> Decimal:
    """One unit of the last printed digit: 0.01 for two decimals, 1 for none."""
    return Decimal(1).scaleb(-decimals)


def round_to(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(quantum(decimals), rounding=ROUND_HALF_UP)


def percent(part: Decimal, whole: Decimal) -> Decimal:
    """part / whole in per cent, unrounded (whole must not be 0)."""
    return part * HUNDRED / whole


def yuan(rng: random.Random, low: float, high: float) -> Decimal:
    """A random amount in 元 between `low` and `high`, to the 分."""
    return Decimal(str(round(rng.uniform(low, high), 2))).quantize(CENT)


def split(total: Decimal, weights: list[float]) -> list[Decimal]:
    """`total` cut into parts proportional to `weights`, to the 分, adding up exactly."""
    whole = sum(weights)
    parts = [(total * Decimal(str(w / whole))).quantize(CENT) for w in weights]
    parts[parts.index(max(parts))] += total - sum(parts)
    return parts


@dataclass(frozen=True)
class Printer:
    """How one kind of figure is printed: unit, decimals, separators, suffix.

    `divisor` turns the exact value into the printed unit (10000 for 万元 from 元, 1 for 元 and
    percentages). `strip` drops trailing zeros (21.90 → 21.9, 5.00 → 5), as many narratives do.
    """

    decimals: int = 2
    divisor: Decimal = Decimal(1)
    suffix: str = ""
    thousands: bool = False
    strip: bool = False

    @property
    def ulp(self) -> Decimal:
        return quantum(self.decimals)

    def value(self, exact: Decimal) -> Decimal:
        """The printed value of an exact amount (in the printed unit)."""
        return round_to(exact / self.divisor, self.decimals)

    def show(self, printed: Decimal) -> str:
        """The text of a printed value."""
        text = f"{printed:,.{self.decimals}f}" if self.thousands else f"{printed:.{self.decimals}f}"
        if self.strip and "." in text:
            text = text.rstrip("0").rstrip(".")
        return text + self.suffix

    def text(self, exact: Decimal) -> str:
        return self.show(self.value(exact))


def wan(decimals: int = 2, suffix: str = "万元", strip: bool = False) -> Printer:
    return Printer(decimals=decimals, divisor=Decimal(10000), suffix=suffix, strip=strip)


def in_yuan(suffix: str = "") -> Printer:
    return Printer(decimals=2, divisor=Decimal(1), suffix=suffix, thousands=True)


def pct(decimals: int = 2, strip: bool = False) -> Printer:
    return Printer(decimals=decimals, suffix="%", strip=strip)
