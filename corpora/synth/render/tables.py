"""The nine 公开 tables of a 部门决算 disclosure, in the layout the style asks for.

Every money cell is a slot keyed by what it is (`expf:2010301:basic` is the 基本支出 of
项 2010301 in the 支出决算表); a cell that is the sum of other cells lists them in
`info["children"]`, so that a plant knows which total it breaks and the gold can tell a
rounding difference (a true negative) from an error.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from .. import codes
from ..accounts import FISCAL, SOURCE_NAMES, SOURCES, ZERO, Accounts
from ..doc import Para, Seg, Slot, Table
from .writer import Writer

CN = "一二三四五六七八九十"
Column = tuple[str, str, Callable[[str], Decimal]]  # id, header, amount of a code prefix


def numeral(n: int) -> str:
    """1 → 一, 12 → 十二, 26 → 二十六."""
    if n <= 10:
        return CN[n - 1]
    tens, ones = divmod(n, 10)
    return (CN[tens - 1] if tens > 1 else "") + "十" + (CN[ones - 1] if ones else "")


TITLES = {
    "totals": ("收入支出决算总表", "收入支出决算总表"),
    "income": ("收入决算表", "收入决算表"),
    "spending": ("支出决算表", "支出决算表"),
    "fiscal": ("财政拨款收入支出决算总表", "财政拨款收支决算总表"),
    "general": ("一般公共预算财政拨款支出决算表", "一般公共预算财政拨款支出决算明细表"),
    "basic": ("一般公共预算财政拨款基本支出决算表", "一般公共预算财政拨款基本支出决算明细表"),
    "sangong": ("一般公共预算财政拨款“三公”经费支出决算表", "一般公共预算财政拨款“三公”经费支出决算表"),
    "govfund": ("政府性基金预算财政拨款收入支出决算表", "政府性基金预算财政拨款收入支出决算表"),
    "capital": ("国有资本经营预算财政拨款支出决算表", "国有资本经营预算财政拨款收入支出决算表"),
}
NOTES = {
    "totals": "注：本表反映部门本年度的总收支和年末结转结余情况。",
    "income": "注：本表反映部门本年度取得的各项收入情况。",
    "spending": "注：本表反映部门本年度各项支出情况。",
    "fiscal": "注：本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的"
    "总收支和年末结转结余情况。",
    "general": "注：本表反映部门本年度一般公共预算财政拨款实际支出情况。",
    "basic": "注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。",
    "sangong": "注：本表反映部门本年度“三公”经费支出预决算情况。其中，预算数为“三公”经费全年预算数，"
    "决算数是包括当年一般公共预算财政拨款和以前年度结转资金安排的实际支出。",
    "govfund": "注：本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。",
    "capital": "注：本表反映部门本年度国有资本经营预算财政拨款支出情况。",
}
EMPTY_NOTES = (
    "（说明：本单位{year}年度无{what}，故本表为空表。）",
    "注：本部门{year}年度没有{what}，本表无数据。",
    "本单位无{what}，故本表为空表。",
    "说明：{unit}{year}年度无{what}，按要求以空表公开。",
)
EMPTY_WHAT = {
    "govfund": "政府性基金预算财政拨款收入，也没有使用政府性基金预算财政拨款安排的支出",
    "capital": "国有资本经营预算财政拨款收入，也没有使用国有资本经营预算财政拨款安排的支出",
}


def title(w: Writer, name: str) -> str:
    return TITLES[name][1 if w.style.shanghai else 0]


def caption(w: Writer, name: str, number: int) -> list[Para]:
    """The lines above a table: title, form label, unit and department, in a drawn order."""
    label = w.style.labels.format(n=number, cn=numeral(number))
    unit = w.word(w.a.unit.name, "unit")
    lines: list[Para] = [[title(w, name)]]
    rest: list[Para] = [[w.pick(("编制单位：", "部门：", "单位名称："))], [f"单位：{w.unit_label}"]]
    rest[0].append(unit)
    w.rng.shuffle(rest)
    if label:
        rest.insert(0, [label])
    return lines + rest


def broken(w: Writer, header: list[list[str]]) -> list[list[str]]:
    """Header cells broken over several lines, as PDF extraction leaves them."""
    if not w.style.multiline:
        return header
    out: list[list[str]] = []
    for row in header:
        pieces = [_pieces(w, cell) for cell in row]
        depth = max(len(p) for p in pieces)
        out.extend([p[i] if i < len(p) else "" for p in pieces] for i in range(depth))
    return out


def _pieces(w: Writer, cell: str) -> list[str]:
    if len(cell) <= 4:
        return [cell]
    size = w.rng.randint(2, 4)
    return [cell[i : i + size] for i in range(0, len(cell), size)]


# --- the functional tree ------------------------------------------------------------------


def label_header(w: Writer) -> list[list[str]]:
    if w.style.codes == "split":
        return [["科目编码", "", "", "科目名称"], ["类", "款", "项", ""]]
    if w.style.codes == "column":
        return [[w.pick(("功能分类科目编码", "科目编码")), "科目名称"]]
    return [["项目"]]


def labels(w: Writer, code: str, first: bool, table: str) -> list[Seg]:
    """The label cells of a tree row; the first 类 code is a slot (a code is not an amount),
    and so is the name of a 款 or 项 in a cell of its own (a plant may swap it for a
    sibling's)."""
    if code == "":
        totals: dict[str, list[Seg]] = {"split": ["合计", "", "", ""], "column": ["合计", ""]}
        return totals.get(w.style.codes, ["合计"])
    printed = codes.name(code)
    name: Seg = printed
    if w.style.codes in ("split", "column") and len(code) > 3:
        name = Slot(printed, "name", f"name:{code}", info={"code": code}, group=w.group, table=table,
                    label=printed)
    if w.style.codes == "split":
        kl, kk, kx = code[:3], code[3:5], code[5:7]
        repeat = w.style.split_repeat
        lead = kl if repeat or len(code) == 3 else ""
        cells: list[Seg] = [lead, kk if repeat or len(code) == 5 else "", kx, name]
        if first:
            cells[0] = Slot(lead, "code", f"code:{code}", group=w.group)
        return cells
    if w.style.codes == "column":
        return [Slot(code, "code", f"code:{code}", group=w.group) if first else code, name]
    if w.style.in_name == "level":
        return [f"{codes.name(code)}（{'类款项'[(len(code) - 3) // 2]}）"]
    return [f"{code} {codes.name(code)}"]


def tree(
    w: Writer, table: str, prefix: str, nodes: list[str], columns: list[Column], totals: dict[str, str]
) -> list[list[Para]]:
    """Rows of the 合计 line and the 类/款/项 tree; parents list their children per column."""
    slots: dict[tuple[str, str], Seg] = {}
    rows_by_code: dict[str, list[Para]] = {}
    for code in ["", *nodes]:
        w.statement()
        label = "合计" if code == "" else codes.name(code)
        row: list[Para] = [[c] for c in labels(w, code, code == nodes[0] if nodes else False, table)]
        for col, _, amount in columns:
            key = totals[col] if code == "" else f"{prefix}:{code}:{col}"
            cell = w.cell(key, amount(code), table, label)
            slots[(code, col)] = cell
            row.append([cell])
        rows_by_code[code] = row
    for (code, col), cell in slots.items():
        if isinstance(cell, Slot):
            kids = [slots[(c, col)] for c in nodes if _parent(c) == code]
            cell.info["children"] = [k for k in kids if isinstance(k, Slot)]
            cell.info["node"] = code
    order = [*nodes, ""] if not w.style.total_first else ["", *nodes]
    return [rows_by_code[c] for c in order]


def _parent(code: str) -> str:
    return {3: "", 5: code[:3], 7: code[:5]}[len(code)]


def lanci(w: Writer, label_width: int, values: int, start: int = 1) -> list[list[str]]:
    if not w.style.lanci:
        return []
    return [["栏次", *[""] * (label_width - 1), *[str(start + i) for i in range(values)]]]


def _table(
    w: Writer, name: str, number: int, header: list[list[str]], rows: list[list[Para]], empty: bool = False
) -> Table:
    notes: list[Para] = [[NOTES[name]]]
    if empty:
        note = w.pick(EMPTY_NOTES).format(year=w.a.year, what=EMPTY_WHAT[name], unit=w.a.unit.short)
        notes.append([note])
    return Table(name, title(w, name), caption(w, name, number), header, rows, notes, empty)


def _tree_table(
    w: Writer,
    name: str,
    number: int,
    prefix: str,
    nodes: list[str],
    groups: list[tuple[str, int]],
    columns: list[Column],
    totals: dict[str, str],
) -> Table:
    lh = label_header(w)
    top = [*([""] * (len(lh[0]))), *[g for g, span in groups for g in [g, *[""] * (span - 1)]]]
    bottom = [h for _, h, _ in columns]
    label_rows = lh if len(lh) == 2 else [lh[0], [""] * len(lh[0])]
    if groups:
        header = [[*label_rows[0], *top[len(lh[0]) :]], [*label_rows[1], *bottom]]
    else:
        header = [[*lh[0], *bottom]] if len(lh) == 1 else [[*lh[0], *bottom], [*lh[1], *[""] * len(bottom)]]
    header = broken(w, header) + lanci(w, len(lh[0]), len(columns))
    empty = not nodes
    rows = tree(w, name, prefix, nodes, columns, totals)
    return _table(w, name, number, header, rows, empty and name in EMPTY_WHAT)


def _income_of(a: Accounts, source: str) -> Callable[[str], Decimal]:
    return lambda prefix: a.income(source, prefix)


def income(w: Writer, number: int) -> Table:
    a = w.a
    cols: list[Column] = [
        ("total", "本年收入合计", lambda p: a.income(prefix=p)),
        ("fiscal", "财政拨款收入", lambda p: sum((a.income(s, p) for s in FISCAL), ZERO)),
    ]
    cols += [(s, SOURCE_NAMES[s], _income_of(a, s)) for s in SOURCES[3:]]
    totals = {"total": "inc.total", "fiscal": "fa.inc", **{s: f"inc.src:{s}" for s in SOURCES[3:]}}
    return _tree_table(w, "income", number, "incf", a.nodes(), [], cols, totals)


def spending(w: Writer, number: int) -> Table:
    a = w.a
    cols: list[Column] = [
        ("total", "本年支出合计", lambda p: a.spend(p)),
        ("basic", "基本支出", lambda p: a.spend(p, part="basic")),
        ("project", "项目支出", lambda p: a.spend(p, part="project")),
        ("upper", "上缴上级支出", lambda p: ZERO),
        ("operating", "经营支出", lambda p: ZERO),
        ("affiliated", "对附属单位补助支出", lambda p: ZERO),
    ]
    totals = {
        "total": "exp.total",
        "basic": "exp.basic",
        "project": "exp.project",
        "upper": "exp.upper",
        "operating": "exp.operating",
        "affiliated": "exp.affiliated",
    }
    return _tree_table(w, "spending", number, "expf", a.nodes(), [], cols, totals)


def general(w: Writer, number: int) -> Table:
    a = w.a
    cols: list[Column] = [
        ("total", w.pick(("小计", "合计")), lambda p: a.spend(p, "general")),
        ("basic", "基本支出", lambda p: a.spend(p, "general", "basic")),
        ("project", "项目支出", lambda p: a.spend(p, "general", "project")),
    ]
    totals = {"total": "gp.exp", "basic": "gp.basic", "project": "gp.project"}
    return _tree_table(w, "general", number, "gpf", a.nodes("general"), [("本年支出", 3)], cols, totals)


def capital(w: Writer, number: int) -> Table:
    a = w.a
    cols: list[Column] = [
        ("total", "合计", lambda p: a.spend(p, "capital")),
        ("basic", "基本支出", lambda p: ZERO),
        ("project", "项目支出", lambda p: a.spend(p, "capital", "project")),
    ]
    totals = {"total": "cap.exp", "basic": "cap.basic", "project": "cap.project"}
    return _tree_table(w, "capital", number, "capf", a.nodes("capital"), [("本年支出", 3)], cols, totals)


def govfund(w: Writer, number: int) -> Table:
    a = w.a
    cols: list[Column] = [
        ("open", "年初结转和结余", lambda p: a.carry("open", "govfund", p)),
        ("income", "本年收入", lambda p: a.income("govfund", p)),
        ("total", "小计", lambda p: a.spend(p, "govfund")),
        ("basic", "基本支出", lambda p: ZERO),
        ("project", "项目支出", lambda p: a.spend(p, "govfund", "project")),
        ("close", "年末结转和结余", lambda p: a.carry("close", "govfund", p)),
    ]
    totals = {
        "open": "gf.open",
        "income": "inc.src:govfund",
        "total": "gf.exp",
        "basic": "gf.basic",
        "project": "gf.project",
        "close": "gf.close",
    }
    return _tree_table(
        w, "govfund", number, "gff", a.nodes("govfund"), [("", 2), ("本年支出", 3), ("", 1)], cols, totals
    )


# --- the totals tables --------------------------------------------------------------------


def totals(w: Writer, number: int) -> Table:
    """收入支出决算总表: income and spending side by side (with or without 行次) or stacked."""
    a = w.a
    rules = ("sum.table", "sum.identity")
    w.statement()
    income_rows: list[tuple[str, Seg]] = []
    for n, s in enumerate(SOURCES, start=1):
        income_rows.append(
            (
                f"{numeral(n)}、{SOURCE_NAMES[s]}",
                w.cell(f"inc.src:{s}", a.income(s), "totals", SOURCE_NAMES[s], rules),
            )
        )
    all_classes = w.rng.random() < 0.6
    spend_rows: list[tuple[str, Seg]] = []
    used = {c[:3] for c in a.nodes()}
    for code, cname in codes.classes(a.year):
        if code in used or all_classes:
            label = f"{numeral(len(spend_rows) + 1)}、{cname}"
            spend_rows.append((label, w.cell(f"expf:{code}:total", a.spend(code), "totals", cname, rules)))
    inc_total = w.cell("inc.total", a.income(), "totals", "本年收入合计", rules, blank=False)
    exp_total = w.cell("exp.total", a.spend(), "totals", "本年支出合计", rules, blank=False)
    _children(inc_total, [c for _, c in income_rows])
    _children(exp_total, [c for _, c in spend_rows])
    surplus = w.cell("surplus", ZERO, "totals", "使用非财政拨款结余", rules)
    alloc = w.cell("alloc", ZERO, "totals", "结余分配", rules)
    opening = w.cell("open", a.carry("open"), "totals", "年初结转和结余", rules)
    closing = w.cell("close", a.carry("close"), "totals", "年末结转和结余", rules)
    grand_in = w.cell("grand", a.income() + a.carry("open"), "totals", "总计", rules, blank=False)
    grand_out = w.cell("grand", a.spend() + a.carry("close"), "totals", "总计", rules, blank=False)
    _children(grand_in, [inc_total, surplus, opening])
    _children(grand_out, [exp_total, alloc, closing])
    tail_in = [
        ("本年收入合计", inc_total),
        ("使用非财政拨款结余", surplus),
        ("年初结转和结余", opening),
        ("总计", grand_in),
    ]
    tail_out = [
        ("本年支出合计", exp_total),
        ("结余分配", alloc),
        ("年末结转和结余", closing),
        ("总计", grand_out),
    ]
    if w.style.totals == "stacked":
        header = broken(w, [["项目", "决算数"]])
        rows: list[list[Para]] = [[[label], [cell]] for label, cell in [*income_rows, *tail_in[:3]]]
        rows.append([["收入总计"], [grand_in]])
        rows += [[[label], [cell]] for label, cell in [*spend_rows, *tail_out[:3]]]
        rows.append([["支出总计"], [grand_out]])
        return _table(w, "totals", number, header, rows)
    side = w.style.totals == "side"
    header = [
        ["收入", *([""] * (2 if side else 1)), "支出", *([""] * (2 if side else 1))],
        ["项目", *(["行次"] if side else []), "决算数", "项目", *(["行次"] if side else []), "决算数"],
    ]
    header = broken(w, header)
    if side and w.style.lanci:
        header.append(["栏次", "", "1", "栏次", "", "2"])
    body = max(len(income_rows), len(spend_rows))
    lefts = [*income_rows, *[("", "")] * (body - len(income_rows)), *tail_in]
    rights = [*spend_rows, *[("", "")] * (body - len(spend_rows)), *tail_out]
    numbered_left = [i for i, (label, _) in enumerate(lefts) if label]
    numbered_right = [i for i, (label, _) in enumerate(rights) if label]
    rows = [
        _side(
            side,
            left,
            right,
            numbered_left.index(i) + 1 if i in numbered_left else 0,
            len(numbered_left) + numbered_right.index(i) + 1 if i in numbered_right else 0,
        )
        for i, (left, right) in enumerate(zip(lefts, rights, strict=True))
    ]
    return _table(w, "totals", number, header, rows)


def _side(side: bool, left: tuple[str, Seg], right: tuple[str, Seg], lno: int, rno: int) -> list[Para]:
    out: list[Para] = [[left[0]]]
    if side:
        out.append([str(lno) if lno else ""])
    out.append([left[1]])
    out.append([right[0]])
    if side:
        out.append([str(rno) if rno else ""])
    out.append([right[1]])
    return out


def _children(total: Seg, parts: list[Seg]) -> None:
    if isinstance(total, Slot):
        total.info["children"] = [p for p in parts if isinstance(p, Slot)]


def fiscal(w: Writer, number: int) -> Table:
    """财政拨款收入支出决算总表: the three fiscal sources against spending by class and fund."""
    a = w.a
    rules = ("sum.table", "sum.identity")
    w.statement()
    names = {
        "general": "一般公共预算财政拨款",
        "govfund": "政府性基金预算财政拨款",
        "capital": "国有资本经营预算财政拨款",
    }
    incomes = [
        (f"{numeral(n)}、{names[s]}", w.cell(f"inc.src:{s}", a.income(s), "fiscal", names[s], rules))
        for n, s in enumerate(FISCAL, start=1)
    ]
    used = sorted({c[:3] for c in a.nodes() if any(a.spend(c, s) for s in FISCAL)})
    spend: list[tuple[str, list[Seg]]] = []
    for n, code in enumerate(used, start=1):
        cname = codes.name(code)
        cells = [
            w.cell(f"faf:{code}:total", sum((a.spend(code, s) for s in FISCAL), ZERO), "fiscal", cname, rules)
        ]
        cells += [
            w.cell(
                f"{'gpf' if s == 'general' else 'faf'}:{code}:{s if s != 'general' else 'total'}",
                a.spend(code, s),
                "fiscal",
                cname,
                rules,
            )
            for s in FISCAL
        ]
        _children(cells[0], cells[1:])
        spend.append((f"{numeral(n)}、{cname}", cells))
    inc_total = w.cell("fa.inc", a.fiscal_income(), "fiscal", "本年收入合计", rules, blank=False)
    _children(inc_total, [c for _, c in incomes])
    exp_cells = [w.cell("fa.exp", a.fiscal_spend(), "fiscal", "本年支出合计", rules, blank=False)]
    exp_cells += [
        w.cell(
            {"general": "gp.exp", "govfund": "gf.exp", "capital": "cap.exp"}[s],
            a.spend(source=s),
            "fiscal",
            "本年支出合计",
            rules,
        )
        for s in FISCAL
    ]
    opens = [w.cell(f"fa.open:{s}", a.carry("open", s), "fiscal", names[s], rules) for s in FISCAL]
    open_total = w.cell(
        "fa.open", sum((a.carry("open", s) for s in FISCAL), ZERO), "fiscal", "年初财政拨款结转和结余", rules
    )
    _children(open_total, opens)
    close_cells = [
        w.cell(
            "fa.close",
            sum((a.carry("close", s) for s in FISCAL), ZERO),
            "fiscal",
            "年末财政拨款结转和结余",
            rules,
        )
    ]
    close_cells += [
        w.cell(f"fa.close:{s}", a.carry("close", s), "fiscal", "年末财政拨款结转和结余", rules)
        for s in FISCAL
    ]
    grand = a.fiscal_income() + sum((a.carry("open", s) for s in FISCAL), ZERO)
    grand_in = w.cell("fa.grand", grand, "fiscal", "总计", rules, blank=False)
    grand_out = w.cell("fa.grand", grand, "fiscal", "总计", rules, blank=False)
    _children(grand_in, [inc_total, open_total])
    header = broken(
        w,
        [
            ["收入", "", "支出", "", "", "", ""],
            [
                "项目",
                "金额",
                "项目",
                "合计",
                "一般公共预算财政拨款",
                "政府性基金预算财政拨款",
                "国有资本经营预算财政拨款",
            ],
        ],
    )
    if w.style.lanci:
        header.append(["栏次", "1", "栏次", "2", "3", "4", "5"])
    rows: list[list[Para]] = []
    for i in range(max(len(incomes), len(spend))):
        left = incomes[i] if i < len(incomes) else ("", "")
        right = spend[i] if i < len(spend) else ("", ["", "", "", ""])
        rows.append([[left[0]], [left[1]], [right[0]], *[[c] for c in right[1]]])
    rows.append([["本年收入合计"], [inc_total], ["本年支出合计"], *[[c] for c in exp_cells]])
    rows.append(
        [["年初财政拨款结转和结余"], [open_total], ["年末财政拨款结转和结余"], *[[c] for c in close_cells]]
    )
    for s, cell in zip(FISCAL, opens, strict=True):
        rows.append([[names[s]], [cell], [""], [""], [""], [""], [""]])
    rows.append([["总计"], [grand_in], ["总计"], [grand_out], [""], [""], [""]])
    return _table(w, "fiscal", number, header, rows)


def basic(w: Writer, number: int) -> Table:
    """The economic split of the general-budget 基本支出: 人员经费 left, 公用经费 right."""
    a = w.a
    w.statement()

    def block(heads: tuple[str, ...]) -> list[tuple[str, str, Seg]]:
        out: list[tuple[str, str, Seg]] = []
        for head in heads:
            parts = [(c, n) for c, n in codes.economic_parts(head) if c in a.econ]
            if not parts and not a.econ_total(head):
                continue
            total = w.cell(f"econ:{head}", a.econ_total(head), "basic", codes.economic()[head])
            kids = [w.cell(f"econ:{c}", a.econ[c], "basic", n) for c, n in parts]
            _children(total, kids)
            out.append((head, codes.economic()[head], total))
            out += [(c, n, k) for (c, n), k in zip(parts, kids, strict=True)]
        return out

    left, right = block(("301", "303")), block(("302", "310"))
    personnel = w.cell("personnel", a.personnel, "basic", "人员经费合计", blank=False)
    public = w.cell("public", a.public, "basic", "公用经费合计", blank=False)
    _children(personnel, [c for code, _, c in left if len(code) == 3])
    _children(public, [c for code, _, c in right if len(code) == 3])
    head = [w.pick(("经济分类科目编码", "科目编码")), "科目名称", "决算数"]
    header = broken(w, [[*head, *head]])
    rows: list[list[Para]] = []
    for i in range(max(len(left), len(right))):
        cells: list[Para] = []
        for side in (left, right):
            code, name, cell = side[i] if i < len(side) else ("", "", "")
            cells += [[code], [name], [cell]]
        rows.append(cells)
    rows.append([["人员经费合计"], [""], [personnel], ["公用经费合计"], [""], [public]])
    return _table(w, "basic", number, header, rows)


SANGONG_ITEMS = (
    ("total", "合计"),
    ("abroad", "因公出国（境）费"),
    ("car", "小计"),
    ("car_buy", "公务用车购置费"),
    ("car_run", "公务用车运行费"),
    ("reception", "公务接待费"),
)


def sangong(w: Writer, number: int) -> Table:
    """The 三公 table: one row of 预算数 | 决算数, or a grid with the prior year."""
    sg = w.a.sangong
    w.statement()

    def cells(which: str) -> list[Seg]:
        out: dict[str, Seg] = {}
        for item, _ in SANGONG_ITEMS:
            triple = getattr(sg, item)
            out[item] = w.cell(
                f"sg.{item}.{which}",
                getattr(triple, which),
                "sangong",
                {"budget": "预算数", "actual": "决算数", "prior": "上年决算数"}[which],
                blank=False,
            )
        _children(out["car"], [out["car_buy"], out["car_run"]])
        _children(out["total"], [out["abroad"], out["car"], out["reception"]])
        return list(out.values())

    groups = ["合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"]
    subs = ["", "", "小计", "公务用车购置费", "公务用车运行费", ""]
    if w.style.sangong == "row":
        header = broken(w, [["预算数", *[""] * 5, "决算数", *[""] * 5], [*groups, *groups], [*subs, *subs]])
        if w.style.lanci:
            header.append([str(i) for i in range(1, 13)])
        rows = [[[c] for c in [*cells("budget"), *cells("actual")]]]
    else:
        header = broken(w, [["项目", *groups], ["", *subs]])
        which = ["budget", "actual", *(["prior"] if w.rng.random() < 0.7 else [])]
        names = {
            "budget": f"{w.a.year}年度预算数",
            "actual": f"{w.a.year}年度决算数",
            "prior": f"{w.a.year - 1}年度决算数",
        }
        rows = [[[names[k]], *[[c] for c in cells(k)]] for k in which]
    return _table(w, "sangong", number, header, rows)


BUILDERS = {
    "totals": totals,
    "income": income,
    "spending": spending,
    "fiscal": fiscal,
    "general": general,
    "basic": basic,
    "sangong": sangong,
    "govfund": govfund,
    "capital": capital,
}


def order(w: Writer) -> list[str]:
    """The table order: 三公 seventh (template) or ninth (after the fund tables)."""
    names = ["totals", "income", "spending", "fiscal", "general", "basic", "sangong", "govfund", "capital"]
    if w.rng.random() < 0.3:
        names.remove("sangong")
        names.append("sangong")
    return names
