"""Mutation test of the rules: change one figure of a consistent passage, expect a finding.

The passages below are consistent (taken from the seeds, corrected where the seed itself
is wrong, or written in the seeds' style). Each mutation changes one thing:

- a digit of a figure (any digit but the last, so the change is beyond rounding),
- the decimal point of a figure (×10 or ÷10),
- two shares of one list swapped,
- one of two explanations of the same change swapped for another cause.

A mutation is detected when a finding (warning or error) has an evidence span over the
changed text. Only figures the rules claim to cover are mutated: those the extractor ties
to another figure (a total and its parts, a share and its whole, a rate and its change,
a completion rate and its budget). The unmutated passages must raise no error.

    python corpora/mutate.py            # prints the figures
"""

from __future__ import annotations

import itertools
import random
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import regex

import rules
from extractor import extract_text
from models import Report, Severity
from rules.reason.comparators import causes

HEADER = "2020年度部门决算\n"

PASSAGES: list[str] = [
    # 000: 支出 by function, a complete list
    "2020年，本部门支出1861.16万元，比上年增加290.05万元，增长18.46%；其中：一般公共服务支出1695.43万元，"
    "社会保障就业支出113.62万元，卫生健康支出22.18万元，住房保障支出23.93万元，其他支出6.00万元。",
    # 000: shares of 支出合计
    "2020年支出合计1861.16万元，较上年决算数增加290.05万元，增长18.46%。本年支出按支出性质和经济分类"
    "基本支出874.33万元，占总支出的46.98%，项目支出986.83万元，占总支出的53.02%。",
    # 000: completion of the initial budget
    "1.一般公共服务（类）。年初预算为1034.85万元，支出决算为1695.43万元，完成年初预算的163.83%。",
    # 000: 三公 execution rates and a decline
    "“三公”经费开支总额15.42万元，年初预算数30.07万元，预算执行率51.28%。",
    "1.公务接待费3.43万元，年初预算数12.00万元，预算执行率28.58%，与上年相比减少9.84万元，减少74.15%。",
    "2.公务用车购置及运行维护费11.98万元，年初预算数18.07万元，预算执行率66.30%。",
    # 000: the 财政拨款 totals with a stated prior value
    "2020年度财政拨款支出1855.16万元，较上年决算数1571.11万元增加284.05万元，增长18.08%。",
    # 001: 支出 shares adding to 100%
    "2020年本年支出合计1320.41万元，其中：基本支出546.41万元，占41.38%；项目支出677.81万元，占51.33%；"
    "年末结转和结余96.19万元，占7.29%。",
    # 001: 三公 parts with shares
    "2020年度“三公”经费财政拨款支出决算18.64万元，其中：因公出国（境）费支出决算0万元，占0%；"
    "公务用车购置及运行维护费支出决算11.10万元，占59.55%；公务接待费支出决算7.54万元，占40.45%。",
    # 001: a decline with the right base
    "公务接待费支出7.54万元。公务接待费支出决算比2019年减少2.99万元，下降28.40%。",
    # 002: a budget and its parts, the actual and its parts
    "2021年，经批复的本单位年初一般公共预算支出为1728.23万元，其中：基本支出年初预算1098.46万元，"
    "项目支出年初预算629.77万元，其他支出年初预算0万元。",
    "（2）商品和服务支出145.75万元：办公费67.70万元，电费7.31万元，邮电费3.31万元，差旅费34.34万元，"
    "会议费6.44万元，培训费0.44万元，公务接待费8.44万元，公务用车运行维护费17.77万元，其他商品和服务支出0万元。",
    "（3）对个人和家庭的补助支出45.29万元：抚恤金18.27万元，生活补助12.20万元，救济费2.42万元，"
    "其他对个人和家庭的补助支出12.40万元。",
    # 003: income shares, completion rates, running costs
    "本年收入合计522.47万元，其中：财政拨款收入500.57万元，占95.81%；其他收入21.90万元，占4.19%。",
    "2020年度财政拨款支出年初预算数为377.11万元，支出决算数为500.57万元，完成年初预算的132.74%。",
    "2、党委办公厅（室）及相关机构事务486.40万元。年初预算为377.11万元，支出决算为486.40万元，"
    "完成年初预算的128.98%。",
    "2020年度财政拨款基本支出381.78万元，其中：人员经费348.48万元，占基本支出的91.28%；"
    "公用经费33.30万元，占基本支出的8.72%。",
    "本部门2020年度机关运行经费支出33.30万元，比上年决算数减少0.58万元，降低1.71%。",
    "2020年度收入总计522.47万元。与上年相比，增加197.95万元，增长61.00%。",
]

#: passages with two explanations of one change (the second is swapped by the mutation)
REASONS: list[tuple[str, str]] = [
    ("1.公务接待费3.43万元，与上年相比减少9.84万元，主要原因是受疫情影响，接待批次较上年减少。"
     "2020年公务接待费比上年减少9.84万元（主要原因是{}）。", "受疫情影响，来访接待减少"),
    ("2020年度财政拨款收入500.57万元，与上年相比，增加180.52万元，主要是因为职能增加，石峰区档案局合并到区委办。"
     "2020年度财政拨款收入500.57万元，与上年相比，增加180.52万元，主要是因为{}。",
     "石峰区档案局合并到区委办"),
    ("公务用车运行维护费支出决算比上年减少0.32万元，主要原因是单位厉行节约。"
     "公务用车运行维护费比上年减少0.32万元，主要原因是{}。", "严格控制公务用车费用，厉行节约"),
]
#: other causes a swapped explanation names (each a different category of rules/data/causes.yaml)
OTHER_CAUSES = ["接待处已与机关事务中心合并，职能与人员已划出", "人员正常异动，人员减少", "受新冠疫情影响",
                "公车改革政策调整", "专项项目减少"]

_FIGURE = regex.compile(r"\d+(?:\.\d+)?(?=万元|%)")


@dataclass(frozen=True)
class Mutation:
    kind: str
    text: str
    spans: tuple[tuple[int, int], ...]  # changed ranges in the mutated text
    original_figure: str


def check(text: str) -> Report:
    x = extract_text(text, "passage.txt", doc_id="passage", encoding="utf-8")
    return rules.check(x.document, x.claims)


def covered_figures(text: str) -> set[tuple[int, int]]:
    """Spans of the figures the extractor ties to another figure (what the rules check)."""
    x = extract_text(text, "passage.txt", doc_id="passage", encoding="utf-8")
    linked = {c.id for c in x.claims if c.links} | {t for c in x.claims for t in c.links.values()}
    return {(c.quantity.span.start, c.quantity.span.end) for c in x.claims
            if c.id in linked and not c.quantity.approximate}


def _digit_variants(figure: str, rng: random.Random) -> Iterator[str]:
    digits = [i for i, ch in enumerate(figure) if ch.isdigit()]
    for i in digits[:-1]:  # the last digit may move within rounding: not a claim we make
        for step in rng.sample(range(1, 10), 2):
            new = str((int(figure[i]) + step) % 10)
            variant = figure[:i] + new + figure[i + 1:]
            if variant.lstrip("0") and not (variant.startswith("0") and len(variant.split(".")[0]) > 1):
                yield variant
    if "." in figure:
        whole, frac = figure.split(".")
        if len(frac) > 1:
            yield f"{whole}{frac[0]}.{frac[1:]}"  # ×10
        if len(whole) > 1:
            yield f"{whole[:-1]}.{whole[-1]}{frac}"  # ÷10


def mutations(rng: random.Random) -> Iterator[Mutation]:
    for passage in PASSAGES:
        text = HEADER + passage
        covered = covered_figures(text)
        for m in _FIGURE.finditer(text):
            if (m.start(), m.end()) not in {(s, e - (2 if text[e - 2:e] == "万元" else 1))
                                            for s, e in covered}:
                continue
            figure = m.group(0)
            if float(figure) == 0:
                continue
            for variant in _digit_variants(figure, rng):
                if variant == figure:
                    continue
                mutated = text[:m.start()] + variant + text[m.end():]
                kind = "decimal" if variant.replace(".", "") == figure.replace(".", "") else "digit"
                yield Mutation(kind, mutated, ((m.start(), m.start() + len(variant)),), figure)
        yield from _swapped_shares(text)
    for template, cause in REASONS:
        for other in OTHER_CAUSES:
            if causes(other) & causes(cause):
                continue  # the same kind of cause in other words is not a contradiction
            text = HEADER + template.format(other)
            start = text.rindex(other)
            yield Mutation("reason", text, ((start, start + len(other)),), cause)


def _swapped_shares(text: str) -> Iterator[Mutation]:
    shares = [m for m in regex.finditer(r"(?<=占(?:[^，,。；%]{0,12}?的)?)\d+(?:\.\d+)?(?=%)", text)
              if float(m.group(0)) > 0]
    for a, b in itertools.pairwise(shares):
        if a.group(0) == b.group(0):
            continue
        mutated = text[:a.start()] + b.group(0) + text[a.end():b.start()] + a.group(0) + text[b.end():]
        shift = len(b.group(0)) - len(a.group(0))  # the first swap moves the second share
        spans = ((a.start(), a.start() + len(b.group(0))),
                 (b.start() + shift, b.start() + shift + len(a.group(0))))
        yield Mutation("swapped shares", mutated, spans, f"{a.group(0)}/{b.group(0)}")


#: rules about the document as a whole, not about figures: they never count as detection
_NOT_ABOUT_FIGURES = {"completeness.tables", "entity.unit", "period.year"}


def detected(report: Report, mutation: Mutation) -> bool:
    for finding in report.findings:
        if finding.severity is Severity.INFO or finding.rule in _NOT_ABOUT_FIGURES:
            continue
        for e in finding.evidence:
            if any(e.span.start < end and start < e.span.end for start, end in mutation.spans):
                return True
    return False


@dataclass
class Result:
    clean_errors: list[str]
    total: Counter
    caught: Counter
    missed: list[str]

    @property
    def detection(self) -> float:
        return sum(self.caught.values()) / sum(self.total.values())


def run(seed: int = 7) -> Result:
    clean_errors = []
    for passage in [*PASSAGES, *(t.format(c) for t, c in REASONS)]:
        report = check(HEADER + passage)
        clean_errors += [f.message_en for f in report.findings if f.severity is Severity.ERROR]
    total: Counter = Counter()
    caught: Counter = Counter()
    missed = []
    for mutation in mutations(random.Random(seed)):
        total[mutation.kind] += 1
        if detected(check(mutation.text), mutation):
            caught[mutation.kind] += 1
        else:
            s, e = mutation.spans[0]
            missed.append(f"{mutation.kind}: {mutation.original_figure} → {mutation.text[s:e]} "
                          f"in {mutation.text[max(0, s - 20):e + 10]!r}")
    return Result(clean_errors, total, caught, missed)


def main() -> int:
    result = run()
    n = sum(result.total.values())
    print(f"mutations: {n}, detected: {sum(result.caught.values())} ({result.detection:.3f})")
    for kind in sorted(result.total):
        print(f"  {kind}: {result.caught[kind]}/{result.total[kind]}")
    print(f"error-level findings on the {len(PASSAGES) + len(REASONS)} unmutated passages: "
          f"{len(result.clean_errors)}")
    for line in result.missed[:20]:
        print("  missed", line)
    return 0 if result.detection >= 0.95 and not result.clean_errors else 1


if __name__ == "__main__":
    sys.exit(main())
