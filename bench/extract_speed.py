"""Extraction speed against plain jieba segmentation, on the same documents.

The corpus is the four seeds (corpora/seeds/*.txt) cycled until it holds at least `--mb`
MB (10^6 bytes) of UTF-8: each document is one seed's text, so the list has many
documents of realistic size rather than one huge string. Three measurements over that list:

* jieba: `jieba.lcut(text)` on each decoded text (default dictionary, no user dictionary,
  HMM on, as `jieba.lcut` defaults);
* hecha: `extractor.extract(data, name)` on each document's bytes (decoding included);
* check: extraction and every rule (`hecha check` without output), document by document.

Both are warmed up first (jieba loads its dictionary lazily: `jieba.initialize()`; hecha
compiles its lexicon on first use). Each runs in its own process so that `ru_maxrss` (the
process's peak resident memory) belongs to it alone; tracemalloc's peak is taken in a
second pass over the same list (tracemalloc slows allocation, so it is not timed) and counts
what the loop allocates beyond what warm-up left, i.e. the working memory of one document.

The tasks run in `--rounds` interleaved rounds (jieba, hecha, check, jieba, …), each run in
a fresh process, and each task's fastest run is kept: a shared machine's speed drifts by a
third within minutes, which one run per task, one after the other, reads as a change of
the ratio; the fastest of interleaved runs is what the code costs.

    python -m bench.extract_speed --mb 5
    python -m bench.extract_speed --mb 1 --profile 25   # cProfile of hecha, extractor/ only
"""

from __future__ import annotations

import argparse
import cProfile
import io
import logging
import multiprocessing
import pstats
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import corpora

ROOT = Path(__file__).resolve().parent.parent
SEEDS = corpora.SEEDS
MB = 1_000_000

Document = tuple[str, bytes]


def build_corpus(mb: float) -> list[Document]:
    """`(name, bytes)` documents, the seeds in turn, until they hold >= `mb` MB."""
    seeds = [(p.name, p.read_bytes()) for p in sorted(SEEDS.glob("*.txt"))]
    if not seeds:
        raise SystemExit(f"no seeds in {SEEDS}")
    docs: list[Document] = []
    size = 0
    while size < mb * MB:
        name, data = seeds[len(docs) % len(seeds)]
        docs.append((f"{len(docs):04d}_{name}", data))
        size += len(data)
    return docs


def _jieba_task(docs: list[Document]) -> tuple[Callable[[], None], Callable[[], None]]:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    texts = [data.decode("utf-8") for _, data in docs]  # decoding is not jieba's work
    assert not jieba.dt.user_word_tag_tab, "plain jieba: no user dictionary"

    def warm() -> None:
        jieba.initialize()
        jieba.lcut(texts[0])

    def run() -> None:
        for text in texts:
            jieba.lcut(text)

    return warm, run


def _hecha_task(docs: list[Document]) -> tuple[Callable[[], None], Callable[[], None]]:
    from extractor import extract

    def warm() -> None:
        extract(docs[0][1], docs[0][0])

    def run() -> None:
        for name, data in docs:
            extract(data, name)

    return warm, run


def _check_task(docs: list[Document]) -> tuple[Callable[[], None], Callable[[], None]]:
    """The whole `hecha check`: extraction and every rule, one document at a time."""
    import rules
    from extractor import extract

    config = rules.load_profile()

    def one(name: str, data: bytes) -> None:
        x = extract(data, name)
        rules.check(x.document, x.claims, config)

    def warm() -> None:
        one(docs[0][0], docs[0][1])

    def run() -> None:
        for name, data in docs:
            one(name, data)

    return warm, run


TASKS = {"jieba": _jieba_task, "hecha": _hecha_task, "check": _check_task}


def measure(task: str, mb: float) -> dict[str, Any]:
    """Time one task over the corpus, then take its memory peaks (run in a child process)."""
    docs = build_corpus(mb)
    warm, run = TASKS[task](docs)
    warm()
    start = time.perf_counter()
    run()
    seconds = time.perf_counter() - start
    maxrss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    tracemalloc.start()
    run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    size = sum(len(data) for _, data in docs)
    return {
        "task": task,
        "documents": len(docs),
        "bytes": size,
        "seconds": seconds,
        "mb_per_s": size / MB / seconds,
        "docs_per_s": len(docs) / seconds,
        "tracemalloc_peak_mb": peak / MB,
        "maxrss_mb": maxrss_kib * 1024 / MB,
    }


def profile_hecha(mb: float, top: int) -> str:
    """cProfile of hecha's extraction, the `top` functions of extractor/ by own time."""
    docs = build_corpus(mb)
    warm, run = _hecha_task(docs)
    warm()
    profiler = cProfile.Profile()
    profiler.runcall(run)
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats("tottime")
    stats.print_stats(r"extractor|models|regex", top)
    stats.sort_stats("cumulative").print_stats(r"extractor", top)
    return out.getvalue()


def _in_child(task: str, mb: float) -> dict[str, Any]:
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(1) as pool:
        return pool.apply(measure, (task, mb))


def report(results: dict[str, dict[str, Any]]) -> str:
    """The figures as a table, with the hecha/jieba throughput ratio."""
    first = next(iter(results.values()))
    lines = [
        f"corpus: {first['documents']} documents, {first['bytes'] / MB:.2f} MB UTF-8 "
        f"(the 4 seeds cycled)",
        f"{'task':<6} {'MB/s':>8} {'docs/s':>8} {'seconds':>8} "
        f"{'tracemalloc peak MB':>20} {'ru_maxrss MB':>13}",
    ]
    for r in results.values():
        lines.append(
            f"{r['task']:<6} {r['mb_per_s']:>8.3f} {r['docs_per_s']:>8.1f} {r['seconds']:>8.2f} "
            f"{r['tracemalloc_peak_mb']:>20.1f} {r['maxrss_mb']:>13.1f}"
        )
    for task, what in (("hecha", "extraction"), ("check", "extraction + all rules")):
        if {task, "jieba"} <= results.keys():
            ratio = results[task]["mb_per_s"] / results["jieba"]["mb_per_s"]
            verdict = "as fast as or faster than" if ratio >= 1 else "slower than"
            lines.append(f"{task}/jieba throughput: {ratio:.2f}x ({what} is {verdict} jieba.lcut)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict[str, dict[str, Any]]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=5, help="corpus size in MB (default 5)")
    parser.add_argument("--inline", action="store_true",
                        help="measure in this process (ru_maxrss then covers both tasks)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="interleaved rounds; each task's fastest run is kept (default 3)")
    parser.add_argument("--profile", type=int, metavar="N", default=0,
                        help="also print cProfile's top N extractor functions")
    args = parser.parse_args(argv)
    results: dict[str, dict[str, Any]] = {}
    for _ in range(max(args.rounds, 1)):
        for task in TASKS:
            run = measure(task, args.mb) if args.inline else _in_child(task, args.mb)
            if task not in results or run["seconds"] < results[task]["seconds"]:
                results[task] = run
    print(report(results))
    if args.profile:
        print(profile_hecha(args.mb, args.profile))
    sys.stdout.flush()
    return results


if __name__ == "__main__":
    main()
