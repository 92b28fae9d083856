"""Invented units: places, departments, their duties, projects and indicators.

Every name is made up (two characters from a fixed set plus 县/区/市); nothing is copied
from a published report. A department says which 款 of 一般公共服务支出 its own spending
is classified under, so that its account tree reads like that unit's.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

PLACE_CHARS = "青溪白沙云岭安宁长乐丰泽南屏北川清河石门桃源金华玉泉东阳西林龙潭凤台嘉禾永和"


@dataclass(frozen=True)
class Indicator:
    """A quantity indicator: what is counted, its unit and a plausible yearly range."""

    name: str
    unit: str
    low: int
    high: int


@dataclass(frozen=True)
class Department:
    """A kind of department and what its reports talk about."""

    name: str  # 农业农村局
    levels: str  # which of 县/区/市 it exists at
    self_word: str  # how it calls itself: 我局, 我办
    party: bool  # a party organ: 中共…县委办公室
    branches: tuple[str, ...]  # 款 of 201 its 行政运行 and projects sit under
    duties: tuple[str, ...]
    offices: tuple[str, ...]
    projects: tuple[str, ...]
    indicators: tuple[Indicator, ...]
    abbrev: str = ""  # how the narrative names it, {level} for 县/区/市: "{level}委办"


DEPARTMENTS: tuple[Department, ...] = (
    Department(
        "农业农村局",
        "县区市",
        "我局",
        False,
        ("20103", "20199"),
        (
            "贯彻执行农业农村工作的方针政策，拟订本地区农业农村发展规划并组织实施",
            "统筹推进乡村振兴战略，指导农村人居环境整治和美丽乡村建设",
            "负责种植业、畜牧业、渔业的行业管理，组织农业防灾减灾工作",
            "负责农产品质量安全监督管理，组织开展农产品质量安全监测",
            "负责耕地质量管理和高标准农田建设项目的组织实施",
            "指导农业科技推广和农民教育培训工作",
        ),
        ("办公室", "计划财务股", "种植业股", "畜牧兽医股", "农村经营管理股", "农田建设股"),
        (
            "高标准农田建设项目工作经费",
            "动物疫病防控专项经费",
            "农产品质量安全检测经费",
            "农业技术推广专项经费",
        ),
        (
            Indicator("新建高标准农田面积", "亩", 3000, 20000),
            Indicator("开展农产品抽检批次", "批次", 200, 1500),
            Indicator("培训高素质农民人数", "人", 150, 900),
        ),
    ),
    Department(
        "生态环境局",
        "县区市",
        "我局",
        False,
        ("20103", "20199"),
        (
            "贯彻执行生态环境保护法律法规，拟订并组织实施本地区生态环境规划",
            "负责大气、水、土壤污染防治的监督管理",
            "组织开展生态环境监测，发布生态环境质量信息",
            "负责建设项目环境影响评价的审批和监督管理",
            "统一负责生态环境监督执法，查处环境违法行为",
        ),
        ("办公室", "综合股", "环境监测站", "执法大队", "规划财务股"),
        ("环境质量监测经费", "污染源执法检查专项经费", "生态环境宣传教育经费"),
        (
            Indicator("完成环境监测样品数", "个", 400, 3000),
            Indicator("开展执法检查企业家次", "家次", 100, 900),
            Indicator("审批环评文件数", "件", 20, 150),
        ),
    ),
    Department(
        "委办公室",
        "县区市",
        "我办",
        True,
        ("20131", "20136", "20126"),
        (
            "负责保障委员会日常工作的正常运转，协助领导同志处理日常事务",
            "负责重要文稿的起草、审核和印发工作",
            "负责重大决策部署贯彻落实情况的督促检查",
            "负责机要、保密和密码通信工作",
            "负责重要会议和活动的组织协调与服务保障",
            "负责信息综合、调查研究和档案管理工作",
        ),
        ("秘书科", "综合科", "督查室", "机要科", "信息科"),
        ("督查督办专项经费", "机要保密工作经费", "重要会议服务经费", "文稿信息工作经费"),
        (
            Indicator("办理督查件数", "件", 40, 300),
            Indicator("起草重要文稿篇数", "篇", 60, 400),
            Indicator("保障重要会议次数", "次", 20, 150),
        ),
        "{level}委办",
    ),
    Department(
        "财政局",
        "县区市",
        "我局",
        False,
        ("20103", "20199"),
        (
            "贯彻执行财税方针政策，拟订本地区财政发展规划",
            "负责编制年度预算草案并组织执行，编制财政决算",
            "负责财政收支管理和国库集中收付工作",
            "负责政府采购、国有资产和政府债务的监督管理",
            "组织实施全面预算绩效管理",
        ),
        ("办公室", "预算股", "国库股", "绩效管理股", "政府采购股"),
        ("预算编审工作经费", "财政投资评审经费", "预算绩效评价经费", "国库集中支付系统运维经费"),
        (
            Indicator("完成评审项目个数", "个", 50, 400),
            Indicator("开展重点绩效评价项目数", "个", 5, 40),
            Indicator("办理集中支付笔数", "笔", 8000, 60000),
        ),
    ),
    Department(
        "规划和自然资源局",
        "县区市",
        "我局",
        False,
        ("20103", "20199"),
        (
            "履行自然资源资产所有者职责和国土空间用途管制职责",
            "负责国土空间规划的编制和监督实施",
            "负责耕地保护和土地利用计划管理",
            "负责不动产统一登记工作",
            "负责矿产资源管理和地质灾害防治的监督管理",
        ),
        ("办公室", "规划股", "耕地保护股", "不动产登记中心", "执法监察大队"),
        ("国土空间规划编制经费", "不动产登记工作经费", "地质灾害防治专项经费"),
        (
            Indicator("办理不动产登记业务", "件", 3000, 30000),
            Indicator("开展地质灾害巡查点次", "点次", 100, 800),
            Indicator("完成耕地保护核查图斑", "个", 200, 2000),
        ),
    ),
    Department(
        "教育局",
        "县区市",
        "我局",
        False,
        ("20103", "20199"),
        (
            "贯彻执行教育方针政策，拟订本地区教育发展规划",
            "统筹管理各级各类教育，推进义务教育均衡发展",
            "负责教育经费的统筹管理和学生资助工作",
            "负责教师队伍建设和教育督导工作",
            "负责学校安全稳定和校园周边环境治理的指导工作",
        ),
        ("办公室", "基础教育股", "计划财务股", "人事股", "教育督导室"),
        ("学生资助管理经费", "教师培训专项经费", "教育质量监测经费"),
        (
            Indicator("资助家庭经济困难学生", "人次", 500, 6000),
            Indicator("培训中小学教师", "人次", 300, 3000),
            Indicator("开展督导检查学校", "所次", 30, 200),
        ),
    ),
    Department(
        "人民政府办公室",
        "县区市",
        "我办",
        False,
        ("20103", "20126"),
        (
            "负责政府日常工作的运转和协调，处理政府文书",
            "负责政府会议的组织和服务工作",
            "负责政府工作报告和重要讲话的起草工作",
            "负责督促检查政府决定事项的落实",
            "负责政务公开和政务信息工作",
        ),
        ("秘书股", "综合股", "督查室", "政务公开办", "信息股"),
        ("政务服务保障经费", "政府督查专项经费", "政务公开工作经费"),
        (
            Indicator("处理政府文书", "份", 150, 900),
            Indicator("组织会议服务", "次", 40, 300),
            Indicator("办理人大代表建议和政协提案", "件", 50, 400),
        ),
        "{level}政府办",
    ),
    Department(
        "市场监督管理局",
        "县区市",
        "我局",
        False,
        ("20103", "20199"),
        (
            "负责市场综合监督管理，组织市场监管综合执法",
            "负责市场主体登记注册和信用监管",
            "负责食品安全监督管理综合协调",
            "负责特种设备安全监督管理",
            "负责计量、标准化和质量监督工作",
        ),
        ("办公室", "登记注册股", "食品安全股", "特种设备股", "执法大队"),
        ("食品安全抽检经费", "特种设备检验专项经费", "市场监管执法经费"),
        (
            Indicator("完成食品抽检批次", "批次", 300, 3000),
            Indicator("检查特种设备台次", "台次", 200, 2000),
            Indicator("办理市场主体登记", "户", 1000, 12000),
        ),
    ),
    Department(
        "统计局",
        "县区市",
        "我局",
        False,
        ("20103", "20199"),
        (
            "组织实施统计调查，收集、汇总统计数据",
            "组织开展人口、经济、农业等重大普查",
            "负责统计监测和统计分析",
            "负责统计执法监督和统计数据质量管理",
        ),
        ("办公室", "综合股", "农村调查队", "普查中心"),
        ("统计调查专项经费", "普查工作经费", "统计执法检查经费"),
        (
            Indicator("完成统计报表", "份", 1000, 8000),
            Indicator("开展入户调查", "户", 300, 3000),
            Indicator("发布统计分析报告", "篇", 10, 60),
        ),
    ),
    Department(
        "交通运输局",
        "县区市",
        "我局",
        False,
        ("20103", "20199"),
        (
            "贯彻执行交通运输法律法规，拟订本地区交通运输发展规划",
            "负责公路建设市场监管和农村公路建设管理",
            "负责道路运输和城乡客运的行业管理",
            "负责交通运输安全生产监督管理",
        ),
        ("办公室", "规划建设股", "运输管理股", "安全监督股"),
        ("农村公路养护专项经费", "交通安全监管经费", "城乡客运一体化工作经费"),
        (
            Indicator("完成农村公路养护里程", "公里", 100, 1200),
            Indicator("开展安全检查", "次", 40, 400),
            Indicator("新增城乡公交线路", "条", 2, 20),
        ),
    ),
)


@dataclass(frozen=True)
class Unit:
    """The unit a report is about."""

    name: str  # 青溪县农业农村局, 中共白沙区委办公室
    place: str  # 青溪县
    short: str  # 县农业农村局 / 县委办: how the narrative names it
    self_word: str  # 我局
    department: Department


def make_unit(rng: random.Random) -> Unit:
    department = rng.choice(DEPARTMENTS)
    level = rng.choice(department.levels)
    place = "".join(rng.sample(PLACE_CHARS, 2)) + level
    return unit_of(place, department)


def unit_of(place: str, department: Department) -> Unit:
    level = place[-1]
    name = f"中共{place}{department.name}" if department.party else f"{place}{department.name}"
    short = department.abbrev.format(level=level) if department.abbrev else f"{level}{department.name}"
    return Unit(name, place, short, department.self_word, department)


def other_unit(rng: random.Random, unit: Unit) -> Unit:
    """Another department of the same place: the template a careless report was copied from."""
    others = [d for d in DEPARTMENTS if d.name != unit.department.name]
    return unit_of(unit.place, rng.choice(others))


# --- reasons, by what happened -----------------------------------------------------------

REASONS_UP = (
    "人员正常晋级晋档及工资标准调整，人员经费相应增加",
    "新增专项工作任务，项目支出相应增加",
    "上级追加专项资金，项目支出增加",
    "机构改革职能划入，人员和业务经费增加",
    "新进工作人员，人员经费增加",
    "重点项目集中实施，资金支付增加",
)
REASONS_DOWN = (
    "严格落实过紧日子要求，压减一般性支出",
    "部分项目已于上年完成，本年项目支出减少",
    "人员退休及调出，人员经费相应减少",
    "厉行节约，严控非必要开支",
    "上年一次性项目支出本年不再安排",
    "机构改革职能划出，相关经费减少",
)
REASONS_OVER = (
    "年中追加了专项工作经费",
    "人员经费标准调整，年中追加预算",
    "上级下达专项资金，年中追加预算",
    "使用了上年结转资金",
    "新增临时性工作任务，追加了预算",
)
REASONS_UNDER = (
    "厉行节约，压减了一般性支出",
    "部分项目未完工，资金结转下年使用",
    "人员减少，人员经费相应减少",
    "项目按进度支付，部分资金未支出",
    "严格控制各项开支",
)
REASONS_EQUAL = (
    "严格按照预算执行",
    "按预算安排足额支付",
    "预算执行到位",
    "严格执行年初预算",
    "按照批复的预算执行",
)
#: 三公 reasons by the cost they explain and the direction it moved ("any": the whole 三公)
SANGONG_REASONS = {
    ("any", False): (
        "认真贯彻落实中央八项规定精神，严格控制“三公”经费支出",
        "按照过紧日子的要求，从严控制公务活动",
        "厉行勤俭节约，压减“三公”经费",
    ),
    ("any", True): ("重点工作任务增加，相关公务活动增多", "恢复正常公务活动，相关支出增加"),
    ("reception", False): ("严格执行公务接待标准，减少接待批次", "厉行勤俭节约，压减公务接待"),
    ("reception", True): ("上级检查调研增多，公务接待批次增加", "承办的交流活动增加，接待批次增加"),
    ("car", False): ("公务用车使用次数减少，运行维护费相应下降", "严格公务用车管理，压减用车费用"),
    ("car", True): ("车辆使用年限较长，维修费用增加", "燃油价格上涨，公务用车运行成本增加"),
    ("abroad", False): ("严格控制因公出国（境）团组", "本年未安排因公出国（境）任务"),
    ("abroad", True): ("按计划安排了因公出国（境）考察任务", "承担对外交流任务，出访团组增加"),
}
