"""Claims from written sentences: subject, role, links and reasons."""

from __future__ import annotations

from decimal import Decimal

from extractor import extract_text
from models import Direction, Link, Reading, Role


def claims(text: str):
    x = extract_text("2020年度部门决算\n" + text, "t", doc_id="t", encoding="utf-8")
    return x.claims


def by_value(found, value: str):
    return next(c for c in found if c.quantity.value == Decimal(value))


def test_change_sentence_links_rate_to_change_and_current():
    found = claims("2020年度收入总计1835.05万元，较上年决算数增加247.66万元，增长15.6 %。")
    total, change, rate = (by_value(found, v) for v in ("1835.05", "247.66", "15.6"))
    assert (total.subject, total.role) == ("收入总计", Role.ACTUAL)
    assert (change.role, change.direction) == (Role.CHANGE, Direction.UP)
    assert rate.role is Role.CHANGE_RATE
    assert rate.links[Link.CHANGE] == change.id and rate.links[Link.CURRENT] == total.id


def test_prior_value_is_the_nearest_cue():
    found = claims("2020年度财政拨款支出1855.16万元，较上年决算数1571.11万元增加284.05万元，增长18.07%。")
    assert by_value(found, "1571.11").role is Role.PRIOR
    assert by_value(found, "1571.11").period == 2019
    assert by_value(found, "18.07").links[Link.PRIOR] == by_value(found, "1571.11").id


def test_list_parts_link_to_their_total_and_shares_to_the_whole():
    found = claims("本年收入合计1320.41万元，其中：一般公共预算财政拨款收入927.15万元，占70.22%；"
                   "其他收入0万元，占0%。")
    total, part, share = (by_value(found, v) for v in ("1320.41", "927.15", "70.22"))
    assert part.links[Link.TOTAL] == total.id
    assert share.role is Role.SHARE and share.subject == "一般公共预算财政拨款收入"
    assert share.links[Link.WHOLE] == total.id and share.links[Link.ACTUAL] == part.id


def test_parts_after_zhuyao_you_are_parts_of_the_figure_before():
    # "X，主要由A a，占比s；B b，占比t构成": the whole is X, read, not guessed
    found = claims("本年支出合计2632.57万元，主要由一般公共服务支出898.32万元，占比34.12%；"
                   "住房保障支出233.44万元，占比8.87%构成。")
    total, share = by_value(found, "2632.57"), by_value(found, "34.12")
    assert by_value(found, "898.32").links[Link.TOTAL] == total.id
    assert share.links[Link.WHOLE] == total.id and share.reading is Reading.PATTERN


def test_zhuyao_youyu_is_a_reason_not_a_list():
    found = claims("本年支出合计2632.57万元，主要由于人员增加，一般公共服务支出898.32万元。")
    assert Link.TOTAL not in by_value(found, "898.32").links


def test_share_whose_base_amount_is_printed_inside_it():
    found = claims("授予中小企业合同金额180.95万元，占政府采购支出总额197.56万元的91.59%。")
    share = by_value(found, "91.59")
    assert share.subject == "授予中小企业合同金额"
    assert share.links[Link.ACTUAL] == by_value(found, "180.95").id
    assert share.links[Link.WHOLE] == by_value(found, "197.56").id


def test_cue_wrapped_over_a_pdf_line_break():
    # "上年\n决算数为5.44万元": the prior year's figure, not a second 决算 of this year
    found = claims("公务接待费支出决算6.05万元，为预算数9.13万元的66.23%，上年\n"
                   "决算数为5.44万元，本年增加0.61万元。\n")
    assert by_value(found, "5.44").role is Role.PRIOR


def test_year_opening_a_statement_that_compares_with_the_year_before_dates_it():
    # a 2020 report: 2454.11 is the statement's own figure (its year a slip), not a prior one
    found = claims("2019年度财政拨款收、支总计2454.11万元，与上年相比，减少802.24万元，减少24.64%。")
    total, rate = by_value(found, "2454.11"), by_value(found, "24.64")
    assert total.role is Role.ACTUAL and total.reading is Reading.CONTEXT
    assert rate.links[Link.CURRENT] == total.id


def test_figures_spaced_into_columns_are_not_read_as_a_sentence():
    # a table row no table reader took: the header's last word is not the row's subject
    found = claims("科目编码     科目名称   合计    基本支出      项目支出\n"
                   "合计   1028.92      700.93  327.99\n")
    assert all(c.reading is Reading.CONTEXT for c in found)


def test_completion_rate_links_budget_and_actual():
    found = claims("1.一般公共服务（类）。年初预算为1034.85万元，支出决算为1695.43万元，"
                   "完成年初预算的163.83%。")
    rate = by_value(found, "163.83")
    assert rate.role is Role.COMPLETION_RATE and rate.subject == "一般公共服务支出"
    assert rate.links[Link.BUDGET] == by_value(found, "1034.85").id
    assert by_value(found, "1034.85").role is Role.BUDGET_INITIAL


def test_reason_is_attached_and_split_into_causes():
    found = claims("公务接待费3.43万元，与上年相比减少9.84万元，主要原因是一是受疫情影响；二是厉行节约。")
    change = by_value(found, "9.84")
    assert change.reason is not None
    assert [c.text for c in change.reason.causes] == ["受疫情影响", "厉行节约"]


def test_unlisted_subject_is_the_phrase():
    found = claims("①机关党建专项经费60万元，用于支部书记的培训。")
    assert by_value(found, "60").subject == "机关党建专项经费"


def test_subject_wrapped_over_a_pdf_line_break():
    # a PDF wrapped the line inside 一般公共预算: the subject is the whole word, not 财政拨款收入
    found = claims("2020年度本年收入合计2000.00万元，其中：一般公共预\n"
                   "算财政拨款收入1601.40万元，占80.07%。\n")
    part = by_value(found, "1601.40")
    assert part.subject == "一般公共预算财政拨款收入"
    assert part.subject_span is not None and "\n" in part.subject_span.text


def test_item_named_without_its_kuan_is_a_namesake():
    found = claims("1.行政运行（项）：年初预算50.05万元，决算数56.59万元。\n")
    assert {c.reading.value for c in found} == {"namesake"}
    assert by_value(found, "56.59").subject == "行政运行"


def test_difference_from_the_budget_is_a_change():
    found = claims("基本支出739.67万元。基本支出比预算多6.67万元，主要是年中调整工资标准。\n")
    diff = by_value(found, "6.67")
    assert (diff.role, diff.direction) == (Role.CHANGE, Direction.UP)


def test_a_rate_after_a_bracket_is_the_figure_before_the_bracket():
    text = ("2022年度部门决算\n"
            "2022年度收入总计1234.56万元（含年初结转和结余23.40万元），较上年增长12.4%。\n")
    claims = extract_text(text, "t.txt", doc_id="t", encoding="utf-8").claims
    rate = next(c for c in claims if c.quantity.value == Decimal("12.4"))
    assert rate.subject == "收入总计"


def test_parallel_lists_pair_by_position():
    # 各减少A，B万元，各下降R1%、R2%: B is a change too, and R2 is B's rate over B's level
    text = ("2020年度部门决算\n"
            "2020年度收、支总计各是872.10，866.30万元，与上年相比各减少12.80，15.06万元，各下降1.45%、1.71%。\n")
    claims = extract_text(text, "t.txt", doc_id="t", encoding="utf-8").claims
    by_value = {str(c.quantity.value): c for c in claims}
    assert by_value["15.06"].role is Role.CHANGE
    second = by_value["1.71"]
    assert second.links[Link.CHANGE] == by_value["15.06"].id
    assert second.links[Link.CURRENT] == by_value["866.30"].id
    assert by_value["1.45"].links[Link.CHANGE] == by_value["12.80"].id


def test_running_header_inside_a_sentence_is_no_subject():
    # a page break left the report's title between a sentence's words and its figures
    found = claims("本年支出合计较上年\n某区统计局2020年度部门决算\n1410.2万元增加477.8万元，增长33.88%。")
    assert all("统计局" not in c.subject for c in found)


def test_subject_in_the_clauses_own_words_is_sure_within_its_sentence():
    found = claims("共对12个项目开展绩效自评，涉及资金1,985.40万元，占项目支出总额2,146.60万元的93.01%。")
    part = by_value(found, "1985.40")
    assert part.subject == "涉及资金" and part.reading is Reading.PHRASE
    assert part.reading.sure_within_sentence and not part.reading.certain


def test_names_before_fenbie_go_to_their_figures_in_order():
    found = claims("基本支出100.00万元，其中人员经费、公用经费分别为60.00万元、40.00万元；"
                   "因公出国（境）费、公务接待费分别为1.00万元和2.00万元。")
    assert [by_value(found, v).subject for v in ("60.00", "40.00", "1.00", "2.00")] == [
        "人员经费", "公用经费", "因公出国（境）费", "公务接待费"]


def test_a_figure_of_two_names_is_not_the_first_ones():
    # the figure is of 拆迁补偿 and 土地开发 together: not a second figure of 拆迁补偿
    found = claims("政府性基金安排的征地和拆迁补偿、土地开发支出1196.58万元，主要用于征地补偿。")
    assert by_value(found, "1196.58").subject != "拆迁补偿"


def test_a_project_named_at_the_clause_start_is_the_subject():
    # 污染防治 is a 款 of the classification, but here it is inside the project's name
    found = claims("1.湿地污染防治专项资金年初预算180.00万元，年中追加20.00万元，加上上年结转资金"
                   "6.00万元，全年预算206.00万元。上年结转资金中有1.20万元继续结转使用。")
    initial, carry, budget, left = (by_value(found, v) for v in ("180.00", "6.00", "206.00", "1.20"))
    assert (initial.subject, initial.role) == ("湿地污染防治专项资金", Role.BUDGET_INITIAL)
    # the year's budget after its parts is the project's, its carry-over the project's part
    assert (budget.subject, budget.role) == ("湿地污染防治专项资金", Role.BUDGET)
    assert (carry.subject, carry.facet) == ("年初结转和结余", "湿地污染防治专项资金")
    assert left.facet == "其中部分"  # some of the carry-over, not all of it


def test_a_count_or_a_plan_is_no_project_name():
    found = claims("各项目年初预算合计90.00万元。该项目年初申报项目预算30万元，财政下达项目计划30万元。")
    assert not {c.subject for c in found} & {"各项目", "财政下达项目"}


def test_a_budget_total_is_a_budget_and_its_list_parts_are_budgets():
    found = claims("三个项目年初预算合计90.00万元，全年预算合计108.00万元。其中湿地保护专项资金60.00万元；"
                   "林业有害生物防治项目48.00万元。")
    assert by_value(found, "90.00").role is Role.BUDGET_INITIAL
    total, part = by_value(found, "108.00"), by_value(found, "60.00")
    assert total.role is Role.BUDGET
    assert (part.role, part.links[Link.TOTAL]) == (Role.BUDGET, total.id)


def test_a_list_opening_a_sentence_is_not_of_the_prior_years_figure():
    found = claims("公务用车购置及运行费支出决算为12.34万元，较上年决算数13.90万元减少1.56万元。"
                   "其中：公务用车购置费0万元，公务用车运行费12.34万元。")
    run = next(c for c in found if c.quantity.value == Decimal("12.34") and c.subject == "公务用车运行维护费")
    assert run.links[Link.TOTAL] == next(c for c in found if c.role is Role.ACTUAL
                                          and c.quantity.value == Decimal("12.34")).id


def test_more_than_another_figure_is_a_difference():
    found = claims("本年支出合计比本年收入合计多21.34万元，系使用年初结转资金安排支出。")
    assert (by_value(found, "21.34").role, by_value(found, "21.34").direction) == (Role.CHANGE, Direction.UP)


def test_a_target_percentage_is_no_claim():
    found = claims("重点支出安排率68.30%，低于70%的目标值；群众满意度88.70%，未达到90%的年度目标。")
    assert {str(c.quantity.value) for c in found} == {"68.30", "88.70"}


def test_an_amount_per_pupil_is_a_standard_not_spending():
    found = claims("生均公用经费按小学每生每年720元、初中每生每年940元的标准足额拨付，"
                   "公用经费支出2425.80万元。")
    assert {str(c.quantity.value) for c in found} == {"2425.80"}


def test_greater_than_another_figure_by_an_amount_is_a_difference():
    found = claims("本年支出合计大于本年收入合计24.90万元，系使用了年初结转和结余。")
    assert (by_value(found, "24.90").role, by_value(found, "24.90").direction) == (Role.CHANGE, Direction.UP)


def test_a_class_named_as_such_takes_its_code():
    found = claims("一般公共预算财政拨款支出主要用于以下方面：卫生健康（类）支出47.42万元，占1.85%。")
    assert (by_value(found, "47.42").subject, by_value(found, "47.42").code) == ("卫生健康支出", "210")
