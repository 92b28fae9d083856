"""The ways a report states a fact, each with several phrasings chosen at random.

Each builder returns the segments of one statement and ties its slots together with the
checks that relate them: a total and its parts (sum.narrative), a part, its share and the
whole (share.whole), a figure, its change and growth rate (rate.change, rate.wrong_base,
direction.contradiction), an actual, its budget and the completion rate (completion.rate).
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..doc import Seg, Slot
from .writer import Writer

_FIELD = re.compile(r"\{(\w+)\}")

HEADS = (
    "{subject}{total}，其中：{parts}。",
    "{subject}为{total}，具体构成为：{parts}。",
    "{subject}共计{total}。其中，{parts}。",
    "{subject}{total}，包括{parts}。",
    "{subject}{total}，主要由{parts}构成。",
    "{subject}{total}，分项情况为：{parts}。",
)
BREAKDOWNS = (
    "{subject}{total}，其中：{parts}。",
    "{subject}{total}（其中：{parts}）。",
    "{subject}{total}，其中，{parts}。",
    "{subject}共{total}，分别为{parts}。",
    "{subject}{total}，具体包括：{parts}。",
)
SHARE_FORMS = (
    "{name}{amount}，占{share}",
    "{name}{amount}（占{share}）",
    "{name}{amount}，占比{share}",
    "{name}{amount}，占{whole}的{share}",
    "{name}{amount}，所占比重为{share}",
)
#: (template, whether it states the prior-year figure)
CHANGES = (
    ("与上年相比，{dir}{change}，{dir2}{rate}", False),
    ("比上年{dir}{change}，{dir2}{rate}", False),
    ("较上年决算数{prior}{dir}{change}，{dir2}{rate}", True),
    ("较{py}{dir}{change}，{dir2}{rate}", False),
    ("同比{dir}{change}，{dir2}{rate}", False),
    ("上年决算数为{prior}，本年{dir}{change}，{dir2}{rate}", True),
    ("比上年决算{prior}{dir}{change}，{dir2}幅度为{rate}", True),
)
#: (before, the words that announce the reason, after): the words and the cause are one
#: slot, so that a plant can leave the announcement without its cause
REASONS = (
    ("，", "主要原因是", "。"),
    ("。", "主要原因：", "。"),
    ("，", "原因是", "。"),
    ("，", "主要是", "。"),
    ("。", "变动的主要原因是", "。"),
    ("，", "主要原因为", "。"),
)
COMPLETIONS = (
    "年初预算为{budget}，支出决算为{actual}，完成年初预算的{rate}",
    "年初预算{budget}，决算数{actual}，为年初预算的{rate}",
    "年初预算数{budget}，支出决算{actual}，预算完成率{rate}",
    "支出决算为{actual}，完成年初预算{budget}的{rate}",
    "年初预算数为{budget}，决算数为{actual}，年初预算完成率为{rate}",
)


def fill(template: str, **parts: Seg | list[Seg]) -> list[Seg]:
    """The template's text with its {fields} replaced by strings, slots or segment lists."""
    out: list[Seg] = []
    pos = 0
    for m in _FIELD.finditer(template):
        out.append(template[pos : m.start()])
        value = parts[m.group(1)]
        out.extend(value if isinstance(value, list) else [value])
        pos = m.end()
    out.append(template[pos:])
    return [s for s in out if s != ""]


def join(items: list[list[Seg]], sep: str) -> list[Seg]:
    out: list[Seg] = []
    for n, item in enumerate(items):
        if n:
            out.append(sep)
        out.extend(item)
    return out


def total_with_parts(
    w: Writer,
    subject: str | list[Seg],
    total: Slot,
    parts: list[tuple[str, Slot]],
    shares: bool,
    whole: str = "",
    breakdown: bool = False,
) -> list[Seg]:
    """A total and its complete list of parts, with or without each part's share."""
    w.statement()
    for slot in (total, *[p for _, p in parts]):
        slot.rules.add("sum.narrative")
        slot.group = w.group
    form = w.pick(SHARE_FORMS)
    items: list[list[Seg]] = []
    for name, slot in parts:
        if shares:
            share = w.share(slot, total)
            items.append(fill(form, name=name, amount=slot, share=share, whole=whole or "总额"))
        else:
            items.append(fill("{name}{amount}", name=name, amount=slot))
    total.info["parts"] = [p for _, p in parts]
    head = w.pick(BREAKDOWNS if breakdown else HEADS)
    return fill(head, subject=subject, total=total, parts=join(items, "；" if shares else w.pick("，、")))


def direction_words(w: Writer, up: bool) -> tuple[Slot, Slot]:
    first, second = (
        w.rng.choice((("增加", "增长"), ("增加", "增长"), ("增加", "增加")))
        if up
        else w.rng.choice((("减少", "下降"), ("减少", "降低"), ("减少", "减少")))
    )
    sign = 1 if up else -1
    return (
        w.word(first, "direction", sign=sign, opposite="减少" if up else "增加"),
        w.word(second, "direction", sign=sign, opposite=_opposite(second)),
    )


def _opposite(word: str) -> str:
    return {"增长": "下降", "增加": "减少", "下降": "增长", "降低": "增长", "减少": "增加"}[word]


def change(w: Writer, key: str, current: Slot, prior: Decimal, with_prior: bool | None = None) -> list[Seg]:
    """The change of `current` against last year, with the growth rate (no full stop)."""
    cur = current.info["exact"]
    if w.money.value(cur) == w.money.value(prior) or not prior:
        return (
            [w.pick(("与上年持平", "与上年基本持平"))]
            if prior
            else [w.pick(("上年无此项支出", "上年未发生"))]
        )
    options = [c for c in CHANGES if with_prior is None or c[1] == with_prior]
    template, has_prior = w.pick(options)
    up = cur > prior
    dir1, dir2 = direction_words(w, up)
    amount = w.amount(f"chg:{key}", abs(cur - prior), "rate.change", "rate.change_amount")
    rate = w.rate(key, cur, prior)
    prior_slot = w.amount(f"prior:{key}", prior, "rate.change", "direction.contradiction")
    for slot in (dir1, dir2, rate, current):
        slot.rules.update({"direction.contradiction", "rate.change"})
    if has_prior:  # current − prior = the change amount printed between them
        current.rules.add("rate.change_amount")
        prior_slot.rules.add("rate.change_amount")
    rate.info.update(
        current_slot=current,
        change_slot=amount,
        has_prior=has_prior,
        words=(dir1, dir2),
        prior_slot=prior_slot if has_prior else None,
    )
    year = w.word(f"{w.a.year - 1}年", "year_prior")
    return fill(template, dir=dir1, dir2=dir2, change=amount, rate=rate, prior=prior_slot, py=year)


def reason(w: Writer, causes: tuple[str, ...]) -> list[Seg]:
    if w.rng.random() < 0.3 and len(causes) > 1:
        first, second = w.rng.sample(causes, 2)
        return [f"。主要原因：一是{first}；二是{second}。"]
    before, words, after = w.pick(REASONS)
    return [before, w.word(words + w.pick(causes), "reason", words=words), after]


def completion(w: Writer, key: str, actual: Slot, budget: Decimal) -> list[Seg]:
    """Actual against the initial budget, with the completion rate (no full stop)."""
    budget_slot = w.amount(f"budget:{key}", budget, "completion.rate")
    actual.rules.add("completion.rate")
    if not budget:
        return fill(
            "年初预算为{budget}，支出决算为{actual}，系年中追加安排", budget=budget_slot, actual=actual
        )
    rate = w.completion(key, actual.info["exact"], budget)
    rate.info.update(actual_slot=actual, budget_slot=budget_slot)
    return fill(w.pick(COMPLETIONS), budget=budget_slot, actual=actual, rate=rate)


def comparison(w: Writer, actual: Decimal, budget: Decimal, causes: dict[str, tuple[str, ...]]) -> list[Seg]:
    """决算数大于/小于/等于年初预算数的主要原因是…, by the printed figures."""
    a, b = w.money.value(actual), w.money.value(budget)
    word = "大于" if a > b else "小于" if a < b else "等于"
    slot = w.word(word, "compare", actual=a, budget=b)
    slot.rules.add("wording.comparison")
    cause = w.pick(causes[word])
    return fill(
        w.pick(
            (
                "决算数{cmp}年初预算数的主要原因是{r}。",
                "决算数{cmp}预算数，主要原因是{r}。",
                "决算数{cmp}年初预算数，原因是{r}。",
                "决算数{cmp}年初预算的主要原因：{r}。",
                "决算数{cmp}预算数的原因是{r}。",
            )
        ),
        cmp=slot,
        r=cause,
    )
