"""Jobs in the database: claimed by one worker only, results written only by the lease
holder, and a job left running by a killed server finished exactly once after a restart."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import func, select, update

import corpora
from service.runtime import Service
from service.storage import DONE, FAILED, DocumentRow, Job, ReportRow, documents, jobs, keys
from service.storage.tables import utcnow

SEED = min(sorted((corpora.SEEDS).glob("*.txt")),
           key=lambda p: p.stat().st_size)


def _tenant(service: Service) -> uuid.UUID:
    with service.writes.begin() as session:
        key, _ = keys.create_key(session, f"jobs-{uuid.uuid4().hex[:8]}")
        found = keys.authenticate(session, key)
        assert found is not None
        return found[0].id


def _queue(service: Service, tenant_id: uuid.UUID, n: int = 1) -> list[uuid.UUID]:
    """`n` new documents (distinct bytes) with queued jobs; their job ids."""
    ids = []
    with service.writes.begin() as session:
        for _ in range(n):
            data = SEED.read_bytes() + f"\n{uuid.uuid4()}\n".encode()
            _, job, _ = documents.create(session, service.blobs, tenant_id, data, SEED.name, None, None)
            ids.append(job.id)
    return ids


def _expire(service: Service, job_id: uuid.UUID) -> None:
    with service.writes.begin() as session:
        session.execute(update(Job).where(Job.id == job_id)
                        .values(lease_expires_at=utcnow() - timedelta(seconds=1)))


def test_each_job_is_claimed_by_exactly_one_worker(make_service: Callable[..., Service]) -> None:
    service = make_service()
    queued = set(_queue(service, _tenant(service), 6))
    claims: list[uuid.UUID] = []
    lock = threading.Lock()

    def claimer() -> None:
        while True:
            with service.writes() as session:
                claimed = jobs.claim_next(session, 60, 3)
            if claimed is None:
                return
            with lock:
                claims.append(claimed.job_id)

    threads = [threading.Thread(target=claimer) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    mine = [c for c in claims if c in queued]
    assert sorted(mine) == sorted(queued)  # every job once, none twice


def test_a_worker_that_lost_its_lease_writes_nothing(make_service: Callable[..., Service]) -> None:
    service = make_service()
    (job_id,) = _queue(service, _tenant(service))
    with service.writes() as session:
        first = jobs.claim(session, job_id, 60, 3)
        session.commit()
    assert first is not None
    with service.writes() as session:  # a live lease cannot be taken
        assert jobs.claim(session, job_id, 60, 3) is None
        session.rollback()
    _expire(service, job_id)  # the first worker stalled past its lease
    with service.writes() as session:
        second = jobs.claim(session, job_id, 60, 3)
        session.commit()
    assert second is not None and second.attempts == 2
    stale = service.process(first, mode="job")  # computes, but may not store
    assert stale.ok
    with service.sessions() as session:
        assert session.get(Job, job_id).status == "running"  # type: ignore[union-attr]
        assert session.scalar(select(func.count()).select_from(ReportRow)
                              .where(ReportRow.document_id == first.document_id)) == 0
    assert service.process(second, mode="job").ok
    with service.sessions() as session:
        job = session.get(Job, job_id)
        assert job is not None and job.status == DONE and job.attempts == 2
        assert session.get(DocumentRow, first.document_id).status == DONE  # type: ignore[union-attr]
        assert session.scalar(select(func.count()).select_from(ReportRow)
                              .where(ReportRow.document_id == first.document_id)) == 1
    with service.writes() as session:
        assert not jobs.renew(session, job_id, first.token, 60)


def test_restart_picks_up_a_job_a_killed_server_left_running(make_service: Callable[..., Service]) -> None:
    old = make_service()
    tenant_id = _tenant(old)
    crashed, busy = _queue(old, tenant_id, 2)
    with old.writes() as session:  # the old server claimed both, then was killed mid-job
        dead = jobs.claim(session, crashed, 60, 3)
        alive = jobs.claim(session, busy, 600, 3)  # another server, still working on its lease
        session.commit()
    assert dead is not None and alive is not None
    _expire(old, crashed)
    new = make_service()  # start-up re-queues the expired job…
    runs: list[uuid.UUID] = []
    process = new.process

    def counted(claimed: jobs.Claimed, *args: object, **kwargs: object) -> object:
        runs.append(claimed.job_id)
        return process(claimed, *args, **kwargs)  # type: ignore[arg-type]

    new.process = counted  # type: ignore[method-assign]
    new.worker.start()  # …and the worker takes it
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with new.sessions() as session:
            if session.get(Job, crashed).status == DONE:  # type: ignore[union-attr]
                break
        time.sleep(0.1)
    time.sleep(0.5)  # time enough for a second (wrong) run to show
    with new.sessions() as session:
        job = session.get(Job, crashed)
        assert job is not None and job.status == DONE and job.attempts == 2
        doc = session.get(DocumentRow, dead.document_id)
        assert doc is not None and doc.status == DONE and doc.n_error + doc.n_warning > 0
        assert session.scalar(select(func.count()).select_from(ReportRow)
                              .where(ReportRow.document_id == dead.document_id)) == 1
        assert session.scalar(select(func.count()).select_from(Job)
                              .where(Job.document_id == dead.document_id)) == 1
        other = session.get(Job, busy)
        assert other is not None and other.status == "running" and other.lease_owner == alive.token
    assert runs.count(crashed) == 1 and busy not in runs


def test_a_job_that_keeps_failing_is_given_up(make_service: Callable[..., Service]) -> None:
    service = make_service()
    (job_id,) = _queue(service, _tenant(service))
    for _ in range(3):
        with service.writes() as session:
            claimed = jobs.claim(session, job_id, 60, 3)
            session.commit()
        assert claimed is not None
        _expire(service, job_id)
    with service.writes() as session:
        assert jobs.claim(session, job_id, 60, 3) is None
        assert jobs.fail_abandoned(session, 3) == 1
        session.commit()
    with service.sessions() as session:
        doc = session.get(DocumentRow, claimed.document_id)
        assert doc is not None and doc.status == FAILED and doc.error_code == "E_ABANDONED"
        assert session.get(Job, job_id).status == FAILED  # type: ignore[union-attr]


def test_processing_time_limit(make_service: Callable[..., Service]) -> None:
    service = make_service(job_timeout_s=0.001)
    (job_id,) = _queue(service, _tenant(service))
    with service.writes() as session:
        claimed = jobs.claim(session, job_id, 60, 3)
        session.commit()
    assert claimed is not None
    outcome = service.process(claimed)
    assert outcome.error_code == "E_TIMEOUT"
    with service.sessions() as session:
        doc = session.get(DocumentRow, claimed.document_id)
        assert doc is not None and doc.status == FAILED and doc.error_code == "E_TIMEOUT"
        assert "0.001" in (doc.error_en or "")
