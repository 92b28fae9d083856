"""The report synthesizer (corpora/synth): deterministic, complete, locatable, consistent.

The identities of clean renderings are recomputed here from the rendered text with a small
parser of this test's own (not hecha's), so that a mistake in the synthesizer's accounts
cannot hide behind the same mistake in the checks.
"""

from __future__ import annotations

import random
import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

import corpora
from corpora.scoring import locate
from corpora.synth import build
from corpora.synth.accounts import make_accounts
from corpora.synth.build import TEXT_DIR, Spec, make_document
from corpora.synth.doc import Slot, plain
from corpora.synth.money import percent, round_to
from corpora.synth.plant import KINDS, PLACEHOLDERS, PLANTERS, Context
from corpora.synth.render import render
from corpora.synth.render.style import FAMILIES, choose_style
from models import classification
from models.classification import Tree

N = 20
SYNTH = corpora.ROOT / "synth"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth")
    build(out, N, seed=7)
    return out


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A planted text document of every family (no PDF: quick)."""
    out = tmp_path_factory.mktemp("planted")
    for i, family in enumerate(FAMILIES):
        make_document(Spec(100 + i, family, True, "txt"), 7, out, None)
    return out


def golds(folder: Path) -> list[tuple[Path, dict, str]]:
    """(gold path, gold, text rendering) of every document in `folder`."""
    out = []
    for path in sorted(folder.glob("*.gold.yaml")):
        name = path.name.removesuffix(".gold.yaml")
        text = folder / f"{name}.txt"
        if not text.exists():
            text = folder / TEXT_DIR / f"{name}.txt"
        out.append((path, yaml.safe_load(path.read_text("utf-8")), text.read_text("utf-8")))
    return out


def test_same_seed_same_bytes(built: Path, tmp_path: Path) -> None:
    build(tmp_path, N, seed=7)
    first = {p.relative_to(built): p.read_bytes() for p in built.rglob("*") if p.is_file()}
    second = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_every_family_and_half_planted(built: Path) -> None:
    docs = golds(built)
    assert {g["family"] for _, g, _ in docs} == set(FAMILIES)
    assert len(docs) == N
    for path, gold, _ in docs:
        assert gold["clean"] == ("_clean" in path.name)
        assert gold["clean"] == (not gold["findings"])
        assert 2016 <= gold["year"] <= 2024
        assert set(gold["also"]) <= set(FAMILIES) - {gold["family"]}


@pytest.mark.parametrize("which", ["built", "planted"])
def test_gold_points_at_its_text(which: str, request: pytest.FixtureRequest) -> None:
    """Every gold text is on its line, `near` is on that line, and near finds the same span."""
    for path, gold, text in golds(request.getfixturevalue(which)):
        lines = text.split("\n")
        for entry in gold["findings"] + gold["true_negatives"]:
            line = lines[entry["line"] - 1]
            where = f"{path.name} {entry['id']}"
            assert entry["near"] in line, where
            occurrence = entry.get("occurrence", 1)
            by_line = locate(text, str(entry["text"]), line=entry["line"], occurrence=occurrence)
            by_near = locate(
                text, str(entry["text"]), near=entry["near"], occurrence=occurrence, use_lines=False,
                near_line=entry.get("near_line", 1),
            )
            assert by_line is not None and by_line == by_near, where


def test_planted_documents_have_findings(planted: Path) -> None:
    kinds = set()
    for path, gold, _ in golds(planted):
        assert 1 <= len(gold["findings"]) <= 4, path.name
        for entry in gold["findings"]:
            assert entry["severity"] in ("error", "warning")
            assert entry["kind"] in KINDS
            kinds.add(entry["kind"])
    assert len(kinds) >= 6


def test_formats_written(built: Path) -> None:
    suffixes = {p.suffix for p in built.iterdir() if p.is_file() and not p.name.endswith(".gold.yaml")}
    assert ".txt" in suffixes and len(suffixes) >= 3
    for path in built.glob("*.docx"):
        assert path.read_bytes()[:2] == b"PK"
    for path in built.glob("*.pdf"):
        assert path.read_bytes()[:5] == b"%PDF-"


def test_synthesizer_does_not_use_hecha() -> None:
    """Plants are chosen from the accounts and the rendering alone, never from hecha's output."""
    for source in SYNTH.rglob("*.py"):
        text = source.read_text("utf-8")
        assert not re.search(r"^\s*(from|import)\s+(extractor|rules|service)\b", text, re.M), source


# --- identities of clean renderings, recomputed from the text --------------------------------

_AMOUNT = re.compile(r"^-?[\d,]+\.\d{2}$")
_CODE = re.compile(r"^(\d{3}|\d{5}|\d{7})$")
_RATE = re.compile(
    r"(\d+(?:\.\d+)?)万元，(?:与上年相比，|比上年|同比)(增加|减少)(\d+(?:\.\d+)?)万元，"
    r"(?:增长|下降|降低|增加|减少)(\d+(?:\.\d+)?)%"
)
_COMPLETION = re.compile(
    r"年初预算为(\d+(?:\.\d+)?)万元，支出决算为(\d+(?:\.\d+)?)万元，完成年初预算的(\d+(?:\.\d+)?)%"
)


def _num(cell: str) -> Decimal:
    cell = cell.strip().replace(",", "")
    return Decimal(cell) if cell else Decimal(0)


def _half(text: str) -> Decimal:
    decimals = len(text.split(".")[1]) if "." in text else 0
    return Decimal(1).scaleb(-decimals) / 2


def _clean_texts(built: Path) -> list[tuple[str, str]]:
    return [
        (p.name, t)
        for p, g, t in golds(built)
        if g["clean"]
        and "traditional" not in [g["family"], *g["also"]]
        and not {"pdf-broken", "cell-lines"} & {g["family"], *g["also"]}
    ]


def test_clean_tree_tables_add_up(built: Path) -> None:
    """类 = Σ款 = Σ项 in every column of every table with a code column (within rounding)."""
    checked = 0
    for name, text in _clean_texts(built):
        rows: dict[str, list[Decimal]] = {}
        for line in [*text.split("\n"), ""]:
            cells = line.split("\t")
            if len(cells) > 2 and _CODE.match(cells[0]) and all(not c or _AMOUNT.match(c) for c in cells[2:]):
                rows[cells[0]] = [_num(c) for c in cells[2:]]
                continue
            for code, values in rows.items():
                kids = [v for c, v in rows.items() if len(c) == len(code) + 2 and c.startswith(code)]
                if not kids:
                    continue
                for col, value in enumerate(values):
                    total = sum((k[col] for k in kids), Decimal(0))
                    assert abs(total - value) <= Decimal("0.005") * len(kids) + Decimal("1e-9"), (name, code)
                    checked += 1
            rows = {}
    assert checked > 20


def test_clean_totals_table_balances(built: Path) -> None:
    """收入总计 = 本年收入合计 + 年初结转和结余 = 支出总计 = 本年支出合计 + 年末结转和结余."""
    checked = 0
    for name, text in _clean_texts(built):
        start = text.find("\n收入支出决算总表\n")
        if start < 0:
            continue
        figures: dict[str, list[Decimal]] = {}
        for line in text[start:].split("\n\n\n")[0].split("\n")[:60]:
            cells = line.split("\t")
            for i, cell in enumerate(cells):
                label = cell.strip()
                if not label or _AMOUNT.match(label) or label.isdigit():
                    continue
                value = next((c for c in cells[i + 1 : i + 3] if _AMOUNT.match(c.strip())), "")
                figures.setdefault(label, []).append(_num(value))
        if "本年收入合计" not in figures:
            continue
        incomes = sum((v[0] for k, v in figures.items() if k.endswith("收入") and "、" in k), Decimal(0))
        grand = figures.get("总计") or figures["收入总计"] + figures["支出总计"]
        assert abs(incomes - figures["本年收入合计"][0]) <= Decimal("0.04"), name
        expected = figures["本年收入合计"][0] + figures["年初结转和结余"][0]
        assert abs(expected - grand[0]) <= Decimal("0.02"), name
        assert abs(figures["本年支出合计"][0] + figures["年末结转和结余"][0] - grand[-1]) <= Decimal(
            "0.02"
        ), name
        assert grand[0] == grand[-1], name
        checked += 1
    assert checked >= 3


def test_clean_rates_within_rounding(built: Path) -> None:
    """A growth rate is change / (current ∓ change), and a completion rate actual / budget, within
    the intervals of the printed figures."""
    checked = 0
    for name, text in _clean_texts(built):
        for m in _RATE.finditer(text):
            cur, up, chg, rate = m.group(1), m.group(2) == "增加", m.group(3), m.group(4)
            c, d, h1, h2 = _num(cur), _num(chg), _half(cur), _half(chg)
            corners = [
                (d + e2) / ((c + e1) - (d + e2) if up else (c + e1) + (d + e2)) * 100
                for e1 in (-h1, h1)
                for e2 in (-h2, h2)
            ]
            r, hr = _num(rate), _half(rate)
            assert min(corners) - hr <= r <= max(corners) + hr, (name, m.group(0))
            checked += 1
        for m in _COMPLETION.finditer(text):
            b, a, rate = m.group(1), m.group(2), m.group(3)
            corners = [
                (_num(a) + e2) / (_num(b) + e1) * 100
                for e1 in (-_half(b), _half(b))
                for e2 in (-_half(a), _half(a))
            ]
            assert min(corners) - _half(rate) <= _num(rate) <= max(corners) + _half(rate), (name, m.group(0))
            checked += 1
    assert checked > 5


def test_clean_scores_add_up(planted: Path, built: Path) -> None:
    """总分 = 预算执行得分 + Σ 得分 and no 得分 above its 分值, in every clean 自评表."""
    checked = 0
    for name, text in _clean_texts(built):
        for block in text.split("年度资金总额\t")[1:]:
            lines = block.split("\n")
            exec_score = _num(lines[0].split("\t")[-1])
            scores = []
            for line in lines[1:]:
                cells = line.split("\t")
                if cells[0] == "总分":
                    assert exec_score + sum(scores, Decimal(0)) == _num(cells[7]), name
                    checked += 1
                    break
                if len(cells) == 9 and re.fullmatch(r"\d+(\.\d+)?", cells[6]) and cells[7]:
                    assert _num(cells[7]) <= _num(cells[6]), name
                    scores.append(_num(cells[7]))
    assert checked >= 1


# --- each plant changes what it says it changes ---------------------------------------------


def _contexts() -> list[Context]:
    out = []
    for i, family in enumerate(FAMILIES * 2):
        rng = random.Random(f"test-plant:{i}")
        accounts = make_accounts(rng, govfund=True if i % 3 == 0 else None)
        style = choose_style(rng, family)
        doc = render(accounts, style, rng).doc
        out.append(Context(doc, rng, accounts.unit, accounts.year, style.toc, style.shanghai, set()))
    return out


def _expected(slot: Slot) -> Decimal:
    """The value the slot printed before the plant, from what it means."""
    assert slot.printer is not None
    info = slot.info
    if slot.kind == "rate":
        return round_to(percent(info["change"], info["prior"]), slot.printer.decimals)
    if slot.kind == "share":
        return round_to(percent(info["part"], info["whole"]), slot.printer.decimals)
    if slot.kind in ("completion", "control"):
        return round_to(percent(info["actual"], info["budget"]), slot.printer.decimals)
    return slot.printer.value(info["exact"])


@pytest.mark.parametrize("kind", KINDS)
def test_plant_changes_what_it_says(kind: str) -> None:
    for ctx in _contexts():
        before = {s.key for s in ctx.doc.slots()}
        entries = PLANTERS[kind](ctx)
        if entries:
            break
    else:
        pytest.fail(f"no document offered a {kind} plant")
    entry = entries[0]
    slot = entry.slot
    assert entry.kind == kind and entry.rules and slot.text
    if kind in ("digit", "wrong_rate", "wrong_share", "wrong_completion", "balance"):
        assert slot.value is not None and slot.printer is not None
        gap = abs(slot.value - _expected(slot))
        assert gap == slot.printer.ulp if entry.severity == "warning" else gap >= 3 * slot.printer.ulp
    elif kind == "wrong_base":
        assert slot.printer is not None
        assert slot.value == round_to(
            percent(slot.info["change"], slot.info["current"]), slot.printer.decimals
        )
        assert abs(slot.value - _expected(slot)) >= 3 * slot.printer.ulp
    elif kind == "direction":
        rising = slot.text in ("增加", "增长")
        assert rising != (slot.info["sign"] > 0)
    elif kind == "comparison":
        actual, budget = slot.info["actual"], slot.info["budget"]
        assert slot.text != ("大于" if actual > budget else "小于" if actual < budget else "等于")
    elif kind == "year":
        assert str(ctx.year - 1) in slot.text
    elif kind == "placeholder":
        assert slot.text in PLACEHOLDERS or any(p in slot.text for p in ("202 ", "20XX", "20××"))
    elif kind == "unit_name":
        assert slot.text != ctx.unit.name and slot.text not in (ctx.unit.self_word,)
    elif kind == "code_name":
        code = slot.info["code"]
        assert not classification.load().owns(code, slot.text)
        assert any(c[:-2] == code[:-2] for c in classification.load().owners(Tree.FUNCTIONAL, slot.text))
    elif kind == "missing_table":
        assert slot.kind == "toc" and slot.key.removeprefix("toc:") not in {t.name for t in ctx.doc.tables()}
    elif kind == "repeat":
        assert slot.text[: len(slot.text) // 2] * 2 == slot.text
    elif kind in ("score_total", "score_over", "grade"):
        total = next(
            s
            for s in ctx.doc.slots()
            if s.kind == "score"
            and s.key.endswith(".total")
            and s.table
            and "scores" in s.info
            and (slot is s or slot in s.info["scores"] or s.info.get("grade") is slot)
        )
        added = sum((s.value for s in total.info["scores"] if s.value is not None), Decimal(0))
        if kind == "score_total":
            assert added != total.value
        elif kind == "score_over":
            weight = slot.info["weight"]
            assert slot.value > weight.value and added == total.value
        else:
            band = next(n for low, n in slot.info["bands"] if total.value >= low)
            assert slot.text != band
    elif kind == "empty_table":
        # the text it writes (an amount, a 无 statement) or the title it marks is the one new slot
        if slot.kind == "amount":
            assert slot.value and slot.text.endswith("万元")
        elif slot.kind == "none":
            sangong = next(t for t in ctx.doc.tables() if t.name == "sangong")
            assert any(s.value for r in sangong.rows for c in r for s in c if isinstance(s, Slot))
        else:
            table = next(t for t in ctx.doc.tables() if t.title == slot.text)
            assert table.empty and not any("空表" in plain(n) or "无数据" in plain(n) for n in table.notes)
        before.add(slot.key)
    assert {s.key for s in ctx.doc.slots()} <= before | {"punct"}
