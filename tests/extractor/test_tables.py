"""Tables in both layouts of the seeds."""

from __future__ import annotations

from decimal import Decimal

from extractor import extract_text

TSV = """支出决算表
公开 03 表
单位：万元
项 目\t\t本年支出 合计\t基本支出\t项目支出
功能分类 科目编码\t科目名称\t\t\t
栏次\t\t1\t2\t3
合计\t\t522.47\t403.67\t118.79
201\t一般公共服务支出\t500.57\t381.78\t118.79
"""

CELL_LINES = """部门整体支出绩效评价基础数据表
 单位:万元
\t经费控制情况
\t2021年决算数
\t2021年预算数
\t2020年决算数

\t2、三公经费
\t26.21\u3000
\t\u300035.01
\t\u300021.39\u3000
"""


def read(text: str):
    return extract_text(text, "t", doc_id="t", encoding="utf-8")


def test_tsv_table():
    x = read(TSV)
    [table] = x.document.tables
    assert (table.title, table.label, table.unit, table.layout) == ("支出决算表", "公开03表", "万元", "tsv")
    cell = next(c for c in table.cells if c.code == "201" and c.column_labels[-1] == "基本支出")
    assert cell.value is not None and cell.value.value == Decimal("381.78")
    assert cell.value.unit == "万元" and cell.value.unit_implied
    claim = next(c for c in x.claims if c.code == "201" and c.facet is None)
    assert (claim.subject, claim.role.value) == ("一般公共服务支出", "actual")
    assert claim.quantity.value == Decimal("500.57")
    total = next(c for c in x.claims if c.row == cell.row - 1 and c.column == cell.column)
    assert total.subject == "基本支出"  # the 合计 row of the 基本支出 column


def test_cell_lines_table_roles_by_year():
    x = read(CELL_LINES)
    [table] = x.document.tables
    assert table.layout == "cell_lines"
    by_role = {c.role.value: c for c in x.claims if c.subject == "三公经费"}
    assert by_role["actual"].quantity.value == Decimal("26.21")
    assert by_role["budget"].quantity.value == Decimal("35.01")
    assert by_role["prior"].quantity.value == Decimal("21.39")
    assert by_role["prior"].period == 2020


def test_cell_span_quotes_the_cell():
    x = read(CELL_LINES)
    for cell in x.document.tables[0].cells:
        assert cell.span is not None and x.document.original[cell.span.start:cell.span.end] == cell.span.text


# A table copied from a web page one cell per line, its header cells broken over lines
# and printed row by row (本年 | 基本支出 | … | 支出 | … | 合计), a 栏次 line numbering the three
# value columns, codes on lines of their own.
NUMBERED = """支出决算表
表三
单位：万元
科目编码
科目名称
本年
基本支出
项目支出
支出
合计
栏次
1
2
3
合计
300.50
200.25
100.25
201
一般公共服务支出
280.50
190.25
90.25
2010301
行政运行
190.25
190.25
0.00
"""


def _cells(x):
    [table] = x.document.tables
    return table, {(c.row_label, c.column_labels[-1]): c for c in table.cells if c.value is not None}


def test_numbered_cell_lines_join_broken_header_cells():
    table, cells = _cells(read(NUMBERED))
    assert not table.unsure
    assert cells[("合计", "本年支出合计")].value.value == Decimal("300.50")
    cell = cells[("一般公共服务支出", "项目支出")]
    assert (cell.value.value, cell.code) == (Decimal("90.25"), "201")
    assert cells[("行政运行", "基本支出")].code == "2010301"
    assert not any(c.value.value in (1, 2, 3) for c in table.cells if c.value)  # 栏次 is no row


def test_numbered_cell_lines_group_header_over_its_total():
    text = NUMBERED.replace("本年\n基本支出\n项目支出\n支出\n合计\n", "本年支出\n合计\n基本支出\n项目支出\n")
    table, cells = _cells(read(text))
    assert not table.unsure
    assert cells[("合计", "基本支出")].column_labels == ["本年支出", "基本支出"]


def test_numbered_cell_lines_row_without_its_empty_cells_is_unsure():
    # 行政运行 lost a cell: the code of the next row must not be taken for its third figure
    lost = "190.25\n190.25\n2010302\n一般行政管理事务\n9.00\n9.00\n0.00\n"
    text = NUMBERED.replace("190.25\n190.25\n0.00\n", lost)
    table, cells = _cells(read(text))
    assert table.unsure
    assert cells[("一般行政管理事务", "本年支出合计")].code == "2010302"


def test_personnel_total_of_a_yuan_table_is_money():
    # 人 of 人员经费合计 (or 个人和家庭) is no head count: the cell is in the table's 元
    text = ("一般公共预算财政拨款基本支出决算表\n单位：元\n"
            "经济分类科目编码\t科目名称\t决算数\t经济分类科目编码\t科目名称\t决算数\n"
            "301\t工资福利支出\t1,630,554.20\t302\t商品和服务支出\t173,761.39\n"
            "303\t对个人和家庭的补助\t20,000.00\t\t\t\n"
            "人员经费合计\t\t1,650,554.20\t公用经费合计\t\t173,761.39\n")
    x = read(text)
    units = {c.subject: c.quantity.unit for c in x.claims}
    assert units["人员经费"] == "元" and units["公用经费"] == "元"
    assert units["对个人和家庭的补助"] == "元"


# A 基本支出决算表 copied one cell per line: two halves side by side (科目编码 | 科目名称 |
# 决算数, twice), the totals' labels across the code and name columns.
BARE_BASIC = """一般公共预算财政拨款基本支出决算表
单位：万元

科目编码
科目名称
决算数
科目编码
科目名称
决算数
301
工资福利支出
60.50
302
商品和服务支出
12.30
30101
基本工资
60.50
30201
办公费
12.30
人员经费合计
60.50
公用经费合计
12.30

注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。
"""


def _by_position(table):
    return {(c.row, c.column): c for c in table.cells}


def test_bare_side_by_side_halves_and_totals_across_code_and_name():
    [table] = read(BARE_BASIC).document.tables
    assert len(table.header_rows[-1]) == 6 and not table.unsure
    cells = _by_position(table)
    row = next(r for (r, c), cell in cells.items() if cell.text == "302")
    assert (cells[(row, 3)].text, cells[(row, 5)].value.value) == ("302", Decimal("12.30"))
    assert cells[(row, 5)].code == "302" and cells[(row, 2)].code == "301"
    totals = {c.row_label: c for c in table.cells if c.value is not None and c.code is None}
    assert totals["人员经费合计"].value.value == Decimal("60.50") and totals["人员经费合计"].column == 2
    assert totals["公用经费合计"].value.value == Decimal("12.30") and totals["公用经费合计"].column == 5


def test_a_dash_in_the_name_column_is_an_empty_cell_not_a_figure():
    # 合计 | — | figures: the dash keeps its column (hw11's layout)
    text = ("一般公共预算财政拨款支出决算表\n单位：万元\n科目编码\n科目名称\n合计\n基本支出\n项目支出\n"
            "合计\n—\n30.00\n20.00\n10.00\n201\n一般公共服务支出\n30.00\n20.00\n10.00\n")
    [table] = read(text).document.tables
    cells = {c.column_labels[-1]: c for c in table.cells if c.value is not None and c.row_label == "合计"}
    assert {k: v.value.value for k, v in cells.items()} == {
        "合计": Decimal("30.00"), "基本支出": Decimal("20.00"), "项目支出": Decimal("10.00")}


# A 收入支出决算总表 one cell per line: 收入 | 支出 over two halves with 行次; a half with no
# item in a row prints nothing there, so the 行次 tells which half an item is in.
BARE_TOTAL = """收入支出决算总表
单位：万元
收入
支出
项目
行次
决算数
项目
行次
决算数
一、一般公共预算财政拨款收入
1
500.00
一、一般公共服务支出
13
480.00
二、事业收入
2
20.00
三、其他收入
3
0.00
本年收入合计
4
520.00
本年支出合计
14
480.00
年初结转和结余
5
10.00
年末结转和结余
15
50.00
总计
6
530.00
总计
16
530.00

注：本表反映部门本年度的总收支和年末结转结余情况。
"""


def test_bare_side_by_side_total_table_by_its_row_numbers():
    [table] = read(BARE_TOTAL).document.tables
    assert table.form == "income_spending_total" and not table.unsure
    assert table.header_rows[0] == ["收入", "收入", "收入", "支出", "支出", "支出"]
    figures = {(c.row_label, c.column_labels[0]): c for c in table.cells if c.value is not None
               and c.column_labels[-1] == "决算数"}
    assert figures[("二、事业收入", "收入")].value.value == Decimal("20.00")
    assert figures[("本年支出合计", "支出")].row == figures[("本年收入合计", "收入")].row
    grand = [c for c in table.cells if c.row_label == "总计" and c.value is not None
             and c.column_labels[-1] == "决算数"]
    assert [(c.column_labels[0], c.value.value) for c in sorted(grand, key=lambda c: c.column)] == [
        ("收入", Decimal("530.00")), ("支出", Decimal("530.00"))]
    amounts = [c.value.value for c in table.cells if c.value and c.column_labels[-1] == "决算数"]
    assert not {13, 14} & set(amounts)  # the 行次 are no amounts


def test_bare_side_by_side_with_an_item_that_fits_neither_half_is_not_guessed():
    text = BARE_TOTAL.replace("二、事业收入\n2\n20.00\n", "二、事业收入\n7\n20.00\n")  # 行次 out of sequence
    [table] = read(text).document.tables
    assert table.unsure and not table.cells  # a table is there, its figures not placed


def test_a_table_under_its_exact_title_is_that_form_even_unread():
    # one cell per line, empty cells dropped and 类/款/项 split: the body cannot be laid out,
    # but the title names the form: the table is there (completeness), its figures unsure
    lines = ["2022年度部门决算", "收入决算表", "公开02表", "单位：万元", "", "科目编码", "科目名称",
             "本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入",
             "其他收入", "", "类", "款", "项", "", "栏次", "1", "2", "3", "4", "5", "6", "7", "",
             "合计", "2501.11", "2245.81", "215.72", "39.57", "", "201", "一般公共服务支出", "1511.65",
             "1443.37", "68.28", "", "201", "03", "政府办公厅（室）及相关机构事务", "1152.83",
             "1084.54", "68.28", ""]
    doc = extract_text("\n".join(lines), "t.txt", doc_id="t", encoding="utf-8").document
    [table] = [t for t in doc.tables if t.title == "收入决算表"]
    assert table.form == "income"
    assert table.unsure or not any(c.value for c in table.cells)


def test_table_by_unit_with_a_qualified_title_and_a_year_in_its_caption():
    # 支出决算表（分单位）: its title, not a table without one; the 2022年度 cell is the
    # caption's, not a column header
    x = read("收入决算表（分单位）\n表2\n编制单位：某县教育局\t2022年度\t单位：万元\n"
             "单位名称\t本年收入合计\t财政拨款收入\t事业收入\n合计\t90.00\t80.00\t10.00\n"
             "第一中学\t50.00\t40.00\t10.00\n实验小学\t40.00\t40.00\t0.00\n\n"
             "支出决算表（分单位）\n表4\n编制单位：某县教育局\t2022年度\t单位：万元\n"
             "单位名称\t本年支出合计\t基本支出\t项目支出\n合计\t88.00\t60.00\t28.00\n"
             "第一中学\t49.00\t30.00\t19.00\n实验小学\t39.00\t30.00\t9.00\n")
    income, spending = x.document.tables
    assert (income.form, spending.form) == ("income", "spending")
    assert income.header_rows[0][:2] == ["单位名称", "本年收入合计"]
    # a unit's income is not its spending: the income row is set apart by its side
    school = [c for c in x.claims if c.subject == "第一中学" and c.column_labels[-1].startswith("本年")]
    assert {c.facet for c in school} == {"收入", None}


def test_row_label_is_the_name_column_not_a_text_column_after_it():
    x = read("政府购买服务决算公开情况表\n金额单位：万元\n"
             "序号\t项目名称\t服务领域\t资金来源\t预算金额\t决算金额\n"
             "1\t社区治理专业社会工作服务\t基层社会治理服务\t一般公共预算\t500.00\t486.50\n"
             "2\t居家养老服务质量第三方评估\t养老服务\t一般公共预算\t130.00\t128.60\n")
    cell = next(c for c in x.document.tables[0].cells
                if c.value is not None and str(c.value.value) == "486.50")
    assert cell.row_label == "社区治理专业社会工作服务"


def test_title_in_a_word_tables_merged_first_row_is_its_caption():
    # a Word table's first row merged across the table holds the title (the reader writes
    # it with the blanks of its merged columns), the 公开03表 label on its own line above
    x = read("公开03表\n2023年度支出决算表\t\t\t\t\n编制单位：某局\t\t\t\t单位：万元\n"
             "科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出\n合计\t\t100.00\t60.00\t40.00\n"
             "208\t社会保障和就业支出\t80.00\t40.00\t40.00\n210\t卫生健康支出\t20.00\t20.00\t0.00\n")
    [table] = x.document.tables
    assert (table.title, table.label) == ("2023年度支出决算表", "公开03表")
    assert (table.form, table.unit) == ("spending", "万元")
    assert table.header_rows[0][:3] == ["科目编码", "科目名称", "本年支出合计"]


def test_table_number_in_a_spreadsheets_caption_row_is_no_header():
    # 编制单位 | 公开07表 | 单位：万元, one row of merged cells above the header
    x = read("一般公共预算财政拨款“三公”经费支出决算表\n编制单位：某局\t\t公开07表\t\t单位：万元\n"
             "合计\t因公出国（境）费\t公务用车购置及运行费\t公务接待费\t备注\n"
             "21.47\t0.00\t14.62\t6.85\t\n")
    [table] = x.document.tables
    cell = next(c for c in table.cells if c.value is not None and str(c.value.value) == "6.85")
    assert cell.column_labels == ["公务接待费"]


def test_a_header_cell_that_names_its_unit_is_a_column_not_the_unit_line():
    # 资金情况（万元） heads the row-label column of a self-evaluation's funds block, read one
    # cell per line: dropping it as a unit line shifted every column one to the left (the
    # 分值 10 read as an 执行率 of 10%)
    x = read("2019年度部门整体支出绩效自评表\n\n资金情况（万元）\n年初预算数\n全年预算数\n全年执行数\n"
             "分值\n执行率\n得分\n\n年度资金总额\n2778.45\n2767.30\n2767.30\n10\n100.00%\n10\n")
    [table] = x.document.tables
    labels = {str(c.value.value): c.column_labels[-1] for c in table.cells if c.value is not None}
    assert labels["2778.45"] == "年初预算数"
    assert labels["100.00"] == "执行率"


def test_group_labels_printed_without_their_blanks_stand_over_their_halves():
    # a PDF's merged 收入 | 支出 over the two halves of a 总表, printed as two cells
    x = read("财政拨款收支决算总表\n单位：万元\n收入\t支出\n"
             "项目\t金额\t项目\t合计\t一般公共预算财政拨款\n"
             "一、一般公共预算财政拨款\t100.00\t一、一般公共服务支出\t100.00\t100.00\n"
             "本年收入合计\t100.00\t本年支出合计\t100.00\t100.00\n")
    [table] = x.document.tables
    labels = {(c.row_label, c.column): c.column_labels for c in table.cells if c.value is not None}
    assert labels[("本年收入合计", 1)] == ["收入", "金额"]
    assert labels[("本年支出合计", 3)] == ["支出", "合计"]


def test_a_header_inside_a_table_over_two_rows_is_one_header():
    # the indicators' header under the funds block, 年度 / 指标值 over two rows: the second
    # row joins the first (分值 and 得分 kept), and 填报单位（盖章）… is the caption's field
    x = read("部门整体支出绩效自评表\n填报单位（盖章）：某局\t\t\t填报时间：2023年3月28日\n"
             "部门资金\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
             "\t年度资金总额\t986.50\t1124.06\t1027.03\t10\t91.37%\t9.14\n"
             "绩效指标\t一级指标\t二级指标\t三级指标\t年度\t实际\t分值\t得分\n"
             "\t\t\t\t指标值\t完成值\t\t\n"
             "\t产出指标（50分）\t数量指标\t送戏下乡场次\t≥120场\t126场\t50\t48\n")
    [table] = x.document.tables
    labels = {str(c.value.value): c.column_labels for c in table.cells if c.value is not None}
    assert labels["1027.03"] == ["全年执行数"]
    assert (labels["126"], labels["50"], labels["48"]) == (["实际完成值"], ["分值"], ["得分"])


def test_a_criterion_after_the_weight_is_no_row_label():
    # 评分标准 between 分值 and 得分 is a text of the row: the row is still its 三级指标
    x = read("自评得分表\n一级指标\t二级指标\t三级指标\t分值\t评分标准\t得分\t扣分原因\n"
             "投入（15分）\t预算编制\t预算编制合理性\t5\t调整率≤5%得满分，调整率>10%不得分\t0\t调整率14.27%\n"
             "\t\t绩效目标合理性\t5\t目标明确得满分\t5\t\n")
    cells = [c for c in x.document.tables[0].cells if c.value is not None and c.column_labels == ["得分"]]
    assert [c.row_label for c in cells] == ["预算编制合理性", "绩效目标合理性"]
