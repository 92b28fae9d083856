"""Checking processes: real parallelism past the GIL, a time limit that can be enforced and
a memory ceiling. The one mechanism every entry point checks documents with: the API's
checking processes, `hecha check` and the local processes of `hecha annotate`.

Extraction is pure Python, so threads would share one core and a runaway document could
not be stopped. Each slot of the pool is a long-lived process that inherits no locks or
threads of its parent and does one task at a time: by default a `checking.Task` checked
into an `Outcome` (`check_task`), or whatever picklable `work` the pool was made with
(`hecha annotate` sends paths and gets `DocumentResult`s back). Where the platform has it,
processes are forked by a fork server that has imported the extractor and the rules once,
so a new one is ready in milliseconds; elsewhere they are spawned. A task over its time
limit gets its process killed, and the slot starts a fresh one on next use. A process
whose address space grows `memory_mb` past its warm size gets MemoryError, which the
work turns into E_CHECK_MEMORY, and is then recycled; it is also recycled after
`max_tasks` tasks, so memory cannot creep up over days, and exits by itself when the
process that started it is gone.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from extractor.readers.sandbox import limit_memory

from . import heap
from .core import checking
from .core.checking import Outcome, Task, check_task

log = logging.getLogger(__name__)


class ProcessingTimeout(Exception):
    """The document was not checked within the time limit (its process was killed)."""


class WorkerCrashed(Exception):
    """The checking process died (killed, out of memory…). `out_of_memory`: it died of
    SIGABRT or SIGSEGV under a memory ceiling, which is how native code that cannot
    allocate dies: Rust aborts (pydantic-core writing a report's JSON, "memory allocation
    of N bytes failed"), C code that does not check malloc faults. (Readers, the native
    code fed the file's bytes, crash in their own sandbox, not here.)"""

    def __init__(self, exitcode: int | None = None, ceiling: bool = False) -> None:
        super().__init__(f"exit code {exitcode}")
        self.exitcode = exitcode
        self.out_of_memory = ceiling and exitcode in (-signal.SIGABRT, -signal.SIGSEGV)


class MemoryExceeded(Exception):
    """The work ran out of memory (past the process's ceiling) and did not say so itself:
    the process answered that, and is recycled."""


class PoolClosed(Exception):
    """The pool is shutting down."""


class TaskFailed(Exception):
    """The work raised in its process (a bug, not the input): the message says what."""


#: The task that warms a checking process up.
WARM_UP = Task(data=b"warm-up", name="warm-up")
#: What a process sends back when its work raised: the parent raises TaskFailed.
_FAILED = "hecha-pool-task-failed"
#: What a process sends back when it ran out of memory: the parent raises MemoryExceeded.
_MEMORY = ("hecha-pool-out-of-memory", "")


def _orphan_watch(lifeline: Connection) -> None:
    """Exit as soon as the server is gone (killed mid-check): nobody wants the result, and
    the restarted server checks the document again. The server never writes on the
    lifeline, so it becomes readable only at EOF, when the server's end is closed."""
    lifeline.poll(None)
    os._exit(1)


def prepare_check() -> None:
    """check_task's preparation: load the default rules and check a line of text, so that
    what loads lazily (the lexicon, jieba's dictionary) is loaded before the first
    document arrives, frozen with the imports and not counted against the ceiling."""
    check_task(WARM_UP)


def _serve(conn: Connection, lifeline: Connection, memory_mb: int | None,
           work: Callable[[Any], Any], prepare: Callable[[], None] | None,
           parent_ends: tuple[Connection, ...] = ()) -> None:
    """A pool process: a task in, `work(task)` out, until the pipe closes. Its address
    space is capped `memory_mb` above its size once warm: extraction and rules run here,
    outside the reader's sandbox, and a document past the cap fails alone
    (E_CHECK_MEMORY, which `work` answers MemoryError with). `parent_ends`: the parent's
    ends of the pipes, which a forked process inherits and must close, or it would never
    see them close."""
    for end in parent_ends:
        end.close()
    threading.Thread(target=_orphan_watch, args=(lifeline,), daemon=True).start()
    if prepare is not None:
        prepare()
    heap.settle()
    if memory_mb is not None:
        limit_memory(memory_mb)
        checking.under_ceiling = True
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            result = work(task)
        except Exception as exc:
            if checking.out_of_memory(exc):
                result = _MEMORY
            else:  # a bug in extractor or rules: report it, keep serving
                log.exception("task %s failed", getattr(task, "name", "?"))
                result = (_FAILED, f"{type(exc).__name__}: {exc}"[:300])
        try:
            try:
                conn.send(result)
            except MemoryError:  # the answer itself is too large for the ceiling
                result = None
                conn.send(_MEMORY)
        except (OSError, MemoryError):  # the parent went away meanwhile
            return


Context = (multiprocessing.context.ForkServerContext | multiprocessing.context.SpawnContext
           | multiprocessing.context.ForkContext)


def _context(preload: Sequence[str], fork: bool) -> Context:
    # Forking a process that runs other threads could copy a lock one of them holds.
    if fork and threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        # "__main__" too: imported once by the fork server, so forked children skip re-running
        # the main script (multiprocessing's "safe importing of main module" still applies).
        # The fork server is one per process, started with the preload of the first pool.
        ctx.set_forkserver_preload(["__main__", __name__.rsplit(".", 1)[0] + ".core.checking", *preload])
        return ctx
    return multiprocessing.get_context("spawn")


_daemon_flag = threading.Lock()


@contextmanager
def _children_allowed() -> Iterator[None]:
    """Let a daemonic process start checking processes: Dask runs its workers as daemons
    (`distributed.worker.daemon`), and `hecha annotate --scheduler` checks documents in
    processes of each worker. multiprocessing refuses children to a daemon because a
    daemon is killed at exit without reaping them; a checking process exits by itself
    when its parent is gone (_orphan_watch), so the reason does not hold here. The flag
    is only readable as a private attribute; the lock keeps two threads starting
    processes from restoring each other's value."""
    config = multiprocessing.current_process()._config  # type: ignore[attr-defined]
    with _daemon_flag:
        daemon = config.get("daemon", False)
        config["daemon"] = False
        try:
            yield
        finally:
            config["daemon"] = daemon


class _Child:
    def __init__(self, ctx: Context, memory_mb: int | None, work: Callable[[Any], Any],
                 prepare: Callable[[], None] | None) -> None:
        self.conn, child_conn = ctx.Pipe()
        lifeline, self.lifeline = ctx.Pipe(duplex=False)
        forked = ctx.get_start_method() == "fork"
        parent_ends = (self.conn, self.lifeline) if forked else ()
        self.process: BaseProcess = ctx.Process(
            target=_serve, args=(child_conn, lifeline, memory_mb, work, prepare, parent_ends),
            daemon=True, name="hecha-check")
        with _children_allowed():
            self.process.start()
        child_conn.close()
        lifeline.close()
        self.tasks = 0

    def kill(self) -> None:
        self.conn.close()
        self.lifeline.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)

    def stop(self) -> None:
        """Kill the process, from any thread: the pipes stay for the thread waiting on
        them, which sees EOF."""
        if self.process.is_alive():
            self.process.kill()

    def close(self) -> None:
        self.conn.close()  # the child sees EOF and exits
        self.lifeline.close()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=5)


class CheckPool:
    """`size` processes doing `work` (default: checking a Task), started on first use (or
    by `warm`).

    `work` and `prepare` must be picklable (functions importable by name, or instances of
    such classes): they are sent to each process once, when it starts. `prepare` runs
    there before the heap is settled and the memory ceiling set; `preload` names modules
    the fork server imports once for all processes. With `fork` (the command line, which
    has imported hecha already) processes are forked from the parent itself, when it runs
    no other thread, which saves starting a fork server and importing everything again.
    """

    def __init__(self, size: int, max_tasks: int = 500, memory_mb: int | None = None, *,
                 work: Callable[[Any], Any] = check_task,
                 prepare: Callable[[], None] | None = prepare_check,
                 preload: Sequence[str] = (), fork: bool = False) -> None:
        if fork and size != 1:  # a second forked process would hold the first one's pipes
            raise ValueError("fork=True is for a pool of one process")
        self._ctx = _context(preload, fork)
        self.memory_mb = memory_mb
        self._work = work
        self._prepare = prepare
        self._idle: queue.Queue[_Child | None] = queue.Queue()
        for _ in range(size):
            self._idle.put(None)
        self._busy: set[_Child] = set()
        self._lock = threading.Lock()
        self.size = size
        self.max_tasks = max_tasks
        self.closed = False

    def _start(self) -> _Child:
        return _Child(self._ctx, self.memory_mb, self._work, self._prepare)

    def warm(self, task: Any = None) -> None:
        """Start every process now and have each do `task` (default: check a line of
        text), so the first documents wait for neither imports nor lazy loading."""
        if task is None:
            task = WARM_UP
        slots: list[_Child | None] = [self._idle.get() for _ in range(self.size)]
        try:
            for i, slot in enumerate(slots):
                if slot is None:
                    slots[i] = self._start()
            children = [s for s in slots if s is not None]
            for child in children:
                child.conn.send(task)
            for child in children:
                child.conn.recv()
        finally:
            for s in slots:
                self._idle.put(s)

    def run(self, task: Any, timeout: float, tick: Callable[[], None] | None = None,
            tick_every: float = 5.0) -> Any:
        """`work(task)` in a free process within `timeout` seconds of processing.

        `tick` is called every `tick_every` seconds while waiting (for a free process or
        for the result): the job worker renews its lease there.

        Raises:
            ProcessingTimeout, WorkerCrashed, PoolClosed, TaskFailed, MemoryExceeded.
        """
        while True:
            if self.closed:
                raise PoolClosed
            try:
                child = self._idle.get(timeout=tick_every)
                break
            except queue.Empty:
                if tick is not None:
                    tick()
        busy: _Child | None = None
        try:
            if self.closed:
                raise PoolClosed
            if child is None:
                child = self._start()
            busy = child
            with self._lock:
                self._busy.add(busy)
            child.conn.send(task)
            deadline = time.monotonic() + timeout
            while not child.conn.poll(max(0.0, min(tick_every, deadline - time.monotonic()))):
                if time.monotonic() >= deadline:
                    child.kill()
                    child = None
                    raise ProcessingTimeout
                if tick is not None:
                    tick()
            result = child.conn.recv()
            child.tasks += 1
            if (child.tasks >= self.max_tasks or result == _MEMORY
                    or getattr(result, "error_code", None) == "E_CHECK_MEMORY"):
                # recycled: after a MemoryError a process's heap is not to be trusted
                child.close()
                child = None
            if isinstance(result, tuple) and len(result) == 2:
                if result == _MEMORY:
                    raise MemoryExceeded
                if result[0] == _FAILED:
                    raise TaskFailed(result[1])
            return result
        except (EOFError, OSError) as exc:
            exitcode = None
            if child is not None:
                child.kill()
                exitcode = child.process.exitcode
                child = None
            if self.closed:
                raise PoolClosed from exc
            raise WorkerCrashed(exitcode, self.memory_mb is not None) from exc
        except (ProcessingTimeout, TaskFailed, MemoryExceeded, PoolClosed):
            raise
        except BaseException:
            # Interrupted while the process may still be busy: it cannot serve another task.
            if child is not None:
                child.kill()
                child = None
            raise
        finally:
            if busy is not None:
                with self._lock:
                    self._busy.discard(busy)
            if self.closed and child is not None:
                child.close()
                child = None
            self._idle.put(child)

    def check(self, task: Task, timeout: float, tick: Callable[[], None] | None = None,
              tick_every: float = 5.0) -> Outcome:
        """`run` for the default work: the Outcome of checking `task`, a catalogued
        failure when it is past the deadline (E_TIMEOUT), its process died of memory
        (E_CHECK_MEMORY) or otherwise (E_WORKER_CRASHED), or the work raised (API_INTERNAL).

        Raises:
            PoolClosed.
        """
        try:
            outcome: Outcome = self.run(task, timeout, tick=tick, tick_every=tick_every)
        except ProcessingTimeout:
            return Outcome.failure("E_TIMEOUT", limit=f"{timeout:g}", name=task.name)
        except MemoryExceeded:
            return Outcome.failure("E_CHECK_MEMORY", name=task.name)
        except WorkerCrashed as exc:
            if exc.out_of_memory:
                return Outcome.failure("E_CHECK_MEMORY", name=task.name)
            return Outcome.failure("E_WORKER_CRASHED", name=task.name)
        except TaskFailed:
            return Outcome.failure("API_INTERNAL")
        return outcome

    def close(self, kill: bool = False) -> None:
        """Stop every idle process; busy ones stop when their task returns, or at once
        with `kill` (an interrupted run: their tasks fail with PoolClosed)."""
        self.closed = True
        if kill:
            with self._lock:
                busy = list(self._busy)
            for child in busy:  # their waiting threads see the pipe close, and clean up
                child.stop()
        while True:
            try:
                idle = self._idle.get_nowait()
            except queue.Empty:
                return
            if idle is not None:
                idle.close()
