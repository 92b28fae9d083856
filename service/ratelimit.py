"""Requests per API key per minute: a token bucket per key, in the server's memory.

A bucket holds up to `limit` tokens and refills at `limit` per minute, so a client may
burst up to its minute's allowance and then goes at the steady rate. Limits are per
process: behind several server processes each enforces its own.
"""

from __future__ import annotations

import math
import threading
import time


class RateLimiter:
    def __init__(self) -> None:
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, last refill)
        self._lock = threading.Lock()

    def take(self, key: str, limit: int) -> float:
        """Spend a token of `key`; 0.0 when allowed, else the seconds until one is free.
        `limit` 0 means no limit."""
        if limit <= 0:
            return 0.0
        rate = limit / 60.0
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(key, (float(limit), now))
            tokens = min(float(limit), tokens + (now - last) * rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                return 0.0
            self._buckets[key] = (tokens, now)
            return max(0.001, (1.0 - tokens) / rate)

    @staticmethod
    def retry_after(wait: float) -> int:
        return max(1, math.ceil(wait))
