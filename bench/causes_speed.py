"""Cause classification speed, and the explanation-conflict check with and without the model.

Speed: cause clauses classified per second by the model directory (default: the shipped
one) at batch sizes 1 and 64, on the CPU and, when there is one, on the GPU. The clauses are
the gold cause clauses of the seeds and the generated held-out clauses, cycled to `--n`.
Each measurement is warmed up first; the CPU runs on one thread and on the threads torch
chooses (on a busy machine more threads can be much slower: OpenMP threads wait for cores).

Accuracy of reason.conflict, "taxonomy.v1" against "model.v1", on two golds:
- seeds: the reason.conflict entries of corpora/gold/findings.yaml; the check runs on the
  four seeds with every other rule off; a finding is right when an evidence span covers
  the gold text on the gold line;
- pairs: corpora/gold/explanations.yaml; each pair becomes two sentences explaining the same
  change ("{subject}比上年{change}9.84万元，主要原因是{a}。" and the same with {b}), the check
  runs on them, and a conflict is expected exactly for the `different` and `contradictory`
  verdicts. The comparator's own four-way verdict accuracy on the pairs is printed too.

    python -m bench.causes_speed [--model DIR] [--n 512]
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path

import yaml

import corpora

ROOT = Path(__file__).resolve().parent.parent
SEEDS = corpora.SEEDS
GOLD = corpora.GOLD
HEADER = "2020年度部门决算\n"
CONFLICTS = {"different", "contradictory"}


def clauses(n: int) -> list[str]:
    from training.causes import generator, gold_causes

    pool = [e["text"] for e in gold_causes()] + [t for t, _ in generator().causes("heldout")]
    return list(itertools.islice(itertools.cycle(pool), n))


def speed(model_dir: str | None, n: int) -> None:
    import torch

    from rules.reason.semantic.backend import CauseModel
    from rules.reason.semantic.directory import resolve_model_dir

    texts = clauses(n)
    default = torch.get_num_threads()
    runs = [("cpu", t) for t in sorted({1, default})]
    if torch.cuda.is_available():
        runs.append(("cuda", default))
    for device, threads in runs:
        torch.set_num_threads(threads)
        model = CauseModel(resolve_model_dir(model_dir), device)
        name = torch.cuda.get_device_name(0) if device == "cuda" else f"CPU, {threads} thread(s)"
        for batch_size in (1, 64):
            count = min(n, 256) if batch_size == 1 else n
            model.classify(texts[:batch_size * 2], batch_size)  # warm-up
            if device == "cuda":
                torch.cuda.synchronize()
            start = time.perf_counter()
            model.classify(texts[:count], batch_size)
            if device == "cuda":
                torch.cuda.synchronize()
            elapsed = time.perf_counter() - start
            print(f"{device:4} batch {batch_size:2}: {count / elapsed:8.0f} causes/s "
                  f"({count} clauses in {elapsed:.2f} s; {name})")


def _config(comparator: str, model_dir: str | None):
    import rules

    settings: dict = {"comparator": comparator}
    if model_dir:
        settings["model_dir"] = model_dir
    overrides: dict = {r: {"enabled": r == "reason.conflict"} for r in rules.rule_ids()}
    overrides["reason.conflict"].update(settings)
    return rules.load_profile(overrides=overrides)


def _pr(tp: int, predicted: int, gold: int) -> str:
    p = tp / predicted if predicted else 1.0
    r = tp / gold if gold else 1.0
    return f"precision {p:.3f} ({tp}/{predicted}), recall {r:.3f} ({tp}/{gold})"


def seeds_score(config) -> str:
    import extractor
    import rules

    entries = [e for e in yaml.safe_load((GOLD / "findings.yaml").read_text("utf-8"))["findings"]
               if "reason.conflict" in (e["rule"] if isinstance(e["rule"], list) else [e["rule"]])]
    tp = predicted = 0
    found: set[str] = set()
    for path in sorted(SEEDS.glob("*.txt")):
        x = extractor.extract(path.read_bytes(), path.name)
        report = rules.check(x.document, x.claims, config)
        text = x.document.original
        starts = [0, *(i + 1 for i, ch in enumerate(text) if ch == "\n")]
        spans = {}
        for e in entries:
            if path.name.startswith(str(e["seed"]).zfill(3)):
                begin = starts[e["line"] - 1]
                at = text.index(str(e["text"]), begin)
                spans[e["id"]] = (at, at + len(str(e["text"])))
        for f in report.findings:
            predicted += 1
            hits = [i for i, (s, t) in spans.items()
                    if any(v.span.start < t and s < v.span.end for v in f.evidence)]
            tp += bool(hits)
            found.update(hits)
    return _pr(tp, predicted, len(entries)) + f"; found {len(found)}/{len(entries)} gold findings"


def pairs_score(config, comparator: str, model_dir: str | None) -> list[str]:
    import extractor
    import rules
    from rules.reason.comparators import Explanation, get_comparator

    pairs = yaml.safe_load((GOLD / "explanations.yaml").read_text("utf-8"))["pairs"]
    params = config.params["reason.conflict"]
    compare = get_comparator(comparator, **params.settings())
    tp = predicted = gold = agree = 0
    wrong = []
    for p in pairs:
        line = "{s}比上年{c}9.84万元，主要原因是{r}。\n"
        text = HEADER + line.format(s=p["subject"], c=p["change"], r=p["a"]) + line.format(
            s=p["subject"], c=p["change"], r=p["b"])
        x = extractor.extract_text(text, "pair.txt", doc_id="pair", encoding="utf-8")
        flagged = any(f.rule == "reason.conflict" for f in rules.check(x.document, x.claims, config).findings)
        expected = p["verdict"] in CONFLICTS
        gold += expected
        predicted += flagged
        tp += flagged and expected
        verdict = compare(Explanation(p["a"]), Explanation(p["b"])).verdict.value
        agree += verdict == p["verdict"]
        if flagged != expected:
            kind = "missed" if expected else "false"
            wrong.append(f"    {kind}: {p['id']} ({p['verdict']}, said {verdict})")
    return [f"{_pr(tp, predicted, gold)}; four-way verdict accuracy {agree / len(pairs):.3f} "
            f"({agree}/{len(pairs)})", *wrong]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", metavar="DIR",
                        help="model directory (default: $HECHA_MODEL_DIR, else the shipped one)")
    parser.add_argument("--n", type=int, default=512, help="clauses per measurement (default 512)")
    args, _ = parser.parse_known_args(argv)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    print("-- cause classification speed", flush=True)
    speed(args.model, args.n)
    for comparator in ("taxonomy.v1", "model.v1"):
        config = _config(comparator, args.model)
        print(f"-- reason.conflict with {comparator}", flush=True)
        print(f"  seeds (findings.yaml):     {seeds_score(config)}")
        lines = pairs_score(config, comparator, args.model)
        print(f"  pairs (explanations.yaml): {lines[0]}")
        for line in lines[1:]:
            print(line)


if __name__ == "__main__":
    main()
