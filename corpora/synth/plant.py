"""Planting errors: 1–4 changes to a clean rendering, each recorded as a gold finding.

A plant is chosen from the rendered document alone (its slots and what they mean), never
by looking at what hecha reports. Each plant changes one slot's printed text (a figure
moved well beyond rounding, a rate on the wrong base, a flipped direction word, last
year's year, another unit's name …); some make a consistent companion change elsewhere
(score_over takes the extra points from another row so the 总分 still adds up), and one
deletes a table. The finding lists every check whose inputs the changed slot is part of,
so whichever of them reports it, it is found.

Severity: error when a figure is off by more than one unit of its last printed digit (a
figure plant moves at least three units, mostly far more); warning for template leftovers
(placeholders, another unit's name, a year left in a heading, doubled words), a missing
table, a code printed with a sibling code's name, and the one-unit slips planted on purpose.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

from models import classification

from . import codes
from .doc import Doc, Para, Slot, Table, plain
from .gold import Entry
from .money import percent, round_to
from .names import Unit, other_unit
from .render.dates import printed

KINDS = (
    "digit",
    "wrong_base",
    "wrong_rate",
    "wrong_share",
    "wrong_completion",
    "direction",
    "year",
    "placeholder",
    "comparison",
    "score_total",
    "score_over",
    "grade",
    "unit_name",
    "missing_table",
    "balance",
    "repeat",
    "reason_missing",
    "unit_slip",
    "empty_table",
    "part_over_whole",
    "share_over_whole",
    "date",
    "code_name",
    "table_total",
)
#: how often each kind is drawn, before a family's own kinds are favoured
WEIGHTS = {
    "digit": 8,
    "wrong_base": 4,
    "wrong_rate": 4,
    "wrong_share": 4,
    "wrong_completion": 4,
    "direction": 3,
    "year": 2,
    "placeholder": 2,
    "comparison": 2,
    "score_total": 3,
    "score_over": 3,
    "grade": 3,
    "unit_name": 2,
    "missing_table": 2,
    "balance": 2,
    "repeat": 2,
    "reason_missing": 2,
    "unit_slip": 2,
    "part_over_whole": 2,
    "share_over_whole": 2,
    "date": 3,
}
FAVOURED = {
    "sangong": ("digit", "wrong_rate", "wrong_completion", "direction"),
    "perf-whole": ("score_total", "score_over", "grade", "wrong_completion", "year"),
    "perf-project": ("score_total", "score_over", "grade", "year"),
    "basic-data": ("wrong_completion", "digit"),
    "empty-tables": ("missing_table", "digit"),
    "code-column": ("digit",),
    "code-split": ("digit",),
    "code-in-name": ("digit",),
    "header-multiline": ("digit",),
    "side-by-side": ("digit", "balance"),
    "yuan-unit": ("digit", "unit_slip"),
}
#: kinds only a family draws (its documents' own problems), with their weights
OWN = {"empty-tables": {"empty_table": 60}}
#: kinds drawn apart from the others, each with its chance per planted document and a
#: random stream of its own: adding one leaves the corpus's other plants as they were
APART = {"code_name": 0.35, "table_total": 0.3}
PLACEHOLDERS = ("XX局", "XXX单位", "XX部门", "×××")
#: what the text names when it gives an amount for an empty table
EMPTY_SUBJECTS = {"govfund": "政府性基金预算财政拨款支出", "capital": "国有资本经营预算财政拨款支出"}


@dataclass
class Context:
    doc: Doc
    rng: random.Random
    unit: Unit
    year: int
    toc: bool  # the document lists its tables in a 目录
    shanghai: bool
    used: set[int]  # groups already touched
    _keys: Counter[str] | None = None

    def free(self, slot: Slot) -> bool:
        return slot.group not in self.used

    def repeated(self, slot: Slot) -> bool:
        """Whether the figure is printed more than once (value.mismatch may compare them)."""
        if self._keys is None:
            self._keys = Counter(s.key for s in self.doc.slots())
        return bool(slot.key) and self._keys[slot.key] > 1

    def take(self, slot: Slot) -> None:
        self.used.add(slot.group)


Planter = Callable[[Context], list[Entry]]


def _moved(
    rng: random.Random, slot: Slot, low: float = 0.06, high: float = 0.45, floor: Decimal | None = None
) -> Decimal:
    """A printed value moved up or down by a share of itself, at least three last-digit units."""
    assert slot.value is not None and slot.printer is not None
    ulp = slot.printer.ulp
    value = slot.value
    for _ in range(20):
        factor = Decimal(str(1 + rng.choice((-1, 1)) * rng.uniform(low, high)))
        new = round_to(value * factor, slot.printer.decimals)
        if value == 0:
            new = round_to(Decimal(str(rng.uniform(1, 50))), slot.printer.decimals)
        if abs(new - value) >= 3 * ulp and new > 0 and (floor is None or new <= floor):
            return new
    return value + (10 * ulp if floor is None or value + 10 * ulp <= floor else -10 * ulp)


#: parts whose figure never exceeds the whole they belong to (identity.bound's pairs)
_WHOLE_OF = {"sg.car_buy": "sg.car", "sg.car_run": "sg.car", "proc.sme": "proc.total",
             "proc.small": "proc.sme"}


def _above_its_whole(ctx: Context, slot: Slot) -> bool:
    """Whether a moved part now exceeds its whole: "sg.car_run.budget" above "sg.car.budget"."""
    part, _, column = slot.key.rpartition(".")
    whole_key = _WHOLE_OF.get(part if part else slot.key)
    if whole_key is None:
        return False
    if part:
        whole_key = f"{whole_key}.{column}"
    whole = next((s for s in ctx.doc.slots() if s.key == whole_key and s.value is not None), None)
    return whole is not None and slot.value is not None and slot.value > whole.value  # type: ignore[operator]


def digit(ctx: Context) -> list[Entry]:
    """A figure changed: a narrative restatement, a part of a list, or a table cell."""
    pool = [
        s
        for s in ctx.doc.slots()
        if s.kind == "amount" and s.value and ctx.free(s) and (s.table or s.rules or ctx.repeated(s))
    ]
    if not pool:
        return []
    # a one-unit slip only where nothing but the restated figure could notice it
    slips = [
        s
        for s in pool
        if not s.table
        and ctx.repeated(s)
        and s.rules <= {"sum.narrative"}
        and s.printer is not None
        and s.printer.decimals == 2
    ]
    slip = bool(slips) and ctx.rng.random() < 0.3
    slot = ctx.rng.choice(slips if slip else pool)
    old = slot.text
    rules = set(slot.rules)
    if ctx.repeated(slot) or slot.table:
        rules.add("value.mismatch")
    if slip:
        assert slot.value is not None and slot.printer is not None
        slot.set_value(slot.value + ctx.rng.choice((-1, 1)) * slot.printer.ulp)
    else:
        slot.set_value(_moved(ctx.rng, slot))
    ctx.take(slot)
    if _above_its_whole(ctx, slot):
        rules.add("identity.bound")  # 公务用车运行费 moved above 公务用车购置及运行费
    where = f"table {slot.table}, row {slot.label}" if slot.table else "the narrative"
    why = f"{slot.key} in {where} was {old}; printed {slot.text}"
    if slip:
        why += " (one unit of the last digit)"
    return [Entry("", slot, why, sorted(rules), "warning" if slip else "error", "digit")]


def _rate_pool(ctx: Context) -> list[Slot]:
    return [
        s
        for s in ctx.doc.slots()
        if s.kind == "rate" and ctx.free(s) and s.info.get("current") and s.value is not None
    ]


def wrong_base(ctx: Context) -> list[Entry]:
    """A growth rate computed on this year's figure instead of last year's."""
    for slot in _shuffled(ctx, _rate_pool(ctx)):
        assert slot.printer is not None and slot.value is not None
        change, current = slot.info["change"], slot.info["current"]
        wrong = round_to(percent(change, current), slot.printer.decimals)
        if abs(wrong - slot.value) < 3 * slot.printer.ulp:
            continue
        old = slot.text
        slot.set_value(wrong)
        ctx.take(slot)
        why = f"change / last year = {old}; printed {slot.text} = change / this year"
        return [Entry("", slot, why, ["rate.wrong_base", "rate.change"], "error", "wrong_base")]
    return []


def wrong_rate(ctx: Context) -> list[Entry]:
    for slot in _shuffled(ctx, _rate_pool(ctx)):
        assert slot.printer is not None and slot.value is not None
        wrong_base_value = round_to(percent(slot.info["change"], slot.info["current"]), slot.printer.decimals)
        new = _moved(ctx.rng, slot, 0.15, 0.6)
        if new == wrong_base_value or not slot.value:
            continue
        old = slot.text
        slot.set_value(new)
        ctx.take(slot)
        return [
            Entry(
                "",
                slot,
                f"change / last year = {old}; printed {slot.text}",
                ["rate.change", "rate.wrong_base"],
                "error",
                "wrong_rate",
            )
        ]
    return []


def wrong_share(ctx: Context) -> list[Entry]:
    pool = [s for s in ctx.doc.slots() if s.kind == "share" and ctx.free(s) and s.value]
    for slot in _shuffled(ctx, pool):
        old = slot.text
        slot.set_value(_moved(ctx.rng, slot, 0.1, 0.5, floor=Decimal(100)))
        ctx.take(slot)
        return [
            Entry(
                "",
                slot,
                f"part / whole = {old}; printed {slot.text}",
                ["share.whole", "sum.narrative"],
                "error",
                "wrong_share",
            )
        ]
    return []


def wrong_completion(ctx: Context) -> list[Entry]:
    pool = [s for s in ctx.doc.slots() if s.kind in ("completion", "control") and ctx.free(s) and s.value]
    for slot in _shuffled(ctx, pool):
        old = slot.text
        slot.set_value(_moved(ctx.rng, slot, 0.08, 0.4))
        ctx.take(slot)
        rules = sorted(slot.rules) if slot.kind == "completion" else ["completion.control"]
        what = "actual / budget" if slot.kind == "completion" else "serving staff / posts"
        return [Entry("", slot, f"{what} = {old}; printed {slot.text}", rules, "error", "wrong_completion")]
    return []


def direction(ctx: Context) -> list[Entry]:
    """增长 written for a fall (or 下降 for a rise), in a sentence that states both years."""
    pool = [s for s in _rate_pool(ctx) if s.info.get("has_prior")]
    for slot in _shuffled(ctx, pool):
        word: Slot = ctx.rng.choice(slot.info["words"])
        old = word.text
        word.text = word.info["opposite"]
        ctx.take(slot)
        sign = "rose" if word.info["sign"] > 0 else "fell"
        why = f"the figure {sign} against last year (stated in the sentence); printed {word.text} for {old}"
        return [Entry("", word, why, ["direction.contradiction", "rate.change"], "error", "direction")]
    return []


def comparison(ctx: Context) -> list[Entry]:
    pool = [s for s in ctx.doc.slots() if s.kind == "compare" and ctx.free(s)]
    for slot in _shuffled(ctx, pool):
        old = slot.text
        slot.text = {"大于": "小于", "小于": "大于", "等于": "大于"}[old]
        ctx.take(slot)
        why = f"决算 {slot.info['actual']} against 年初预算 {slot.info['budget']}: {old}, printed {slot.text}"
        return [Entry("", slot, why, ["wording.comparison"], "error", "comparison")]
    return []


def year(ctx: Context) -> list[Entry]:
    """Last year's year left in a heading (a leftover) or in a target (a wrong target)."""
    pool = [s for s in ctx.doc.slots() if s.kind == "year" and ctx.free(s) and str(ctx.year) in s.text]
    for slot in _shuffled(ctx, pool):
        slot.text = slot.text.replace(str(ctx.year), str(ctx.year - 1))
        ctx.take(slot)
        target = bool(slot.info.get("target"))
        why = (
            f"the report is about {ctx.year}; {'a target dated' if target else 'a heading says'} {slot.text}"
        )
        # a template leftover, as corpora/gold/README.md grades them: a warning
        return [Entry("", slot, why, ["period.year"], "warning", "year")]
    return []


def dated(ctx: Context) -> list[Entry]:
    """A date the report could not print: its own date in the year reported on (copied from
    last year's), an event after its own date, or a day the calendar lacks."""
    pool = [s for s in ctx.doc.slots() if s.kind == "date" and ctx.free(s)]
    for slot in _shuffled(ctx, pool):
        day, issued = slot.info["date"], slot.info["issued"]
        way = ctx.rng.choice(("impossible", "early" if slot.info["own"] else "late"))
        if way == "impossible":
            month, last = ctx.rng.choice(((2, 30), (2, 31), (4, 31), (6, 31), (11, 31), (13, day.day)))
            slot.text = f"{day.year}年{month}月{last}日"
            why = f"{slot.text} does not exist"
        elif way == "early":
            slot.text = printed(day.replace(year=ctx.year), slot.info["dashed"])
            why = f"the {ctx.year} report is dated {slot.text}, before its year ended"
        else:
            # the report is issued by September (render/dates.py): a later month is there
            slot.text = printed(issued.replace(month=ctx.rng.randint(issued.month + 1, 12), day=day.day))
            why = f"the report is dated {printed(issued)}; this event is dated {slot.text}, after it"
        ctx.take(slot)
        return [Entry("", slot, why, ["period.date"], "warning", "date")]
    return []


def placeholder(ctx: Context) -> list[Entry]:
    pool = [
        s
        for s in ctx.doc.slots()
        if s.kind in ("unit", "year")
        and ctx.free(s)
        and not s.info.get("target")
        and (s.kind == "unit" or str(ctx.year) in s.text)
    ]
    for slot in _shuffled(ctx, pool):
        old = slot.text
        if slot.kind == "unit":
            slot.text = ctx.rng.choice(PLACEHOLDERS)
        else:
            slot.text = slot.text.replace(str(ctx.year), ctx.rng.choice(("202 ", "20XX", "20××")))
        ctx.take(slot)
        return [
            Entry(
                "",
                slot,
                f"template text never filled in (should read {old})",
                ["text.placeholder"],
                "warning",
                "placeholder",
            )
        ]
    return []


def unit_name(ctx: Context) -> list[Entry]:
    """Another unit's name (a copied template) or a self-reference of another kind of unit."""
    selves = [s for s in ctx.doc.slots() if s.kind == "self" and ctx.free(s)]
    units = [
        s for s in ctx.doc.slots() if s.kind == "unit" and s.key == "unit" and ctx.free(s) and not s.table
    ]
    if selves and ctx.rng.random() < 0.4:
        slot = ctx.rng.choice(selves)
        old = slot.text
        slot.text = ctx.rng.choice(("我镇", "我乡", "我街道"))
        ctx.take(slot)
        return [
            Entry(
                "",
                slot,
                f"{ctx.unit.name} calls itself {slot.text} (it is {old})",
                ["entity.unit"],
                "error",
                "unit_name",
            )
        ]
    if not units:
        return []
    slot = ctx.rng.choice(units)
    slot.text = other_unit(ctx.rng, ctx.unit).name
    ctx.take(slot)
    return [
        Entry(
            "",
            slot,
            f"the report is {ctx.unit.name}'s; this names {slot.text} (copied template)",
            ["entity.unit"],
            "warning",
            "unit_name",
        )
    ]


def code_name(ctx: Context) -> list[Entry]:
    """A 款 or 项 row printed with the name of a sibling code (2080505 机关事业单位职业年金缴费支出)."""
    known = classification.load()
    pool = [s for s in ctx.doc.slots() if s.kind == "name" and ctx.free(s)]
    for slot in _shuffled(ctx, pool):
        code = slot.info["code"]
        siblings = [(c, n) for c, n in codes.functional().items()
                    if len(c) == len(code) and c[:-2] == code[:-2] and not known.owns(code, n)]
        if not siblings:
            continue
        other, name = ctx.rng.choice(siblings)
        old = slot.text
        slot.text = name
        ctx.take(slot)
        why = f"{code} is {old}; the table prints the name of {other}"
        return [Entry("", slot, why, ["code.name"], "warning", "code_name")]
    return []


def missing_table(ctx: Context) -> list[Entry]:
    """A 公开 table deleted; the 目录 still lists it."""
    if not ctx.toc or ctx.shanghai:
        return []
    tables = [
        b for b in ctx.doc.blocks if isinstance(b, Table) and b.name not in ("perf", "project", "basicdata")
    ]
    entries = {s.key.removeprefix("toc:"): s for s in ctx.doc.slots() if s.kind == "toc"}
    for table in _shuffled(ctx, tables):
        groups = {
            s.group
            for p in [*table.caption, *[c for r in table.rows for c in r]]
            for s in p
            if isinstance(s, Slot)
        }
        if groups & ctx.used or table.name not in entries:
            continue
        ctx.doc.blocks.remove(table)
        ctx.used |= groups
        ctx._keys = None
        return [
            Entry(
                "",
                entries[table.name],
                f"the 目录 lists {table.title}; the table is not in the report",
                ["completeness.tables"],
                "warning",
                "missing_table",
            )
        ]
    return []


def _table_groups(table: Table) -> set[int]:
    return {s.group for p in [*table.caption, *[c for r in table.rows for c in r], *table.notes]
            for s in p if isinstance(s, Slot)}


def _new_group(ctx: Context) -> int:
    """A statement number no slot has yet, taken: what a plant writes is not a true negative."""
    group = max((s.group for s in ctx.doc.slots()), default=0) + 1
    ctx.used.add(group)
    return group


def empty_table(ctx: Context) -> list[Entry]:
    """An empty table and its text disagree: the note that says why it is empty is dropped,
    the text gives an amount for the empty table, or the text says 无“三公”经费支出 beside a
    三公 table with amounts (a sentence copied from another year's report)."""
    tables = [b for b in ctx.doc.blocks if isinstance(b, Table)]
    empty = [t for t in tables if t.empty and not _table_groups(t) & ctx.used]
    sangong = [t for t in tables if t.name == "sangong" and not _table_groups(t) & ctx.used
               and any(s.value for r in t.rows for c in r for s in c if isinstance(s, Slot))]
    plants = [("note", t) for t in empty] + [("amount", t) for t in empty] + [("none", t) for t in sangong]
    for how, table in _shuffled(ctx, plants):
        paras = [b for b in ctx.doc.blocks if not isinstance(b, Table)]
        if how == "note":
            if any(table.title in plain(p) for p in paras):
                continue  # printed elsewhere too (目录, 故《…》为空表): gold could not tell which line
            ctx.used |= _table_groups(table)
            table.notes.pop()  # the empty-table note, after the 本表反映… one
            title = Slot(table.title, "title", f"title:{table.name}", group=_new_group(ctx))
            table.caption[0] = [title]
            why = f"{table.title} is printed empty and its note saying why was dropped"
            return [Entry("", title, why, ["table.empty", "completeness.tables"], "warning", "empty_table")]
        if how == "amount":
            subject = EMPTY_SUBJECTS[table.name]
            said = next((p for p in paras if subject[:6] in plain(p)
                         and ("空表" in plain(p) or "无数据" in plain(p))), None)
            if said is None:
                continue
            ctx.used |= _table_groups(table)
            value = round_to(Decimal(str(ctx.rng.uniform(1, 60))), 2)
            amount = Slot(f"{value}万元", "amount", f"text:{table.name}", value, group=_new_group(ctx))
            said[:] = [f"{ctx.year}年度{subject}", amount, "，主要用于专项业务支出。"]
            why = f"{table.title} is empty (its note says there is none); the text gives {amount.text}"
            return [Entry("", amount, why, ["table.empty", "value.mismatch"], "error", "empty_table")]
        heading = next((i for i, p in enumerate(ctx.doc.blocks) if not isinstance(p, Table)
                        and plain(p).endswith("“三公”经费财政拨款支出决算总体情况说明")), None)
        if heading is None:
            continue
        ctx.used |= _table_groups(table)
        none = Slot("无“三公”经费支出", "none", "text:sangong-none", group=_new_group(ctx))
        ctx.doc.blocks.insert(heading + 1, [f"{ctx.year}年度本单位", none, "。"])
        why = f"{table.title} prints 三公 amounts; the text says there were none"
        return [Entry("", none, why, ["table.empty"], "error", "empty_table")]
    return []


def balance(ctx: Context) -> list[Entry]:
    pool = [s for s in ctx.doc.slots() if "balance" in s.info and ctx.free(s)]
    for slot in _shuffled(ctx, pool):
        old = slot.text
        slot.set_value(_moved(ctx.rng, slot, 0.2, 0.8))
        ctx.take(slot)
        rules = ["identity.balance", *(["value.mismatch"] if ctx.repeated(slot) else [])]
        return [
            Entry(
                "",
                slot,
                f"年初 + 本年收入 − 本年支出 = {old}; printed {slot.text}",
                rules,
                "error",
                "balance",
            )
        ]
    return []


def part_over_whole(ctx: Context) -> list[Entry]:
    """授予中小企业合同金额 printed above the 政府采购支出总额 it is part of."""
    whole = next((s for s in ctx.doc.slots() if s.key == "proc.total" and s.value), None)
    pool = [s for s in ctx.doc.slots() if s.key == "proc.sme" and ctx.free(s)]
    if whole is None or not pool:
        return []
    slot = pool[0]
    assert whole.value is not None and slot.printer is not None
    old = slot.text
    slot.set_value(round_to(whole.value * Decimal(str(ctx.rng.uniform(1.05, 1.4))), slot.printer.decimals))
    ctx.take(slot)
    rules = ["identity.bound", "share.whole", *(["value.mismatch"] if ctx.repeated(slot) else [])]
    why = f"授予中小企业合同金额 was {old}, within 政府采购支出总额 {whole.text}; printed {slot.text}"
    return [Entry("", slot, why, rules, "error", "part_over_whole")]


def share_over_whole(ctx: Context) -> list[Entry]:
    """A share of 政府采购支出总额 printed above 100%."""
    pool = [s for s in ctx.doc.slots() if s.key in ("share:proc.sme", "share:proc.small") and ctx.free(s)]
    for slot in _shuffled(ctx, pool):
        assert slot.printer is not None
        old = slot.text
        slot.set_value(round_to(Decimal(str(ctx.rng.uniform(101, 160))), slot.printer.decimals))
        ctx.take(slot)
        why = f"part / 政府采购支出总额 = {old}; printed {slot.text}, over 100%"
        return [Entry("", slot, why, ["value.impossible", "share.whole"], "error", "share_over_whole")]
    return []


def repeat(ctx: Context) -> list[Entry]:
    """A doubled word (增加增加) or a doubled full stop (。。)."""
    words = [s for s in ctx.doc.slots() if s.kind in ("direction", "compare") and ctx.free(s)]
    if words and ctx.rng.random() < 0.5:
        slot = ctx.rng.choice(words)
        slot.text *= 2
        ctx.take(slot)
        return [
            Entry(
                "",
                slot,
                f"{slot.text[: len(slot.text) // 2]} printed twice",
                ["text.repeat"],
                "warning",
                "repeat",
            )
        ]
    paras = [
        b
        for b in ctx.doc.blocks
        if isinstance(b, list)
        and b
        and isinstance(b[-1], str)
        and b[-1].endswith("。")
        and len(b[-1]) > 1
        and any(isinstance(s, Slot) for s in b)
    ]
    if not paras:
        return []
    para: Para = ctx.rng.choice(paras)
    tail = para[-1]
    assert isinstance(tail, str)
    stop = Slot("。。", "punct", "punct")
    para[-1:] = [tail[:-1], stop]
    return [Entry("", stop, "a full stop printed twice", ["text.repeat"], "warning", "repeat")]


def reason_missing(ctx: Context) -> list[Entry]:
    """主要原因是 left without its cause (a template never filled in)."""
    pool = [s for s in ctx.doc.slots() if s.kind == "reason" and "原因" in s.info["words"] and ctx.free(s)]
    for slot in _shuffled(ctx, pool):
        slot.text = slot.info["words"]
        ctx.take(slot)
        return [Entry("", slot, f"{slot.text} with no reason after it", ["reason.missing"], "warning",
                      "reason_missing")]
    return []


def unit_slip(ctx: Context) -> list[Entry]:
    """A figure of the text printed 10,000 times too large: its 元 value written as 万元."""
    pool = [
        s
        for s in ctx.doc.slots()
        if s.kind == "amount" and s.value and not s.table and ctx.free(s) and ctx.repeated(s)
        and s.printer is not None and s.printer.decimals == 2
    ]
    for slot in _shuffled(ctx, pool):
        assert slot.value is not None
        old = slot.text
        slot.set_value(slot.value * 10_000)
        ctx.take(slot)
        # unit.scale first: the check whose finding a unit slip is (the bench counts a gold
        # entry under its first rule); the others see the slipped figure too
        rules = ["unit.scale", *sorted({*slot.rules, "value.mismatch"} - {"unit.scale"})]
        return [Entry("", slot, f"{slot.key} was {old}; printed {slot.text} (its 元 value as 万元)",
                      rules, "error", "unit_slip")]
    return []


def table_total(ctx: Context) -> list[Entry]:
    """A total one 公开 table prints otherwise than the table (or the other side of the 总表)
    it must agree with: 支出总计 against 收入总计, the 一般公共预算 column of the 财政拨款总表
    against the 一般公共预算财政拨款支出决算表's 合计, its 基本支出 against the 基本支出表's
    人员经费合计 + 公用经费合计 (render/writer.py TABLE_TOTALS)."""
    pool = [s for s in ctx.doc.slots() if s.kind == "amount" and s.table and s.value
            and "identity.tables" in s.rules and ctx.free(s)]
    for slot in _shuffled(ctx, pool):
        old = slot.text
        slot.set_value(_moved(ctx.rng, slot))
        ctx.take(slot)
        others = slot.rules | ({"value.mismatch"} if ctx.repeated(slot) else set())
        rules = ["identity.tables", *sorted(others - {"identity.tables"})]
        why = f"{slot.key} in table {slot.table}, row {slot.label} was {old}; printed {slot.text}"
        return [Entry("", slot, why, rules, "error", "table_total")]
    return []


def _score_pool(ctx: Context, key_end: str) -> list[Slot]:
    return [
        s
        for s in ctx.doc.slots()
        if s.kind == "score" and s.table and s.key.endswith(key_end) and ctx.free(s)
    ]


def _band(total: Slot, value: Decimal) -> str:
    grade: Slot = total.info["grade"]
    return next(name for low, name in grade.info["bands"] if value >= low)


def score_total(ctx: Context) -> list[Entry]:
    for slot in _shuffled(ctx, [s for s in _score_pool(ctx, ".total") if "grade" in s.info]):
        assert slot.value is not None
        for step in ctx.rng.sample((Decimal(-4), Decimal(-3), Decimal(-2), Decimal(2), Decimal(3)), 5):
            new = slot.value + step
            if new <= 100 and _band(slot, new) == _band(slot, slot.value):
                old = slot.text
                slot.set_value(new)
                ctx.take(slot)
                rules = ["score.total", *(["value.mismatch"] if ctx.repeated(slot) else [])]
                return [
                    Entry(
                        "",
                        slot,
                        f"the 得分 add up to {old}; printed {slot.text}",
                        rules,
                        "error",
                        "score_total",
                    )
                ]
    return []


def score_over(ctx: Context) -> list[Entry]:
    """A 得分 above its 分值; another row gives up as many points, so the 总分 still adds up."""
    rows = [s for s in _score_pool(ctx, "") if "weight" in s.info and ".s." in s.key]
    for slot in _shuffled(ctx, rows):
        weight: Slot = slot.info["weight"]
        assert weight.value is not None and slot.value is not None
        new = weight.value + Decimal(ctx.rng.choice((1, 2, 3)))
        delta = new - slot.value
        donors = [
            s
            for s in rows
            if s is not slot
            and s.key.split(".s.")[0] == slot.key.split(".s.")[0]
            and s.value is not None
            and s.value >= delta
        ]
        if not donors:
            continue
        donor = ctx.rng.choice(donors)
        assert donor.value is not None
        slot.set_value(new)
        donor.set_value(donor.value - delta)
        ctx.take(slot)
        ctx.used.add(donor.group)
        why = f"得分 {slot.text} over its 分值 {weight.text} (row {slot.label})"
        return [Entry("", slot, why, ["score.over_weight"], "error", "score_over")]
    return []


def grade(ctx: Context) -> list[Entry]:
    pool = [
        s
        for s in ctx.doc.slots()
        if s.kind == "grade" and s.table == "" and "bands" in s.info and ctx.free(s)
    ]
    for slot in _shuffled(ctx, pool):
        names = [n for _, n in slot.info["bands"] if n != slot.text]
        old = slot.text
        slot.text = ctx.rng.choice(names)
        ctx.take(slot)
        score: Slot = slot.info["score"]
        return [
            Entry(
                "",
                slot,
                f"总分 {score.text} is {old} by the bands the table states; printed {slot.text}",
                ["score.grade"],
                "error",
                "grade",
            )
        ]
    return []


PLANTERS: dict[str, Planter] = {
    "digit": digit,
    "wrong_base": wrong_base,
    "wrong_rate": wrong_rate,
    "wrong_share": wrong_share,
    "wrong_completion": wrong_completion,
    "direction": direction,
    "year": year,
    "placeholder": placeholder,
    "comparison": comparison,
    "score_total": score_total,
    "score_over": score_over,
    "grade": grade,
    "unit_name": unit_name,
    "missing_table": missing_table,
    "balance": balance,
    "repeat": repeat,
    "reason_missing": reason_missing,
    "unit_slip": unit_slip,
    "empty_table": empty_table,
    "part_over_whole": part_over_whole,
    "share_over_whole": share_over_whole,
    "date": dated,
    "code_name": code_name,
    "table_total": table_total,
}


def _shuffled(ctx: Context, items: list) -> list:  # type: ignore[type-arg]
    out = list(items)
    ctx.rng.shuffle(out)
    return out


def plant(ctx: Context, family: str, count: int, tables_only: bool) -> list[Entry]:
    """Up to `count` plants of different kinds, the family's own kinds favoured, and those
    drawn apart (`APART`) on top."""
    weights = dict(WEIGHTS)
    for kind in FAVOURED.get(family, ()):
        weights[kind] *= 3
    if not tables_only:  # a workbook of tables has no text to disagree with, nor notes
        weights |= OWN.get(family, {})
    if tables_only:
        for kind in (
            "missing_table",
            "wrong_base",
            "wrong_rate",
            "wrong_share",
            "direction",
            "comparison",
            "balance",
            "repeat",
            "reason_missing",
            "unit_slip",
            "date",
        ):
            weights.pop(kind)
    found: list[Entry] = []
    kinds = list(weights)
    while kinds and len(found) < count:
        kind = ctx.rng.choices(kinds, [weights[k] for k in kinds])[0]
        kinds.remove(kind)
        entries = PLANTERS[kind](ctx)
        _number(entries, len(found))
        found += entries
    for kind, chance in APART.items():
        apart = replace(ctx, rng=random.Random(f"{kind}:{family}:{ctx.unit.name}:{ctx.year}"))
        if apart.rng.random() < chance:
            entries = PLANTERS[kind](apart)
            _number(entries, len(found))
            found += entries
    return found


def _number(entries: list[Entry], before: int) -> None:
    for n, entry in enumerate(entries, start=before + 1):
        entry.id = f"{entry.kind.replace('_', '-')}-{n}"
