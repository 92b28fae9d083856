"""Run a reader with a deadline and a memory ceiling, so no file can hang or sink the process.

PDF, Office and image parsers are large C and Python libraries fed untrusted bytes: a file
can make them loop, or unpack a few kilobytes into gigabytes. On POSIX the reader runs in a
forked child: the child's address space is capped (RLIMIT_AS, its size at the fork plus the
allowance), the parent waits on a pipe until the deadline and kills the child past it. The
reader can ask for more time as it learns what the file needs (OCR is slow: a page of it
may take as long as a whole text-layer report), by `Budget.extend`. Whatever goes wrong
comes back as a `DocumentError`; nothing the child does can raise anything else here.

Without fork (Windows) the reader runs in a thread the caller stops waiting for at the
deadline; the thread itself cannot be stopped and runs on in the background.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
import struct
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from models import DocumentError

T = TypeVar("T")
_HEADER = struct.Struct("!Q")


class Budget:
    """The time a reader has; `extend` asks the waiting parent for more."""

    def __init__(self, seconds: float, send: Callable[[tuple[Any, ...]], None] | None = None) -> None:
        self.deadline = time.monotonic() + seconds
        self._send = send

    def extend(self, seconds: float) -> None:
        self.deadline += seconds
        if self._send is not None:
            self._send(("extend", seconds))


def limit_memory(megabytes: int) -> None:
    """Cap the address space at its current size plus `megabytes`."""
    try:
        import resource

        with open("/proc/self/status", encoding="ascii") as f:
            size = next(int(line.split()[1]) * 1024 for line in f if line.startswith("VmSize:"))
        soft = size + megabytes * 1024 * 1024
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    except (OSError, ValueError, StopIteration, ImportError):
        pass  # no /proc (macOS): the deadline still holds


def _write(fd: int, message: tuple[Any, ...]) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(_HEADER.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view):]


def _child(fd: int, fn: Callable[..., Any], args: tuple[Any, ...], memory_mb: int,
           seconds: float) -> None:
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_DFL)
    limit_memory(memory_mb)
    budget = Budget(seconds, lambda message: _write(fd, message))
    try:
        result: tuple[Any, ...] = ("ok", fn(*args, budget))
    except DocumentError as exc:
        result = ("error", exc.code, exc.values)
    except MemoryError:
        result = ("memory",)
    except RecursionError:
        result = ("crash", "RecursionError")
    except Exception as exc:  # a parser choking on bad bytes: reported, never raised
        result = ("crash", f"{type(exc).__name__}: {exc}"[:300])
    try:
        _write(fd, result)
    except MemoryError:
        _write(fd, ("memory",))


def run_limited(fn: Callable[..., T], *args: Any, name: str, kind: str, seconds: float,
                memory_mb: int, fork: bool = True) -> T:
    """`fn(*args, budget)` within `seconds` and `memory_mb`, or a DocumentError.

    Raises:
        DocumentError: what `fn` raised, or E_READ_TIMEOUT, E_READ_MEMORY, E_CORRUPT.
    """
    if not fork or not hasattr(os, "fork"):
        return _run_thread(fn, args, name=name, seconds=seconds)
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        status = 0
        try:
            os.close(read_fd)
            _child(write_fd, fn, args, memory_mb, seconds)
        except BaseException:
            status = 70
        finally:
            os._exit(status)
    os.close(write_fd)
    deadline = time.monotonic() + seconds
    buffer = bytearray()
    result: tuple[Any, ...] | None = None
    try:
        while result is None:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([read_fd], [], [], left)[0]:
                os.kill(pid, signal.SIGKILL)
                raise DocumentError("E_READ_TIMEOUT", name=name, limit=f"{seconds:g}")
            chunk = os.read(read_fd, 1 << 20)
            if not chunk:
                break
            buffer += chunk
            while len(buffer) >= _HEADER.size:
                (size,) = _HEADER.unpack_from(buffer)
                if len(buffer) < _HEADER.size + size:
                    break
                message = pickle.loads(bytes(buffer[_HEADER.size:_HEADER.size + size]))
                del buffer[:_HEADER.size + size]
                if message[0] == "extend":
                    deadline += message[1]
                    seconds += message[1]
                else:
                    result = message
    finally:
        os.close(read_fd)
        _reap(pid)
    return _unpack(result, name=name, kind=kind, memory_mb=memory_mb)


def _reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


def _unpack(result: tuple[Any, ...] | None, *, name: str, kind: str, memory_mb: int) -> Any:
    if result is None:  # killed (out of memory, or a crash in C code) before it answered
        raise DocumentError("E_READ_CRASHED", name=name, kind=kind)
    tag = result[0]
    if tag == "ok":
        return result[1]
    if tag == "error":
        raise DocumentError(result[1], **result[2])
    if tag == "memory":
        raise DocumentError("E_READ_MEMORY", name=name, limit=memory_mb)
    raise DocumentError("E_CORRUPT", name=name, kind=kind, detail=result[1])


def _run_thread(fn: Callable[..., T], args: tuple[Any, ...], *, name: str, seconds: float) -> T:
    budget = Budget(seconds)
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = fn(*args, budget)
        except BaseException as exc:  # handed to the waiting thread below
            box["error"] = exc

    thread = threading.Thread(target=target, name=f"hecha-read-{name}", daemon=True)
    thread.start()
    while thread.is_alive():
        left = budget.deadline - time.monotonic()
        if left <= 0:
            raise DocumentError("E_READ_TIMEOUT", name=name, limit=f"{seconds:g}")
        thread.join(min(left, 0.5))
    if "error" in box:
        error = box["error"]
        if isinstance(error, DocumentError):
            raise error
        if isinstance(error, MemoryError):
            raise DocumentError("E_READ_MEMORY", name=name, limit=0) from error
        raise DocumentError("E_CORRUPT", name=name, kind="?",
                            detail=f"{type(error).__name__}: {error}"[:300]) from error
    return box["value"]  # type: ignore[no-any-return]
