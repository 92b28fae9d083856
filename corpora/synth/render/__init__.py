"""Rendering accounts as a report: a 部门决算 disclosure or a self-evaluation report.

`render` makes the logical document (paragraphs and tables of slots) in a style;
`layout.lay_out` turns it into the lines of the text rendering, in the family's transport.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .. import perf
from ..accounts import Accounts
from ..doc import Block, Doc, Slot
from . import evaluation, front, narrative, tables
from .dates import Dates
from .style import Style
from .writer import Writer


@dataclass
class Rendered:
    doc: Doc
    tables: list[str]  # the names of the 公开 tables, in their order
    empty: list[str]  # tables published empty


def render(accounts: Accounts, style: Style, rng: random.Random) -> Rendered:
    w = Writer(rng, style, accounts)
    dates = Dates(w)
    whole = perf.whole(rng, accounts) if style.perf_whole else None
    projects = perf.projects(rng, accounts) if style.perf_project else []
    annex: list[Block] = []
    restated: tuple[Slot, Slot] | None = None
    n = 1
    if style.basic_data:
        annex += [[f"附件{n}"] if style.labels else [], evaluation.basic_data(w), []]
        n += 1
    if whole is not None:
        table, total, grade = evaluation.self_table(w, whole, "pw", n, project=False)
        annex += [table, []]
        restated = evaluation.score_restated(w, total, grade)
        n += 1
    for k, ev in enumerate(projects, start=1):
        table, total, _ = evaluation.self_table(w, ev, f"pp{k}", n, project=True)
        total.rules.add("value.mismatch")
        annex += [table, []]
    if style.standalone:
        kind = (
            "项目支出绩效自评报告"
            if style.perf_project and not style.perf_whole
            else "部门整体支出绩效自评报告"
        )
        blocks: list[Block] = [
            *front.cover(w, kind),
            *dates.published(),
            *evaluation.report(w, whole, projects, restated, dates.evaluated()),
            *dates.signature(),
            ["附件："],
            *annex,
        ]
        return Rendered(Doc(blocks), [], [])
    names = tables.order(w)
    blocks = [*front.cover(w, "部门决算"), *dates.published()]
    if style.toc:
        blocks += front.contents(w, names, 15)
    blocks += front.overview(w)
    blocks += [["第二部分 ", front.year(w), "部门决算表"], []]
    made = [tables.BUILDERS[name](w, number) for number, name in enumerate(names, start=1)]
    for table in made:
        blocks += [table, []]
    blocks += narrative.part_three(w, restated, dates.evaluated())
    if style.glossary:
        blocks += front.glossary(w)
    blocks += dates.signature()
    if annex:
        blocks += [["第五部分 附件"], [], *annex]
    return Rendered(Doc(blocks), names, [t.name for t in made if t.empty])
