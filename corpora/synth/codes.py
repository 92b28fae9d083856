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


#: the 项 a synthesized unit spends on: the common ones of the 款 its accounts use, not
#: every 项 of the classification (a 县政府办 has no 2010305 专项业务及机关事务管理 spending)
SPENT = frozenset({
    "2010301", "2010302", "2010303", "2010350", "2010399", "2012601", "2012604", "2012699",
    "2013101", "2013102", "2013103", "2013105", "2013150", "2013199", "2013601", "2013602",
    "2013699", "2019999", "2080501", "2080502", "2080505", "2080506", "2080599", "2101101",
    "2101102", "2101103", "2101199", "2210201", "2210202", "2210203", "2299901",
})


def items(prefixes: tuple[str, ...]) -> list[tuple[str, str]]:
    """The 项 (7-digit codes) a unit may spend on under any of the given 款 or 类 prefixes."""
    return [(c, n) for c, n in sorted(functional().items()) if c in SPENT and c.startswith(prefixes)]


def name(code: str) -> str:
    return functional()[code]


def economic_parts(head: str) -> list[tuple[str, str]]:
    """The 款 of an economic 类 (301 → 30101 基本工资, …)."""
    return [(c, n) for c, n in sorted(economic().items()) if len(c) == 5 and c.startswith(head)]
