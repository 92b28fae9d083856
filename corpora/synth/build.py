"""The bench corpus: n documents over every family, half clean, half planted, in five formats.

Document `i` of a build is made from its own random stream (`synth:<seed>:<i>`), so any
document can be rebuilt alone and the same seed writes the same bytes. Families are dealt
round-robin (every family gets n // 15 documents or one more), clean and planted alternate
within a family (every other family starting with a planted one, so that the halves are
even), and formats are drawn about 60 % text, 15 % DOCX, 15 % PDF, 10 % XLSX and a few
HTML; families that are themselves text transports (pdf-broken, cell-lines) are text.
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from . import formats
from .accounts import make_accounts
from .doc import Doc
from .gold import Entry, write
from .negatives import true_negatives
from .plant import Context, plant
from .render import render
from .render.layout import Rendering, lay_out, tables_only
from .render.style import FAMILIES, TEXT_ONLY, Style, choose_style

FORMATS = ("txt", "docx", "pdf", "xlsx", "html")
FORMAT_WEIGHTS = (52, 17, 17, 10, 4)
TEXT_DIR = "text"  # the text renderings of the documents that are not text themselves


@dataclass(frozen=True)
class Spec:
    index: int
    family: str
    planted: bool
    fmt: str

    @property
    def name(self) -> str:
        return f"s{self.index:03d}_{self.family}_{'planted' if self.planted else 'clean'}"


def plan(n: int, seed: int) -> list[Spec]:
    rng = random.Random(f"synth-plan:{seed}")
    order = list(FAMILIES)
    rng.shuffle(order)
    seen: Counter[str] = Counter()
    specs = []
    for i in range(n):
        family = order[i % len(order)]
        planted = (seen[family] + i % len(order)) % 2 == 1  # half the families start planted
        seen[family] += 1
        fmt = "txt" if family in TEXT_ONLY else rng.choices(FORMATS, FORMAT_WEIGHTS)[0]
        specs.append(Spec(i, family, planted, fmt))
    return specs


def _style_line(style: Style, year: int) -> str:
    kind = "部门整体支出绩效自评报告" if style.standalone else "部门决算"
    codes = {"column": "编码一列", "split": "类款项分列", "in-name": "编码在名称中"}[style.codes]
    unit = "元" if style.yuan else "万元"
    return f"synthesized: 某县 {year} {kind}，{codes}，表内单位{unit}，{style.transport}"


def make_document(spec: Spec, seed: int, out: Path, font: str | None) -> Path:
    rng = random.Random(f"synth:{seed}:{spec.index}")
    accounts = make_accounts(rng, govfund=False if spec.family == "empty-tables" else None)
    style = choose_style(rng, spec.family)
    rendered = render(accounts, style, rng)
    fmt = spec.fmt
    if fmt == "pdf" and font is None:
        fmt = "txt"
    doc: Doc = tables_only(rendered.doc) if fmt == "xlsx" else rendered.doc
    ctx = Context(doc, rng, accounts.unit, accounts.year, style.toc, style.shanghai, set())
    findings: list[Entry] = []
    if spec.planted:
        findings = plant(ctx, spec.family, rng.choices((1, 2, 3, 4), (35, 35, 20, 10))[0], fmt == "xlsx")
    keys = {e.slot.key for e in findings}
    negatives = true_negatives(doc, rng, ctx.used, keys)
    header = f"{accounts.unit.name}{accounts.year}年度" + (
        "部门整体支出绩效自评报告" if style.standalone else "部门决算"
    )
    rendering: Rendering = lay_out(doc, style, rng, header)
    path = out / f"{spec.name}.{fmt}"
    if fmt == "txt":
        formats.write_text(path, rendering.text)
    else:
        (out / TEXT_DIR).mkdir(exist_ok=True)
        formats.write_text(out / TEXT_DIR / f"{spec.name}.txt", rendering.text)
        if fmt == "docx":
            formats.write_docx(path, rendering.lines, header)
        elif fmt == "pdf":
            assert font is not None
            formats.write_pdf(path, rendering.lines, header, font)
        elif fmt == "xlsx":
            formats.write_xlsx(path, rendering.lines)
        else:
            formats.write_html(path, rendering.lines, header)
    also = [f for f in style.also if f != spec.family]
    if spec.family != "empty-tables" and rendered.empty and fmt != "xlsx":
        also.append("empty-tables")
    gold = {
        "family": spec.family,
        "also": also,
        "style": _style_line(style, accounts.year),
        "year": accounts.year,
        "clean": not findings,
    }
    write(out / f"{spec.name}.gold.yaml", gold, findings, negatives, rendering)
    return path


def build(out: Path, n: int, seed: int) -> list[Path]:
    """Write `n` documents and their gold into `out`; return the document paths."""
    out.mkdir(parents=True, exist_ok=True)
    font = formats.pdf_font()
    specs = plan(n, seed)
    if font is None and any(s.fmt == "pdf" for s in specs):
        print(
            "corpora.synth: no CJK font (run scripts/install-system-deps.sh): PDF documents are written as "
            "text",
            file=sys.stderr,
        )
    return [make_document(spec, seed, out, font) for spec in specs]
