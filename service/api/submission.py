"""Reading a submission (multipart file or JSON text, with an optional rules profile).

Shared by POST /v1/documents and POST /v1/check. Cheap checks run before anything is stored
or queued: size (413), media type and binary content (415), encoding (415), an empty file
or a bad rules profile (422).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import yaml
from fastapi import HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from starlette.datastructures import UploadFile

import rules
from extractor.reading import decode
from models import DocumentError

from ..config import Settings
from .errors import api_error
from .schemas import TextSubmission, clean_name

#: Media types a file part may declare (a report is text; browsers often send no type or
#: application/octet-stream for .txt they do not know).
TEXT_TYPES = ("text/", "application/octet-stream")

#: The request body of the submission endpoints, for the OpenAPI document.
OPENAPI_BODY: dict[str, Any] = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": TextSubmission.model_json_schema()},
    "multipart/form-data": {"schema": {
        "type": "object",
        "required": ["file"],
        "properties": {
            "file": {"type": "string", "format": "binary", "description": "the report (text)"},
            "rules": {"type": "string", "description": "rule overrides as YAML (like rules/defaults.yaml)"},
        },
    }},
}}}


@dataclass(frozen=True)
class Submission:
    data: bytes
    name: str
    rules: dict[str, Any] | None  # validated rule overrides, None for the defaults
    profile_json: str | None  # the same, as stored with the document


def parse_profile(profile: dict[str, Any] | str | None) -> tuple[dict[str, Any] | None, str | None]:
    """Rule overrides from YAML text or a mapping, validated against the rules.

    Raises:
        DocumentError: E_RULES_CONFIG.
    """
    if isinstance(profile, str):
        try:
            profile = yaml.safe_load(profile)
        except yaml.YAMLError as exc:
            raise DocumentError("E_RULES_CONFIG", detail=str(exc)[:500]) from exc
    if profile is None or profile == {}:
        return None, None
    if not isinstance(profile, dict):
        raise DocumentError("E_RULES_CONFIG", detail="top level must map rule ids to settings")
    rules.load_config(overrides=profile)
    return profile, json.dumps(profile, sort_keys=True, ensure_ascii=False, default=str)


async def _multipart(request: Request) -> tuple[bytes, str, str | None]:
    try:
        form = await request.form(max_files=1, max_fields=4)
    except HTTPException as exc:  # malformed multipart, too many parts
        raise api_error(400, "API_INVALID", detail=str(exc.detail)[:300]) from None
    part, profile = form.get("file"), form.get("rules")
    if isinstance(profile, UploadFile):
        profile = (await profile.read(65537)).decode("utf-8", "replace")
    if isinstance(part, str):
        return part.encode("utf-8", "replace"), "document.txt", profile
    if part is None:
        raise RequestValidationError([{"type": "missing", "loc": ("body", "file"), "msg": "Field required"}])
    media = (part.content_type or "").split(";")[0].strip().lower()
    if media and not media.startswith(TEXT_TYPES):
        raise DocumentError("E_UNSUPPORTED_TYPE", media_type=media)
    return await part.read(), clean_name(part.filename or "document.txt"), profile


async def read_submission(request: Request, settings: Settings) -> Submission:
    """The submission in `request`, checked; raises DocumentError / HTTPException (4xx)."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    profile: dict[str, Any] | str | None
    if media == "application/json":
        try:
            body = TextSubmission.model_validate_json(await request.body())
        except ValidationError as exc:
            raise RequestValidationError(exc.errors(include_url=False, include_input=False)) from exc
        data, name, profile = body.text.encode("utf-8"), body.name, body.rules
    elif media == "multipart/form-data":
        data, name, profile = await _multipart(request)
    else:
        raise DocumentError("E_UNSUPPORTED_TYPE", media_type=media or "none")
    if len(data) > settings.max_upload_bytes:
        raise DocumentError("E_TOO_LARGE", name=name, size=len(data), limit=settings.max_upload_bytes)
    if profile is not None and len(profile) > 65536:
        raise api_error(422, "API_INVALID", detail="rules: longer than 65536")
    overrides, profile_json = await run_in_threadpool(parse_profile, profile)
    await run_in_threadpool(decode, data, name, max_bytes=settings.max_upload_bytes)  # 413/415/422 now
    return Submission(data, name, overrides, profile_json)
