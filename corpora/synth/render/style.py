"""How one document is laid out: the choices a family fixes and the ones left to chance.

A family (corpora/families.yaml) fixes the feature it is about (code-split fixes the code
columns, yuan-unit the table unit, …); every other feature is drawn with the frequency it
has among published reports, so a document usually exercises several families at once and
its gold lists them under `also`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from typing import Any

FAMILIES = (
    "code-column",
    "code-split",
    "code-in-name",
    "header-multiline",
    "side-by-side",
    "sangong",
    "perf-whole",
    "perf-project",
    "basic-data",
    "shanghai",
    "empty-tables",
    "traditional",
    "pdf-broken",
    "cell-lines",
    "yuan-unit",
)
#: families whose documents are only ever text: they are what extraction made of a file
TEXT_ONLY = ("pdf-broken", "cell-lines")
CODE_FAMILIES = {"column": "code-column", "split": "code-split", "in-name": "code-in-name"}


@dataclass(frozen=True)
class Style:
    family: str
    standalone: bool  # a self-evaluation report, not a 部门决算 disclosure
    codes: str  # column | split | in-name
    split_repeat: bool  # code-split: 款 and 项 rows repeat their parents' codes
    in_name: str  # code ("2010301 行政运行") | level ("行政运行（项）")
    multiline: bool  # header cells broken over lines
    totals: str  # side (with 行次) | side-plain | stacked
    sangong: str  # row (预算数 | 决算数 in one row) | grid (rows 预算数 / 决算数 / 上年决算数)
    shanghai: bool
    traditional: bool
    transport: str  # tsv | cells | pdf
    yuan: bool  # tables in 元 with thousands separators
    decimals: int  # narrative 万元 decimals
    strip: bool  # narrative drops trailing zeros (21.9万元)
    pct_decimals: int
    toc: bool
    glossary: bool
    labels: str  # form labels: 公开{n:02d}表 | 表{cn} | 表{n} | ""
    perf_whole: bool
    perf_project: bool
    basic_data: bool
    total_first: bool  # the 合计 row above the tree
    lanci: bool  # a 栏次 row numbering the value columns
    blank_zero: bool  # zero cells printed blank rather than 0.00
    cell_gaps: bool  # cell-lines: a blank line between rows

    @property
    def also(self) -> list[str]:
        """The other families this document exercises (a self-evaluation has no 公开 tables)."""
        out = [] if self.standalone else [CODE_FAMILIES[self.codes]]
        flags = {
            "header-multiline": self.multiline,
            "side-by-side": self.totals == "side",
            "sangong": self.sangong == "grid",
            "perf-whole": self.perf_whole,
            "perf-project": self.perf_project,
            "basic-data": self.basic_data,
            "shanghai": self.shanghai,
            "traditional": self.traditional,
            "pdf-broken": self.transport == "pdf",
            "cell-lines": self.transport == "cells",
            "yuan-unit": self.yuan,
        }
        if self.standalone:
            for table_family in ("header-multiline", "side-by-side", "sangong", "shanghai"):
                flags[table_family] = False
            flags["yuan-unit"] = self.yuan and self.basic_data
        out += [f for f, on in flags.items() if on]
        return [f for f in out if f != self.family]


def choose_style(rng: random.Random, family: str) -> Style:
    """A style for a document of `family`: its feature fixed, the rest drawn."""
    r = rng.random
    style = Style(
        family=family,
        standalone=False,
        codes=rng.choices(("column", "split", "in-name"), (5, 2, 2))[0],
        split_repeat=r() < 0.5,
        in_name=rng.choice(("code", "code", "level")),
        multiline=r() < 0.12,
        totals=rng.choices(("side", "side-plain", "stacked"), (5, 3, 2))[0],
        sangong=rng.choices(("row", "grid"), (6, 4))[0],
        shanghai=r() < 0.04,
        traditional=r() < 0.03,
        transport="tsv",
        yuan=r() < 0.05,
        decimals=rng.choices((2, 1), (8, 2))[0],
        strip=r() < 0.3,
        pct_decimals=rng.choices((2, 1), (7, 3))[0],
        toc=r() < 0.8,
        glossary=r() < 0.6,
        labels=rng.choices(("公开{n:02d}表", "表{cn}", "表{n}", ""), (5, 2, 2, 1))[0],
        perf_whole=r() < 0.2,
        perf_project=r() < 0.12,
        basic_data=r() < 0.08,
        total_first=r() < 0.85,
        lanci=r() < 0.6,
        blank_zero=r() < 0.3,
        cell_gaps=r() < 0.5,
    )
    families: dict[str, dict[str, Any]] = {
        "code-column": {"codes": "column"},
        "code-split": {"codes": "split"},
        "code-in-name": {"codes": "in-name"},
        "header-multiline": {"multiline": True},
        "side-by-side": {"totals": "side"},
        "sangong": {"sangong": "grid"},
        "perf-whole": {"perf_whole": True, "standalone": r() < 0.5},
        "perf-project": {"perf_project": True, "standalone": r() < 0.5},
        "basic-data": {"basic_data": True, "perf_whole": r() < 0.7, "standalone": r() < 0.6},
        "shanghai": {"shanghai": True},
        "empty-tables": {},  # the accounts have no 政府性基金 or 国有资本 money
        "traditional": {"traditional": True},
        "pdf-broken": {"transport": "pdf"},
        "cell-lines": {"transport": "cells"},
        "yuan-unit": {"yuan": True},
    }
    return replace(style, **families[family])
