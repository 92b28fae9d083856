"""What the server holds must not grow with the requests it has answered.

The load benchmark (`bench/load.py`) watches the RSS of the server process, which after
warm-up wobbles by ±10 MiB while allocator arenas are reused: it cannot tell a slow leak
from that noise. Python's own allocations can be counted exactly (tracemalloc), so this
test answers the question the RSS cannot: after a warm-up, does serving more requests
leave more objects behind?

Large blocks are counted apart: the body of the last response (up to ~500 kB) and the
spooled upload a server thread handled can stay referenced until that thread's next
request, so their bytes come and go by a megabyte between two measurements. A leak shows
either way: as bytes in small blocks, or as more large blocks than threads.
"""

from __future__ import annotations

import gc
import threading
import tracemalloc
import uuid

import httpx
from apihelp import SEEDS, upload, wait_done

#: Allowed growth of the traced heap in blocks under BIG over the measured 300 requests:
#: a leak of 1 kB per request would add 0.3 MiB.
MAX_GROWTH = 256 * 1024
#: Blocks of this size or more are counted, not summed; at most MAX_NEW_BIG more may stay.
BIG = 64 * 1024
MAX_NEW_BIG = 16
CLIENTS, PER_CLIENT = 4, 25


def _burst(clients: list[httpx.Client]) -> None:
    """Every client resubmits the seeds PER_CLIENT times, all clients at once."""
    failures: list[int] = []

    def run(n: int, client: httpx.Client) -> None:
        for i in range(PER_CLIENT):
            status = upload(client, SEEDS[(n + i) % len(SEEDS)]).status_code
            if status not in (200, 201, 202):
                failures.append(status)

    threads = [threading.Thread(target=run, args=(n, c)) for n, c in enumerate(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures


def _heap() -> tuple[int, int]:
    """Traced bytes in blocks under BIG, and the number of blocks of BIG or more."""
    gc.collect()
    small = big = 0
    for trace in tracemalloc.take_snapshot().traces:
        if trace.size < BIG:
            small += trace.size
        else:
            big += 1
    return small, big


def test_resubmissions_leave_nothing_behind(make_client):
    tenant = f"memory-{uuid.uuid4().hex[:8]}"
    clients = [make_client(tenant) for _ in range(CLIENTS)]
    tracemalloc.start()
    try:
        _burst(clients)  # warm-up: the first round checks and stores, caches fill
        for seed in SEEDS:  # the larger seeds are checked in the background: wait for them
            wait_done(clients[0], upload(clients[0], seed).json()["document"]["id"])
        small, big = _heap()
        for _ in range(3):
            _burst(clients)
        small_after, big_after = _heap()
    finally:
        tracemalloc.stop()
    grown = small_after - small
    requests = 3 * CLIENTS * PER_CLIENT
    assert grown < MAX_GROWTH, f"{grown} bytes ({grown / requests:.0f} per request) stay behind"
    assert big_after - big <= MAX_NEW_BIG, f"{big_after - big} more blocks of {BIG} bytes or more"
