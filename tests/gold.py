"""Scoring the extractor against the reading-based gold in corpora/gold/.

Gold locates a figure by line, printed text and occurrence; `locate` turns that into
original-text offsets, counting whole figures only (the 6万元 inside 247.66万元 is not one).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import regex
import yaml

import corpora
from corpora.scoring import locate as locate_on_line
from extractor.normalize import translate
from models import Claim, QuantityKind, Source

ROOT = Path(__file__).resolve().parent.parent
SEEDS = corpora.SEEDS
GOLD = corpora.GOLD
SEED_NAMES = sorted(p.name for p in SEEDS.glob("*.txt"))


def locate(text: str, line: int, needle: str, occurrence: int = 1,
           cells: bool = False) -> tuple[int, int]:
    """Original offsets of the `occurrence`-th whole `needle` on 1-based `line`."""
    span = locate_on_line(text, needle, line=line, occurrence=occurrence, cells=cells)
    if span is None:
        raise LookupError(f"line {line}: {needle!r} #{occurrence} not found")
    return span


def norm_subject(subject: str) -> str:
    return translate(subject).replace(" ", "").strip("“”\"")


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    labelled: int = 0  # matched with subject and role both right
    misses: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    mislabelled: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def labelled_accuracy(self) -> float:
        return self.labelled / self.gold if self.gold else 1.0

    def add(self, other: Score) -> None:
        for name in ("gold", "predicted", "matched", "labelled"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses
        self.spurious += other.spurious
        self.mislabelled += other.mislabelled


def _table_lines(text: str) -> set[int]:
    return {i + 1 for i, line in enumerate(text.split("\n")) if "\t" in line}


def score_amounts(seed: str, original: str, claims: list[Claim]) -> Score:
    """Narrative money amounts and percentages: spans, values, units, subjects, roles."""
    data = yaml.safe_load((GOLD / (Path(seed).stem + ".amounts.yaml")).read_text("utf-8"))
    tables = _table_lines(original)
    gold = {}
    for a in data["amounts"]:
        start, end = locate(original, a["line"], a["text"], a.get("occurrence", 1))
        gold[(start, end)] = a
    score = Score(gold=len(gold))
    predicted = {}
    for c in claims:
        q = c.quantity
        if c.source is not Source.NARRATIVE or q.kind not in (QuantityKind.AMOUNT,
                                                             QuantityKind.PERCENT):
            continue
        line = original.count("\n", 0, q.span.start) + 1
        if line in tables:
            continue
        predicted[(q.span.start, q.span.end)] = c
    score.predicted = len(predicted)
    for key, a in gold.items():
        c = predicted.get(key)
        unit = "%" if c is not None and c.quantity.kind is QuantityKind.PERCENT else (
            c.quantity.unit if c is not None else None)
        where = f"{seed[:3]}:{a['line']} {a['text']}"
        if c is None or str(c.quantity.value) != str(a["value"]).replace(",", "") or unit != a["unit"]:
            score.misses.append(f"{where} (gold {a['value']} {a['unit']})")
            continue
        score.matched += 1
        if norm_subject(c.subject) == norm_subject(a["subject"]) and c.role.value == a["role"]:
            score.labelled += 1
        else:
            score.mislabelled.append(
                f"{where}: got {c.subject}/{c.role.value}, gold {a['subject']}/{a['role']}")
    for key, c in predicted.items():
        if key not in gold:
            line = original.count("\n", 0, key[0]) + 1
            score.spurious.append(f"{seed[:3]}:{line} {c.quantity.span.text}")
    return score


# --- findings ---------------------------------------------------------------------------

SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}


@dataclass
class FindingScore:
    """Gold findings of one severity against the rules' findings of that severity."""

    gold: int = 0
    found: int = 0  # gold findings some predicted finding covers
    predicted: int = 0
    correct: int = 0  # predicted findings that cover some gold finding
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    per_rule: dict[str, list[int]] = field(default_factory=dict)  # rule -> [gold, found, pred, ok]

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0


def load_findings() -> dict:
    return yaml.safe_load((GOLD / "findings.yaml").read_text("utf-8"))


def seed_name(prefix: str) -> str:
    return next(n for n in SEED_NAMES if n.startswith(str(prefix).zfill(3)))


def gold_span(original: str, entry: dict) -> tuple[int, int]:
    text = str(entry["text"])
    in_table = "\t" in original.split("\n")[entry["line"] - 1]
    whole_cell = in_table and regex.fullmatch(r"[\d.,%]+", text) is not None
    return locate(original, entry["line"], text,
                  entry.get("occurrence", 1), cells=whole_cell)


def _covers(finding, span: tuple[int, int]) -> bool:
    return any(e.span.start < span[1] and span[0] < e.span.end for e in finding.evidence)


def score_findings(reports: dict[str, object], severity: str) -> FindingScore:
    """Recall and precision of findings at exactly `severity` (reports keyed by seed name)."""
    data = load_findings()
    score = FindingScore()
    gold_by_seed: dict[str, list[tuple[dict, tuple[int, int]]]] = {}
    for entry in data["findings"]:
        seed = seed_name(entry["seed"])
        report = reports[seed]
        gold_by_seed.setdefault(seed, []).append((entry, gold_span(report.document.original, entry)))
    for seed, report in reports.items():
        predicted = [f for f in report.findings if f.severity.value == severity]
        gold = [(e, s) for e, s in gold_by_seed.get(seed, []) if e["severity"] == severity]
        for entry, span in gold:
            rules = entry["rule"] if isinstance(entry["rule"], list) else [entry["rule"]]
            stats = score.per_rule.setdefault(rules[0], [0, 0, 0, 0])
            score.gold += 1
            stats[0] += 1
            if any(f.rule in rules and _covers(f, span) for f in predicted):
                score.found += 1
                stats[1] += 1
            else:
                score.missed.append(f"{entry['id']} ({'/'.join(rules)})")
        for f in predicted:
            stats = score.per_rule.setdefault(f.rule, [0, 0, 0, 0])
            score.predicted += 1
            stats[2] += 1
            matches = [e for e, span in gold_by_seed.get(seed, [])
                       if f.rule in (e["rule"] if isinstance(e["rule"], list) else [e["rule"]])
                       and _covers(f, span)]
            if any(e["severity"] == severity for e in matches):
                score.correct += 1
                stats[3] += 1
            else:
                line = report.document.line_col(f.evidence[0].span.start)[0] if f.evidence else 0
                score.wrong.append(f"{seed[:3]}:{line} {f.rule} {f.message_en[:90]}")
    return score


def true_negative_hits(reports: dict[str, object]) -> list[str]:
    """Error-level findings whose stated figure is a gold true negative."""
    hits = []
    for entry in load_findings()["true_negatives"]:
        seed = seed_name(entry["seed"])
        report = reports[seed]
        span = gold_span(report.document.original, entry)
        for f in report.findings:
            stated = [e for e in f.evidence if e.role == "stated"]
            if f.severity.value == "error" and any(
                    e.span.start < span[1] and span[0] < e.span.end for e in stated):
                hits.append(f"{entry['id']}: {f.rule} {f.message_en[:80]}")
    return hits


# --- table cells --------------------------------------------------------------------------


#: the gold's name for a data row that prints no label (the 三公 table's one row)
NO_ROW_LABEL = "合计行"


def _label(text: str | None) -> str:
    return translate(text or "").replace(" ", "").replace("\n", "")


def score_cells(seed: str, document) -> Score:
    """Numeric table cells of seed 003: value and span, then table, row and column labels."""
    data = yaml.safe_load((GOLD / (Path(seed).stem + ".cells.yaml")).read_text("utf-8"))
    original = document.original
    predicted = {}
    tables = {}
    for table in document.tables:
        if not table.label:
            continue  # the gold covers the 公开 tables
        for cell in table.cells:
            if cell.value is not None and cell.span is not None:
                predicted[(cell.span.start, cell.span.end)] = cell
                tables[(cell.span.start, cell.span.end)] = table
    score = Score(gold=len(data["cells"]), predicted=len(predicted))
    for entry in data["cells"]:
        key = locate(original, entry["line"], str(entry["text"]),
                     entry.get("occurrence", 1), cells=True)
        cell = predicted.get(key)
        where = f"{entry['line']} {entry['text']}"
        if cell is None or str(cell.value.value) != str(Decimal(str(entry["value"]))):
            score.misses.append(where)
            continue
        score.matched += 1
        table = tables[key]
        if entry["row"] == NO_ROW_LABEL:
            row_ok = cell.row_label is None
        elif str(entry["row"]).isdigit():
            row_ok = cell.code == entry["row"]
        else:
            row_ok = _label(cell.row_label) == _label(entry["row"])
        column_ok = bool(cell.column_labels) and _label(cell.column_labels[-1]) == _label(entry["column"])
        group = entry.get("column_group")
        group_ok = group is None or (cell.column_labels and _label(cell.column_labels[0]) == _label(group))
        table_ok = _label(table.label) == _label(entry["table"])
        if row_ok and column_ok and group_ok and table_ok:
            score.labelled += 1
        else:
            score.mislabelled.append(
                f"{where}: table {table.label} row {cell.code or cell.row_label} "
                f"col {cell.column_labels} (gold {entry['table']} {entry['row']} {entry['column']}"
                f" {group or ''})")
    return score
