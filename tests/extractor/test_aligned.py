"""Tables aligned with spaces (pdftotext -layout): gaps made tabs, one character for one."""

from __future__ import annotations

from extractor import extract_text
from extractor.aligned import tabulate

# display widths: a Chinese character is two columns, as the layout was printed
_TABLE = """\
                                  支出决算表
编制单位：某县医院                                             单位：万元
                    项目         本年支出
科目编码          科目名称         合计       基本支出       项目支出
210      卫生健康支出             8564.51      7517.16      1047.35
21002    公立医院                 8032.86      7420.36       612.50
2100202  中医（民族）医院         8042.86      7420.36       612.50
         费支出
21004    公共卫生                  434.85                    434.85
"""


def test_gaps_become_tabs_and_an_empty_cell_keeps_its_column():
    out = tabulate(_TABLE, _TABLE)
    assert len(out) == len(_TABLE)
    rows = out.split("\n")
    cells = [[c.strip() for c in row.split("\t")] for row in rows]
    assert cells[4] == ["210", "卫生健康支出", "8564.51", "7517.16", "1047.35"]
    assert cells[8] == ["21004", "公共卫生", "434.85", "", "434.85"]
    assert cells[3] == ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
    # a name's second line keeps its column, and is no one-cell-per-line cell
    assert not rows[7].startswith("\t") and rows[7].split("\t")[1] == "费支出"


def test_the_table_reads_with_its_headers_and_codes():
    x = extract_text(_TABLE, "t", doc_id="t", encoding="utf-8")
    cell = next(c for t in x.document.tables for c in t.cells
                if c.value is not None and str(c.value.value) == "612.50" and c.code == "2100202")
    assert cell.column_labels[-1] == "项目支出"
    assert x.document.tables[0].unit == "万元"


def test_prose_a_contents_page_and_one_figure_lines_stay_as_printed():
    text = ("第一部分  单位概况 ................ 2\n"
            "第二部分  部门决算表 .............. 3\n"
            "    本年收入合计10355.74万元，其中：财政拨款收入1334.70万元，占12.89%。\n"
            "合计                10.00\n"
            "小计                 5.00\n"
            "其他                 5.00\n")
    assert tabulate(text, text) == text


def test_rows_that_fit_no_columns_stay_as_printed():
    # the second row's name runs into the first row's figures: no columns to trust
    text = ("一般公共服务支出        10.00     20.00\n"
            "其他一般公共服务支出支出支出  5.00     6.00\n"
            "教育支出                1.00      2.00\n")
    assert tabulate(text, text) == text


def test_a_header_word_beside_its_column_heads_it():
    # 分值 ends where the 10 under it begins: that column's header, not one of its own
    text = ("                    全年        全年\n"
            "项目              预算数      执行数  分值  执行率\n"
            "年度资金总额     3218.76     3106.52    10  96.51%\n"
            "其中：财政拨款   3138.76     3031.27        96.58%\n"
            "其他资金           80.00       75.25        94.06%\n")
    x = extract_text(text, "t", doc_id="t", encoding="utf-8")
    labels = {str(c.value.value): c.column_labels[-1] for t in x.document.tables for c in t.cells
              if c.value is not None}
    assert labels["10"] == "分值"
    assert labels["3106.52"] == "全年执行数"  # 全年 over 执行数: one label broken over lines


def test_a_row_whose_last_cell_is_a_remark_sentence_is_still_a_row():
    # 偏差原因 written as a sentence (a comma in it) after the figures: the row keeps its
    # columns, so the score table's group totals see all its rows
    text = ("一级指标      三级指标           分值  得分  偏差原因分析\n"
            "过程（20分）  预算执行率         8     7.78  部分项目资金结转下年\n"
            "              资金使用合规性     6     5     个别报销票据附件不全，已整改\n"
            "              信息公开性         6     6\n")
    rows = [[c.strip() for c in row.split("\t")] for row in tabulate(text, text).split("\n")]
    assert rows[2] == ["", "资金使用合规性", "6", "5", "个别报销票据附件不全，已整改"]


def test_blocks_with_columns_of_their_own_are_each_a_table():
    # a 基础数据表 printed as two blocks, a blank line between, each with its own columns
    text = ("财政供养人员情况  编制数（人）  实有人数（人）  控制率\n"
            "行政编制          22            21              95.45%\n"
            "事业编制          15            14              93.33%\n"
            "合计              37            35              94.59%\n"
            "\n"
            "经费控制情况                2021年预算数  2021年决算数  执行率\n"
            "“三公”经费合计              12.00         9.60          80.00%\n"
            "公务接待费                  4.00          2.10          52.50%\n"
            "机关运行经费                98.00         95.06         97.00%\n")
    x = extract_text(text, "t", doc_id="t", encoding="utf-8")
    labels = {c.text: (c.row_label, c.column_labels[-1]) for t in x.document.tables for c in t.cells
              if c.value is not None}
    assert labels["95.45%"] == ("行政编制", "控制率")
    assert labels["9.60"] == ("“三公”经费合计", "2021年决算数")
