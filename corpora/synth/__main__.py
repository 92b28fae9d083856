"""python -m corpora.synth OUT_DIR -n 340 --seed 1: build the synthesized bench corpus."""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from .build import build


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m corpora.synth", description=__doc__)
    parser.add_argument("out", type=Path, help="folder to write the documents and their gold into")
    parser.add_argument("-n", type=int, default=340, help="how many documents (default 340)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    paths = build(args.out, args.n, args.seed)
    counts = Counter((p.stem.split("_")[1], p.suffix[1:], p.stem.split("_")[2]) for p in paths)
    for (family, fmt, state), count in sorted(counts.items()):
        print(f"{family:17} {fmt:5} {state:8} {count}")
    print(f"{len(paths)} documents in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
