"""Checking processes: real parallelism past the GIL, and a time limit that can be enforced.

Extraction is pure Python, so threads would share one core and a runaway document could
not be stopped. Each slot of the pool is a long-lived process that inherits no locks or
threads of the server and checks one Task at a time. Where the platform has it, processes
are forked by a fork server that has imported the extractor and the rules once, so a new
one is ready in milliseconds; elsewhere they are spawned. A document over its time limit
gets its process killed, and the slot starts a fresh one on next use. A process is also
recycled after `max_tasks` tasks, so memory cannot creep up over days, and exits by itself
when the server that started it is gone.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from extractor.readers.sandbox import limit_memory

from . import checking, heap
from .checking import Outcome, Task, check_task

log = logging.getLogger(__name__)


class ProcessingTimeout(Exception):
    """The document was not checked within the time limit (its process was killed)."""


class WorkerCrashed(Exception):
    """The checking process died (killed, out of memory…)."""


class PoolClosed(Exception):
    """The pool is shutting down."""


def _orphan_watch(lifeline: Connection) -> None:
    """Exit as soon as the server is gone (killed mid-check): nobody wants the result, and
    the restarted server checks the document again. The server never writes on the
    lifeline, so it becomes readable only at EOF, when the server's end is closed."""
    lifeline.poll(None)
    os._exit(1)


def _serve(conn: Connection, lifeline: Connection, memory_mb: int | None) -> None:
    """A checking process: Task in, Outcome out, until the pipe closes. Its address space
    is capped `memory_mb` above its size once warm: extraction and rules run here, outside
    the reader's sandbox, and a document past the cap fails alone (E_CHECK_MEMORY)."""
    threading.Thread(target=_orphan_watch, args=(lifeline,), daemon=True).start()
    checking._config(None)  # the default rules, loaded before the first document arrives
    heap.settle()
    if memory_mb is not None:
        limit_memory(memory_mb)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            outcome = check_task(task)
        except Exception:  # a bug in extractor or rules: report it, keep serving
            log.exception("checking %s failed", getattr(task, "name", "?"))
            outcome = Outcome.failure("API_INTERNAL")
        try:
            conn.send(outcome)
        except OSError:  # the server went away meanwhile
            return


Context = multiprocessing.context.ForkServerContext | multiprocessing.context.SpawnContext


def _context() -> Context:
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        # "__main__" too: imported once by the fork server, so forked children skip re-running
        # the main script (multiprocessing's "safe importing of main module" still applies).
        ctx.set_forkserver_preload(["__main__", __name__.rsplit(".", 1)[0] + ".checking"])
        return ctx
    return multiprocessing.get_context("spawn")


class _Child:
    def __init__(self, ctx: Context, memory_mb: int | None) -> None:
        self.conn, child_conn = ctx.Pipe()
        lifeline, self.lifeline = ctx.Pipe(duplex=False)
        self.process: BaseProcess = ctx.Process(target=_serve, args=(child_conn, lifeline, memory_mb),
                                                daemon=True, name="hecha-check")
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

    def close(self) -> None:
        self.conn.close()  # the child sees EOF and exits
        self.lifeline.close()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=5)


class CheckPool:
    """`size` checking processes, started on first use (or by `warm`)."""

    def __init__(self, size: int, max_tasks: int = 500, memory_mb: int | None = None) -> None:
        self._ctx = _context()
        self.memory_mb = memory_mb
        self._idle: queue.Queue[_Child | None] = queue.Queue()
        for _ in range(size):
            self._idle.put(None)
        self.size = size
        self.max_tasks = max_tasks
        self.closed = False

    def warm(self) -> None:
        """Start every process now, so the first documents do not wait for imports."""
        slots = [self._idle.get() for _ in range(self.size)]
        try:
            slots = [s or _Child(self._ctx, self.memory_mb) for s in slots]
            for child in slots:
                child.conn.send(Task(data=b"warm-up", name="warm-up"))
            for child in slots:
                child.conn.recv()
        finally:
            for s in slots:
                self._idle.put(s)

    def run(self, task: Task, timeout: float, tick: Callable[[], None] | None = None,
            tick_every: float = 5.0) -> Outcome:
        """Check `task` in a free process within `timeout` seconds of processing.

        `tick` is called every `tick_every` seconds while waiting (for a free process or
        for the result): the job worker renews its lease there.

        Raises:
            ProcessingTimeout, WorkerCrashed, PoolClosed.
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
        try:
            if self.closed:
                raise PoolClosed
            if child is None:
                child = _Child(self._ctx, self.memory_mb)
            child.conn.send(task)
            deadline = time.monotonic() + timeout
            while not child.conn.poll(max(0.0, min(tick_every, deadline - time.monotonic()))):
                if time.monotonic() >= deadline:
                    child.kill()
                    child = None
                    raise ProcessingTimeout
                if tick is not None:
                    tick()
            outcome: Outcome = child.conn.recv()
            child.tasks += 1
            if child.tasks >= self.max_tasks or outcome.error_code == "E_CHECK_MEMORY":
                # recycled: after a MemoryError a process's heap is not to be trusted
                child.close()
                child = None
            return outcome
        except (EOFError, OSError) as exc:
            if child is not None:
                child.kill()
                child = None
            raise WorkerCrashed from exc
        except BaseException:
            # Interrupted while the process may still be busy: it cannot serve another task.
            if child is not None:
                child.kill()
                child = None
            raise
        finally:
            if self.closed and child is not None:
                child.close()
                child = None
            self._idle.put(child)

    def close(self) -> None:
        """Stop every idle process; busy ones stop when their task returns."""
        self.closed = True
        while True:
            try:
                child = self._idle.get_nowait()
            except queue.Empty:
                return
            if child is not None:
                child.close()
