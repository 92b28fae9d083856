"""The self-evaluation: 自评表 (whole or project), 基础数据表, and the report around them.

Scores are slots too: a 得分 knows its 分值 (score.over_weight), the 总分 knows the
scores it adds up (score.total) and the grade knows the bands the note under the table
states (score.grade), so plants can break exactly one of these.
"""

from __future__ import annotations

from decimal import Decimal

from ..accounts import ZERO
from ..doc import Para, Slot, Table
from ..money import Printer, pct, percent, round_to
from ..perf import Evaluation, Funds, Row
from .phrases import total_with_parts
from .tables import numeral
from .writer import Writer

SCORE = Printer(decimals=2, strip=True)


def _cells(texts: list[str]) -> list[Para]:
    """One cell per text."""
    return [[t] for t in texts]


def score_slot(
    w: Writer, key: str, value: Decimal, kind: str = "score", *rules: str, table: str = "perf"
) -> Slot:
    return Slot(SCORE.show(value), kind, key, value, SCORE, set(rules), {}, w.group, table)


def _bands_note(ev: Evaluation) -> str:
    (a, g1), (b, g2), (c, g3), (_, g4) = ev.bands
    return (
        f"备注：1.“执行率”=“全年执行数”/“全年预算数”；2.总分设置为100分，等级划分为：{a}分（含）—100分为{g1}，"
        f"{b}分（含）—{a}分为{g2}，{c}分（含）—{b}分为{g3}，{c}分以下为{g4}。"
    )


def _funds_row(
    w: Writer, key: str, name: str, funds: Funds, full: bool, ev: Evaluation | None, weight_first: bool = True
) -> list[Para]:
    cells: list[Para] = [[""], [name]]
    for col in ("initial", "final", "actual"):
        # the total row is the sum of the parts and the base of the 执行率 and its 得分
        rates = ("completion.rate", "score.execution") if ev is not None and col != "initial" else ()
        rules = ("value.mismatch", "sum.table", *rates)
        cells.append(
            [
                w.cell(f"{key}.{col}", getattr(funds, col), "perf", name, rules)
                if full or col != "actual"
                else ""
            ]
        )
    if ev is None:
        return [*cells, ["—"], ["—"], ["—"]]
    w.statement()
    printer = pct(ev.rate_decimals)
    rate = Slot(
        printer.show(ev.exec_rate),
        "completion",
        f"{key}.rate",
        ev.exec_rate,
        printer,
        {"completion.rate", "score.execution"},
        {"actual": funds.actual, "budget": funds.final, "execution": True},
        w.group,
        "perf",
        name,
    )
    weight = score_slot(w, f"{key}.exec_weight", ev.exec_weight, "weight", "score.total", "score.execution")
    score = score_slot(
        w, f"{key}.exec_score", ev.exec_score, "score", "score.total", "score.execution", "score.over_weight"
    )
    score.info.update(weight=weight)
    order: list[Para] = [[weight], [rate]] if weight_first else [[rate], [weight]]
    return [*cells, *order, [score]]


def self_table(w: Writer, ev: Evaluation, key: str, number: int, project: bool) -> tuple[Table, Slot, Slot]:
    """部门整体 or 项目支出绩效自评表; returns the table with its 总分 and grade slots."""
    a = w.a
    unit = w.word(a.unit.name, "unit")
    kind = "项目支出绩效自评表" if project else "部门整体支出绩效自评表"
    cap: list[Para] = [[w.word(f"{a.year}年度", "year", heading=True), kind]]
    if w.style.labels:
        cap.insert(0, [f"附件{number}"])
    cap.append([w.pick(("填报单位：", "部门名称：")), w.word(a.unit.name, "unit")])
    rows: list[list[Para]] = []
    if project:
        rows.append([["项目名称"], [ev.title]])
        rows.append([["主管部门"], [unit], ["实施单位"], [w.word(a.unit.name, "unit")]])
    money = "元" if w.style.yuan else "万元"  # the unit its figures are printed in
    head = (
        w.pick((f"年度预算申请（{money}）", f"资金情况（{money}）", f"部门资金（{money}）"))
        if not project
        else f"项目资金（{money}）"
    )
    w.statement()
    weight_first = w.rng.random() < 0.6
    top = _funds_row(w, f"{key}.funds", "年度资金总额", ev.funds, True, ev, weight_first)
    order = ["分值", "执行率"] if weight_first else ["执行率", "分值"]
    rows.append(
        [
            [head],
            [""],
            ["年初预算数"],
            ["全年预算数"],
            ["全年执行数"],
            *_cells(order),
            ["得分（分值×执行率）" if w.rng.random() < 0.5 else "得分"],
        ]
    )
    rows.append(top)
    for name, funds in ev.parts:
        label = name if name.startswith("其中") or not ev.parts or name != ev.parts[0][0] else f"其中：{name}"
        rows.append(
            _funds_row(w, f"{key}.funds.{name.removeprefix('其中：')}", label, funds, ev.by_nature, None)
        )
    rows.append([["年度总体目标"], ["预期目标"], [""], [""], ["实际完成情况"]])
    rows.append([[""], [ev.goal], [""], [""], [ev.done]])
    rows.append(
        [
            ["绩效指标"],
            ["一级指标"],
            ["二级指标"],
            ["三级指标"],
            ["年度指标值"],
            ["实际完成值"],
            ["分值"],
            ["得分"],
            ["偏差原因分析及改进措施"],
        ]
    )
    section_weights = {r.level1: ev.section_weight(r.level1) for r in ev.rows}
    seen1: set[str] = set()
    seen2: set[str] = set()
    score_slots: list[Slot] = []
    weight_slots = [s for cell in top[5:7] for s in cell if isinstance(s, Slot) and s.kind == "weight"]
    score_slots += [s for s in top[7] if isinstance(s, Slot)]
    for row in ev.rows:
        w.statement()
        level1 = (
            f"{row.level1}（{SCORE.show(section_weights[row.level1])}分）" if row.level1 not in seen1 else ""
        )
        level2 = row.level2 if (row.level1, row.level2) not in seen2 else ""
        seen1.add(row.level1)
        seen2.add((row.level1, row.level2))  # type: ignore[arg-type]
        weight = score_slot(w, f"{key}.w.{len(weight_slots)}", row.weight, "weight", "score.total")
        score = score_slot(
            w, f"{key}.s.{len(score_slots)}", row.score, "score", "score.total", "score.over_weight"
        )
        score.info.update(weight=weight)
        weight.label = score.label = row.name
        weight_slots.append(weight)
        score_slots.append(score)
        rows.append(
            [
                [""],
                [level1],
                [level2],
                [row.name],
                _target(w, row, row.target),
                _target(w, row, row.actual),
                [weight],
                [score],
                [row.note],
            ]
        )
    w.statement()
    total_weight = score_slot(w, f"{key}.total_weight", ev.total_weight, "weight", "score.total")
    total = score_slot(w, f"{key}.total", ev.total_score, "score", "score.total", "score.grade")
    total.info.update(scores=score_slots, weights=weight_slots)
    total_weight.info.update(weights=weight_slots)
    grade = w.word(ev.grade(), "grade", key=f"{key}.grade", bands=ev.bands, score=total)
    grade.rules.add("score.grade")
    total.info["grade"] = grade
    total.label = total_weight.label = "总分"
    if w.rng.random() < 0.5:
        rows.append([["总分"], [""], [""], [""], [""], [""], [total_weight], [total], ["等级：", grade]])
    else:
        rows.append([["总分"], [""], [""], [""], [""], [""], [total_weight], [total], [""]])
        rows.append([[w.pick(("综合评定等级", "自评等级", "评价等级"))], [grade]])
    table = Table("project" if project else "perf", kind, cap, [], rows, [[_bands_note(ev)]])
    return table, total, grade


def _target(w: Writer, row: Row, text: str) -> Para:
    """A target cell; a deadline names the fiscal year (a slot: a copied template shows last year's)."""
    year = f"{w.a.year}年"
    if row.dated and text.startswith(year):
        return [w.word(year, "year", target=True), text[len(year) :]]
    return [text]


def basic_data(w: Writer) -> Table:
    """基础数据表: staff and their control rate, then this year's and last year's spending."""
    a = w.a
    sg = a.sangong
    w.statement()
    printer = pct(w.style.pct_decimals)
    rate = round_to(percent(Decimal(a.staff.serving), Decimal(a.staff.posts)), printer.decimals)
    control = Slot(
        printer.show(rate),
        "control",
        "staff.control",
        rate,
        printer,
        {"completion.control"},
        {"actual": Decimal(a.staff.serving), "budget": Decimal(a.staff.posts)},
        w.group,
        "basicdata",
        "控制率",
    )
    this_first = w.rng.random() < 0.6
    cols = [f"{a.year}年决算数", f"{a.year}年预算数", f"{a.year - 1}年决算数"]
    if not this_first:
        cols.reverse()
    rows: list[list[Para]] = [
        [["财政供养人员情况"], ["编制数"], [f"{a.year}年实际在职人数"], ["控制率"]],
        [[""], [str(a.staff.posts)], [str(a.staff.serving)], [control]],
        [["经费控制情况"], *_cells(cols)],
    ]
    lines: list[tuple[str, str, Decimal, Decimal | None, Decimal]] = [
        ("一、部门基本支出", "exp.basic", a.spend(part="basic"), a.budget["exp.basic"], a.prior["exp.basic"]),
        ("    其中：1、公用经费", "public", a.public, None, a.prior["public"]),
        ("    2、三公经费", "sg.total", sg.total.actual, sg.total.budget, sg.total.prior),
        ("      公务用车购置和维护经费", "sg.car", sg.car.actual, sg.car.budget, sg.car.prior),
        ("        其中：公车购置", "sg.car_buy", sg.car_buy.actual, sg.car_buy.budget, sg.car_buy.prior),
        ("              公车运行维护", "sg.car_run", sg.car_run.actual, sg.car_run.budget, sg.car_run.prior),
        ("      公务接待", "sg.reception", sg.reception.actual, sg.reception.budget, sg.reception.prior),
        ("      出国经费", "sg.abroad", sg.abroad.actual, sg.abroad.budget, sg.abroad.prior),
        (
            "二、部门项目支出",
            "exp.project",
            a.spend(part="project"),
            a.budget["exp.project"],
            a.prior["exp.project"],
        ),
    ]
    for label, key, actual, budget, prior in lines:
        w.statement()
        sg_key = key.startswith("sg.")
        keys = (
            (f"{key}.actual", f"{key}.budget", f"{key}.prior")
            if sg_key
            else (key, f"budget:{key}", f"prior:{key}")
        )
        values: list[Decimal | None] = [actual, budget, prior]
        cells: list[Para] = [
            [w.cell(k, v, "basicdata", label.strip(), ("value.mismatch", "sum.table", "sum.identity"))]
            if v is not None
            else [""]
            for k, v in zip(keys, values, strict=True)
        ]
        if not this_first:
            cells.reverse()
        rows.append([[label], *cells])
    w.statement()
    rows.append(
        [
            ["政府采购金额"],
            [w.cell("proc.total", a.procurement.total, "basicdata", "政府采购金额", ("value.mismatch",))],
            [""],
            [""],
        ]
    )
    cap: list[Para] = [
        ["部门整体支出绩效评价基础数据表"],
        ["填报单位：", w.word(a.unit.name, "unit")],
        [f"单位：{w.unit_label}"],
    ]
    note = "说明：“公用经费”填报基本支出中的一般商品和服务支出；“项目支出”填报基本支出以外的所有项目支出。"
    return Table("basicdata", "部门整体支出绩效评价基础数据表", cap, [], rows, [[note]])


def report(
    w: Writer,
    whole: Evaluation | None,
    projects: list[Evaluation],
    restated: tuple[Slot, Slot] | None,
    evaluated: Para,
) -> list[Para]:
    """The narrative of a standalone 部门整体支出绩效自评报告 (its tables follow as 附件);
    `evaluated` dates the self-evaluation at the end of its section 三."""
    a = w.a
    out: list[Para] = [["一、部门基本情况"], []]
    out.append(
        [
            w.word(a.unit.short, "unit", key="short"),
            "主要职责是：",
            "；".join(w.rng.sample(a.unit.department.duties, 3)),
            "。",
        ]
    )
    out.append([f"本部门编制{a.staff.posts}名，{a.year}年末实有在职人员{a.staff.serving}人。"])
    out += [[], ["二、部门整体支出情况"], []]
    w.statement()
    inc = w.amount("inc.total", a.income())
    fiscal = w.amount("fa.inc", a.fiscal_income())
    other = w.amount("inc.nonfiscal", a.income() - a.fiscal_income())
    out.append(
        total_with_parts(
            w,
            [w.word(f"{a.year}年", "year", heading=True), "部门收入"],
            inc,
            [("财政拨款收入", fiscal), ("其他资金来源", other)],
            False,
            breakdown=True,
        )
    )
    w.statement()
    exp = w.amount("exp.total", a.spend())
    out.append(
        total_with_parts(
            w,
            [f"{a.year}年", "部门支出"],
            exp,
            [
                ("基本支出", w.amount("exp.basic", a.spend(part="basic"))),
                ("项目支出", w.amount("exp.project", a.spend(part="project"))),
            ],
            w.rng.random() < 0.5,
            "部门支出",
            breakdown=True,
        )
    )
    if whole is not None:
        w.statement()
        actual = w.amount("pw.funds.actual", whole.funds.actual)
        final = w.amount("pw.funds.final", whole.funds.final)
        rate = w.completion("pw.exec", whole.funds.actual, whole.funds.final, "completion")
        rate.info.update(actual_slot=actual, budget_slot=final, execution=True)
        out.append(["全年预算数", final, "，全年执行数", actual, "，预算执行率", rate, "。"])
    out += [[], ["三、部门整体支出绩效情况"], []]
    if restated is not None and whole is not None:
        score, grade = restated
        out.append(
            [
                "经自评，本部门",
                w.word(f"{a.year}年度", "year", heading=True),
                "部门整体支出绩效自评得分",
                score,
                "分，评价等级为“",
                grade,
                "”。",
            ]
        )
        done = [r for r in whole.rows if r.level2 == "数量指标"]
        out.append(["；".join(f"{r.name}{r.actual}" for r in done) + "，均完成年度目标。"])
    for n, ev in enumerate(projects, start=1):
        w.statement()
        spent = w.amount(f"pp{n}.funds.actual", ev.funds.actual)
        out.append(
            [
                f"（{numeral(n)}）{ev.title}：全年预算",
                w.amount(f"pp{n}.funds.final", ev.funds.final),
                "，实际支出",
                spent,
                "，自评得分",
                score_slot(w, f"pp{n}.total", ev.total_score, "score", "value.mismatch", table=""),
                "分。",
            ]
        )
    out.append(evaluated)
    out += [
        [],
        ["四、存在的问题及原因分析"],
        [
            w.pick(
                (
                    "预算编制的精准性有待进一步提高，年中追加调整较多。",
                    "绩效目标设置不够细化，部分指标难以量化。",
                )
            )
        ],
        [],
        ["五、下一步改进措施"],
        [
            w.pick(
                (
                    "进一步加强预算编制管理，提高预算编制的科学性和准确性。",
                    "进一步完善绩效指标体系，强化绩效结果应用。",
                )
            )
        ],
        [],
    ]
    return out


def score_restated(w: Writer, total: Slot, grade: Slot) -> tuple[Slot, Slot]:
    """The 总分 and grade as the narrative repeats them (same keys: value.mismatch if they differ)."""
    w.statement()
    again = score_slot(w, total.key, total.value or ZERO, "score", "value.mismatch", table="")
    total.rules.add("value.mismatch")
    word = w.word(grade.text, "grade", key=grade.key)
    return again, word
