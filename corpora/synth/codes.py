"""The classification codes and names the account trees are built from.

They come from `models.classification` (the synthesizer must not import the extractor):
a report it writes names its 科目 as the 政府收支分类科目 do, by today's names.
"""

from __future__ import annotations

from functools import cache

from models import classification
from models.classification import Tree


@cache
def functional() -> dict[str, str]:
    """Functional codes (3 digits 类, 5 款, 7 项) to names."""
    return classification.load().canonical(Tree.FUNCTIONAL)


@cache
def economic() -> dict[str, str]:
    """Economic codes (3 digits 类, 5 款) to names."""
    return classification.load().canonical(Tree.ECONOMIC)


def classes(year: int) -> list[tuple[str, str]]:
    """The functional 类 a 收入支出决算总表 lists, in code order.

    抗疫特别国债安排的支出 (234) only existed for the 2020 and 2021 accounts.
    """
    out = [(c, n) for c, n in functional().items() if len(c) == 3]
    return [(c, n) for c, n in sorted(out) if c != "234" or year in (2020, 2021)]


def items(prefixes: tuple[str, ...]) -> list[tuple[str, str]]:
    """The 项 (7-digit codes) under any of the given 款 or 类 prefixes."""
    return [(c, n) for c, n in sorted(functional().items()) if len(c) == 7 and c.startswith(prefixes)]


def name(code: str) -> str:
    return functional()[code]


def economic_parts(head: str) -> list[tuple[str, str]]:
    """The 款 of an economic 类 (301 → 30101 基本工资, …)."""
    return [(c, n) for c, n in sorted(economic().items()) if len(c) == 5 and c.startswith(head)]
