"""Where documents are processed: a local process pool, or a Dask distributed cluster.

Both take `(path, sha256)` work items and yield `DocumentResult`s as documents
finish, in completion order, with a bounded number in flight: neither the items nor the
results of a 10,000-document run are ever held at once.

Either way each document is read, extracted and checked in a checking process of the
API (service/pool.py's CheckPool), under the same deadline and memory ceiling as a
document sent to the server: a document past the deadline (E_TIMEOUT) or the ceiling
(E_CHECK_MEMORY), or whose process dies (E_WORKER_LOST), fails alone: only its own
process is lost, and the run goes on.

Local: the processes are forked by a fork server that imports hecha once, inheriting
none of the client's threads (tqdm's monitor, for one), their heap settled (heap.py)
before the first document, gone when the client is, even killed. They read the files
and commit parts themselves, one document per task, a thread of the client waiting on
each.

Dask: the client reads the files and submits their bytes, a batch per task (workers on
other machines see neither the input paths nor the output folder); each Dask worker
checks them in a CheckPool of its own, one process per worker thread, started with the
first batch and kept for the next, and returns the parts, which the client commits. The
rule configuration is scattered to every worker once. A batch whose task fails (its
worker was killed) is run again one document per task.
"""

from __future__ import annotations

import hashlib
import queue
import threading
import uuid
from collections import deque
from collections.abc import Callable, Generator, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

from extractor.reading import MAX_BYTES
from models import DocumentError, message
from rules import RulesProfile
from service.core import read_bytes, unreadable
from service.pool import (
    CheckPool,
    MemoryExceeded,
    PoolClosed,
    ProcessingTimeout,
    TaskFailed,
    WorkerCrashed,
    prepare_check,
)

from .names import FAILED
from .worker import DocumentResult, annotate_document

WorkItem = tuple[str, str]  # (path, sha256 as hashed by the client)
Source = tuple[str, bytes | str]  # (path, the file's bytes or the path to read them from)
#: Tasks in flight per worker (thread): enough to keep every worker busy.
PER_WORKER = 3
#: Documents per Dask task at most. A Dask task costs the scheduler about 7 ms and the
#: client a wake-up; eight to a task keeps the client mostly asleep while a worker that
#: finishes early still finds more work. (The local pool sends one document per task
#: over a pipe, so that each has its own deadline.)
BATCH = 8


def failure(item: WorkItem, code: str, **values: Any) -> DocumentResult:
    """A failed result made on the client (the worker could not report one)."""
    path, sha256 = item
    msg = message(code, name=path, **values)
    return DocumentResult(path, sha256, FAILED, code, msg.zh, msg.en)


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


class _Job:
    """What a checking process does with a `Source`: `work` on it with the run's rules,
    committing the part in `parts_dir` (None: returning it). Sent to each process once,
    when it starts."""

    def __init__(self, work: Callable[..., DocumentResult], config: RulesProfile,
                 parts_dir: str | None) -> None:
        self.work = work
        self.config = config
        self.parts_dir = parts_dir

    def __call__(self, source: Source) -> DocumentResult:
        path, data = source
        return self.work(path, data, self.config, self.parts_dir)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Job) and (self.work, self.config, self.parts_dir) == (
            other.work, other.config, other.parts_dir)

    __hash__ = None  # type: ignore[assignment]  # compared, never a key


def _checked(pool: CheckPool, item: WorkItem, source: Source, timeout: float) -> DocumentResult:
    """`source` done in one of `pool`'s processes within `timeout` seconds; what went
    wrong there becomes the document's failure, never the run's."""
    try:
        result: DocumentResult = pool.run(source, timeout)
    except ProcessingTimeout:
        return failure(item, "E_TIMEOUT", limit=f"{timeout:g}")
    except MemoryExceeded:
        return failure(item, "E_CHECK_MEMORY")
    except WorkerCrashed as exc:
        return failure(item, "E_CHECK_MEMORY" if exc.out_of_memory else "E_WORKER_LOST")
    except TaskFailed as exc:  # a bug, not the input
        return failure(item, "E_INTERNAL", detail=str(exc))
    return result


def prepare_annotate() -> None:
    """A local worker's preparation, before its memory ceiling is set: what a checking
    process loads (pool.prepare_check), and a part compressed once, so that Arrow's
    allocator maps its arenas outside the ceiling."""
    from . import parts

    prepare_check()
    parts.encode({"warm-up": True}, b"{}")


_DONE = object()  # a feeding thread has no more documents


def run_local(items: Sequence[WorkItem], *, jobs: int, config: RulesProfile, parts_dir: Path,
              timeout: float = 120.0, memory_mb: int | None = None,
              work: Callable[..., DocumentResult] = annotate_document,
              ) -> Generator[DocumentResult, None, None]:
    """Process `items` on `jobs` local checking processes, each document within `timeout`
    seconds and `memory_mb` (None: no ceiling) beyond a warm process's size.

    `work` has annotate_document's signature and must be importable by name: the tests
    pass one that kills its worker.
    """
    pool = CheckPool(jobs, memory_mb=memory_mb, work=_Job(work, config, str(parts_dir)),
                     prepare=prepare_annotate, preload=[__name__])
    todo = iter(items)
    take = threading.Lock()
    results: queue.Queue[Any] = queue.Queue(maxsize=jobs * PER_WORKER)
    stop = threading.Event()

    def put(value: Any) -> None:
        while not stop.is_set():
            try:
                results.put(value, timeout=0.5)
                return
            except queue.Full:
                continue

    def feed() -> None:
        try:
            while not stop.is_set():
                with take:
                    item = next(todo, None)
                if item is None:
                    break
                path, _ = item
                put(_checked(pool, item, (path, path), timeout))
        except PoolClosed:
            pass
        finally:
            put(_DONE)

    threads = [threading.Thread(target=feed, name=f"hecha-annotate-{n}", daemon=True)
               for n in range(jobs)]
    finished = False
    try:
        for thread in threads:
            thread.start()
        running = len(threads)
        while running:
            value = results.get()
            if value is _DONE:
                running -= 1
            else:
                yield value
        finished = True
    finally:
        stop.set()
        pool.close(kill=not finished)  # interrupted: the documents in flight are dropped
        for thread in threads:
            thread.join(timeout=10)


class _WorkerPool:
    """The checking processes of this Dask worker: one per worker thread, made for the
    first batch of a run and kept while batches come with the same job and ceiling (a
    new run's rules start fresh ones)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pool: CheckPool | None = None
        self._key: tuple[_Job, int | None] | None = None

    def get(self, job: _Job, memory_mb: int | None) -> CheckPool:
        from dask.distributed import get_worker

        with self._lock:
            if self._pool is None or self._key != (job, memory_mb):
                if self._pool is not None:
                    self._pool.close()
                self._pool = CheckPool(get_worker().state.nthreads, memory_mb=memory_mb,
                                       work=job, prepare=prepare_annotate, preload=[__name__])
                self._key = (job, memory_mb)
            return self._pool


_worker_pool = _WorkerPool()


def annotate_batch(sources: list[tuple[str, bytes]], config: RulesProfile, timeout: float,
                   memory_mb: int | None,
                   work: Callable[..., DocumentResult] = annotate_document) -> list[DocumentResult]:
    """A Dask task: each of `sources` (their bytes) done in turn in this worker's
    checking processes, under the run's deadline and ceiling, the parts returned."""
    pool = _worker_pool.get(_Job(work, config, None), memory_mb)
    results = []
    for path, data in sources:
        item = (path, hashlib.sha256(data).hexdigest())
        results.append(_checked(pool, item, (path, data), timeout))
    return results


def run_dask(items: Sequence[WorkItem], *, client: Any, config: RulesProfile,
             timeout: float = 120.0, memory_mb: int | None = None,
             work: Callable[..., DocumentResult] = annotate_document,
             ) -> Generator[DocumentResult, None, None]:
    """Process `items` on the workers of the Dask `client`, in batches, each document
    within `timeout` seconds and `memory_mb` as on the local pool; results carry their
    parts. `work` as for run_local."""
    from dask.distributed import as_completed

    config_future = client.scatter(config, broadcast=True, hash=False)
    threads = sum(client.nthreads().values()) or 1
    batches = Batches(items, batch_size(len(items), threads))
    pending: dict[str, list[WorkItem]] = {}
    running = as_completed()
    early: list[DocumentResult] = []  # files the client could not read

    def read(item: WorkItem) -> tuple[str, bytes] | None:
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
            sources: list[tuple[str, bytes]] = []
            for item in batch:
                source = read(item)
                if source is not None:
                    sent.append(item)
                    sources.append(source)
            if not sources:
                continue
            key = f"hecha-annotate-{sent[0][1][:16]}-{uuid.uuid4().hex[:8]}"
            future = client.submit(annotate_batch, sources, config_future, timeout, memory_mb,
                                   work, key=key, pure=False)
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
