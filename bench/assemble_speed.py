"""The client's share of `hecha annotate`: writing the outputs from the parts, per document.

With `--jobs 2` on two cores, every CPU millisecond the client process spends on a
document is taken from the two workers, while `--jobs 1` leaves it a core of its own: the
client's cost per document over a worker's is about what the 1 → 2 speed-up loses. A
whole run cannot show that cost apart from the host's noise (a worker's CPU per document
moves by ±10% from one minute to the next here), so this replays the client alone, on
parts made once: the archive of bench/annotate_speed.py is annotated into a cached folder
(a later bench run reuses its parts, or remakes them when hecha's part layout or rules
changed), then its records are fed to a manifest journal and an `Assembler`, in path
order, as a run does, into a new folder each time. Printed: CPU per document (user and
system, median of `--repeat` rounds), the share of each writer and the rest (reading and
decoding parts, the manifest, the summary).

The system time depends on the memory the writes land in: on this virtual machine a page
the host has to provide anew costs several times the kernel time of a page it already
backs, so a replay right after other runs freed gigabytes measures less than one on a
machine that sat idle (rounds write into memory the earlier rounds did not free: their
folders are deleted at the end). Compare figures taken one after the other.

    python -m bench.assemble_speed                    # 2,000 documents, 5 rounds
    python -m bench.assemble_speed --docs 500 --repeat 3
"""

from __future__ import annotations

import argparse
import io
import resource
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import rules  # noqa: E402
from bench.annotate_speed import CACHE, archive  # noqa: E402
from service.annotate import annotate, names  # noqa: E402
from service.annotate.assemble import Assembler  # noqa: E402
from service.annotate.manifest import Manifest  # noqa: E402


def source(docs: int, seed: int) -> Path:
    """An annotated copy of the archive, its parts up to date with this hecha."""
    out = CACHE / f"assemble_source_{docs}_{seed}"
    start = time.perf_counter()
    outcome = annotate([str(archive(docs, seed))], out, err=io.StringIO(), tty=False)
    print(f"parts: {outcome.ok} documents ({outcome.reused} reused) in "
          f"{time.perf_counter() - start:.0f} s: {out}", flush=True)
    return out


def timed(add: Callable[[Any], None], spent: dict[str, float],
          key: str) -> Callable[[Any], None]:
    def wrapper(doc: Any) -> None:
        start = time.process_time()
        add(doc)
        spent[key] += time.process_time() - start
    return wrapper


def replay(src: Path, out: Path, config: rules.RulesProfile) -> dict[str, float]:
    """Write every output of `src` again into `out`; returns CPU seconds by part."""
    out.mkdir(parents=True)
    (out / names.PARTS).symlink_to(src / names.PARTS)
    records = Manifest(src / names.MANIFEST).load()
    manifest = Manifest(out / names.MANIFEST)
    manifest.begin([])
    assembler = Assembler(out, [r["path"] for r in records], names.FORMATS, config)
    spent = {type(w).__name__: 0.0 for w in assembler.writers}
    for writer in assembler.writers:
        writer.add = timed(writer.add, spent, type(writer).__name__)  # type: ignore[method-assign]
    start = time.process_time()
    before = resource.getrusage(resource.RUSAGE_SELF)
    for record in records:
        manifest.append(record)
        assembler.offer(record)
    assembler.finish()
    manifest.finish(records)
    after = resource.getrusage(resource.RUSAGE_SELF)
    total = time.process_time() - start
    spent["rest"] = total - sum(spent.values())
    spent["user"] = after.ru_utime - before.ru_utime
    spent["system"] = after.ru_stime - before.ru_stime
    spent["total"] = total
    spent["documents"] = len(records)
    return spent


def main(argv: list[str] | None = None) -> list[dict[str, float]]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    src = source(args.docs, args.seed)
    config = rules.load_profile(None)
    rounds = []
    outs = [CACHE / f"assemble_out_{i}" for i in range(args.repeat)]
    for out in outs:
        shutil.rmtree(out, ignore_errors=True)
    try:
        for out in outs:
            rounds.append(replay(src, out, config))
            r = rounds[-1]
            print(f"  round {len(rounds)}: {r['total'] / r['documents'] * 1000:.3f} ms per document "
                  f"(user {r['user'] / r['documents'] * 1000:.3f}, "
                  f"system {r['system'] / r['documents'] * 1000:.3f})", flush=True)
    finally:
        for out in outs:
            shutil.rmtree(out, ignore_errors=True)
    docs = rounds[0]["documents"]
    print(f"client CPU per document, median of {len(rounds)} rounds over {docs:.0f} documents:")
    for key in rounds[0]:
        if key == "documents":
            continue
        ms = statistics.median(r[key] for r in rounds) / docs * 1000
        print(f"  {key:<18} {ms:7.3f} ms")
    return rounds


if __name__ == "__main__":
    main()
