"""The parts of a disclosure around the tables: title, 目录, 部门概况 and 名词解释."""

from __future__ import annotations

from ..doc import Para, Seg
from .tables import numeral, title
from .writer import Writer

SECTIONS = (
    "收入支出决算总体情况说明",
    "收入决算情况说明",
    "支出决算情况说明",
    "财政拨款收入支出决算总体情况说明",
    "一般公共预算财政拨款支出决算情况说明",
    "一般公共预算财政拨款基本支出决算情况说明",
    "一般公共预算财政拨款“三公”经费支出决算情况说明",
    "政府性基金预算财政拨款收入支出决算情况说明",
    "国有资本经营预算财政拨款支出决算情况说明",
    "机关运行经费支出情况说明",
    "一般性支出情况说明",
    "政府采购支出情况说明",
    "国有资产占用情况说明",
    "预算绩效情况说明",
    "其他重要事项的情况说明",
)
GLOSSARY = (
    "财政拨款收入：指单位从同级财政部门取得的财政预算资金。",
    "事业收入：指事业单位开展专业业务活动及其辅助活动取得的收入。",
    "其他收入：指单位取得的除上述收入以外的各项收入。",
    "年初结转和结余：指以前年度尚未完成、结转到本年按有关规定继续使用的资金。",
    "年末结转和结余：指单位按有关规定结转到下年或以后年度继续使用的资金。",
    "基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员经费和公用经费。",
    "项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
    "“三公”经费：指用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。",
    "机关运行经费：指为保障行政单位运行用于购买货物和服务的各项资金，包括办公及印刷费、邮电费、差旅费、"
    "会议费、福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、办公用房取暖费、办公用房物业管理费、"
    "公务用车运行维护费以及其他费用。",
)


def year(w: Writer, suffix: str = "年度") -> Seg:
    """The fiscal year as a heading prints it (a slot: a plant may age it or blank it)."""
    return w.word(f"{w.a.year}{suffix}", "year", heading=True)


def cover(w: Writer, kind: str) -> list[Para]:
    """The title: it names the unit and the year the rest is checked against, so it is plain
    text, never a slot a plant could change."""
    unit, fiscal = w.a.unit.name, f"{w.a.year}年度"
    forms: list[list[Para]] = [
        [[unit], [fiscal + kind]],
        [[unit + fiscal + kind + "公开"]],
        [[f"{w.a.year}年{unit}{kind}"]],
        [[unit], [fiscal + kind + "公开说明"]],
    ]
    return [[], *w.rng.choice(forms), []]


def contents(w: Writer, tables: list[str], sections: int) -> list[Para]:
    """目录: the four parts, the tables (a slot each: a missing table is named here)."""
    out: list[Para] = [[w.pick(("目 录", "目录"))], []]
    out.append(["第一部分 ", w.word(w.a.unit.name, "unit"), "概况"])
    out += [["一、部门职责"], ["二、机构设置"]]
    out.append(["第二部分 ", year(w), "部门决算表"])
    for n, name in enumerate(tables, start=1):
        out.append([f"{numeral(n)}、", w.word(title(w, name), "toc", key=f"toc:{name}")])
    out.append(["第三部分 ", year(w), "部门决算情况说明"])
    out += [[f"{numeral(n)}、{s}"] for n, s in enumerate(SECTIONS[:sections], start=1)]
    out.append(["第四部分 名词解释"])
    return [*out, []]


def overview(w: Writer) -> list[Para]:
    a = w.a
    unit = a.unit
    out: list[Para] = [["第一部分 ", w.word(unit.name, "unit"), "概况"], [], ["一、部门职责"]]
    out.append(
        [w.word(unit.short, "unit", key="short"), w.pick(("的主要职责是：", "主要职能：", "的主要职责："))]
    )
    duties = w.rng.sample(unit.department.duties, w.rng.randint(3, len(unit.department.duties)))
    out += [[f"（{numeral(n)}）{d}。"] for n, d in enumerate(duties, start=1)]
    out += [[], ["二、机构设置"]]
    offices = "、".join(a.staff.offices)
    out.append([f"本部门内设{len(a.staff.offices)}个机构，分别是：{offices}。"])
    out.append(
        [f"本部门编制{a.staff.posts}名，实有在职人员{a.staff.serving}人，离退休人员{a.staff.retired}人。"]
    )
    out.append(
        [
            "纳入",
            w.word(unit.name, "unit"),
            year(w),
            "部门决算编制范围的单位包括：",
            w.word(unit.name, "unit"),
            "本级。",
        ]
    )
    return [*out, []]


def glossary(w: Writer) -> list[Para]:
    items = list(GLOSSARY)
    w.rng.shuffle(items)
    out: list[Para] = [["第四部分 名词解释"], []]
    out += [[f"{numeral(n)}、{g}"] for n, g in enumerate(items[: w.rng.randint(5, len(items))], start=1)]
    return [*out, []]
