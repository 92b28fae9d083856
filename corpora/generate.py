"""Seed-like reports with varied figures, for bulk runs, tests and benchmarks.

Each generated report is one of the seeds (corpora/seeds/*.txt) rewritten three ways:

* every money figure the extractor reads (narrative amounts and table cells under a money
  unit) is multiplied by one whole factor per document. A whole factor keeps every sum
  exact (k·a + k·b = k·(a + b)) and every share, rate and completion rate unchanged;
  percentages, counts and scores are left as printed. The checks tolerate half a unit of
  the last printed place, an absolute width, so a seed whose printed parts add up only
  within rounding (a difference of 0.01) may not after scaling (0.03). Each factor is
  therefore tried once per seed, and consistent variants use only the factors under which
  the checks report exactly what they report on the seed;
* the place in the unit's name (衡南县 in 衡南县委办公室) becomes another, everywhere;
* every year written as 20xx年 moves by the same number of years.

Place and year shift follow the document's number, so that no two generated documents
are the same file (the same bytes would be processed once by `hecha annotate`, and a
benchmark would measure less work than it claims).

A deliberately inconsistent variant also moves one narrative money figure by a few per
cent, chosen among the figures a check is seen to catch when moved (tried once per seed).
Generation is deterministic: the same `seed` writes the same bytes.

    python -m corpora.generate OUT_DIR -n 500 --seed 1 [--inconsistent 0.3] [--seeds 002_*.txt]
"""

from __future__ import annotations

import argparse
import random
import re
from collections import Counter
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache
from pathlib import Path

SEEDS = Path(__file__).resolve().parent / "seeds"

#: Characters the generated place names are made of (two each, then 县 or 区 as in the
#: seed): 50 × 50 names, so that no two documents of one seed share place and year.
PLACE_CHARS = (
    "安宁平江山河阳东西南北城丰永新兴华清云龙凤桃石白青长金玉泉林"
    "湖溪川源岭台宝德昌顺和乐嘉瑞福泰康明光通"
)
#: Whole factors money figures are multiplied by (1 keeps the seed's figures).
FACTORS = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 20, 25, 50, 100)
#: How far (per cent) the broken figure of an inconsistent variant moves, up or down.
CHANGES = (4, 6, 8)
#: Years are shifted by one of these.
YEAR_SHIFTS = (-2, -1, 0, 1, 2, 3)

#: a year as written in text (2020年) or in a date (2022.4.11, 2022-04-11, 2022/4/11)
_YEAR = re.compile(r"(?<![\d.])(20[0-4]\d)(?=\s*年|[.\-/]\d{1,2}[.\-/]\d{1,2}(?!\d))")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_NUMBER_GOES_ON = re.compile(r"[\d,，.]")
_PLACE = re.compile(r"^(?:中共)?(?:\w{2}市)?(\w{2}[县区])")


@dataclass(frozen=True)
class Figure:
    """A money figure of a seed: where it is printed and its printed value."""

    start: int
    end: int
    value: Decimal
    decimals: int
    narrative: bool


@dataclass(frozen=True)
class Template:
    """A seed read once: its text, money figures, the place in its unit's name, the factors
    that keep it consistent and the figures a check catches when moved."""

    name: str
    text: str
    figures: tuple[Figure, ...]
    place: str | None
    factors: tuple[int, ...] = (1,)
    breakable: tuple[Figure, ...] = ()


#: Narrative figures tried per seed when looking for the ones a check catches.
BREAK_CANDIDATES = 12


def _money_figures(data: bytes, name: str) -> tuple[str, str | None, tuple[Figure, ...]]:
    from extractor import extract
    from models import QuantityKind

    extraction = extract(data, name)
    doc = extraction.document
    seen: dict[int, Figure] = {}
    quantities = [(c.quantity, c.source.value == "narrative") for c in extraction.claims]
    quantities += [(cell.value, False) for t in doc.tables for cell in t.cells if cell.value]
    for q, narrative in quantities:
        span = q.span
        if q.kind is not QuantityKind.AMOUNT or q.bound is not None or q.approximate:
            continue
        # The span covers the unit too (1835.05万元); only plain digits are rewritten, not
        # 一百万 or 1,234.56 with separators.
        number = _NUMBER.match(doc.original, span.start, span.end)
        if number is None or _NUMBER_GOES_ON.match(doc.original, number.end(), span.end):
            continue
        seen.setdefault(span.start, Figure(span.start, number.end(), Decimal(number.group()),
                                           q.decimals, narrative))
    match = _PLACE.match(doc.meta.unit_name or "")
    figures = tuple(sorted(seen.values(), key=lambda f: f.start))
    return doc.original, match.group(1) if match else None, figures


def fired(text: str) -> Counter[str]:
    """How many findings each rule reports on `text` (default rule parameters)."""
    import rules
    from extractor import extract

    extraction = extract(text.encode("utf-8"), "variant.txt")
    report = rules.check(extraction.document, extraction.claims, _config())
    return Counter(f.rule for f in report.findings)


@cache
def _config():  # type: ignore[no-untyped-def]
    import rules

    return rules.load_profile()


def read_template(path: Path, *, validate: bool = True) -> Template:
    """Extract `path` once and keep what variants need (the extractor knows which numbers
    are money; a regular expression would also scale years, codes and percentages).

    With `validate`, the factors and breakable figures are found by running the checks
    (about 20 extractions of the seed); without, every factor is allowed and any narrative
    figure may be broken.
    """
    text, place, figures = _money_figures(path.read_bytes(), path.name)
    narrative = [f for f in figures if f.narrative and f.value != 0]
    template = Template(path.name, text, figures, place, FACTORS, tuple(narrative))
    if not validate:
        return template
    seed_counts = fired(text)
    factors = tuple(k for k in FACTORS if k == 1 or fired(rewrite(template, factor=k)) == seed_counts)
    step = max(1, len(narrative) // BREAK_CANDIDATES)
    # Some checks see a move one way only (spending over budget, not under): keep the
    # figures caught either way, at the smallest change a variant makes.
    breakable = tuple(
        fig for fig in narrative[::step][:BREAK_CANDIDATES]
        if all(fired(rewrite(template, factor=1, broken=fig, change=change)) - seed_counts
               for change in (-min(CHANGES), min(CHANGES)))
    )
    return replace(template, factors=factors, breakable=breakable or tuple(narrative))


@cache
def _template(path: Path) -> Template:
    return read_template(path)


def _printed(value: Decimal, decimals: int) -> str:
    return f"{value:.{decimals}f}"


def rewrite(template: Template, *, factor: int, shift: int = 0, place: str | None = None,
            broken: Figure | None = None, change: int = 0) -> str:
    """The seed's text with money × `factor`, years + `shift`, its place renamed to `place`
    and `broken` moved by `change` per cent (signed)."""
    pieces: list[str] = []
    pos = 0
    for fig in template.figures:
        value = fig.value * factor
        if fig is broken:
            # At least five units of the last printed place: outside any rounding.
            delta = max(abs(value) * abs(change) / 100, Decimal(5).scaleb(-fig.decimals))
            value += delta if change >= 0 else -delta
        pieces.append(template.text[pos:fig.start])
        pieces.append(_printed(value, fig.decimals))
        pos = fig.end
    pieces.append(template.text[pos:])
    text = "".join(pieces)
    if shift:
        text = _YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)
    if place and template.place:
        # also where a title spaces it out (衡阳 县 人 民 政 府): one unit name throughout
        spaced = r"[ \t]*".join(re.escape(c) for c in template.place)
        text = re.sub(spaced, place + template.place[-1], text)
    return text


def place_name(k: int) -> str:
    """The k-th generated place (two characters), k < len(PLACE_CHARS) ** 2."""
    n = len(PLACE_CHARS)
    return PLACE_CHARS[k % n] + PLACE_CHARS[(k // n) % n]


def variant(template: Template, rng: random.Random, *, inconsistent: bool,
            serial: int | None = None) -> str:
    """One rewritten report (see the module docstring). Variants of one template with
    different `serial`s differ in place or year (up to 2,500 × 6 of them), whatever
    their figures: an archive of generated reports has no two identical files."""
    factor = rng.choice(template.factors)
    if serial is None:
        serial = rng.randrange(len(PLACE_CHARS) ** 2 * len(YEAR_SHIFTS))
    shift = YEAR_SHIFTS[serial % len(YEAR_SHIFTS)]
    place = place_name(serial // len(YEAR_SHIFTS))
    broken = rng.choice(template.breakable) if inconsistent and template.breakable else None
    change = rng.choice(CHANGES) * rng.choice((-1, 1))
    return rewrite(template, factor=factor, shift=shift, place=place, broken=broken, change=change)


def generate(out_dir: Path, count: int, *, seed: int = 0, inconsistent: float = 0.3,
             seeds: list[Path] | None = None, gb18030: float = 0.1) -> list[Path]:
    """Write `count` reports into `out_dir` (gen_00000.txt …) and return their paths.

    A share `inconsistent` of them carry one broken figure; a share `gb18030` are written
    in GB18030 rather than UTF-8, as Chinese Windows tools save them.
    """
    rng = random.Random(seed)
    templates = [_template(p) for p in sorted(seeds or SEEDS.glob("*.txt"))]
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        template = templates[i % len(templates)]
        text = variant(template, rng, inconsistent=rng.random() < inconsistent,
                       serial=i // len(templates))
        encoding = "gb18030" if rng.random() < gb18030 else "utf-8"
        path = out_dir / f"gen_{i:05d}.txt"
        path.write_bytes(text.encode(encoding))
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("-n", "--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--inconsistent", type=float, default=0.3)
    parser.add_argument("--seeds", nargs="*", help="seed file names (default: all)")
    args = parser.parse_args(argv)
    seeds = [SEEDS / name for name in args.seeds] if args.seeds else None
    paths = generate(args.out, args.count, seed=args.seed, inconsistent=args.inconsistent,
                     seeds=seeds)
    print(f"wrote {len(paths)} reports to {args.out}")


if __name__ == "__main__":
    main()
