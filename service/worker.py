"""The background worker: threads that claim queued jobs from the database and check them.

There are as many threads as checking processes (`max_concurrent_jobs`). An idle thread
looks for work every `poll_interval_s`, or at once when a submission wakes it. Because
jobs are claimed in the database, several servers may share one PostgreSQL database.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError

from .pool import PoolClosed
from .storage import jobs

if TYPE_CHECKING:
    from .runtime import Service

log = logging.getLogger(__name__)


class Worker:
    def __init__(self, service: Service) -> None:
        self.service = service
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        self._stop.clear()
        for n in range(self.service.settings.max_concurrent_jobs):
            thread = threading.Thread(target=self._loop, name=f"hecha-worker-{n}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop claiming; a job still being checked after `timeout` keeps its lease, which
        expires, and is taken over after a restart."""
        self._stop.set()
        self._wake.set()
        for thread in self._threads:
            thread.join(timeout)
        self._threads.clear()

    def run_once(self) -> bool:
        """Claim and check one job; False when there was none."""
        settings = self.service.settings
        with self.service.writes() as session:
            with session.begin():
                jobs.fail_abandoned(session, settings.job_max_attempts)
            claimed = jobs.claim_next(session, settings.job_lease_s, settings.job_max_attempts)
        if claimed is None:
            return False
        self.service.process(claimed, mode="job")
        return True

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                if self.run_once():
                    continue
            except PoolClosed:
                return
            except SQLAlchemyError:
                log.exception("worker: database error; retrying")
            except Exception:
                log.exception("worker: unexpected error; retrying")
            self._wake.wait(self.service.settings.poll_interval_s)
            self._wake.clear()
