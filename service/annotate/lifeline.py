"""Workers that die with the `hecha annotate` that started them, so a run killed with
SIGKILL (the OOM killer, `kill -9`, a batch scheduler) leaves nothing running behind it.

A parent-death signal (`prctl(PR_SET_PDEATHSIG)`) in the worker does not do it: a worker's
parent is the forkserver, and the forkserver only exits when every holder of its "alive"
pipe has closed it, which multiprocessing hands to each worker too. So they kept each other
alive (and the resource tracker, which waits for the same processes), for as long as the
queue lasted and then for ever. Instead each worker watches the client itself, by pid:
when it goes the worker exits, then the forkserver sees its pipe close, then the tracker.
On Linux through a pidfd (the kernel wakes the watcher at once, and a reused pid cannot
fool it); elsewhere by asking every second whether the pid still exists. The Dask executor
needs none of this: its workers belong to a cluster that outlives any one client.
"""

from __future__ import annotations

import os
import select
import threading
import time

from service.heap import settle

#: How often the portable watcher looks (where there is no pidfd).
POLL_S = 1.0


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, someone else's: cannot be our client, which is gone
        return False
    return True


def _watch(pid: int) -> None:
    if hasattr(os, "pidfd_open"):
        try:
            fd = os.pidfd_open(pid)
        except ProcessLookupError:
            os._exit(1)
        poller = select.poll()
        poller.register(fd, select.POLLIN)
        poller.poll()  # readable once the process has exited
    else:
        while _alive(pid):
            time.sleep(POLL_S)
    os._exit(1)  # no cleanup: the client that would want the results is gone


def start_worker(client: int) -> None:
    """The local pool's initializer: exit when process `client` does, then settle the
    heap (heap.py)."""
    threading.Thread(target=_watch, args=(client,), name="hecha-lifeline", daemon=True).start()
    settle()
