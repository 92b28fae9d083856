"""One document checked: `check_report` (bytes to Report), and `check_task`, which runs in
the processes of service/pool.py and sends back plain data.

`check_task` catches every HechaError so that bad input comes back as an `Outcome` with
its code and messages, never as a crash.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import extractor
import rules
from extractor.readers import Limits
from models import HechaError, Report, Severity, message


@dataclass(frozen=True)
class Task:
    """A document to check: its bytes, its display name and the rules' profile (None: the
    defaults), validated where it came in."""

    data: bytes
    name: str
    rules: rules.RulesProfile | None = None
    max_bytes: int = 64 * 1024 * 1024
    #: a page counter on stderr during OCR (service/core/progress.py): "tty" rewrites one
    #: line, "lines" writes one line every few pages; None (the API, bulk runs) shows none
    progress: str | None = None


@dataclass(frozen=True)
class Outcome:
    """The report as JSON and the summary the database keeps, or the error."""

    report_json: str | None = None
    year: int | None = None
    unit: str | None = None
    kind: str | None = None
    counts: dict[str, int] = field(default_factory=dict)  # severity -> findings
    by_rule: dict[tuple[str, str], int] = field(default_factory=dict)  # (rule, severity) -> findings
    error_code: str | None = None
    error_zh: str | None = None
    error_en: str | None = None

    @property
    def ok(self) -> bool:
        return self.error_code is None

    @classmethod
    def failure(cls, code: str, **values: object) -> Outcome:
        msg = message(code, **values)
        return cls(error_code=code, error_zh=msg.zh, error_en=msg.en)

    @classmethod
    def refused(cls, exc: HechaError) -> Outcome:
        """The outcome of input hecha refuses: the error's code and messages."""
        return cls(error_code=exc.code, error_zh=exc.msg.zh, error_en=exc.msg.en)


#: Set in a process whose address space is capped (service/pool.py).
under_ceiling = False


def out_of_memory(exc: BaseException) -> bool:
    """`exc` says the process ran out of memory: a MemoryError, pydantic-core's serializer
    wrapping one ("Error serializing to JSON: MemoryError"), or, under a ceiling, the
    SystemError of native code that failed to allocate and said nothing ("error return
    without exception set": pydantic-core building a model, PyYAML)."""
    if isinstance(exc, MemoryError):
        return True
    if isinstance(exc, SystemError):
        return under_ceiling and "without exception set" in str(exc)
    from pydantic_core import PydanticSerializationError

    return isinstance(exc, PydanticSerializationError) and "MemoryError" in str(exc)


def check_report(data: bytes, name: str, config: rules.RulesProfile | None = None,
                 max_bytes: int = Task.max_bytes, limits: Limits | None = None) -> Report:
    """Read, extract and check one document's bytes (`config`: the default rules when
    None; `limits`: the readers' defaults). Raises HechaError for input hecha cannot read."""
    extraction = extractor.extract(data, name, max_bytes=max_bytes, limits=limits)
    return rules.check(extraction.document, extraction.claims, config or rules.load_profile())


def check_task(task: Task) -> Outcome:
    """Extract and check `task`; a HechaError becomes a failed Outcome, and so does
    running out of memory (E_CHECK_MEMORY: past the ceiling of service/pool.py's
    processes), wherever it happens, writing the report's JSON included."""
    try:
        limits = None
        if task.progress is not None:
            from .progress import ocr_progress

            limits = Limits(progress=ocr_progress(task.name, task.progress == "tty"))
        report = check_report(task.data, task.name, task.rules, task.max_bytes, limits)
        meta = report.document.meta
        by_rule = Counter((f.rule, f.severity.value) for f in report.findings)
        return Outcome(
            report_json=report.model_dump_json(),
            year=meta.fiscal_year,
            unit=meta.unit_name,
            kind=meta.kind.value if meta.kind else None,
            counts={s.value: report.count(s) for s in Severity},
            by_rule=dict(by_rule),
        )
    except HechaError as exc:
        return Outcome.refused(exc)
    except Exception as exc:
        if not out_of_memory(exc):
            raise
        report = None  # type: ignore[assignment]  # let go before answering
        return Outcome.failure("E_CHECK_MEMORY", name=task.name)
