"""Accuracy on documents hecha was not built from: per severity, rule and layout family.

The corpus has three parts, each document with its gold (corpora/gold/README.md, "Bench
documents"):

* the synthesized reports of `corpora.synth` (consistent accounts rendered in every layout
  family and format, half of them with errors planted at known places), built into
  build/synth/ and cached there by a hash of the synthesizer's sources, the arguments and the
  CJK font found;
* the hand-written reports of corpora/handwritten/ (gold by reading);
* the four seeds with corpora/gold/findings.yaml, as the family `seed`.

Every document goes through what `hecha check` and the API run (`service.core`), in a
pool of processes. Printed: precision and recall per severity, per rule and per family;
error-level false alarms per clean document; the documents with the most false alarms; the
table cells read right in the hand-written corpus; gold for checks hecha does not have yet
("not built", left out of the headline recall); gold that names no place in its document.

    python -m bench.accuracy                    # 340 synthesized + hand-written + seeds
    python -m bench.accuracy --synth 0 --show 20 --json build/accuracy.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/accuracy.py` as well as `python -m bench.accuracy`
    sys.path.insert(0, str(ROOT))

import corpora  # noqa: E402
from corpora.scoring import (  # noqa: E402
    SEVERITIES,
    DocumentScore,
    GoldDocument,
    GoldFinding,
    gold_path,
    load_gold,
    score_document,
)

HANDWRITTEN = corpora.HANDWRITTEN
SEEDS = corpora.SEEDS
SEED_GOLD = corpora.GOLD / "findings.yaml"
SYNTH_CACHE = ROOT / "build" / "synth"
FAMILIES = corpora.FAMILIES


def load_families() -> dict[str, str]:
    """The layout families (corpora/families.yaml): id -> description."""
    return yaml.safe_load(FAMILIES.read_text("utf-8"))


# --- the corpus ----------------------------------------------------------------------------


@dataclass(frozen=True)
class BenchDocument:
    """A document to check, its gold, and the corpus it belongs to."""

    path: Path
    gold: GoldDocument
    corpus: str  # synth | handwritten | seed


def seed_documents() -> list[BenchDocument]:
    """The seeds as bench documents: their findings.yaml entries converted to bench gold."""
    data = yaml.safe_load(SEED_GOLD.read_text("utf-8"))
    paths = sorted(SEEDS.glob("*.txt"))

    def path_of(prefix: object) -> Path:
        return next(p for p in paths if p.name.startswith(str(prefix).zfill(3)))

    def entry(e: dict, negative: bool) -> GoldFinding:
        rules = e.get("rule", ())
        return GoldFinding(
            id=str(e["id"]), text=str(e["text"]), line=int(e["line"]),
            rules=() if negative else tuple([rules] if isinstance(rules, str) else rules),
            severity=str(e.get("severity", "error")), occurrence=int(e.get("occurrence", 1)),
            why=str(e.get("why", "")))

    golds = {p: GoldDocument(path=p, family="seed") for p in paths}
    for e in data["findings"]:
        golds[path_of(e["seed"])].findings.append(entry(e, negative=False))
    for e in data["true_negatives"]:
        golds[path_of(e["seed"])].true_negatives.append(entry(e, negative=True))
    return [BenchDocument(p, g, "seed") for p, g in golds.items()]


def documents_in(folder: Path, corpus: str) -> list[BenchDocument]:
    """Every document of `folder` that has a NAME.gold.yaml beside it."""
    docs = []
    for path in sorted(folder.iterdir()) if folder.is_dir() else ():
        if path.name.endswith(".gold.yaml") or not gold_path(path).is_file():
            continue
        docs.append(BenchDocument(path, load_gold(path), corpus))
    return docs


def synth_documents(n: int, seed: int) -> list[BenchDocument]:
    """`n` synthesized documents (built once per synthesizer version, seed and count)."""
    if n <= 0:
        return []
    from corpora import synth
    from corpora.synth.formats import pdf_font

    sources = sorted((corpora.ROOT / "synth").rglob("*.py"))
    digest = hashlib.sha256()
    for path in [*sources, corpora.ROOT / "make_fixtures.py"]:
        digest.update(path.read_bytes())
    digest.update(f"{n}/{seed}".encode())
    digest.update(str(pdf_font()).encode())  # PDFs are text without one: another corpus
    out = SYNTH_CACHE / digest.hexdigest()[:16]
    done = out / ".complete"
    if not done.exists():
        out.mkdir(parents=True, exist_ok=True)
        synth.build(out, n=n, seed=seed)
        done.touch()
    return documents_in(out, "synth")


# --- checking ------------------------------------------------------------------------------


def _check(doc: BenchDocument) -> DocumentScore:
    """Check one document as `hecha check` does and score the report against its gold."""
    import rules
    from models import Report
    from service.core import Task, check_task

    outcome = check_task(Task(doc.path.read_bytes(), doc.path.name))
    if not outcome.ok:
        score = DocumentScore(gold=doc.gold)
        score.error = f"{outcome.error_code}: {outcome.error_en}"
        return score
    report = Report.model_validate_json(outcome.report_json or "{}")
    return score_document(doc.gold, report, rules.rule_ids(), as_text=doc.path.suffix == ".txt")


def check_all(docs: list[BenchDocument], jobs: int) -> list[tuple[BenchDocument, DocumentScore]]:
    """Scores of every document, in order (a pool of `jobs` processes)."""
    if jobs <= 1:
        return [(d, _check(d)) for d in docs]
    with multiprocessing.get_context("forkserver").Pool(jobs) as pool:
        return list(zip(docs, pool.map(_check, docs, chunksize=4), strict=True))


# --- figures -------------------------------------------------------------------------------


@dataclass
class Tally:
    """Counts behind a precision and a recall."""

    gold: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0

    def add(self, score: DocumentScore, severity: str) -> None:
        self.gold += len(score.found[severity]) + len(score.missed[severity])
        self.found += len(score.found[severity])
        self.predicted += len(score.correct[severity]) + len(score.false[severity])
        self.correct += len(score.correct[severity])

    @property
    def precision(self) -> float | None:
        return self.correct / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None

    def as_dict(self) -> dict[str, object]:
        return {"gold": self.gold, "found": self.found, "predicted": self.predicted,
                "correct": self.correct, "precision": self.precision, "recall": self.recall}


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


@dataclass
class Figures:
    """Everything the bench prints, computed once from the scores."""

    documents: int = 0
    by_corpus: Counter = field(default_factory=Counter)
    by_format: Counter = field(default_factory=Counter)
    overall: dict[str, Tally] = field(default_factory=lambda: {s: Tally() for s in SEVERITIES})
    by_family: dict[str, dict[str, Tally]] = field(default_factory=dict)
    by_rule: dict[str, dict[str, Tally]] = field(default_factory=dict)
    clean_documents: int = 0
    clean_without_error: int = 0
    clean_max_errors: int = 0
    clean_errors: int = 0
    clean_by_family: dict[str, list[int]] = field(default_factory=dict)  # family -> [docs, errors]
    negatives: int = 0
    negatives_hit: list[str] = field(default_factory=list)
    cells: Counter = field(default_factory=Counter)
    not_built: Counter = field(default_factory=Counter)
    unlocated: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    worst: list[tuple[int, int, str, list[str]]] = field(default_factory=list)
    families_present: dict[str, set[str]] = field(default_factory=dict)  # family -> corpora

    def as_dict(self) -> dict[str, object]:
        return {
            "documents": self.documents, "by_corpus": dict(self.by_corpus),
            "by_format": dict(self.by_format),
            "overall": {s: t.as_dict() for s, t in self.overall.items()},
            "by_family": {f: {s: t.as_dict() for s, t in d.items()} for f, d in self.by_family.items()},
            "by_rule": {r: {s: t.as_dict() for s, t in d.items()} for r, d in self.by_rule.items()},
            "clean": {"documents": self.clean_documents, "without_error": self.clean_without_error,
                      "max_errors": self.clean_max_errors, "errors": self.clean_errors,
                      "by_family": self.clean_by_family},
            "true_negatives": {"count": self.negatives, "hit": self.negatives_hit},
            "cells": dict(self.cells), "not_built": dict(self.not_built),
            "unlocated": self.unlocated, "failed": self.failed,
            "families_present": {f: sorted(c) for f, c in self.families_present.items()},
        }


def figures(results: Iterable[tuple[BenchDocument, DocumentScore]]) -> Figures:
    """Aggregate document scores into the bench's figures."""
    fig = Figures()
    for doc, score in results:
        fig.documents += 1
        fig.by_corpus[doc.corpus] += 1
        fig.by_format[doc.path.suffix.lstrip(".")] += 1
        for family in doc.gold.families:
            fig.families_present.setdefault(family, set()).add(doc.corpus)
        name = f"{doc.corpus}/{doc.path.name}"
        if score.error is not None:
            fig.failed.append(f"{name}: {score.error}")
            continue
        family = fig.by_family.setdefault(doc.gold.family, {s: Tally() for s in SEVERITIES})
        for severity in SEVERITIES:
            fig.overall[severity].add(score, severity)
            family[severity].add(score, severity)
            for entry in score.found[severity] + score.missed[severity]:
                tally = fig.by_rule.setdefault(entry.rules[0], {s: Tally() for s in SEVERITIES})[severity]
                tally.gold += 1
                tally.found += entry in score.found[severity]
            for finding in score.correct[severity] + score.false[severity]:
                tally = fig.by_rule.setdefault(finding.rule, {s: Tally() for s in SEVERITIES})[severity]
                tally.predicted += 1
                tally.correct += finding in score.correct[severity]
        false_errors = len(score.false["error"])
        if doc.gold.clean:
            fig.clean_documents += 1
            fig.clean_errors += false_errors
            fig.clean_without_error += false_errors == 0
            fig.clean_max_errors = max(fig.clean_max_errors, false_errors)
            entry = fig.clean_by_family.setdefault(doc.gold.family, [0, 0, 0])
            entry[0] += 1
            entry[1] += false_errors
            entry[2] += false_errors == 0
        fig.negatives += len(doc.gold.true_negatives)
        fig.negatives_hit.extend(f"{name}: {hit}" for hit in score.negatives_hit)
        for entry in score.not_built:
            fig.not_built["/".join(entry.rules)] += 1
        fig.unlocated.extend(f"{name}: {u}" for u in score.unlocated)
        if doc.corpus == "handwritten" and score.cells:
            fig.cells["gold"] += score.cells
            fig.cells["value"] += score.cells_read
            fig.cells["labelled"] += score.cells_labelled
        fig.worst.append((false_errors, len(score.false["warning"]), name,
                          [f"{f.rule}: {f.message_en[:100]}" for f in score.false["error"][:3]]))
    fig.worst.sort(key=lambda w: (-w[0], -w[1], w[2]))
    return fig


def report(fig: Figures, show: int) -> str:
    """The figures as the bench prints them."""
    out = [f"documents: {fig.documents} ("
           + ", ".join(f"{k} {v}" for k, v in sorted(fig.by_corpus.items())) + "; "
           + ", ".join(f"{k} {v}" for k, v in sorted(fig.by_format.items())) + ")"]
    if fig.failed:
        out.append(f"not checked ({len(fig.failed)}): " + "; ".join(fig.failed[:show]))
    out.append("")
    out.append(f"{'severity':<10}{'precision':>10}{'recall':>8}   right/predicted  found/gold")
    for severity, t in fig.overall.items():
        out.append(f"{severity:<10}{_fmt(t.precision):>10}{_fmt(t.recall):>8}   "
                   f"{t.correct:>5}/{t.predicted:<9}  {t.found:>4}/{t.gold}")
    c = fig.clean_documents
    if c:
        out.append(f"clean documents: {c}; without an error-level finding {fig.clean_without_error} "
                   f"({fig.clean_without_error / c:.3f}); error-level false alarms per clean document "
                   f"{fig.clean_errors / c:.2f} (max {fig.clean_max_errors})")
    out.append(f"true negatives: {fig.negatives}, error-level findings on them {len(fig.negatives_hit)}")
    if fig.cells["gold"]:
        g = fig.cells["gold"]
        out.append(f"hand-written table cells: {g}; value right {fig.cells['value'] / g:.3f}; "
                   f"value, code, row and column right {fig.cells['labelled'] / g:.3f}")
    out.append("")
    out.append("per family (error P / R, warning P / R, clean docs: error-free / docs, false errors)")
    for family in sorted(fig.by_family):
        t = fig.by_family[family]
        docs, errors, ok = fig.clean_by_family.get(family, [0, 0, 0])
        present = ",".join(sorted(fig.families_present.get(family, ())))
        out.append(f"  {family:<17} E {_fmt(t['error'].precision)} / {_fmt(t['error'].recall)}"
                   f"  W {_fmt(t['warning'].precision)} / {_fmt(t['warning'].recall)}"
                   f"  clean {ok}/{docs} ({errors} false errors)  [{present}]")
    out.append("")
    out.append("per rule (error P / R: right/predicted, found/gold; warning likewise)")
    for rule in sorted(fig.by_rule):
        e, w = fig.by_rule[rule]["error"], fig.by_rule[rule]["warning"]
        out.append(f"  {rule:<24} E {_fmt(e.precision)} ({e.correct}/{e.predicted}) "
                   f"/ {_fmt(e.recall)} ({e.found}/{e.gold})   W {_fmt(w.precision)} "
                   f"({w.correct}/{w.predicted}) / {_fmt(w.recall)} ({w.found}/{w.gold})")
    if fig.not_built:
        out.append("not built (gold for checks hecha does not have, not in the recall above): "
                   + ", ".join(f"{k} {v}" for k, v in sorted(fig.not_built.items())))
    out.append("")
    out.append(f"most error-level false alarms (top {show}):")
    for errors, warnings, name, examples in fig.worst[:show]:
        if not errors and not warnings:
            break
        out.append(f"  {errors:>3} E {warnings:>3} W  {name}")
        out.extend(f"        {x}" for x in examples)
    if fig.negatives_hit:
        out.append("errors on true negatives: " + "; ".join(fig.negatives_hit[:show]))
    if fig.unlocated:
        out.append(f"gold naming no place in its document ({len(fig.unlocated)}): "
                   + "; ".join(fig.unlocated[:show]))
    return "\n".join(out)


def corpus(synth: int, seed: int, handwritten: Path, seeds: bool) -> list[BenchDocument]:
    """The bench documents: synthesized, hand-written and (optionally) the seeds."""
    docs = synth_documents(synth, seed) + documents_in(handwritten, "handwritten")
    return docs + (seed_documents() if seeds else [])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.accuracy", description=__doc__.split("\n")[0])
    parser.add_argument("--synth", type=int, default=340, help="synthesized documents (0: none)")
    parser.add_argument("--seed", type=int, default=1, help="the synthesizer's seed")
    parser.add_argument("--handwritten", type=Path, default=HANDWRITTEN)
    parser.add_argument("--no-seeds", action="store_true", help="leave the four seeds out")
    parser.add_argument("--jobs", type=int, default=max(1, min(4, multiprocessing.cpu_count())))
    parser.add_argument("--show", type=int, default=10, help="how many worst documents to list")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args, _ = parser.parse_known_args(argv)
    start = time.perf_counter()
    docs = corpus(args.synth, args.seed, args.handwritten, not args.no_seeds)
    results = check_all(docs, args.jobs)
    fig = figures(results)
    print(report(fig, args.show))
    print(f"({len(docs)} documents in {time.perf_counter() - start:.1f} s, {args.jobs} processes)")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(fig.as_dict(), ensure_ascii=False, indent=1), "utf-8")


if __name__ == "__main__":
    main()
