"""The self-evaluation of a department's spending: funds, indicators, scores and grade.

The scores are consistent by construction: 得分 ≤ 分值 on every row, the 分值 under each
一级指标 add up to the weight written in its cell, the 预算执行 row scores 分值 × 执行率, the
总分 is the sum of the printed 得分 and the grade follows the bands the table states.
Scores are printed as they are (they are not rounded amounts), so the total is exact.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from .accounts import ZERO, Accounts
from .money import percent, round_to

#: Grade bands (lower bounds, best first) and how the note under the table states them.
BANDS = (
    ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"), (Decimal(0), "差")),
    ((Decimal(90), "优秀"), (Decimal(80), "良好"), (Decimal(60), "合格"), (Decimal(0), "不合格")),
)
SECTIONS = (("产出指标", 50), ("效益指标", 30), ("满意度指标", 10))


@dataclass
class Row:
    """One 三级指标 row of the indicator block."""

    level1: str
    level2: str
    name: str
    target: str
    actual: str
    weight: Decimal
    score: Decimal
    note: str = ""
    dated: bool = False  # the target names the fiscal year (a 时效指标 deadline)


@dataclass(frozen=True)
class Funds:
    initial: Decimal  # 年初预算数
    final: Decimal  # 全年预算数
    actual: Decimal  # 全年执行数

    @property
    def rate(self) -> Decimal:
        """执行率 in per cent = 全年执行数 / 全年预算数."""
        return percent(self.actual, self.final) if self.final else ZERO


@dataclass
class Evaluation:
    """A self-evaluation table: the department's whole spending or one project."""

    title: str  # 部门整体 or the project's name
    funds: Funds
    parts: list[tuple[str, Funds]]
    by_nature: bool  # parts are 基本支出/项目支出 (all columns) rather than by source
    exec_weight: Decimal
    rows: list[Row]
    goal: str
    done: str
    bands: tuple[tuple[Decimal, str], ...]
    rate_decimals: int

    @property
    def exec_rate(self) -> Decimal:
        return round_to(self.funds.rate, self.rate_decimals)

    @property
    def exec_score(self) -> Decimal:
        return round_to(self.exec_weight * self.exec_rate / 100, 2).normalize()

    @property
    def total_weight(self) -> Decimal:
        return self.exec_weight + sum((r.weight for r in self.rows), ZERO)

    @property
    def total_score(self) -> Decimal:
        return self.exec_score + sum((r.score for r in self.rows), ZERO)

    def section_weight(self, level1: str) -> Decimal:
        return sum((r.weight for r in self.rows if r.level1 == level1), ZERO)

    def grade(self) -> str:
        return next(name for low, name in self.bands if self.total_score >= low)


def _weights(rng: random.Random, total: int, n: int) -> list[Decimal]:
    """`total` points over `n` rows, about evenly, in whole or half points."""
    halves = [total * 2 // n] * n
    for i in range(total * 2 - sum(halves)):
        halves[i] += 1
    for _ in range(n):
        a, b = rng.randrange(n), rng.randrange(n)
        step = rng.choice((1, 2))
        if a != b and halves[b] - step >= 4:
            halves[a] += step
            halves[b] -= step
    return [Decimal(h) / 2 for h in halves]


def _score(rng: random.Random, weight: Decimal) -> tuple[Decimal, str]:
    if rng.random() < 0.8 or weight < 2:
        return weight, ""
    lost = Decimal(rng.choice((5, 10, 15, 20))) / 10
    return weight - min(lost, weight - Decimal("0.5")), rng.choice(
        (
            "部分工作受客观因素影响进度滞后，下一步加强统筹调度",
            "年中任务调整，完成时间推迟，已督促整改",
            "个别指标完成值略低于目标值，将加强过程监控",
            "资金拨付进度偏慢，下一步加快支付",
        )
    )


def _rows(rng: random.Random, a: Accounts) -> list[Row]:
    """Indicator rows for the three sections, with targets in the department's terms."""
    dept = a.unit.department
    year = a.year
    specs: list[tuple[str, str, str, str, str, bool]] = []
    for ind in rng.sample(dept.indicators, rng.randint(2, len(dept.indicators))):
        target = rng.randint(ind.low, ind.high)
        done = target + rng.randint(0, max(1, target // 10))
        prefix = rng.choice(("≥", "", "不少于"))
        specs.append(
            ("产出指标", "数量指标", ind.name, f"{prefix}{target}{ind.unit}", f"{done}{ind.unit}", False)
        )
    specs.append(
        (
            "产出指标",
            "质量指标",
            rng.choice(("工作完成合格率", "任务验收合格率", "数据准确率")),
            rng.choice(("≥95%", "100%", "≥98%")),
            rng.choice(("100%", "99%", "100%")),
            False,
        )
    )
    deadline = rng.choice((f"{year}年12月底前", f"{year}年12月31日前", f"{year}年底前完成"))
    specs.append(
        (
            "产出指标",
            "时效指标",
            rng.choice(("完成时限", "任务完成及时性")),
            deadline,
            rng.choice(("按时完成", deadline, "已按期完成")),
            True,
        )
    )
    specs.append(
        (
            "产出指标",
            "成本指标",
            rng.choice(("经费控制在预算范围内", "项目成本控制")),
            rng.choice(("不超预算", "控制在预算内", "≤预算数")),
            rng.choice(("未超预算", "控制在预算内")),
            False,
        )
    )
    specs.append(
        (
            "效益指标",
            "社会效益指标",
            rng.choice(("服务保障能力", "履职效能", "社会公众知晓度")),
            rng.choice(("有效提升", "明显提高", "逐步提高")),
            rng.choice(("有效提升", "明显提高")),
            False,
        )
    )
    if rng.random() < 0.5:
        specs.append(("效益指标", "经济效益指标", "经济效益", "无直接经济效益", "无直接经济效益", False))
    if rng.random() < 0.4:
        specs.append(("效益指标", "生态效益指标", "生态环境影响", "无不良影响", "无不良影响", False))
    specs.append(
        (
            "效益指标",
            "可持续影响指标",
            rng.choice(("长效管理机制", "工作机制健全性")),
            rng.choice(("逐步健全", "长期有效")),
            rng.choice(("逐步健全", "长期有效")),
            False,
        )
    )
    specs.append(
        (
            "满意度指标",
            "服务对象满意度指标",
            rng.choice(("服务对象满意度", "群众满意度")),
            rng.choice(("≥90%", "≥85%", "≥95%")),
            f"{rng.randint(95, 99)}%",
            False,
        )
    )
    rows: list[Row] = []
    for level1, weight in SECTIONS:
        mine = [s for s in specs if s[0] == level1]
        for spec, w in zip(mine, _weights(rng, weight, len(mine)), strict=True):
            score, note = _score(rng, w)
            rows.append(Row(spec[0], spec[1], spec[2], spec[3], spec[4], w, score, note, spec[5]))
    return rows


def whole(rng: random.Random, a: Accounts) -> Evaluation:
    """The 部门整体支出绩效自评表 of the accounts."""
    basic, project = a.spend(part="basic"), a.spend(part="project")
    unspent = a.carry("close")
    by_nature = rng.random() < 0.6
    parts = [
        ("基本支出", Funds(a.budget["exp.basic"], basic, basic)),
        ("项目支出", Funds(a.budget["exp.project"], project + unspent, project)),
    ]
    if not by_nature:
        parts = [
            ("当年财政拨款", Funds(a.budget["exp.basic"] + a.budget["exp.project"], a.fiscal_income(), ZERO)),
            ("上年结转资金", Funds(ZERO, a.carry("open"), ZERO)),
            ("其他资金", Funds(ZERO, a.income() - a.fiscal_income(), ZERO)),
        ]
    funds = Funds(sum((f.initial for _, f in parts), ZERO), sum((f.final for _, f in parts), ZERO), a.spend())
    goal = "；".join(d for d in rng.sample(a.unit.department.duties, 2)) + "。"
    done = "全面完成年初设定的各项绩效目标，" + rng.choice(
        ("履职成效明显。", "资金使用规范高效。", "各项工作有序推进。")
    )
    return Evaluation(
        "部门整体",
        funds,
        parts,
        by_nature,
        Decimal(10),
        _rows(rng, a),
        goal,
        done,
        rng.choice(BANDS),
        rng.choice((2, 2, 1)),
    )


def projects(rng: random.Random, a: Accounts) -> list[Evaluation]:
    """项目支出绩效自评表 for up to three project leaves funded by the general budget."""
    leaves = [leaf for leaf in a.leaves if leaf.project.get("general") and leaf.budget_final]
    names = list(a.unit.department.projects)
    rng.shuffle(names)
    out = []
    for leaf, name in zip(leaves[:3], names, strict=False):
        actual = leaf.spend("general")
        funds = Funds(leaf.budget_initial, leaf.budget_final, actual)
        parts = [
            (
                "其中：当年财政拨款",
                Funds(leaf.budget_initial, leaf.budget_final - leaf.open.get("general", ZERO), ZERO),
            ),
            ("上年结转资金", Funds(ZERO, leaf.open.get("general", ZERO), ZERO)),
        ]
        goal = f"按计划完成{name.removesuffix('经费').removesuffix('工作')}各项任务，保障工作顺利开展。"
        out.append(
            Evaluation(
                name,
                funds,
                parts,
                False,
                Decimal(10),
                _rows(rng, a),
                goal,
                "已完成年度目标。",
                rng.choice(BANDS),
                rng.choice((2, 1)),
            )
        )
    return out
