"""One department's accounts for one fiscal year, consistent by construction.

Everything a report prints is derived from these figures: the functional tree is built
from 项 (leaves) upwards, so 类 = Σ款 = Σ项 in every column; each leaf's income is its
spending plus the change of its carry-over, so 年初 + 本年收入 − 本年支出 = 年末 holds for
every fund; the economic split of the basic spending adds up to the 基本支出 of the
general budget. Amounts are exact Decimal 元 (to the 分); rounding happens only when a
figure is printed (money.py).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from decimal import Decimal

from . import codes
from .money import CENT, split, yuan
from .names import Unit, make_unit

#: Income sources, in the order the 收入支出决算总表 lists them.
SOURCES = ("general", "govfund", "capital", "superior", "business", "operating", "affiliated", "other")
FISCAL = ("general", "govfund", "capital")
SOURCE_NAMES = {
    "general": "一般公共预算财政拨款收入",
    "govfund": "政府性基金预算财政拨款收入",
    "capital": "国有资本经营预算财政拨款收入",
    "superior": "上级补助收入",
    "business": "事业收入",
    "operating": "经营收入",
    "affiliated": "附属单位上缴收入",
    "other": "其他收入",
}
#: 项 whose spending is all 基本支出 (running costs and staff contributions).
BASIC_ITEMS = ("01", "50")
BASIC_CODES = (
    "2080501",
    "2080502",
    "2080505",
    "2080506",
    "2101101",
    "2101102",
    "2101103",
    "2210201",
    "2210202",
    "2210203",
)
ZERO = Decimal(0)


@dataclass
class Leaf:
    """A 项 of the functional classification with everything a report says about it."""

    code: str
    name: str
    basic: Decimal = ZERO  # always general budget money
    project: dict[str, Decimal] = field(default_factory=dict)  # by source
    open: dict[str, Decimal] = field(default_factory=dict)  # 年初结转和结余, fiscal sources
    close: dict[str, Decimal] = field(default_factory=dict)  # 年末结转和结余
    budget_initial: Decimal = ZERO  # 年初预算 of its general-budget spending
    budget_final: Decimal = ZERO  # 全年（调整）预算
    prior: Decimal = ZERO  # last year's spending

    def spend(self, source: str | None = None, part: str | None = None) -> Decimal:
        basic = self.basic if source in (None, "general") else ZERO
        if part == "basic":
            return basic
        project = sum(self.project.values(), ZERO) if source is None else self.project.get(source, ZERO)
        return project if part == "project" else basic + project

    def income(self, source: str) -> Decimal:
        return self.spend(source) + self.close.get(source, ZERO) - self.open.get(source, ZERO)


@dataclass(frozen=True)
class Triple:
    """A figure's budget, actual and prior-year actual."""

    budget: Decimal
    actual: Decimal
    prior: Decimal

    def __add__(self, other: Triple) -> Triple:
        return Triple(self.budget + other.budget, self.actual + other.actual, self.prior + other.prior)


@dataclass(frozen=True)
class Sangong:
    abroad: Triple
    car_buy: Triple
    car_run: Triple
    reception: Triple
    reception_batches: int
    reception_people: int
    abroad_groups: int
    abroad_people: int

    @property
    def car(self) -> Triple:
        return self.car_buy + self.car_run

    @property
    def total(self) -> Triple:
        return self.abroad + self.car + self.reception


@dataclass(frozen=True)
class Procurement:
    goods: Decimal
    works: Decimal
    services: Decimal
    sme: Decimal  # 授予中小企业合同金额
    small: Decimal  # 其中授予小微企业合同金额

    @property
    def total(self) -> Decimal:
        return self.goods + self.works + self.services


@dataclass(frozen=True)
class Staff:
    posts: int  # 编制数
    serving: int  # 实有在职人数
    retired: int
    offices: tuple[str, ...]


@dataclass
class Accounts:
    unit: Unit
    year: int
    leaves: list[Leaf]
    econ: dict[str, Decimal]  # economic 款 → general-budget 基本支出
    sangong: Sangong
    procurement: Procurement
    staff: Staff
    vehicles: dict[str, int]  # vehicle kind → count
    meetings: Decimal
    training: Decimal
    prior: dict[str, Decimal]  # last year's value of the totals the narrative compares
    #: 年初预算 of totals that have no leaves of their own (收入, 支出, 基本/项目)
    budget: dict[str, Decimal]

    # --- the functional tree ------------------------------------------------------------

    def under(self, prefix: str) -> list[Leaf]:
        return [leaf for leaf in self.leaves if leaf.code.startswith(prefix)]

    def spend(self, prefix: str = "", source: str | None = None, part: str | None = None) -> Decimal:
        return sum((leaf.spend(source, part) for leaf in self.under(prefix)), ZERO)

    def income(self, source: str | None = None, prefix: str = "") -> Decimal:
        sources = SOURCES if source is None else (source,)
        return sum((leaf.income(s) for leaf in self.under(prefix) for s in sources), ZERO)

    def carry(self, which: str, source: str | None = None, prefix: str = "") -> Decimal:
        """年初 (`which` = "open") or 年末 ("close") 结转和结余."""
        sources = SOURCES if source is None else (source,)
        return sum((getattr(leaf, which).get(s, ZERO) for leaf in self.under(prefix) for s in sources), ZERO)

    def nodes(self, source: str | None = None) -> list[str]:
        """Codes of the 类, 款 and 项 with spending (from `source`), in table order."""
        leaves = [leaf.code for leaf in self.leaves if source is None or leaf.spend(source)]
        out = sorted({c[:3] for c in leaves} | {c[:5] for c in leaves} | set(leaves))
        return out

    def fiscal_income(self) -> Decimal:
        return sum((self.income(s) for s in FISCAL), ZERO)

    def fiscal_spend(self) -> Decimal:
        return sum((self.spend(source=s) for s in FISCAL), ZERO)

    # --- economic classification ----------------------------------------------------------

    def econ_total(self, head: str) -> Decimal:
        return sum((v for k, v in self.econ.items() if k.startswith(head)), ZERO)

    @property
    def personnel(self) -> Decimal:
        return self.econ_total("301") + self.econ_total("303")

    @property
    def public(self) -> Decimal:
        return self.econ_total("302") + self.econ_total("310")

    @property
    def ops(self) -> Decimal:
        """机关运行经费: the 公用经费 of a 行政 unit."""
        return self.public

    @property
    def cars(self) -> int:
        return sum(self.vehicles.values())


VEHICLE_KINDS = (
    "主要领导干部用车",
    "机要通信用车",
    "应急保障用车",
    "执法执勤用车",
    "特种专业技术用车",
    "其他用车",
)


def make_accounts(rng: random.Random, govfund: bool | None = None) -> Accounts:
    """A department's consistent accounts for a fiscal year between 2016 and 2024.

    `govfund` forces 政府性基金 money in (True) or out (False); by default a quarter of
    departments have some.
    """
    unit = make_unit(rng)
    year = rng.randint(2016, 2024)
    govfund = rng.random() < 0.25 if govfund is None else govfund
    leaves = _fund(rng, _leaves(rng, unit, govfund), govfund)
    basic = sum((leaf.basic for leaf in leaves), ZERO)
    cars = _vehicles(rng)
    sangong, meetings, training, econ = _economic(rng, basic, sum(cars.values()), year)
    project = sum((leaf.spend(part="project") for leaf in leaves), ZERO)
    procurement = _procurement(rng, sum((v for k, v in econ.items() if k.startswith("302")), ZERO) + project)
    posts = rng.randint(8, 140)
    staff = Staff(
        posts,
        max(1, round(posts * rng.uniform(0.78, 1.0))),
        rng.randint(0, 60),
        tuple(rng.sample(unit.department.offices, rng.randint(3, len(unit.department.offices)))),
    )
    accounts = Accounts(
        unit, year, leaves, econ, sangong, procurement, staff, cars, meetings, training, {}, {}
    )
    accounts.prior.update(_priors(rng, accounts))
    accounts.budget.update(_budgets(rng, accounts))
    return accounts


def _leaves(rng: random.Random, unit: Unit, govfund: bool) -> list[tuple[str, str, float]]:
    """3–12 项 with a weight each: the 行政运行 of the unit's main 款 carries most."""
    branches = unit.department.branches
    running = next(c for c in codes.items((branches[0],)) if c[0].endswith("01"))
    pool = [c for c in codes.items(branches) if c != running]
    staff = codes.items(("20805", "21011", "22102"))
    wanted = rng.randint(3, 12)
    chosen = {running}
    chosen.update(rng.sample(staff, min(len(staff), rng.randint(1, max(1, wanted - 2)))))
    projects = [c for c in pool if not _is_basic(c[0])]
    chosen.add(rng.choice(projects))
    if govfund:
        chosen.update(codes.items(("22999",)))
    extra = [c for c in pool + codes.items(("22999",)) if c not in chosen]
    chosen.update(rng.sample(extra, min(len(extra), max(0, wanted - len(chosen)))))

    def weight(code: str) -> float:
        if code == running[0]:
            return rng.uniform(5, 12)
        return rng.uniform(0.3, 2.5) if _is_basic(code) else rng.uniform(0.8, 6)

    return [(code, name, weight(code)) for code, name in sorted(chosen)[:12]]


def _is_basic(code: str) -> bool:
    return code in BASIC_CODES or (code.startswith("201") and code.endswith(BASIC_ITEMS))


def _fund(rng: random.Random, chosen: list[tuple[str, str, float]], govfund: bool) -> list[Leaf]:
    """The leaves with amounts, sources, carry-overs, budgets and priors."""
    scale = rng.uniform(1.5e6, 5e7)
    amounts = split(Decimal(str(round(scale, 2))), [w for _, _, w in chosen])
    carries = rng.random() < 0.55
    leaves = []
    for (code, name, _), amount in zip(chosen, amounts, strict=True):
        leaf = Leaf(code, name)
        leaves.append(leaf)
        amount = max(amount, Decimal("3000.00"))
        if _is_basic(code):
            leaf.basic = amount
        elif code.endswith("03"):  # 机关服务: part running cost, part projects
            leaf.basic = (amount * Decimal(str(rng.uniform(0.3, 0.7)))).quantize(CENT)
            leaf.project["general"] = amount - leaf.basic
        elif govfund and code.startswith("229"):
            leaf.project["govfund"] = amount
        else:
            other = rng.choice(("superior", "business", "other")) if rng.random() < 0.35 else None
            share = Decimal(str(rng.uniform(0.05, 0.4))) if other else Decimal(0)
            outside = (amount * share).quantize(CENT)
            leaf.project["general"] = amount - outside
            if other:
                leaf.project[other] = outside
        for source in ("general", "govfund"):
            spent = leaf.project.get(source, ZERO)
            if carries and spent and rng.random() < 0.6:
                leaf.open[source] = (spent * Decimal(str(rng.uniform(0.0, 0.45)))).quantize(CENT)
                leaf.close[source] = (spent * Decimal(str(rng.uniform(0.0, 0.35)))).quantize(CENT)
        general = leaf.spend("general")
        roll = rng.random()
        if general and roll < 0.12 and leaf.project.get("general"):
            leaf.budget_initial = ZERO  # added during the year (年中追加)
        elif general and roll < 0.3:
            leaf.budget_initial = general
        elif general:
            leaf.budget_initial = (general * Decimal(str(rng.uniform(0.72, 1.25)))).quantize(CENT)
        leaf.budget_final = general + leaf.close.get("general", ZERO)
        leaf.prior = (leaf.spend() * Decimal(str(rng.uniform(0.7, 1.3)))).quantize(CENT)
    return leaves


def _vehicles(rng: random.Random) -> dict[str, int]:
    if rng.random() < 0.25:
        return {}
    kinds = rng.sample(VEHICLE_KINDS, rng.randint(1, 3))
    return {k: rng.randint(1, 4) for k in kinds}


def _economic(
    rng: random.Random, basic: Decimal, cars: int, year: int
) -> tuple[Sangong, Decimal, Decimal, dict[str, Decimal]]:
    """The economic split of the 基本支出, with the 三公 costs and meetings inside 302."""
    public = (basic * Decimal(str(rng.uniform(0.08, 0.25)))).quantize(CENT)
    personnel = basic - public
    wages = (personnel * Decimal(str(rng.uniform(0.8, 0.97)))).quantize(CENT)
    econ: dict[str, Decimal] = {}
    _spread(
        rng,
        econ,
        wages,
        [c for c, _ in codes.economic_parts("301")],
        6,
        11,
        heavy=("30101", "30102", "30103", "30107"),
    )
    _spread(
        rng,
        econ,
        personnel - wages,
        [c for c, _ in codes.economic_parts("303")],
        1,
        4,
        heavy=("30302", "30305"),
    )
    reception = (public * Decimal(str(rng.uniform(0.01, 0.08)))).quantize(CENT)
    car_run = (public * Decimal(str(rng.uniform(0.03, 0.15)))).quantize(CENT) if cars else ZERO
    abroad = (
        (public * Decimal(str(rng.uniform(0.02, 0.06)))).quantize(CENT)
        if rng.random() < 0.12 and year not in (2020, 2021, 2022)
        else ZERO
    )
    meetings = (public * Decimal(str(rng.uniform(0.005, 0.05)))).quantize(CENT)
    training = (public * Decimal(str(rng.uniform(0.005, 0.04)))).quantize(CENT)
    fixed = {"30217": reception, "30231": car_run, "30212": abroad, "30215": meetings, "30216": training}
    econ.update({k: v for k, v in fixed.items() if v})
    rest = [c for c, _ in codes.economic_parts("302") if c not in fixed]
    _spread(
        rng, econ, public - sum(fixed.values(), ZERO), rest, 5, 11, heavy=("30201", "30299", "30228", "30229")
    )
    car_buy = yuan(rng, 1.2e5, 3e5) if cars and rng.random() < 0.12 else ZERO
    sangong = Sangong(
        abroad=_triple(rng, abroad),
        car_buy=_triple(rng, car_buy, prior_zero=True),
        car_run=_triple(rng, car_run),
        reception=_triple(rng, reception),
        reception_batches=max(1, int(reception / Decimal(str(rng.uniform(600, 2500))))) if reception else 0,
        reception_people=0,
        abroad_groups=1 if abroad else 0,
        abroad_people=rng.randint(1, 4) if abroad else 0,
    )
    people = sangong.reception_batches * rng.randint(3, 9)
    return replace(sangong, reception_people=people), meetings, training, econ


def _spread(
    rng: random.Random,
    econ: dict[str, Decimal],
    total: Decimal,
    pool: list[str],
    low: int,
    high: int,
    heavy: tuple[str, ...],
) -> None:
    if total <= 0:
        return
    chosen = sorted(
        set(rng.sample(pool, min(len(pool), rng.randint(low, high))))
        | {h for h in heavy if h in pool and rng.random() < 0.8}
    )
    weights = [rng.uniform(3, 8) if c in heavy else rng.uniform(0.2, 2) for c in chosen]
    for code, amount in zip(chosen, split(total, weights), strict=True):
        econ[code] = econ.get(code, ZERO) + amount


def _triple(rng: random.Random, actual: Decimal, prior_zero: bool = False) -> Triple:
    """Budget and prior year of a 三公 cost: mostly within budget, sometimes over."""
    if not actual:
        budget = yuan(rng, 1e4, 5e4) if rng.random() < 0.15 else ZERO
        prior = yuan(rng, 5e3, 8e4) if not prior_zero and rng.random() < 0.4 else ZERO
        return Triple(budget, ZERO, prior)
    factor = rng.uniform(0.85, 1.0) if rng.random() < 0.12 else rng.uniform(1.0, 1.6)
    budget = (actual * Decimal(str(factor)) / 100).quantize(Decimal(1)) * 100
    prior = ZERO if prior_zero else (actual * Decimal(str(rng.uniform(0.55, 1.5)))).quantize(CENT)
    return Triple(max(budget, Decimal(100)), actual, prior)


def _procurement(rng: random.Random, base: Decimal) -> Procurement:
    if rng.random() < 0.15:
        return Procurement(ZERO, ZERO, ZERO, ZERO, ZERO)
    total = (base * Decimal(str(rng.uniform(0.04, 0.35)))).quantize(CENT)
    works = rng.random() < 0.3
    goods, builds, services = split(
        total, [rng.uniform(1, 5), rng.uniform(1, 4) if works else 0, rng.uniform(1, 5)]
    )
    sme = (total * Decimal(str(rng.uniform(0.55, 1.0)))).quantize(CENT)
    return Procurement(
        goods, builds, services, sme, (sme * Decimal(str(rng.uniform(0.3, 0.9)))).quantize(CENT)
    )


def _factor(rng: random.Random) -> Decimal:
    if rng.random() < 0.06:
        return Decimal(1)
    return Decimal(str(rng.uniform(0.72, 1.35)))


def _priors(rng: random.Random, a: Accounts) -> dict[str, Decimal]:
    """Last year's totals: spending from the leaves, the rest scaled from this year."""
    exp_total = sum((leaf.prior for leaf in a.leaves), ZERO)
    grand = a.income() + a.carry("open")
    return {
        "exp.total": exp_total,
        "inc.total": (a.income() * _factor(rng)).quantize(CENT),
        "grand": (grand * _factor(rng)).quantize(CENT),
        "fa.total": (
            (a.fiscal_income() + a.carry("open", "general") + a.carry("open", "govfund")) * _factor(rng)
        ).quantize(CENT),
        "gp.exp": (a.spend(source="general") * _factor(rng)).quantize(CENT),
        "exp.basic": (a.spend(part="basic") * _factor(rng)).quantize(CENT),
        "exp.project": (a.spend(part="project") * _factor(rng)).quantize(CENT),
        "ops": (a.ops * _factor(rng)).quantize(CENT),
        "personnel": (a.personnel * _factor(rng)).quantize(CENT),
        "public": (a.public * _factor(rng)).quantize(CENT),
    }


def _budgets(rng: random.Random, a: Accounts) -> dict[str, Decimal]:
    initial = sum((leaf.budget_initial for leaf in a.leaves), ZERO)
    basic = a.spend(part="basic")
    return {
        "gp.exp": initial,
        "exp.total": (a.spend() * Decimal(str(rng.uniform(0.8, 1.05)))).quantize(CENT),
        "exp.basic": (basic * Decimal(str(rng.uniform(0.9, 1.05)))).quantize(CENT),
        "exp.project": (a.spend(part="project") * Decimal(str(rng.uniform(0.6, 1.1)))).quantize(CENT),
    }
