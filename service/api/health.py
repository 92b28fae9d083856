"""Liveness, readiness and metrics: no API key needed (keep them on a private network)."""

from __future__ import annotations

from fastapi import APIRouter, Response
from fastapi.concurrency import run_in_threadpool
from prometheus_client import CONTENT_TYPE_LATEST

from ..storage import ping
from .deps import ServiceDep
from .errors import api_error, errors
from .schemas import Health

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health, summary="The process answers")
def healthz() -> Health:
    return Health(status="ok")


@router.get("/readyz", response_model=Health, responses=errors(503),
            summary="The database answers and the checking processes are up")
async def readyz(service: ServiceDep) -> Health:
    try:
        await run_in_threadpool(ping, service.engine)
    except Exception:
        raise api_error("API_UNAVAILABLE", detail="database") from None
    if service.pool.closed:
        raise api_error("API_UNAVAILABLE", detail="shutting down")
    return Health(status="ready")


@router.get("/metrics", response_class=Response, summary="Prometheus text exposition",
            responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}}}})
def metrics(service: ServiceDep) -> Response:
    return Response(service.metrics.exposition(), media_type=CONTENT_TYPE_LATEST)
