"""Scoring hecha's reports against bench gold (see corpora/gold/README.md, "Bench documents").

Gold names a figure by the text it prints and where: a 1-based `line` of a text document, or
`near`, a short string printed on the same line, which survives rendering to DOCX, PDF or
XLSX and reading back. Nothing here reads hecha's own output to write gold: it only
compares. The functions are pure (gold and Report in, counts out), so the bench and the
tests share them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

import opencc
import regex
import yaml

from models import Finding, Report

SEVERITIES = ("error", "warning")
#: the gold's name for a data row that prints no label (a 三公 table's one row)
NO_ROW_LABEL = "合计行"
#: characters that may stand beside a whole table cell (tabs, spaces, a cell-line break)
_CELL_EDGE = frozenset(("", "\t", " ", "\u3000", "\n", "|", "*"))  # "*": Markdown bold
_SPACES = regex.compile(r"\s+")


def squeeze(text: str) -> str:
    """Text in simplified characters, without whitespace and with full-width ASCII folded,
    for comparing labels (hecha reads 決算 as 决算; gold writes what is printed)."""
    folded = "".join(chr(ord(c) - 0xFEE0) if "！" <= c <= "～" else c for c in _t2s().convert(text))
    return _SPACES.sub("", folded.replace("\u3000", ""))


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


# --- gold ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldFinding:
    """An inconsistency a finding must point at (or a true negative none may, at error)."""

    id: str
    text: str
    rules: tuple[str, ...] = ()
    severity: str = "error"
    kind: str | None = None
    line: int | None = None
    near: str | None = None
    occurrence: int = 1
    near_line: int = 1  # which of the lines holding `near` and `text`, where several do
    why: str = ""


@dataclass(frozen=True)
class GoldCell:
    """A numeric table cell read by hand: its value, code and labels."""

    text: str
    value: Decimal
    table: str
    row: str | None
    column: str
    code: str | None = None
    line: int | None = None
    near: str | None = None
    occurrence: int = 1


@dataclass
class GoldDocument:
    """The gold of one bench document."""

    path: Path
    family: str
    year: int | None = None
    clean: bool = False
    also: tuple[str, ...] = ()
    style: str = ""
    findings: list[GoldFinding] = field(default_factory=list)
    true_negatives: list[GoldFinding] = field(default_factory=list)
    cells: list[GoldCell] = field(default_factory=list)

    @property
    def families(self) -> tuple[str, ...]:
        return (self.family, *self.also)


def _finding(entry: dict, negative: bool = False) -> GoldFinding:
    rules = entry.get("rule", ())
    return GoldFinding(
        id=str(entry.get("id", entry.get("text"))),
        text=str(entry["text"]),
        rules=() if negative else tuple([rules] if isinstance(rules, str) else rules),
        severity=str(entry.get("severity", "error")),
        kind=entry.get("kind"),
        line=entry.get("line"),
        near=entry.get("near"),
        occurrence=int(entry.get("occurrence", 1)),
        near_line=int(entry.get("near_line", 1)),
        why=str(entry.get("why", "")),
    )


def _cell(entry: dict) -> GoldCell:
    code = entry.get("code")
    try:
        value = Decimal(str(entry["value"]).replace(",", ""))
    except InvalidOperation as exc:
        raise ValueError(f"cell value {entry['value']!r} is not a number") from exc
    return GoldCell(
        text=str(entry["text"]), value=value, table=str(entry.get("table", "")),
        row=None if entry.get("row") is None else str(entry["row"]),
        column=str(entry.get("column", "")), code=None if code is None else str(code),
        line=entry.get("line"), near=entry.get("near"), occurrence=int(entry.get("occurrence", 1)))


def gold_path(document: Path) -> Path:
    """Where the gold of `document` lives: NAME.gold.yaml beside NAME.EXT."""
    return document.with_name(document.stem + ".gold.yaml")


def load_gold(document: Path) -> GoldDocument:
    """The gold of one bench document (ValueError naming the file when it is malformed)."""
    path = gold_path(document)
    data = yaml.safe_load(path.read_text("utf-8")) or {}
    try:
        return GoldDocument(
            path=document,
            family=str(data["family"]),
            year=data.get("year"),
            clean=bool(data.get("clean", False)),
            also=tuple(data.get("also") or ()),
            style=str(data.get("style", "")),
            findings=[_finding(e) for e in data.get("findings") or ()],
            true_negatives=[_finding(e, negative=True) for e in data.get("true_negatives") or ()],
            cells=[_cell(e) for e in data.get("cells") or ()],
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{path}: malformed gold ({exc})") from exc


# --- locating what gold names --------------------------------------------------------------


def line_starts(text: str) -> list[int]:
    """Offsets at which the lines of `text` start."""
    starts = [0]
    starts.extend(i + 1 for i, ch in enumerate(text) if ch == "\n")
    return starts


def whole_matches(content: str, needle: str, cells: bool = False) -> Iterator[int]:
    """Offsets of `needle` in `content` as a whole figure (6万元 is not inside 246万元).

    With `cells`, the needle must fill a whole table cell (TAB, space or line break around it).
    """
    for m in regex.finditer(regex.escape(needle), content, overlapped=True):
        p = m.start()
        before = content[p - 1] if p else ""
        after = content[m.end()] if m.end() < len(content) else ""
        if cells:
            if before not in _CELL_EDGE or after not in _CELL_EDGE:
                continue
        elif before.isdigit() or (before and before in ".．") or (
                before == "," and p >= 2 and content[p - 2].isdigit()) or (
                after.isdigit() and needle[-1].isdigit()):
            continue  # inside a longer figure (6万元 of 246万元, 234 of 1,234)
        yield p


def locate(original: str, text: str, *, line: int | None = None, near: str | None = None,
           occurrence: int = 1, use_lines: bool = True, cells: bool = False,
           near_line: int = 1) -> tuple[int, int] | None:
    """The original-text span of the `occurrence`-th whole `text` on its line, or None.

    `line` is used when the document is the text the gold was written on (`use_lines`);
    otherwise the line is the `near_line`-th (first by default) holding `near` (whitespace
    ignored) and `text`: two tables may print the same 总分 row.
    """
    starts = line_starts(original)
    candidates: Iterable[int]
    if use_lines and line is not None and 0 < line <= len(starts):
        candidates, near_line = (line - 1,), 1
    elif near is not None:
        key = squeeze(near)
        candidates = (i for i in range(len(starts)) if key in squeeze(_line(original, starts, i)))
    else:
        return None
    seen = 0
    for i in candidates:
        content = _line(original, starts, i)
        found = list(whole_matches(content, text, cells=cells))
        if len(found) >= occurrence:
            seen += 1
            if seen < near_line:
                continue
            begin = starts[i] + found[occurrence - 1]
            return begin, begin + len(text)
    return None


def _line(original: str, starts: list[int], i: int) -> str:
    end = starts[i + 1] - 1 if i + 1 < len(starts) else len(original)
    return original[starts[i]:end]


def overlaps(finding: Finding, span: tuple[int, int]) -> bool:
    """Whether one of the finding's evidence spans overlaps `span`."""
    return any(e.span.start < span[1] and span[0] < e.span.end for e in finding.evidence)


# --- scoring one document ------------------------------------------------------------------


@dataclass
class DocumentScore:
    """What hecha's report of one document got right and wrong against its gold."""

    gold: GoldDocument
    found: dict[str, list[GoldFinding]] = field(default_factory=dict)  # severity -> found
    missed: dict[str, list[GoldFinding]] = field(default_factory=dict)
    correct: dict[str, list[Finding]] = field(default_factory=dict)
    false: dict[str, list[Finding]] = field(default_factory=dict)
    not_built: list[GoldFinding] = field(default_factory=list)  # gold for rules hecha lacks
    unlocated: list[str] = field(default_factory=list)  # gold that names no place in the text
    negatives_hit: list[str] = field(default_factory=list)  # errors on true negatives
    cells: int = 0
    cells_read: int = 0  # value right
    cells_labelled: int = 0  # value, code, row and column right
    cell_errors: list[str] = field(default_factory=list)
    error: str | None = None  # the document could not be checked


def score_document(gold: GoldDocument, report: Report, rule_ids: Iterable[str],
                   as_text: bool) -> DocumentScore:
    """Score `report` against `gold`; `as_text`: gold lines are lines of this document."""
    original = report.document.original
    built = set(rule_ids)
    score = DocumentScore(gold=gold)
    for severity in SEVERITIES:
        for key in ("found", "missed", "correct", "false"):
            getattr(score, key)[severity] = []
    located: list[tuple[GoldFinding, tuple[int, int]]] = []
    for entry in gold.findings:
        span = locate(original, entry.text, line=entry.line, near=entry.near,
                      occurrence=entry.occurrence, use_lines=as_text, near_line=entry.near_line)
        if span is None:
            score.unlocated.append(f"{entry.id}: {entry.text!r}")
        elif not set(entry.rules) & built:
            score.not_built.append(entry)
        else:
            located.append((entry, span))
    for entry, span in located:
        if entry.severity not in SEVERITIES:
            continue
        hit = any(f.rule in entry.rules and f.severity.value == entry.severity and overlaps(f, span)
                  for f in report.findings)
        (score.found if hit else score.missed)[entry.severity].append(entry)
    for f in report.findings:
        severity = f.severity.value
        if severity not in SEVERITIES:
            continue
        ok = any(f.rule in e.rules and e.severity == severity and overlaps(f, span)
                 for e, span in located)
        (score.correct if ok else score.false)[severity].append(f)
    for entry in gold.true_negatives:
        span = locate(original, entry.text, line=entry.line, near=entry.near,
                      occurrence=entry.occurrence, use_lines=as_text, near_line=entry.near_line)
        if span is None:
            score.unlocated.append(f"{entry.id}: {entry.text!r}")
            continue
        for f in report.findings:
            if f.severity.value == "error" and overlaps(f, span):
                score.negatives_hit.append(f"{entry.id}: {f.rule}")
    _score_cells(score, report, as_text)
    return score


def _score_cells(score: DocumentScore, report: Report, as_text: bool) -> None:
    cells = {}
    for table in report.document.tables:
        for cell in table.cells:
            if cell.span is not None and cell.value is not None:
                cells[(cell.span.start, cell.span.end)] = cell
    original = report.document.original
    for entry in score.gold.cells:
        score.cells += 1
        where = f"{entry.line or entry.near} {entry.text}"
        span = locate(original, entry.text, line=entry.line, near=entry.near,
                      occurrence=entry.occurrence, use_lines=as_text, cells=True)
        found = None if span is None else next(
            (c for (s, e), c in cells.items() if s < span[1] and span[0] < e), None)
        if found is None or found.value is None or found.value.value != entry.value:
            got = None if found is None or found.value is None else found.value.value
            score.cell_errors.append(f"{where}: value {got} (gold {entry.value})")
            continue
        score.cells_read += 1
        code_ok = (found.code or None) == entry.code
        if entry.row in (None, NO_ROW_LABEL):
            row_ok = found.row_label is None
        else:
            row_ok = squeeze(_strip_code(found.row_label or "")) == squeeze(entry.row)
        column_ok = bool(found.column_labels) and squeeze(found.column_labels[-1]) == squeeze(entry.column)
        if code_ok and row_ok and column_ok:
            score.cells_labelled += 1
        else:
            score.cell_errors.append(
                f"{where}: code {found.code} row {found.row_label} col {found.column_labels[-1:]} "
                f"(gold {entry.code} {entry.row} {entry.column})")


def _strip_code(label: str) -> str:
    """A row label without the classification code printed in front of it."""
    return regex.sub(r"^\s*\d{3,7}\s*", "", label)
