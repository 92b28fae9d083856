"""What a change rate is computed from: the change, and the prior value it is relative to.

When a sentence states the current value and the change but not the prior value, the
prior value is current − change for an increase and current + change for a decrease.
"""

from __future__ import annotations

from dataclasses import dataclass

from models import Claim, Direction, Link

from ..arith import Interval, in_wan
from ..index import ClaimIndex
from ..verdict import figure


@dataclass(frozen=True)
class Operands:
    """A rate's inputs as intervals (万元), with the claims and text they came from."""

    change: Interval
    prior: Interval
    current: Interval | None
    change_text: str
    prior_text: str
    current_text: str | None
    claims: list[tuple[str, Claim]]
    stated_prior: bool = False  # the prior value is printed, not derived from the change
    down: bool = False  # the sentence says the figure went down

    def other_prior(self) -> Interval | None:
        """The prior value had the sentence said the other direction (current + change for
        a stated 增加), None when the prior value is printed or no current value is."""
        if self.stated_prior or self.current is None:
            return None
        return self.current - self.change if self.down else self.current + self.change


def operands(index: ClaimIndex, rate: Claim, current: Claim | None = None) -> Operands | None:
    """The change and prior value of `rate`, or None when the sentence does not give them;
    `current`: one reading of the current value the rate links to (default: as linked)."""
    change = index.linked(rate, Link.CHANGE)
    current = current or index.linked(rate, Link.CURRENT)
    prior = index.linked(rate, Link.PRIOR)
    down = rate.direction is Direction.DOWN or (change is not None and change.direction is Direction.DOWN)
    used: list[tuple[str, Claim]] = []
    if change is not None:
        delta = in_wan(change.quantity)
        used.append(("change", change))
    elif current is not None and prior is not None:
        delta = in_wan(current.quantity) - in_wan(prior.quantity)
        if down:
            delta = -delta
    else:
        return None
    if prior is not None:
        base = in_wan(prior.quantity)
        prior_text = figure(prior)
        used.append(("prior", prior))
    elif current is not None:
        now = in_wan(current.quantity)
        base = now + delta if down else now - delta
        prior_text = f"({figure(current)} {'+' if down else '−'} {figure(change)})" if change else ""
    else:
        return None
    if current is not None:
        used.append(("current", current))
    return Operands(
        change=delta,
        prior=base,
        current=in_wan(current.quantity) if current is not None else None,
        change_text=figure(change) if change is not None else "",
        prior_text=prior_text,
        current_text=figure(current) if current is not None else None,
        claims=used,
        stated_prior=prior is not None,
        down=down,
    )


def current_readings(index: ClaimIndex, rate: Claim) -> list[Claim | None]:
    """The readings of the current value `rate` links to (the report may state it two
    ways: 9.64 in the text, 9.74 in its table), [None] when it links to none: a check of
    the rate is judged on the reading that fits (verdict.mildest)."""
    current = index.linked(rate, Link.CURRENT)
    return [None] if current is None else list(index.readings(current))
