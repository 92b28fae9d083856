"""/v1/check: check a report and answer the Report; nothing is stored (scripts, CI)."""

from __future__ import annotations

import time

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool

from models import Report

from ..config import Settings
from ..core import Outcome, Task
from ..runtime import Service
from .deps import ServiceDep, SettingsDep, TenantDep
from .errors import errors, outcome_error
from .submission import OPENAPI_BODY, read_submission

router = APIRouter(prefix="/v1/check", tags=["check"], responses=errors(401, 422, 429))


def _run(service: Service, settings: Settings, task: Task) -> Outcome:
    started = time.monotonic()
    outcome = service.pool.check(task, settings.job_timeout_s)
    service.metrics.checked(outcome, "stateless", time.monotonic() - started)
    return outcome


@router.post("", response_model=Report, openapi_extra=OPENAPI_BODY,
             summary="Check a report without storing anything",
             responses=errors(400, 413, 415, 503))
async def check(request: Request, tenant: TenantDep, service: ServiceDep, settings: SettingsDep) -> Response:
    sub = await read_submission(request, settings)
    task = Task(data=sub.data, name=sub.name, rules=sub.rules, max_bytes=settings.max_upload_bytes)
    outcome = await run_in_threadpool(_run, service, settings, task)
    if not outcome.ok or outcome.report_json is None:
        raise outcome_error(outcome.error_code or "API_INTERNAL", outcome.error_zh, outcome.error_en)
    return Response(outcome.report_json, media_type="application/json")
