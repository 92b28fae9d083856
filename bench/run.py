"""Run hecha's benchmarks and print their figures: `python -m bench.run [--mb N]`.

Each benchmark is a module of bench/ with `main(argv)`; arguments are passed on to all.
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: benchmark name -> module (run in this order)
BENCHES = {"accuracy": "bench.accuracy", "extract_speed": "bench.extract_speed",
           "pdf_speed": "bench.pdf_speed", "causes_speed": "bench.causes_speed"}


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if str(ROOT) not in sys.path:  # `python bench/run.py` as well as `python -m bench.run`
        sys.path.insert(0, str(ROOT))
    for name, module_name in BENCHES.items():
        print(f"== {name} ==", flush=True)
        start = time.perf_counter()
        importlib.import_module(module_name).main(args)
        print(f"({name}: {time.perf_counter() - start:.1f} s)\n", flush=True)


if __name__ == "__main__":
    main()
