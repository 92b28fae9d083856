"""Reading a submission (multipart file or JSON text, with an optional rules profile).

Shared by POST /v1/documents and POST /v1/check. Cheap checks run before anything is stored
or queued: size (413), the format the bytes show (415 for one hecha cannot read; text is
decoded now: binary or undecodable text is 415), an empty file or a bad rules profile
(422). PDF, Word, Excel, HTML and images are read by the checking process, under its time
and memory limits. The format comes from the bytes, never from the file name or the
declared media type.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from starlette.datastructures import UploadFile

import rules
from extractor.readers import UNSUPPORTED, detect
from extractor.reading import decode
from models import DocumentError
from rules.config import not_a_mapping

from ..config import Settings
from .errors import api_error
from .schemas import TextSubmission, clean_name

#: The request body of the submission endpoints, for the OpenAPI document.
OPENAPI_BODY: dict[str, Any] = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": TextSubmission.model_json_schema()},
    "multipart/form-data": {"schema": {
        "type": "object",
        "required": ["file"],
        "properties": {
            "file": {"type": "string", "format": "binary",
                     "description": "the report: text, PDF, DOCX, XLSX/XLS, HTML or an image"},
            "rules": {"type": "string",
                      "description": "rule overrides as YAML (as `hecha rules --defaults`)"},
        },
    }},
}}}


@dataclass(frozen=True)
class Submission:
    data: bytes
    name: str
    rules: rules.RulesProfile  # validated

    @property
    def profile_json(self) -> str | None:
        """The profile as stored with the document (None for the defaults)."""
        return self.rules.to_json()


def parse_profile(profile: dict[str, Any] | str | None) -> rules.RulesProfile:
    """The rules' profile of a request, from YAML text or a mapping (the defaults for none).

    Raises:
        ConfigError: E_RULES_CONFIG.
    """
    if isinstance(profile, str):
        profile = rules.read_profile(profile)
    if profile is None or profile == {}:
        return rules.load_profile()
    if not isinstance(profile, dict):
        raise not_a_mapping()
    return rules.load_profile(overrides=profile)


async def _multipart(request: Request) -> tuple[bytes, str, str | None]:
    try:
        form = await request.form(max_files=1, max_fields=4)
    except HTTPException as exc:  # malformed multipart, too many parts
        raise api_error("API_INVALID", http=400, detail=str(exc.detail)[:300]) from None
    part, profile = form.get("file"), form.get("rules")
    if isinstance(profile, UploadFile):
        profile = (await profile.read(65537)).decode("utf-8", "replace")
    if isinstance(part, str):
        return part.encode("utf-8", "replace"), "document.txt", profile
    if part is None:
        raise RequestValidationError([{"type": "missing", "loc": ("body", "file"), "msg": "Field required"}])
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
        raise api_error("API_INVALID", detail="rules: longer than 65536")
    parsed = await run_in_threadpool(parse_profile, profile)
    await run_in_threadpool(precheck, data, name, settings.max_upload_bytes)
    return Submission(data, name, parsed)


def precheck(data: bytes, name: str, max_bytes: int) -> None:
    """Refuse now what the checking process could not read: raises DocumentError."""
    kind = detect(data) if data else "text"
    if kind == "text":
        decode(data, name, max_bytes=max_bytes)  # empty, binary, undecodable
    elif kind == "encrypted":
        raise DocumentError("E_ENCRYPTED", name=name, kind="Office")
    elif kind in UNSUPPORTED:
        raise DocumentError("E_FORMAT", name=name, kind=UNSUPPORTED[kind])
