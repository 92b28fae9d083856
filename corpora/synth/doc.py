"""The rendered report before layout: paragraphs and tables made of text and slots.

A slot is a piece of printed text that means something a check can verify: an amount, a
rate, a score, a direction word, a year, the unit's name. Slots carry what they mean (the
printed value, how it prints, the identities it takes part in), so that a plant can change
one and record exactly what it changed, and so that the layout can report the line each
slot landed on. Everything else is plain text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .money import Printer


@dataclass(eq=False)
class Slot:
    """A printed figure or phrase with its meaning.

    `kind` is one of amount, rate (growth), share, completion, control, score, weight,
    grade, direction, compare, year, unit, self, toc, code, name (a code's name in a
    table), punct, reason. `key` names the figure
    (the same key printed twice must print the same). `rules` are the checks that relate
    this slot to others, so that changing it may be reported by any of them. `group`
    numbers the statement (sentence or table row) it belongs to.
    """

    text: str
    kind: str
    key: str = ""
    value: Decimal | None = None
    printer: Printer | None = None
    rules: set[str] = field(default_factory=set)
    info: dict[str, Any] = field(default_factory=dict)
    group: int = 0
    table: str = ""  # the table a cell belongs to; "" in the narrative
    label: str = ""  # the row label of a table cell

    def set_value(self, value: Decimal) -> None:
        assert self.printer is not None
        self.value = value
        self.text = self.printer.show(value)


Seg = str | Slot
Para = list[Seg]  # a line of text; [] is a blank line


@dataclass(eq=False)
class Table:
    """A table: caption lines above it, header rows, body rows of cells, notes below."""

    name: str  # what it is: totals, income, spending, fiscal, general, basic, sangong, …
    title: str  # as printed
    caption: list[Para]
    header: list[list[str]]
    rows: list[list[Para]]
    notes: list[Para] = field(default_factory=list)
    empty: bool = False


Block = Para | Table


@dataclass
class Doc:
    blocks: list[Block]

    def slots(self) -> Iterator[Slot]:
        for block in self.blocks:
            paras = _paras(block) if isinstance(block, Table) else [block]
            for para in paras:
                yield from (s for s in para if isinstance(s, Slot))

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]


def _paras(table: Table) -> Iterator[Para]:
    yield from table.caption
    for row in table.rows:
        yield from row
    yield from table.notes


def plain(para: Para) -> str:
    return "".join(s if isinstance(s, str) else s.text for s in para)
