"""第三部分 情况说明: one explanation per table, then 机关运行经费, 采购, 资产 and 绩效.

Each figure restates the accounts the tables print (same key, same rounding), each
statement is drawn from the phrasings of phrases.py, and every reason agrees with the
direction of the change it explains.
"""

from __future__ import annotations

from decimal import Decimal

from .. import codes
from ..accounts import FISCAL, SOURCE_NAMES, SOURCES, ZERO, Triple
from ..doc import Para, Seg, Slot
from ..names import REASONS_DOWN, REASONS_EQUAL, REASONS_OVER, REASONS_UNDER, REASONS_UP, SANGONG_REASONS
from .front import SECTIONS, year
from .phrases import change, comparison, completion, fill, reason, total_with_parts
from .tables import numeral, title
from .writer import Writer

CAUSES: dict[str, tuple[str, ...]] = {"大于": REASONS_OVER, "小于": REASONS_UNDER, "等于": REASONS_EQUAL}


def _causes(current: Decimal, prior: Decimal) -> tuple[str, ...]:
    return REASONS_UP if current > prior else REASONS_DOWN


def _moved(triple: Triple) -> int:
    return (triple.actual > triple.prior) - (triple.actual < triple.prior)


def _sangong_causes(w: Writer, item: str) -> tuple[str, ...]:
    """Reasons for a 三公 change that name only costs that moved the same way."""
    sg = w.a.sangong
    triple: Triple = getattr(sg, item)
    up = triple.actual > triple.prior
    if item != "total":
        return SANGONG_REASONS[(item, up)] + SANGONG_REASONS[("any", up)]
    moved = [
        k
        for k in ("reception", "car", "abroad")
        if getattr(sg, k).actual != getattr(sg, k).prior
        and (getattr(sg, k).actual > getattr(sg, k).prior) == up
    ]
    return SANGONG_REASONS[("any", up)] + tuple(r for k in moved for r in SANGONG_REASONS[(k, up)])


def changed(w: Writer, key: str, subject: list[Seg], current: Slot, prior: Decimal) -> list[Seg]:
    """'<subject><figure>，比上年增加…，增长…%，主要原因是…。' (or 持平)."""
    clause = change(w, key, current, prior)
    moved = any(isinstance(s, Slot) and s.kind == "rate" for s in clause)
    tail = reason(w, _causes(current.info["exact"], prior)) if moved else ["。"]
    return [*subject, current, "，", *clause, *tail]


def heading(n: int) -> Para:
    return [f"{numeral(n)}、{SECTIONS[n - 1]}"]


def part_three(w: Writer, perf_score: tuple[Slot, Slot] | None, evaluated: Para) -> list[Para]:
    a = w.a
    out: list[Para] = [["第三部分 ", year(w), "部门决算情况说明"], []]
    for n, section in enumerate(
        (
            overall,
            incomes,
            spendings,
            fiscal,
            general,
            basic,
            sangong,
            govfund,
            capital,
            ops,
            meetings,
            procurement,
            assets,
        ),
        start=1,
    ):
        out += [heading(n), *section(w), []]
    out += [
        heading(14),
        *performance(w, perf_score),
        evaluated,
        [],
        heading(15),
        ["本部门无其他需要说明的重要事项。"],
        [],
    ]
    assert a is w.a
    return out


def overall(w: Writer) -> list[Para]:
    a = w.a
    w.statement()
    grand = w.amount("grand", a.income() + a.carry("open"))
    out: list[Para] = []
    if w.rng.random() < 0.5:
        inc = w.amount("inc.total", a.income())
        opening = w.amount("open", a.carry("open"))
        out.append(
            total_with_parts(
                w, [year(w), "收入总计"], grand, [("本年收入合计", inc), ("年初结转和结余", opening)], False
            )
        )
        grand_out = w.amount("grand", a.spend() + a.carry("close"))
        exp = w.amount("exp.total", a.spend())
        closing = w.amount("close", a.carry("close"))
        out.append(
            total_with_parts(
                w,
                [year(w), "支出总计"],
                grand_out,
                [("本年支出合计", exp), ("年末结转和结余", closing)],
                False,
            )
        )
        w.statement()
        again = w.amount("grand", a.income() + a.carry("open"))
        out.append(changed(w, "grand", ["收入总计"], again, a.prior["grand"]))
    else:
        out.append(
            changed(
                w,
                "grand",
                [year(w), w.pick(("收、支总计均为", "收入总计和支出总计均为", "收支总计"))],
                grand,
                a.prior["grand"],
            )
        )
    if a.carry("open") or a.carry("close"):
        out.append(
            balance(
                w,
                ("open", "inc.total", "exp.total", "close"),
                a.carry("open"),
                a.income(),
                a.spend(),
                a.carry("close"),
            )
        )
    return out


BALANCES = (
    "年初结转和结余{open}，本年收入合计{inc}，本年支出合计{exp}，年末结转和结余{close}。",
    "本年收入合计{inc}，加年初结转和结余{open}，减本年支出合计{exp}，年末结转和结余{close}。",
    "年末结转和结余{close}，为年初结转和结余{open}加本年收入{inc}减本年支出{exp}后的余额。",
    "以年初结转和结余{open}加本年收入{inc}、减本年支出{exp}，年末结转和结余为{close}。",
)


def balance(
    w: Writer,
    keys: tuple[str, str, str, str],
    opening: Decimal,
    income: Decimal,
    spend: Decimal,
    closing: Decimal,
) -> list[Seg]:
    """年初 + 本年收入 − 本年支出 = 年末, stated in one sentence (identity.balance)."""
    w.statement()
    slots = {
        name: w.amount(key, value)
        for name, key, value in zip(
            ("open", "inc", "exp", "close"), keys, (opening, income, spend, closing), strict=True
        )
    }
    for slot in slots.values():
        slot.rules.add("identity.balance")
    slots["close"].info["balance"] = slots
    return fill(w.pick(BALANCES), **slots)


def incomes(w: Writer) -> list[Para]:
    a = w.a
    w.statement()
    total = w.amount("inc.total", a.income())
    zeros = w.rng.random() < 0.4
    parts = [
        (SOURCE_NAMES[s], w.amount(f"inc.src:{s}", a.income(s))) for s in SOURCES if a.income(s) or zeros
    ]
    out = [total_with_parts(w, [year(w), "本年收入合计"], total, parts, w.rng.random() < 0.8, "本年收入合计")]
    if w.rng.random() < 0.5:
        w.statement()
        again = w.amount("inc.total", a.income())
        out.append(changed(w, "inc.total", ["本年收入合计"], again, a.prior["inc.total"]))
    return out


def spendings(w: Writer) -> list[Para]:
    a = w.a
    w.statement()
    total = w.amount("exp.total", a.spend())
    parts = [
        ("基本支出", w.amount("exp.basic", a.spend(part="basic"))),
        ("项目支出", w.amount("exp.project", a.spend(part="project"))),
    ]
    if w.rng.random() < 0.4:
        parts += [
            (n, w.amount(k, ZERO))
            for n, k in (
                ("上缴上级支出", "exp.upper"),
                ("经营支出", "exp.operating"),
                ("对附属单位补助支出", "exp.affiliated"),
            )
        ]
    out = [
        total_with_parts(w, [year(w), "本年支出合计"], total, parts, w.rng.random() < 0.85, "本年支出合计")
    ]
    w.statement()
    again = w.amount("exp.total", a.spend())
    out.append(changed(w, "exp.total", ["本年支出合计"], again, a.prior["exp.total"]))
    return out


def fiscal(w: Writer) -> list[Para]:
    a = w.a
    w.statement()
    grand = a.fiscal_income() + sum((a.carry("open", s) for s in FISCAL), ZERO)
    total = w.amount("fa.grand", grand)
    out = [
        changed(
            w,
            "fa.total",
            [year(w), w.pick(("财政拨款收、支总计", "财政拨款收入支出总计", "财政拨款收支总计"))],
            total,
            a.prior["fa.total"],
        )
    ]
    if a.income("govfund"):
        w.statement()
        inc = w.amount("fa.inc", a.fiscal_income())
        parts = [
            ("一般公共预算财政拨款", w.amount("inc.src:general", a.income("general"))),
            ("政府性基金预算财政拨款", w.amount("inc.src:govfund", a.income("govfund"))),
        ]
        out.append(total_with_parts(w, "本年财政拨款收入", inc, parts, False, breakdown=True))
    return out


def _class_name(w: Writer, code: str) -> str:
    name = codes.name(code)
    short = name.removesuffix("支出")
    return w.pick((f"{short}（类）支出", name, f"{short}（类）"))


def _path(w: Writer, code: str) -> str:
    """A 项 as narratives name it: the full 类/款/项 path, or its own name."""
    c, k, x = codes.name(code[:3]).removesuffix("支出"), codes.name(code[:5]), codes.name(code)
    spent = x if x.endswith("支出") else f"{x}支出"
    return w.pick(
        (
            f"{c}（类）{k}（款）{x}（项）",
            f"{c}（类）{k}（款）{spent}（项）",
            f"{x}（项）",
            f"{k}（款）{x}（项）",
        )
    )


def general(w: Writer) -> list[Para]:
    a = w.a
    out: list[Para] = [["（一）一般公共预算财政拨款支出决算总体情况"]]
    w.statement()
    spent = w.amount("gp.exp", a.spend(source="general"))
    whole = w.amount("exp.total", a.spend())
    share = w.share(spent, whole)
    sentence = [year(w), "一般公共预算财政拨款支出", spent, "，占本年支出合计的", share, "，"]
    clause = change(w, "gp.exp", spent, a.prior["gp.exp"])
    moved = any(isinstance(s, Slot) and s.kind == "rate" for s in clause)
    tail = reason(w, _causes(spent.info["exact"], a.prior["gp.exp"])) if moved else ["。"]
    out.append([*sentence, *clause, *tail])
    out.append(["（二）一般公共预算财政拨款支出决算结构情况"])
    w.statement()
    total = w.amount("gp.exp", a.spend(source="general"))
    classes = sorted({c[:3] for c in a.nodes("general")})
    parts = [(_class_name(w, c), w.amount(f"gpf:{c}:total", a.spend(c, "general"))) for c in classes]
    out.append(
        total_with_parts(
            w, [year(w), "一般公共预算财政拨款支出"], total, parts, True, "一般公共预算财政拨款支出"
        )
    )
    out.append(["（三）一般公共预算财政拨款支出决算具体情况"])
    w.statement()
    actual = w.amount("gp.exp", a.spend(source="general"))
    out.append(
        [
            year(w),
            "一般公共预算财政拨款支出",
            *completion(w, "gp.exp", actual, a.budget["gp.exp"]),
            "。其中：",
        ]
    )
    leaves = [leaf for leaf in a.leaves if leaf.spend("general")]
    for n, leaf in enumerate(leaves, start=1):
        w.statement()
        spent_leaf = w.amount(f"gpf:{leaf.code}:total", leaf.spend("general"))
        line: list[Seg] = [
            f"{n}.{_path(w, leaf.code)}：",
            *completion(w, leaf.code, spent_leaf, leaf.budget_initial),
        ]
        if leaf.budget_initial:
            line += ["。", *comparison(w, leaf.spend("general"), leaf.budget_initial, CAUSES)]
        else:
            line += ["，主要原因是", w.pick(REASONS_OVER), "。"]
        out.append(line)
    return out


def basic(w: Writer) -> list[Para]:
    a = w.a
    w.statement()
    total = w.amount("gp.basic", a.spend(source="general", part="basic"))
    parts = [("人员经费", w.amount("personnel", a.personnel)), ("公用经费", w.amount("public", a.public))]
    out = [
        total_with_parts(
            w,
            [year(w), "一般公共预算财政拨款基本支出"],
            total,
            parts,
            w.rng.random() < 0.5,
            "基本支出",
            breakdown=True,
        )
    ]
    wages = [n for c, n in codes.economic_parts("301") if c in a.econ][:4]
    goods = [n for c, n in codes.economic_parts("302") if c in a.econ][:5]
    out.append([f"人员经费主要包括{'、'.join(wages)}等；公用经费主要包括{'、'.join(goods)}等。"])
    return out


SANGONG_FORMS = (
    "{name}支出决算为{actual}，预算数{budget}，完成预算的{rate}，{change}",
    "{name}全年预算{budget}，实际支出{actual}，预算执行率{rate}，{change}",
    "{name}支出决算{actual}，为预算数{budget}的{rate}，{change}",
    "{name}决算数{actual}，预算数{budget}，决算数占预算数的{rate}，{change}",
    "{name}年初预算{budget}，支出决算{actual}，执行率{rate}，{change}",
)
SANGONG_NO_BUDGET = ("{name}支出决算为{actual}，{change}", "{name}支出{actual}，{change}")


def _sangong_item(w: Writer, item: str, name: str, triple: Triple) -> list[Seg]:
    """One 三公 cost against its budget and last year, with the reason of the change."""
    w.statement()
    actual = w.amount(f"sg.{item}.actual", triple.actual)
    if not triple.actual:
        if not triple.prior:
            return [f"{name}支出决算为", actual, w.pick(("，与上年持平。", "。"))]
        return [f"{name}支出决算为", actual, "，", *change(w, f"sg.{item}", actual, triple.prior), "。"]
    clause = change(w, f"sg.{item}", actual, triple.prior)
    moved = any(isinstance(s, Slot) and s.kind == "rate" for s in clause)
    tail = reason(w, _sangong_causes(w, item)) if moved else ["。"]
    if not triple.budget:
        return [*fill(w.pick(SANGONG_NO_BUDGET), name=name, actual=actual, change=clause), *tail]
    budget = w.amount(f"sg.{item}.budget", triple.budget, "completion.rate")
    rate = w.completion(f"sg.{item}", triple.actual, triple.budget)
    rate.info.update(actual_slot=actual, budget_slot=budget)
    actual.rules.add("completion.rate")
    form = w.pick(SANGONG_FORMS)
    return [*fill(form, name=name, actual=actual, budget=budget, rate=rate, change=clause), *tail]


def sangong(w: Writer) -> list[Para]:
    a = w.a
    sg = a.sangong
    out: list[Para] = [["（一）“三公”经费财政拨款支出决算总体情况说明"]]
    out.append([year(w), "“三公”经费财政拨款", *_sangong_item(w, "total", "", sg.total)])
    if sg.total.actual:
        w.statement()
        total = w.amount("sg.total.actual", sg.total.actual)
        parts = [
            ("因公出国（境）费支出决算", w.amount("sg.abroad.actual", sg.abroad.actual)),
            ("公务用车购置及运行费支出决算", w.amount("sg.car.actual", sg.car.actual)),
            ("公务接待费支出决算", w.amount("sg.reception.actual", sg.reception.actual)),
        ]
        out.append(
            total_with_parts(
                w, "“三公”经费财政拨款支出决算", total, parts, w.rng.random() < 0.6, "“三公”经费"
            )
        )
    out.append(["（二）“三公”经费财政拨款支出决算具体情况说明"])
    abroad = _sangong_item(w, "abroad", "1.因公出国（境）费", sg.abroad)
    if sg.abroad_groups:
        abroad.append(f"全年安排因公出国（境）团组{sg.abroad_groups}个，累计{sg.abroad_people}人次。")
    out.append(abroad)
    car = _sangong_item(w, "car", "2.公务用车购置及运行费", sg.car)
    out.append(car)
    if sg.car.actual:
        w.statement()
        total = w.amount("sg.car.actual", sg.car.actual)
        parts = [
            ("公务用车购置费", w.amount("sg.car_buy.actual", sg.car_buy.actual)),
            ("公务用车运行维护费", w.amount("sg.car_run.actual", sg.car_run.actual)),
        ]
        out.append(total_with_parts(w, "公务用车购置及运行费", total, parts, False, breakdown=True))
    out.append([f"截至{a.year}年12月31日，本部门开支财政拨款的公务用车保有量为{a.cars}辆。"])
    reception = _sangong_item(w, "reception", "3.公务接待费", sg.reception)
    if sg.reception_batches:
        reception.append(
            w.pick(
                (
                    f"全年共接待来访团组{sg.reception_batches}批次，{sg.reception_people}人次。",
                    f"共计接待{sg.reception_batches}批次、{sg.reception_people}人次。",
                )
            )
        )
    out.append(reception)
    return out


def govfund(w: Writer) -> list[Para]:
    a = w.a
    name = title(w, "govfund")
    if not (a.income("govfund") or a.carry("open", "govfund")):
        return [
            [
                w.pick(
                    (
                        f"本部门{a.year}年度无政府性基金预算财政拨款收入，也没有使用政府性基金预算财政拨款安排的支出，"
                        f"故《{name}》为空表。",
                        f"{a.year}年度本单位没有政府性基金预算财政拨款收支，《{name}》为空表。",
                    )
                )
            ]
        ]
    return [
        [
            year(w),
            "政府性基金预算财政拨款",
            *balance(
                w,
                ("gf.open", "inc.src:govfund", "gf.exp", "gf.close"),
                a.carry("open", "govfund"),
                a.income("govfund"),
                a.spend(source="govfund"),
                a.carry("close", "govfund"),
            ),
        ]
    ]


def capital(w: Writer) -> list[Para]:
    name = title(w, "capital")
    return [
        [
            w.pick(
                (
                    f"本部门{w.a.year}年度无国有资本经营预算财政拨款支出，故《{name}》为空表。",
                    f"{w.a.year}年度本单位没有使用国有资本经营预算财政拨款安排的支出，《{name}》无数据。",
                )
            )
        ]
    ]


def ops(w: Writer) -> list[Para]:
    a = w.a
    w.statement()
    figure = w.amount("ops", a.ops)
    head: list[Seg] = [year(w), w.pick(("本部门机关运行经费支出", "机关运行经费支出", "本单位机关运行经费"))]
    line = changed(w, "ops", head, figure, a.prior["ops"])
    self_word = w.word(a.unit.self_word, "self")
    return [line, [self_word, "严格执行各项经费开支标准，控制机关运行成本。"]]


def meetings(w: Writer) -> list[Para]:
    a = w.a
    w.statement()
    m = w.amount("econ:30215", a.meetings)
    t = w.amount("econ:30216", a.training)
    return [
        [
            year(w),
            "本部门会议费支出",
            m,
            "，主要用于召开业务工作会议；培训费支出",
            t,
            "，主要用于干部业务培训。",
        ]
    ]


def procurement(w: Writer) -> list[Para]:
    a = w.a
    p = a.procurement
    if not p.total:
        return [[year(w), "本部门未发生政府采购支出。"]]
    w.statement()
    total = w.amount("proc.total", p.total)
    parts = [
        ("政府采购货物支出", w.amount("proc.goods", p.goods)),
        ("政府采购工程支出", w.amount("proc.works", p.works)),
        ("政府采购服务支出", w.amount("proc.services", p.services)),
    ]
    out: list[Para] = [
        total_with_parts(w, [year(w), "本部门政府采购支出总额"], total, parts, False, breakdown=True)
    ]
    w.statement()
    whole = w.amount("proc.total", p.total)
    sme = w.amount("proc.sme", p.sme)
    small = w.amount("proc.small", p.small)
    out.append(
        [
            "授予中小企业合同金额",
            sme,
            "，占政府采购支出总额",
            whole,
            "的",
            w.share(sme, whole),
            "，其中授予小微企业合同金额",
            small,
            "，占政府采购支出总额的",
            w.share(small, whole),
            "。",
        ]
    )
    return out


def assets(w: Writer) -> list[Para]:
    a = w.a
    kinds = "，".join(f"{k}{n}辆" for k, n in a.vehicles.items())
    cars = f"本部门共有车辆{a.cars}辆" + (f"，其中：{kinds}" if kinds else "")
    return [
        [
            f"截至{a.year}年12月31日，{cars}；单位价值50万元以上通用设备0台（套），单位价值100万元以上专用设备0台（套）。"
        ]
    ]


def performance(w: Writer, perf_score: tuple[Slot, Slot] | None) -> list[Para]:
    out: list[Para] = [
        [
            w.pick(
                (
                    "本部门按要求组织开展了部门整体支出绩效自评和重点项目绩效自评。",
                    "本部门对全部项目支出开展了绩效自评，并对部门整体支出开展了绩效评价。",
                )
            )
        ]
    ]
    if perf_score is not None:
        score, grade = perf_score
        out.append(["部门整体支出绩效自评得分为", score, "分，自评等级为“", grade, "”，详见附件。"])
    return out
