"""What a running server holds: database, blob store, checking processes, worker, metrics.

One `Service` per app (app.state.service); routes reach it through deps.ServiceDep. It
checks documents the same way whether the request waits (inline) or the worker does.
"""

from __future__ import annotations

import json
import logging
import threading
import time

import rules
from models import ConfigError

from .config import Settings
from .core import Outcome, Task
from .metrics import Metrics
from .output.pages import render_page
from .pool import CheckPool
from .ratelimit import RateLimiter
from .storage import BlobStore, documents, jobs, make_engine, make_sessions, upgrade
from .storage.jobs import Claimed
from .worker import Worker

log = logging.getLogger(__name__)


class Service:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.engine = make_engine(settings.database_url)
        self.sessions = make_sessions(self.engine)  # read-only work
        self.writes = make_sessions(self.engine, write=True)
        self.blobs = BlobStore(settings.blob_dir)
        self.pool = CheckPool(settings.max_concurrent_jobs, memory_mb=settings.job_memory_mb)
        # PDF pages drawn for reviewers (service/output/pages.py): one process, on first use
        self.pages = CheckPool(1, memory_mb=settings.job_memory_mb, work=render_page, prepare=None)
        self.metrics = Metrics()
        self.limiter = RateLimiter()
        self.worker = Worker(self)

    def start(self, *, worker: bool = True, warm: bool = True) -> None:
        """Migrate, take back jobs a dead server left behind, start the worker."""
        self.settings.blob_dir.mkdir(parents=True, exist_ok=True)
        upgrade(self.engine)
        with self.writes.begin() as session:
            jobs.fail_abandoned(session, self.settings.job_max_attempts)
            requeued = jobs.requeue_expired(session, self.settings.job_max_attempts)
        if requeued:
            log.info("re-queued %d job(s) whose lease expired", requeued)
        if warm:
            threading.Thread(target=self.pool.warm, name="hecha-warm", daemon=True).start()
        if worker:
            self.worker.start()

    def stop(self) -> None:
        self.worker.stop()
        self.pool.close()
        self.pages.close()
        self.engine.dispose()

    def process(self, claimed: Claimed, data: bytes | None = None, mode: str = "job") -> Outcome:
        """Check the document of a job this server owns and store the result (exactly once:
        nothing is stored when the lease was lost meanwhile)."""
        started = time.monotonic()
        self.metrics.jobs_running.inc()
        try:
            outcome = self._run(claimed, data)
        finally:
            self.metrics.jobs_running.dec()
        result = documents.Result(
            ok=outcome.ok, report_json=outcome.report_json, year=outcome.year, unit=outcome.unit,
            kind=outcome.kind, n_error=outcome.counts.get("error", 0),
            n_warning=outcome.counts.get("warning", 0), n_info=outcome.counts.get("info", 0),
            error_code=outcome.error_code, error_zh=outcome.error_zh, error_en=outcome.error_en)
        with self.writes() as session:
            session.begin()
            if documents.record(session, claimed.job_id, claimed.token, claimed.document_id, result):
                session.commit()
                self.metrics.checked(outcome, mode, time.monotonic() - started)
            else:
                session.rollback()
                log.warning("job %s: lease lost, result discarded", claimed.job_id)
        return outcome

    def _run(self, claimed: Claimed, data: bytes | None) -> Outcome:
        settings = self.settings
        if data is None:
            try:
                data = self.blobs.get(claimed.sha256)
            except FileNotFoundError:
                return Outcome.failure("E_BLOB_MISSING", name=claimed.name)
        try:  # a profile stored by an earlier hecha may name a parameter this one dropped
            profile = rules.load_profile(overrides=json.loads(claimed.rules_profile)) \
                if claimed.rules_profile else None
        except ConfigError as exc:
            return Outcome.refused(exc)
        task = Task(data=data, name=claimed.name, rules=profile, max_bytes=settings.max_upload_bytes)

        def renew() -> None:
            try:
                with self.writes() as session:
                    jobs.renew(session, claimed.job_id, claimed.token, settings.job_lease_s)
            except Exception:  # the lease may lapse; then the result is discarded, not doubled
                log.exception("job %s: could not renew the lease", claimed.job_id)

        return self.pool.check(task, settings.job_timeout_s, tick=renew,
                               tick_every=max(0.05, settings.job_lease_s / 3))
