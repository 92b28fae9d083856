"""Mutated inputs of every format through the checking processes: nothing may crash or stall.

Each format fixture (corpora/make_fixtures.py: the seed as text, DOCX, XLSX, XLS, HTML,
PDF, a scanned PDF and a PNG of its first page) is mutated `--per-format` times by a
seeded generator, and every mutant is checked as the API, `hecha check` and `hecha
annotate` check it: in a CheckPool process (service/pool.py) under the service's deadline
and memory ceiling (HECHA_JOB_TIMEOUT_S, HECHA_JOB_MEMORY_MB unless --timeout and
--memory-mb say otherwise), `--jobs` at a time. Mutations are of the bytes (bits flipped, a
cut, a chunk doubled or zeroed, another format spliced in, NULs, long runs) and, for the
zip formats, of one member's XML inside a well-formed zip, so that the readers themselves
are reached and not only the zip layer. Every outcome is counted by kind:

* ``ok``: a report; ``refused``: a catalogued error (E_CORRUPT, E_BINARY…), by code;
* ``internal``: an exception other than a catalogued one (a traceback in the log);
* ``timeout``: past a deadline: the check's (E_TIMEOUT), the reader's (E_READ_TIMEOUT) or
  the OCR budget (E_OCR_BUDGET);
* ``memory``: past a memory ceiling: the check's (E_CHECK_MEMORY) or the reader's
  (E_READ_MEMORY);
* ``crashed``: the process died otherwise (E_WORKER_CRASHED, E_READ_CRASHED).

Each is a catalogued answer, but the issue's bar is none at all: the run fails (exit 1)
unless internal, timeout, memory and crashed are all zero, and names the mutants that were.

    python -m bench.fuzz --per-format 125 --jobs 2   # 1,000 mutants with 8 fixtures
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import threading
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from corpora import make_fixtures
from service.config import Settings
from service.core import Outcome, Task
from service.pool import CheckPool

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


def _page_image(pdf: Path) -> bytes:
    """The first page of the scanned fixture as a PNG: the image reader's input."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        image = document[0].render(scale=150 / 72).to_pil().convert("L")
    finally:
        document.close()
    out = io.BytesIO()
    image.save(out, "PNG", dpi=(150, 150))
    return out.getvalue()


def fixtures() -> dict[str, bytes]:
    """The format fixtures' bytes by format (PDFs and the image only where a CJK font was
    found)."""
    built = make_fixtures.build()
    paths = {"text": built.text, "docx": built.docx, "xlsx": built.xlsx, "xls": built.xls,
             "html": built.html, "pdf": built.pdf, "scan": built.scan}
    sources = {kind: path.read_bytes() for kind, path in paths.items() if path is not None}
    if built.scan is not None:
        sources["image"] = _page_image(built.scan)
    return sources


def mutants(sources: dict[str, bytes], per_format: int, seed: int) -> Iterator[tuple[str, str, bytes]]:
    """`(format, mutation, bytes)`, `per_format` of each format, reproducible by `seed`."""
    rng = random.Random(seed)
    others = list(sources.values())
    for kind, data in sources.items():
        mutators = [*BYTE_MUTATORS, *([_member] * 3 if kind in ("docx", "xlsx") else [])]
        for _ in range(per_format):
            mutate = rng.choice(mutators)
            yield kind, mutate.__name__.strip("_"), mutate(rng, data, others)


#: How each catalogued code counts (any other failed outcome is "refused").
KINDS = {
    "API_INTERNAL": "internal",
    "E_TIMEOUT": "timeout", "E_READ_TIMEOUT": "timeout", "E_OCR_BUDGET": "timeout",
    "E_CHECK_MEMORY": "memory", "E_READ_MEMORY": "memory",
    "E_WORKER_CRASHED": "crashed", "E_READ_CRASHED": "crashed",
}
FAILING = ("internal", "timeout", "memory", "crashed")


def classify(outcome: Outcome) -> str:
    if outcome.ok:
        return "ok"
    return KINDS.get(outcome.error_code or "", "refused")


def run(per_format: int, seed: int, timeout: float, memory_mb: int, jobs: int) -> Counter[str]:
    counts: Counter[str] = Counter()
    failures: list[str] = []
    work = iter(enumerate(mutants(fixtures(), per_format, seed)))
    lock = threading.Lock()
    pool = CheckPool(jobs, memory_mb=memory_mb)

    def check() -> None:
        while True:
            with lock:
                item = next(work, None)
            if item is None:
                return
            n, (kind, how, data) = item
            name = f"{n:05d}_{how}.{kind}"
            outcome = pool.check(Task(data, name), timeout=timeout)
            outcome_kind = classify(outcome)
            with lock:
                counts[outcome_kind] += 1
                counts[f"format {kind}"] += 1
                if outcome_kind == "refused":
                    counts[f"refused {outcome.error_code}"] += 1
                if outcome_kind in FAILING:
                    failures.append(f"{outcome_kind}: {name}: {outcome.error_code} {outcome.error_en}")

    threads = [threading.Thread(target=check, name=f"fuzz-{i}") for i in range(jobs)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        pool.close(kill=True)
    for line in sorted(failures):
        print(line, file=sys.stderr)
    return counts


def main(argv: list[str] | None = None) -> int:
    settings = Settings()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-format", type=int, default=125,
                        help="mutants of each format (default 125: 1,000 with 8 fixtures)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=settings.job_timeout_s,
                        help=f"seconds per mutant (default HECHA_JOB_TIMEOUT_S, {settings.job_timeout_s:g})")
    parser.add_argument("--memory-mb", type=int, default=settings.job_memory_mb,
                        help=f"ceiling per process (default HECHA_JOB_MEMORY_MB, {settings.job_memory_mb})")
    parser.add_argument("--jobs", type=int, default=2, help="checking processes (default 2)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    counts = run(args.per_format, args.seed, args.timeout, args.memory_mb, args.jobs)
    total = sum(v for k, v in counts.items() if k.startswith("format "))
    print(f"{total} mutants in {time.monotonic() - started:.0f} s (deadline {args.timeout:g} s, "
          f"ceiling {args.memory_mb} MB, {args.jobs} processes, seed {args.seed})")
    for key in sorted(counts):
        print(f"  {key:32} {counts[key]}")
    print(", ".join(f"{kind} {counts[kind]}" for kind in FAILING))
    return 1 if any(counts[kind] for kind in FAILING) else 0


if __name__ == "__main__":
    sys.exit(main())
