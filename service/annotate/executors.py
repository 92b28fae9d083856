"""Where documents are processed: a local process pool, or a Dask distributed cluster.

Both take `(path, sha256)` work items and yield `DocumentResult`s as documents
finish, in completion order, with a bounded number in flight: neither the items nor the
results of a 10,000-document run are ever held at once.

Local: a `ProcessPoolExecutor` over the forkserver start method, whose server imports
hecha once (`set_forkserver_preload`), so workers start warm without inheriting the
client's threads (tqdm's monitor, for one), settle their heap (heap.py) before the
first document, and exit when the client does, even killed (lifeline.py). Workers read
the files and commit parts themselves. A worker that dies (killed for memory) breaks the
whole pool: the documents that were in flight are run again in a fresh pool, one at a
time, so that only the one that kills its worker again fails (E_WORKER_LOST); then the
run goes on as before.

Dask: the client reads the files and submits their bytes, a batch per task (workers on
other machines see neither the input paths nor the output folder); the worker returns
the parts, which the client commits. The rule configuration is scattered to every worker
once, and each worker's heap is settled as the local ones are. A batch whose task fails
(its worker was killed) is run again one document per task, as locally.
"""

from __future__ import annotations

import multiprocessing
import os
import uuid
from collections import deque
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from pathlib import Path
from typing import Any

from extractor.reading import MAX_BYTES
from models import DocumentError, message
from rules import RulesConfig
from service.heap import settle

from .lifeline import start_worker
from .names import FAILED
from .worker import DocumentResult, annotate_document

WorkItem = tuple[str, str]  # (path, sha256 as hashed by the client)
Source = tuple[str, bytes | str]  # (path, the file's bytes or the path to read them from)
#: Tasks in flight per worker (thread): enough to keep every worker busy.
PER_WORKER = 3
#: Documents per task at most. One message per document each way, with the client waking
#: up for each, cost a tenth of the CPU the documents themselves took with 2 local
#: workers on 2 cores, and a Dask task costs the scheduler about 7 ms more; eight to a
#: task keeps the client mostly asleep while a worker that finishes early still finds
#: more work.
BATCH = 8


def failure(item: WorkItem, code: str, **values: Any) -> DocumentResult:
    """A failed result made on the client (the worker could not report one)."""
    path, sha256 = item
    msg = message(code, name=path, **values)
    return DocumentResult(path, sha256, FAILED, code, msg.zh, msg.en)


def annotate_batch(sources: list[Source], config: RulesConfig, parts_dir: str | None,
                   work: Callable[..., DocumentResult] = annotate_document) -> list[DocumentResult]:
    """`work` on each of `sources` in turn, in one task (one message each way)."""
    return [work(path, source, config, parts_dir) for path, source in sources]


def batch_size(items: int, workers: int) -> int:
    """Documents per task: up to BATCH, fewer when there are too few documents to give
    every slot of the window (workers × PER_WORKER) a task."""
    return max(1, min(BATCH, items // (workers * PER_WORKER)))


class Batches:
    """The work items, `size` at a time; those of a batch whose worker died come back one
    at a time, so that only a document that kills its worker again is blamed for it."""

    def __init__(self, items: Sequence[WorkItem], size: int) -> None:
        self.queue = iter(items)
        self.size = size
        self.suspects: deque[WorkItem] = deque()
        self.suspected: set[WorkItem] = set()

    def next(self) -> list[WorkItem]:
        """The next batch; empty when there is none."""
        if self.suspects:
            return [self.suspects.popleft()]
        return list(islice(self.queue, self.size))

    def lost(self, batch: list[WorkItem]) -> bool:
        """Take back `batch`, whose worker died; True when it is the document to blame
        (it ran alone after an earlier loss), which is not run again."""
        if len(batch) == 1 and batch[0] in self.suspected:
            return True
        self.suspected.update(batch)
        self.suspects.extend(batch)
        return False


def run_local(items: Sequence[WorkItem], *, jobs: int, config: RulesConfig, parts_dir: Path,
              work: Callable[..., DocumentResult] = annotate_document,
              ) -> Generator[DocumentResult, None, None]:
    """Process `items` on `jobs` local processes, in batches (`batch_size`).

    `work` has annotate_document's signature and must be importable by name: the tests
    pass one that kills its worker.
    """
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["service.annotate.worker"])
    batches = Batches(items, batch_size(len(items), jobs))
    while True:
        pool = ProcessPoolExecutor(jobs, mp_context=ctx, initializer=start_worker,
                                   initargs=(os.getpid(),))
        pending: dict[Future[list[DocumentResult]], list[WorkItem]] = {}
        broken = False
        try:
            while True:
                # A dying worker breaks the whole pool: suspects run one task at a time.
                while not broken and len(pending) < (1 if batches.suspects else jobs * PER_WORKER):
                    batch = batches.next()
                    if not batch:
                        break
                    future = pool.submit(annotate_batch, [(path, path) for path, _ in batch],
                                         config, str(parts_dir), work)
                    pending[future] = batch
                if not pending:
                    break
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    batch = pending.pop(future)
                    try:
                        yield from future.result()
                    except BrokenProcessPool:
                        broken = True
                        if batches.lost(batch):
                            yield failure(batch[0], "E_WORKER_LOST")
                    except Exception as exc:  # pickling trouble and the like: a bug, not the input
                        for item in batch:
                            yield failure(item, "E_INTERNAL", detail=f"{type(exc).__name__}: {exc}")
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        if not broken:
            return


def run_dask(items: Sequence[WorkItem], *, client: Any,
             config: RulesConfig) -> Generator[DocumentResult, None, None]:
    """Process `items` on the workers of the Dask `client`, in batches; results carry
    their parts."""
    from dask.distributed import as_completed

    from service.cli import read_bytes, unreadable

    client.run(settle)
    config_future = client.scatter(config, broadcast=True, hash=False)
    threads = sum(client.nthreads().values()) or 1
    batches = Batches(items, batch_size(len(items), threads))
    pending: dict[str, list[WorkItem]] = {}
    running = as_completed()
    early: list[DocumentResult] = []  # files the client could not read

    def read(item: WorkItem) -> Source | None:
        path, _ = item
        try:
            return path, read_bytes(path, MAX_BYTES)
        except DocumentError as exc:
            early.append(DocumentResult(path, None, FAILED, exc.code, exc.msg.zh, exc.msg.en))
        except OSError as exc:
            msg = unreadable(path, exc)
            early.append(DocumentResult(path, None, FAILED, "E_UNREADABLE", msg.zh, msg.en))
        return None

    def submit_next() -> bool:
        while batch := batches.next():
            sent: list[WorkItem] = []
            sources: list[Source] = []
            for item in batch:
                source = read(item)
                if source is not None:
                    sent.append(item)
                    sources.append(source)
            if not sources:
                continue
            key = f"hecha-annotate-{sent[0][1][:16]}-{uuid.uuid4().hex[:8]}"
            future = client.submit(annotate_batch, sources, config_future, None, key=key,
                                   pure=False)
            pending[future.key] = sent
            running.add(future)
            return True
        return False

    for _ in range(threads * PER_WORKER):
        if not submit_next():
            break
    yield from early
    early.clear()
    for future in running:
        batch = pending.pop(future.key)
        try:
            yield from future.result()
        except Exception as exc:  # the task raised or its worker died (KilledWorker)
            if len(batch) == 1 or batches.lost(batch):
                yield failure(batch[0], "E_INTERNAL", detail=f"{type(exc).__name__}: {exc}")
        future.release()
        submit_next()
        yield from early
        early.clear()
