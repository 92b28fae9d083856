"""Property-based run of the OpenAPI schema (schemathesis): for requests generated from the
schema, with a valid API key, the server never answers 5xx and every answer (status, media
type, body) is one the schema declares. Up to 20 examples per operation."""

from __future__ import annotations

import uuid

import pytest
import schemathesis
from apihelp import new_key
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from service.api.main import api_router
from service.testing import LiveServer

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]

def _operations() -> list[tuple[str, str]]:
    app = FastAPI()
    app.include_router(api_router)
    return sorted((method.upper(), path) for path, item in app.openapi()["paths"].items() for method in item)


OPERATIONS = _operations()


@pytest.fixture(scope="session")
def api_schema(server: LiveServer) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_url(f"{server.url}/openapi.json")


@pytest.fixture(scope="session")
def schema_key(server: LiveServer) -> str:
    return new_key(server, f"schemathesis-{uuid.uuid4().hex[:6]}")


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_api_conforms_to_its_schema(api_schema: schemathesis.BaseSchema, server: LiveServer, schema_key: str,
                                    method: str, path: str) -> None:
    # (schemathesis.pytest.from_fixture would do this, but does not support pytest 9.2 yet)
    operation = api_schema[path][method]
    headers = {"Authorization": f"Bearer {schema_key}"}

    @given(case=operation.as_strategy())
    @settings(max_examples=20, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def run(case: schemathesis.Case) -> None:
        case.call_and_validate(base_url=server.url, headers=headers, checks=CHECKS, timeout=60)

    run()
