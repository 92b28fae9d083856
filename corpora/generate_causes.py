"""Labelled cause sentences and explanation pairs, generated for training the cause models.

Deterministic: templates × categories × subjects × phrasings, sampled with a seeded
`random.Random`. Each category (rules/data/causes.yaml plus `other`) has its own phrasings;
every fifth phrasing of a category (and of its denials) is held out, so the held-out split
measures phrasings the model never saw, not the same sentence with another subject.

- `causes(split)`: (text, label) pairs: one cause clause, framed the way reports frame them.
- `pairs(split)`: (a, b, verdict): two explanations of one change and how they relate:
  `same`, `compatible` (one adds a cause), `different` (no cause in common) or
  `contradictory` (one denies the other's cause, or the same factor moves the other way).

    python corpora/generate_causes.py          # prints counts and a few examples
"""

from __future__ import annotations

import random
from collections import Counter

#: causes.yaml categories plus `other`, in the order the models number them
LABELS = ("epidemic", "reorganisation", "staffing", "austerity", "project_added", "project_ended",
          "policy", "accounting", "other")
VERDICTS = ("same", "compatible", "different", "contradictory")
SPLITS = ("train", "heldout")

SLOTS: dict[str, list[str]] = {
    "org": ["县台办", "档案局", "接待办", "机要局", "信访局", "党史研究室", "地方志办公室", "保密局",
            "政策研究室", "改革办", "督查室", "外事办", "老干部局", "法制办", "史志办", "电子政务办"],
    "org2": ["机关事务中心", "区委办", "县委办公室", "县政府办公室", "档案馆", "市委办", "机关事务服务中心",
             "县委组织部", "融媒体中心", "行政服务中心"],
    "act": ["公务接待", "外出考察", "集中培训", "大型会议", "出差", "调研", "督查检查", "学习交流",
            "公务出行", "招商考察", "来访接待", "会议活动", "下乡走访", "业务培训"],
    "exp": ["公务接待费", "会议费", "培训费", "差旅费", "办公费", "公务用车运行费", "印刷费", "水电费",
            "一般性支出", "日常公用经费", "物业管理费", "维修费", "邮电费", "委托业务费"],
    "proj": ["绩效考核奖励", "巡视工作", "信息化建设", "机要设备升级", "办公楼维修", "档案数字化", "乡村振兴",
             "脱贫攻坚", "党建活动", "文明城市创建", "驻村帮扶", "电子政务", "保密设施改造", "网络安全",
             "年鉴编纂", "基层治理"],
    "event": ["全市现场推进会", "庆祝建党100周年活动", "新中国成立70周年活动", "全省经验交流会", "党代会",
              "人代会", "政协会议", "全县经济工作会议", "换届选举", "运动会"],
    "policy": ["工资", "津补贴", "养老保险", "公务用车", "绩效奖励", "住房公积金", "医疗保险", "职业年金",
               "乡镇工作补贴", "艰苦边远地区津贴"],
    "subj": ["公务接待费", "机关运行经费", "财政拨款支出", "基本支出", "项目支出", "人员经费", "公用经费",
             "本年支出", "收入总计", "工资福利支出", "商品和服务支出", "会议费", "培训费",
             "一般公共服务支出"],
    "n": ["1", "2", "3", "4", "5", "6", "7", "8", "两", "三", "五", "十"],
    "dir": ["增加", "减少"],
}

# A phrasing starting with "+" or "-" moves its factor up or down (人员增加 / 人员减少); two
# explanations naming one factor in opposite directions contradict each other.
PHRASINGS: dict[str, list[str]] = {
    "epidemic": [
        "受新冠肺炎疫情影响，{act}次数明显减少", "受疫情影响，{act}较上年减少",
        "因疫情防控需要，{act}暂停开展",
        "疫情期间{act}基本停止", "新冠疫情暴发，{act}无法正常开展", "落实疫情防控要求，取消部分{act}",
        "为应对新冠肺炎疫情，增加防疫物资采购", "疫情防控工作需要，购置口罩、消毒液等防疫物资",
        "受疫情冲击，上半年{act}全部停止", "开展疫情防控工作，相关支出增加", "疫情原因{act}改为线上进行",
        "抗击新冠疫情发放一线人员补助", "受新冠肺炎疫情持续影响", "因防疫要求，{act}批次较上年减少",
        "疫情防控形势严峻，{act}减少", "安排抗疫特别国债资金用于防疫物资",
        "受到疫情的影响，{act}未能如期开展",
        "疫情反复，{act}延期举办", "因新冠病毒疫情，{act}减少", "疫情期间实行居家办公，{exp}减少",
        "新冠肺炎疫情导致{act}取消", "因疫情管控，{act}线下活动减少", "防疫物资采购支出增加",
        "受疫情防控政策限制，{act}未开展", "疫情期间减少人员聚集，{act}暂停", "落实常态化疫情防控，{act}从简",
        "支付隔离点运行费用", "核酸检测等防疫支出增加", "疫情封控期间{act}停止",
        "为做好疫情防控，购置测温设备",
    ],
    "reorganisation": [
        "+{org}机构改革后并入我单位", "+根据机构改革方案，{org}职能划入我单位", "+{org}整体并入本部门",
        "+{org}合并到我单位，经费随之划入", "+新增{org}职能", "+机构改革，承接原{org}的职责",
        "+{org}转隶至我单位", "+职能增加，{org}与我单位合并", "-{org}职能划出",
        "-机构改革后{org}划转至{org2}", "-{org}从我单位分离出去", "-部分职能及人员转隶到{org2}",
        "-职能减少，{org}撤并至{org2}", "-{org}已与{org2}合并，相关职能划出",
        "按照机构改革要求，{org}与{org2}整合", "机构改革", "职能调整", "深化机构改革，内设机构调整",
        "机构编制调整", "{org}撤并",
        "+{org}整建制划入", "+{org}挂靠我单位，经费一并划入", "+合署办公后{org}经费纳入本单位",
        "+原{org}的人员和经费划转我单位", "+承接{org}划转的职能", "-{org}整建制划出至{org2}",
        "-{org}独立设置，不再由我单位管理", "-{org}经费划归{org2}", "机构职能优化调整",
        "根据三定方案调整内设机构",
    ],
    "staffing": [
        "+新进人员{n}名", "+在编人员较上年增加{n}人", "+公开招录工作人员{n}名", "+人员增加",
        "+年内调入干部{n}名", "+新增编制内人员", "退休人员增加{n}人", "+新录用公务员{n}名",
        "+遴选调入人员增多", "+职工人数增加", "-人员减少", "-在职人员调出{n}人", "-在职人员减少{n}人",
        "-编制人数减少", "-人员调离", "-工作人员较上年减少{n}名", "-部分人员借调到其他单位",
        "人员正常异动", "人员变动", "人事调整，人员结构变化",
        "+公务员招考新录用{n}人", "+军转干部安置{n}名", "+选调生到岗{n}名", "+编外聘用人员增加",
        "-{n}名干部调往外单位", "-干部退休{n}人，在职人数减少", "-借调人员返回原单位",
        "-聘用人员合同到期离职",
        "人员流动", "干部调整交流",
    ],
    "austerity": [
        "厉行节约", "严格落实中央八项规定精神", "压减一般性支出", "过紧日子，严控{exp}", "从严控制{exp}",
        "减少不必要的开支", "严格按照预算执行", "压缩{exp}开支", "勤俭节约，降低{exp}", "精简会议和文件",
        "认真执行厉行节约规定，{exp}下降", "严格控制“三公”经费", "按照节约原则控制{exp}", "落实过紧日子要求",
        "严控{exp}支出标准", "节约使用财政资金", "从紧安排{exp}", "加强经费管理，减少{exp}",
        "贯彻八项规定，{exp}从严控制", "坚持勤俭办一切事业",
        "带头过紧日子", "大力压减非急需非刚性支出", "严格执行支出标准", "{exp}按最低标准执行",
        "严格控制{exp}规模", "开展节约型机关建设", "压缩办公经费", "从严从紧控制{exp}",
        "规范{exp}管理，杜绝浪费",
        "严格执行公务接待标准",
    ],
    "project_added": [
        "追加{proj}经费", "新增{proj}项目", "增加了{proj}专项经费", "上级下达{proj}补助资金",
        "承办{event}，增加活动经费", "{proj}奖励经费增加", "{proj}项目启动实施", "年中追加{proj}预算",
        "新增{proj}专项工作", "安排{proj}专项资金", "增加{event}经费", "{proj}列入本年度预算",
        "新上{proj}建设项目", "开展{event}增加支出", "获得{proj}奖金", "年中因{event}追加预算",
        "{proj}专项经费较上年增加", "上级追加{proj}工作经费", "增加{proj}等项目经费", "实施{proj}新增支出",
        "上级安排{proj}专项补助", "新增{proj}任务", "{proj}资金增加", "争取到{proj}上级资金",
        "本年新开展{proj}工作", "增设{proj}专项", "临时性工作任务增加，追加经费", "{event}需要增加经费",
        "新增{proj}设备购置支出", "拨付{proj}奖励资金",
    ],
    "project_ended": [
        "{proj}项目已完成", "{proj}项目结束", "一次性项目{proj}本年未安排", "专项项目减少",
        "{proj}经费不再安排", "上年{proj}为一次性支出", "{proj}建设已完工", "{proj}专项资金收回",
        "项目减少", "{proj}任务完成，经费相应减少", "上年承办的{event}本年未举办", "{proj}验收结束",
        "本年未安排{proj}专项", "{proj}项目到期终止", "专项业务减少", "{proj}工作已于上年结束",
        "部分专项项目停止实施", "{proj}资金本年未再下达", "上年{event}经费本年不再发生", "项目支出减少",
        "{proj}一次性投入上年已完成", "{proj}本年无需再安排", "{proj}工作阶段性结束", "上年{event}已办结",
        "{proj}资金已全部拨付完毕", "{proj}不再列入预算", "{proj}项目取消", "上年{proj}项目未延续",
        "{proj}阶段任务完成", "{event}停办",
    ],
    "policy": [
        "{policy}标准提高", "调整{policy}标准", "公车改革", "落实{policy}政策", "{policy}标准调整",
        "政策性增资", "执行新的{policy}标准", "车改后取消公务用车补贴", "{policy}政策调整",
        "按照上级文件调整{policy}", "基本工资标准上调", "{policy}缴费比例调整", "实施{policy}制度改革",
        "年终一次性奖金发放标准变化", "{policy}缴存基数调整", "国家统一调整{policy}",
        "按政策增加{policy}", "执行{policy}新政策", "省里出台{policy}新规定", "调资政策落实到位",
        "根据上级政策调整{policy}", "{policy}发放标准提高", "统一调整{policy}执行标准",
        "落实{policy}提标政策",
        "国家出台{policy}改革政策", "执行新的{policy}办法", "{policy}制度改革后调整补贴",
        "{policy}标准按文件上调",
        "增资政策执行", "政策性调整{policy}",
    ],
    "accounting": [
        "核算口径调整", "会计科目调整", "{exp}调整至{subj}科目核算", "统计口径变化", "执行新政府会计制度",
        "资金列支渠道变化", "{exp}改由{org2}统一列支", "支出科目调整", "{exp}由项目支出调整为基本支出",
        "决算口径与上年不一致", "收入核算方式变化", "部分支出调整到其他功能科目", "没有单独核算{exp}",
        "{exp}并入{subj}反映", "按新的支出分类列报", "{exp}在{subj}中列支", "核算方式改变",
        "上年{exp}列入其他科目", "科目归集口径变化", "{exp}改列{subj}",
        "{exp}改在{subj}中反映", "收支科目重新归类", "按照新的预算科目编列", "{exp}由{org2}代为核算",
        "上年部分支出未纳入统计", "决算报表口径调整", "会计核算范围变化", "{exp}分类列支方式改变",
        "本年起单独核算{exp}", "将{exp}从项目支出调整至基本支出",
    ],
    "other": [
        "{act}工作需要", "业务量较上年增加", "保障单位正常运转", "完成年度工作任务", "日常办公需要",
        "开展{act}发生的各项支出", "按照实际工作需要安排", "工作任务加重", "办公设备老化需要更新",
        "{act}所需车辆燃料费、维修费", "{act}和{act}", "保障{act}正常开展", "市场价格上涨",
        "上级检查指导工作较多", "接待来访团组{n}批次", "{act}等日常工作", "购买办公用品",
        "支付{exp}等费用", "服务保障各项会议", "完成领导交办的其他工作",
        "保障{act}顺利开展", "满足日常运转需要", "办公场地租金上涨", "完成{act}任务需要",
        "用于{act}和日常办公",
        "{act}工作量增加", "各项工作正常开展", "支付{act}相关费用", "物价上涨", "正常业务需要",
    ],
}

#: what follows a cause in a clause and names none (the effect): `other` when read alone
TAILS = ["{subj}相应{dir}", "导致{subj}{dir}", "支出{dir}", "相关费用支出{dir}", "经费{dir}",
         "{subj}较上年{dir}",
         "费用相应{dir}", "本年度{act}批次较上年{dir}", "{act}次数有所{dir}", "{exp}支出{dir}"]

#: denials of a category: an explanation that says this contradicts one that names the category
DENIALS: dict[str, list[str]] = {
    "epidemic": ["未受疫情影响", "与疫情无关", "并非疫情原因", "疫情对{act}没有影响", "不是因为疫情"],
    "reorganisation": ["未发生机构合并", "本年度机构和职能没有调整", "并未有单位并入", "机构未作调整",
                       "不存在机构改革因素"],
    "staffing": ["人员没有变化", "在职人数与上年相同", "人员未发生变动", "并非人员增减所致", "编制人数未变"],
    "austerity": ["并未压减支出", "没有压缩{exp}", "不是厉行节约的结果", "{exp}标准未降低", "未采取节支措施"],
    "project_added": ["未追加项目", "本年没有新增项目", "未安排新的专项", "没有追加{proj}经费",
                      "不存在新增项目"],
    "project_ended": ["项目并未结束", "{proj}仍在实施", "专项项目没有减少", "没有项目完结", "{proj}尚未完工"],
    "policy": ["工资标准未调整", "政策没有变化", "未执行新的标准", "{policy}标准保持不变", "不涉及政策调整"],
    "accounting": ["核算口径未变", "科目没有调整", "口径与上年一致", "未改变核算方式", "列支渠道没有变化"],
}

#: how a report frames one cause clause ({c}); {subj} and {dir} filled from SLOTS
FRAMES = ["{c}", "{c}", "{c}", "{c}，{subj}相应{dir}", "本年度{c}", "{c}所致", "{c}，导致{subj}{dir}",
          "由于{c}", "{c}等", "{c}，支出{dir}"]
#: how an explanation joins several clauses
JOINS = ["{a}，{b}", "{a}；{b}", "一是{a}；二是{b}", "{a}，同时{b}", "{a}，另外{b}", "{a}以及{b}",
         "1、{a}。2、{b}"]
#: how a denial is followed by the cause the explanation gives instead
INSTEAD = ["{neg}，主要是{c}", "{neg}，{dir}的原因是{c}", "{neg}，而是{c}", "{neg}"]

CAUSES_PER_PHRASING = {"train": 16, "heldout": 8}
PAIRS_PER_VERDICT = {"train": 2000, "heldout": 150}


def _in_split(index: int, split: str) -> bool:
    return (index % 5 == 4) == (split == "heldout")


def _pool(table: dict[str, list[str]], split: str) -> dict[str, list[tuple[int, str]]]:
    """Phrasings of each category in `split`, each as (polarity, template)."""
    pool: dict[str, list[tuple[int, str]]] = {}
    for label, phrasings in table.items():
        chosen = [p for i, p in enumerate(phrasings) if _in_split(i, split)]
        pool[label] = [(1, p[1:]) if p[0] == "+" else (-1, p[1:]) if p[0] == "-" else (0, p)
                       for p in chosen]
    return pool


def _fill(rng: random.Random, template: str) -> str:
    text = template
    while "{" in text:
        start = text.index("{")
        name = text[start + 1:text.index("}", start)]
        text = text[:start] + rng.choice(SLOTS[name]) + text[start + len(name) + 2:]
    return text


def _frame(rng: random.Random, clause: str) -> str:
    head, tail = rng.choice(FRAMES).split("{c}")
    return _fill(rng, head) + clause + _fill(rng, tail)


def causes(split: str = "train", seed: int = 0) -> list[tuple[str, str]]:
    """Framed cause clauses with their category."""
    rng = random.Random(f"causes/{split}/{seed}")
    out = []
    for label, phrasings in _pool(PHRASINGS, split).items():
        for _, template in phrasings:
            for _ in range(CAUSES_PER_PHRASING[split]):
                out.append((_frame(rng, _fill(rng, template)), label))
    for i, template in enumerate(TAILS):
        if _in_split(i, split):
            out.extend((_fill(rng, template), "other") for _ in range(CAUSES_PER_PHRASING[split] // 2))
    rng.shuffle(out)
    return list(dict.fromkeys(out))


class _Pairs:
    """Explanations built from (category, polarity) causes."""

    def __init__(self, split: str, seed: int) -> None:
        self.rng = random.Random(f"pairs/{split}/{seed}")
        self.pool = _pool(PHRASINGS, split)
        self.denials = {k: [t for _, t in v] for k, v in _pool(DENIALS, split).items()}
        self.labels = [k for k in LABELS if k != "other"]

    def template(self, label: str, polarity: int | None = None) -> tuple[int, str]:
        """A phrasing of `label`: any (None), unpolarised (0), or moving `polarity` or unpolarised."""
        choices = [(p, t) for p, t in self.pool[label] if polarity is None or p in (polarity, 0)]
        if polarity and any(p == polarity for p, _ in choices) and self.rng.random() < 0.7:
            choices = [(p, t) for p, t in choices if p == polarity]
        return self.rng.choice(choices)

    def clause(self, label: str, polarity: int | None = None) -> tuple[str, int]:
        p, t = self.template(label, polarity)
        return _fill(self.rng, t), p

    def render(self, templates: list[str]) -> str:
        clauses = [_fill(self.rng, t) for t in templates]
        if len(clauses) == 1:
            return _frame(self.rng, clauses[0])
        return self.rng.choice(JOINS).format(a=clauses[0], b=clauses[1])

    def explain(self, causes: list[tuple[str, int | None]]) -> str:
        return self.render([self.template(label, pol)[1] for label, pol in causes])

    def labels_apart(self, taken: set[str], k: int) -> list[str]:
        """`k` categories outside `taken` and not opposite to it (project added vs ended)."""
        blocked = set(taken)
        if taken & {"project_added", "project_ended"}:
            blocked |= {"project_added", "project_ended"}
        return self.rng.sample([x for x in self.labels if x not in blocked], k)

    def causes(self, k: int) -> list[tuple[str, int | None]]:
        labels = self.rng.sample(self.labels, k)
        if {"project_added", "project_ended"} <= set(labels):
            labels = labels[:1]
        out: list[tuple[str, int | None]] = []
        for label in labels:
            out.append((label, self.clause(label)[1]))
        return out

    def make(self, verdict: str) -> tuple[str, str]:
        rng = self.rng
        a = self.causes(rng.choice([1, 1, 2]))
        taken = {label for label, _ in a}
        if verdict == "same":
            kind = rng.random()
            if kind < 0.05:
                text = self.explain(a)
                return text, text
            if kind < 0.4:  # the same phrasings, other subjects, frames or order: still the same
                templates = [self.template(label, pol)[1] for label, pol in a]
                first = self.render(templates)
                return first, self.render(templates[::-1] if rng.random() < 0.5 else templates)
            return self.explain(a), self.explain(list(reversed(a)) if rng.random() < 0.5 else a)
        if verdict == "compatible":
            extra: list[tuple[str, int | None]] = [(x, None) for x in self.labels_apart(taken, 1)]
            b = a + extra if len(a) == 1 else [a[rng.randrange(2)]] + (extra if rng.random() < 0.5 else [])
            rng.shuffle(b)
            if rng.random() < 0.5:
                return self.explain(a), self.explain(b)
            return self.explain(b), self.explain(a)
        if verdict == "different":
            b = [(x, None) for x in self.labels_apart(taken, rng.choice([1, 1, 2]))]
            return self.explain(a), self.explain(b)
        # contradictory: a denial of one of a's causes, or one factor moving the other way
        label, _ = a[0]
        kind = rng.random()
        if kind < 0.55:
            neg = _fill(rng, rng.choice(self.denials[label]))
            instead = self.clause(self.labels_apart(taken, 1)[0])[0]
            b_text = _fill(rng, rng.choice(INSTEAD).replace("{neg}", neg).replace("{c}", instead))
        elif kind < 0.8 and label in ("project_added", "project_ended"):
            other = "project_ended" if label == "project_added" else "project_added"
            b_text = self.explain([(other, None)])
        else:
            label = rng.choice(["staffing", "reorganisation"])
            sign = rng.choice([1, -1])
            a = [(label, sign)]
            a_text = self.explain_strict(label, sign)
            b_text = self.explain_strict(label, -sign)
            return (a_text, b_text) if rng.random() < 0.5 else (b_text, a_text)
        a_text = self.explain(a)
        return (a_text, b_text) if rng.random() < 0.5 else (b_text, a_text)

    def explain_strict(self, label: str, polarity: int) -> str:
        t = self.rng.choice([t for p, t in self.pool[label] if p == polarity])
        return _frame(self.rng, _fill(self.rng, t))


def pairs(split: str = "train", seed: int = 0) -> list[tuple[str, str, str]]:
    """Explanation pairs with their verdict, the same number of each verdict."""
    maker = _Pairs(split, seed)
    out = [(*maker.make(v), v) for v in VERDICTS for _ in range(PAIRS_PER_VERDICT[split])]
    maker.rng.shuffle(out)
    return out


def main() -> None:
    for split in SPLITS:
        cs, ps = causes(split), pairs(split)
        print(f"{split}: {len(cs)} causes {dict(Counter(label for _, label in cs))}")
        print(f"{split}: {len(ps)} pairs {dict(Counter(v for *_, v in ps))}")
        for text, label in cs[:5]:
            print(f"  {label:15} {text}")
        for a, b, v in ps[:6]:
            print(f"  {v:14} {a} | {b}")


if __name__ == "__main__":
    main()
