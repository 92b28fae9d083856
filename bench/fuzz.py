"""Mutated inputs of every format through the checking processes: nothing may crash or stall.

Each format fixture (corpora/make_fixtures.py: the seed as text, DOCX, XLSX, XLS, HTML,
PDF and a scanned PDF) is mutated `--per-format` times by a seeded generator, and every
mutant is checked as the API checks it: in a CheckPool process (service/pool.py) under the
service's deadline and memory ceiling. Mutations are of the bytes (bits flipped, a cut, a
chunk doubled or zeroed, another format spliced in, NULs, long runs) and, for the zip
formats, of one member's XML inside a well-formed zip, so that the readers themselves are
reached and not only the zip layer. Every outcome is counted by kind:

* ``ok``: a report; ``refused``: a catalogued error (E_CORRUPT, E_BINARY…), by code;
* ``internal``: an exception other than a catalogued one (a traceback in the log);
* ``timeout`` / ``crashed``: past the deadline, or the process died (memory, a signal).

The run fails (exit 1) unless internal, timeout and crashed are all zero.

    python -m bench.fuzz --per-format 150          # 1,050 mutants with 7 fixtures
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator

from corpora import make_fixtures
from service.checking import Task
from service.pool import CheckPool, ProcessingTimeout, WorkerCrashed

Mutator = Callable[[random.Random, bytes, list[bytes]], bytes]


def _flip(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 64)):
        i = rng.randrange(len(out))
        out[i] ^= 1 << rng.randrange(8)
    return bytes(out)


def _cut(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    return data[:rng.randrange(1, len(data))]


def _double(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    i = rng.randrange(len(data))
    j = min(len(data), i + rng.randint(1, 4096))
    return data[:j] + data[i:j] * rng.randint(2, 50) + data[j:]


def _zero(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    i = rng.randrange(len(data))
    n = rng.randint(1, 8192)
    return data[:i] + bytes(n) + data[i + n:]


def _splice(rng: random.Random, data: bytes, others: list[bytes]) -> bytes:
    other = rng.choice(others)
    i, j = rng.randrange(len(data)), rng.randrange(len(other))
    return data[:i] + other[j:]


def _runs(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    """A long run of one character inside the text: spaces, digits, tabs, 。, NUL."""
    piece = rng.choice([b" ", b"0", b"\t", "。".encode(), "增加".encode(), b"\x00", b"9.", b"%"])
    i = rng.randrange(len(data))
    return data[:i] + piece * rng.randint(1_000, 200_000) + data[i:]


BYTE_MUTATORS: list[Mutator] = [_flip, _cut, _double, _zero, _splice, _runs]


def _member(rng: random.Random, data: bytes, others: list[bytes]) -> bytes:
    """One XML member of a zip mutated, the zip itself rebuilt well-formed."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    xml = [name for name in members if name.endswith(".xml")]
    name = rng.choice(xml)
    members[name] = rng.choice(BYTE_MUTATORS)(rng, members[name], others)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    return out.getvalue()


def fixtures() -> dict[str, bytes]:
    """The format fixtures' bytes by format (PDFs only where a CJK font was found)."""
    built = make_fixtures.build()
    paths = {"text": built.text, "docx": built.docx, "xlsx": built.xlsx, "xls": built.xls,
             "html": built.html, "pdf": built.pdf, "scan": built.scan}
    return {kind: path.read_bytes() for kind, path in paths.items() if path is not None}


def mutants(sources: dict[str, bytes], per_format: int, seed: int) -> Iterator[tuple[str, str, bytes]]:
    """`(format, mutation, bytes)`, `per_format` of each format, reproducible by `seed`."""
    rng = random.Random(seed)
    others = list(sources.values())
    for kind, data in sources.items():
        mutators = [*BYTE_MUTATORS, *([_member] * 3 if kind in ("docx", "xlsx") else [])]
        for _ in range(per_format):
            mutate = rng.choice(mutators)
            yield kind, mutate.__name__.strip("_"), mutate(rng, data, others)


def run(per_format: int, seed: int, timeout: float, memory_mb: int, jobs: int) -> Counter[str]:
    counts: Counter[str] = Counter()
    failures: list[str] = []
    pool = CheckPool(jobs, memory_mb=memory_mb)
    try:
        for n, (kind, how, data) in enumerate(mutants(fixtures(), per_format, seed)):
            name = f"{n:05d}_{how}.{kind}"
            try:
                outcome = pool.run(Task(data, name), timeout=timeout)
            except ProcessingTimeout:
                outcome_kind = "timeout"
            except WorkerCrashed:
                outcome_kind = "crashed"
            else:
                if outcome.ok:
                    outcome_kind = "ok"
                elif outcome.error_code == "API_INTERNAL":
                    outcome_kind = "internal"
                else:
                    outcome_kind = "refused"
                    counts[f"refused {outcome.error_code}"] += 1
            counts[outcome_kind] += 1
            counts[f"format {kind}"] += 1
            if outcome_kind in ("internal", "timeout", "crashed"):
                failures.append(f"{outcome_kind}: {name}")
    finally:
        pool.close()
    for line in failures:
        print(line, file=sys.stderr)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-format", type=int, default=150)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=120.0, help="the service's job_timeout_s")
    parser.add_argument("--memory-mb", type=int, default=4096, help="the service's job_memory_mb")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    started = time.monotonic()
    counts = run(args.per_format, args.seed, args.timeout, args.memory_mb, args.jobs)
    total = sum(v for k, v in counts.items() if k.startswith("format "))
    print(f"{total} mutants in {time.monotonic() - started:.0f} s")
    for key in sorted(counts):
        print(f"  {key:32} {counts[key]}")
    bad = counts["internal"] + counts["timeout"] + counts["crashed"]
    print(f"internal {counts['internal']}, timeout {counts['timeout']}, crashed {counts['crashed']}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
