"""One `hecha annotate` run: discover, skip what is done, process the rest, assemble.

1. The PATH arguments are expanded (discover.py) and every file is hashed: a document is
   its sha256, so a file seen under two paths is processed once (the second path's
   manifest record says `duplicate_of`), and a renamed file is still known.
2. manifest.jsonl from earlier runs says which documents are done: an `ok` record made
   with the same rule configuration, whose part still exists, is reused (unless
   `force`); everything else, failures included, is processed again.
3. The rest run on the local pool or the Dask cluster (executors.py). Each finished
   document's part is committed, then its record appended to the manifest journal.
4. Meanwhile the outputs are written from the parts in path order (assemble.py); when
   the last document is in, they are moved into place and the manifest is rewritten with
   one record per input file.

A run killed at any point leaves whole parts and a journal whose last line may be
partial; the next run drops that line, reuses the parts its journal vouches for, and
writes exactly the outputs an uninterrupted run would have written.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import signal
import sys
import threading
from collections.abc import Generator, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any, TextIO

import rules
from extractor.reading import MAX_BYTES
from models import ConfigError, DocumentError, RunError, message

from . import names, parts, reviews
from .assemble import Assembler
from .discover import discover
from .executors import WorkItem, run_dask, run_local
from .manifest import Manifest, Record, reusable
from .names import FAILED, OK, SKIPPED
from .progress import Progress
from .worker import DocumentResult


@dataclass
class Outcome:
    """What a run did; `exit_status` is 0 when every file was read (or skipped as not a
    report), 3 when some failed (their number is `failed`)."""

    files: int
    ok: int
    failed: int
    skipped: int
    reused: int
    findings: int
    out: Path

    @property
    def exit_status(self) -> int:
        return 3 if self.failed else 0


def config_fingerprint(config: rules.RulesProfile) -> str:
    """Identifies what produced a part: hecha's version, the part layout and every rule
    parameter. A part made under another fingerprint is never reused."""
    params = {rule_id: p.model_dump(mode="json") for rule_id, p in config.params.items()}
    blob = json.dumps({"hecha": version("hecha"), "part": parts.PART_VERSION, "rules": params},
                      sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _hash(path: str) -> tuple[str | None, int | None, DocumentError | OSError | None]:
    try:
        size = os.stat(path).st_size
        if size > MAX_BYTES:
            return None, size, DocumentError("E_TOO_LARGE", name=path, size=size, limit=MAX_BYTES)
        digest = hashlib.sha256()
        with open(path, "rb") as f:
            while chunk := f.read(1 << 20):
                digest.update(chunk)
        return digest.hexdigest(), size, None
    except OSError as exc:
        return None, None, exc


def _failed_record(path: str, problem: DocumentError | OSError, size: int | None,
                   fingerprint: str) -> Record:
    from service.core import unreadable

    if isinstance(problem, DocumentError):
        code, msg = problem.code, problem.msg
    else:
        code, msg = "E_UNREADABLE", unreadable(path, problem)
    return {"path": path, "sha256": None, "status": FAILED, "error_code": code,
            "error_zh": msg.zh, "error_en": msg.en, "size": size, "findings": 0,
            "config": fingerprint, "timings": {}}


def _record(result: DocumentResult, path: str, first: str, fingerprint: str) -> Record:
    """The manifest record of `path`, one of the files holding `result`'s bytes."""
    zh, en = result.error_zh, result.error_en
    if path != first and zh and en:  # messages name the file: name this one
        zh, en = zh.replace(first, path), en.replace(first, path)
    return {"path": path, "sha256": result.sha256, "status": result.status,
            "error_code": result.error_code, "error_zh": zh, "error_en": en,
            "duplicate_of": first if path != first else None, "size": result.size,
            "findings": result.findings, "config": fingerprint,
            "timings": result.timings if path == first else {}}


def _lock(out: Path) -> TextIO:
    try:
        out.mkdir(parents=True, exist_ok=True)
        handle = open(out / names.LOCK, "w")  # noqa: SIM115 (held for the whole run)
    except OSError as exc:
        raise RunError("E_OUT_DIR", path=str(out), detail=exc.strerror or str(exc)) from exc
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError as exc:
        handle.close()
        raise RunError("E_OUT_BUSY", path=str(out)) from exc
    return handle


def _clean(out: Path) -> None:
    """Remove what a killed run left half-written: temporary outputs and parts."""
    import shutil

    for tmp in [*out.glob(".*.tmp"), *out.glob(".*.old"), *(out / names.PARTS).glob("*/.*.tmp")]:
        if tmp.is_dir():
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            tmp.unlink(missing_ok=True)


@contextmanager
def _terminate_like_interrupt() -> Iterator[None]:
    """SIGTERM (a batch system stopping the job) unwinds like Ctrl-C, so the worker pool
    is shut down rather than orphaned. Only the main thread can install handlers."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _connect(scheduler: str) -> Any:
    """A client of the cluster at `scheduler` whose workers all run this hecha version.

    The client's link to the scheduler keeps its last messages under 1 MB for debugging
    Dask (`distributed.admin.low-level-log-length`, 1,000 by default): hecha's messages
    carry the documents' bytes: with that log the client ended the processing of 10,000
    documents at 350 MB of RSS, without it at 174 MB (tracemalloc found the log's
    `update-graph` messages). The link made here keeps none; a link remade after a lost
    scheduler logs again, within Dask's bound.
    """
    import dask
    from dask.distributed import Client

    from .worker import probe

    try:
        with dask.config.set({"distributed.admin.low-level-log-length": 0}):
            client = Client(scheduler, timeout="20s")
    except OSError as exc:
        raise RunError("E_SCHEDULER", address=scheduler, detail=str(exc)) from exc
    try:
        versions = client.run(probe)  # every worker must import hecha, the same version
    except Exception as exc:
        client.close()
        raise RunError("E_SCHEDULER", address=scheduler,
                            detail=f"workers cannot run hecha: {type(exc).__name__}: {exc}") from exc
    other = {w: v for w, v in versions.items() if v != version("hecha")}
    if other or not versions:
        client.close()
        detail = (f"workers run other hecha versions than {version('hecha')}: {other}" if other
                  else "no workers")
        raise RunError("E_SCHEDULER", address=scheduler, detail=detail)
    return client


def _run(files: list[str], out: Path, manifest: Manifest, assembler: Assembler,
         jobs: int | None, scheduler: str | None, client: Any, config: rules.RulesProfile,
         fingerprint: str, force: bool, err: TextIO, tty: bool | None,
         limits: tuple[float, int | None]) -> tuple[list[Record], int, int]:
    """Steps 1-4 of the module docstring; returns the records, how many documents were
    reused and the number of findings."""
    journal = manifest.load()
    done = {} if force else reusable(journal, fingerprint)
    manifest.begin(journal)
    records: dict[str, Record] = {}
    groups: dict[str, list[str]] = {}
    for path in files:  # sorted: the first path of a group is its representative
        sha256, size, problem = _hash(path)
        if problem is not None:
            records[path] = _failed_record(path, problem, size, fingerprint)
            manifest.append(records[path])
        elif sha256 is not None:
            groups.setdefault(sha256, []).append(path)
    todo: list[WorkItem] = []
    parts_dir = out / names.PARTS
    for sha256, group in groups.items():
        old = done.get(sha256)
        if old is not None and parts.part_path(parts_dir, sha256).exists():
            for path in group:
                records[path] = {**old, "path": path,
                                 "duplicate_of": group[0] if path != group[0] else None}
        else:
            todo.append((group[0], sha256))
    members = {group[0]: group for group in groups.values()}
    reused = len(groups) - len(todo)
    start = message("ANNOTATE_START", files=len(files), todo=len(todo), reused=reused)
    print(f"hecha: {start.zh} / {start.en}", file=err, flush=True)
    try:
        findings = _process(todo, records, members, assembler, out, manifest, jobs, scheduler,
                            client, config, fingerprint, err, tty, limits)
    except BaseException:
        assembler.abort()
        raise
    final = list(records.values())
    manifest.finish(final)
    return final, reused, findings


def _process(todo: list[WorkItem], records: dict[str, Record], members: dict[str, list[str]],
             assembler: Assembler, out: Path, manifest: Manifest, jobs: int | None,
             scheduler: str | None, client: Any, config: rules.RulesProfile, fingerprint: str,
             err: TextIO, tty: bool | None, limits: tuple[float, int | None]) -> int:
    """Run `todo`, journal each result, hand every record to `assembler` as it becomes
    final; returns the number of findings."""
    parts_dir = out / names.PARTS
    for record in list(records.values()):  # reused results and files that could not be read
        assembler.offer(record)
    own_client = _connect(scheduler) if scheduler is not None and client is None else None
    client = client or own_client
    timeout, memory_mb = limits
    if client is not None:
        results: Generator[DocumentResult, None, None] = run_dask(
            todo, client=client, config=config, timeout=timeout, memory_mb=memory_mb)
    else:
        results = run_local(todo, jobs=jobs or default_jobs(), config=config,
                            parts_dir=parts_dir, timeout=timeout, memory_mb=memory_mb)
    progress = Progress(len(todo), err, tty=tty)
    progress.failed = sum(r["status"] == FAILED for r in records.values())  # not even hashed
    try:
        for result in results:
            # Every path holding these bytes gets a record; the worker's sha256 wins if
            # the file changed after it was hashed here.
            group = members[result.path]
            if result.part is not None and result.sha256:
                parts.commit(parts_dir, result.sha256, result.part)
            for path in group:
                records[path] = _record(result, path, group[0], fingerprint)
                manifest.append(records[path])
            progress.update(result.status == FAILED)
            for path in group:
                assembler.offer(records[path])
    finally:
        progress.close()
        results.close()  # now, not at garbage collection: an interrupt stops the workers
        if own_client is not None:
            own_client.close()
    note = message("ANNOTATE_ASSEMBLE")
    print(f"hecha: {note.zh} / {note.en}", file=err, flush=True)
    return assembler.finish()


def annotate(paths: Sequence[str], out: str | Path, *, formats: Sequence[str] = names.DEFAULT_FORMATS,
             jobs: int | None = None, scheduler: str | None = None, client: Any = None,
             rules_path: str | None = None, force: bool = False, err: TextIO = sys.stderr,
             tty: bool | None = None, timeout: float | None = None,
             memory_mb: int | None = None, reviews_path: str | None = None,
             rule_overrides: dict[str, Any] | None = None, lang: str = "zh") -> Outcome:
    """Run `hecha annotate` (see the module docstring).

    Args:
        paths: files, folders and glob patterns.
        out: the output folder (created if needed).
        formats: which of names.FORMATS to write (manifest and summary always are).
        jobs: local worker processes (default: the usable cores).
        scheduler: a Dask scheduler address (tcp://host:8786): run there instead.
        client: an already connected dask.distributed Client (tests, benchmarks).
        rules_path: rule parameters overriding the rules' defaults.
        rule_overrides: laid over those (`--select` / `--ignore`: rules.config.selection).
        force: process every document again, even those done by an earlier run.
        err: where progress and problems are reported.
        tty: force (True) or refuse (False) the progress bar; None asks `err`.
        timeout: seconds each document may take, locally or on the cluster (default the
            API's HECHA_JOB_TIMEOUT_S); past it the document fails with E_TIMEOUT.
        memory_mb: memory a checking process may take beyond its warm size (default the
            API's HECHA_JOB_MEMORY_MB); past it the document fails with E_CHECK_MEMORY.
        reviews_path: reviewers' verdicts (GET /v1/reviews) for the finding rows and exports.
        lang: the language of the xlsx and docx exports (zh, en).

    RETURNS (Outcome): the counts; `exit_status` for the command line.

    Raises:
        ConfigError: bad rules, output formats or reviews file.
        RunError: nothing to do, or the output folder or the scheduler cannot be used.
    """
    unknown = [f for f in formats if f not in names.FORMATS]
    if unknown:
        raise ConfigError("E_FORMATS", names=",".join(unknown), known=",".join(names.FORMATS))
    config = rules.load_profile(rules_path, rule_overrides)
    verdicts = reviews.load(reviews_path) if reviews_path is not None else {}
    fingerprint = config_fingerprint(config)
    if timeout is None or memory_mb is None:
        from service.config import settings_or_error

        settings = settings_or_error()
        timeout = settings.job_timeout_s if timeout is None else timeout
        memory_mb = settings.job_memory_mb if memory_mb is None else memory_mb
    found = discover(paths)
    for pattern in found.unmatched:
        msg = message("E_NO_MATCH", pattern=pattern)
        print(f"hecha: {msg.zh} / {msg.en}", file=err)
    if not found.files:
        raise RunError("E_NO_INPUT", paths=" ".join(paths))
    out = Path(out)
    lock = _lock(out)
    _clean(out)
    manifest = Manifest(out / names.MANIFEST)
    try:
        with _terminate_like_interrupt():
            assembler = Assembler(out, found.files, formats, config, verdicts, lang)
            final, reused, findings = _run(found.files, out, manifest, assembler, jobs, scheduler,
                                           client, config, fingerprint, force, err, tty,
                                           (timeout, memory_mb))
    finally:
        manifest.close()
        lock.close()
    count = {status: sum(r["status"] == status for r in final) for status in (OK, FAILED, SKIPPED)}
    outcome = Outcome(len(final), count[OK], count[FAILED], count[SKIPPED], reused, findings, out)
    summary = message("ANNOTATE_SUMMARY", files=outcome.files, ok=outcome.ok, failed=outcome.failed,
                      skipped=outcome.skipped, findings=findings, out=out)
    print(f"hecha: {summary.zh} / {summary.en}", file=err, flush=True)
    return outcome
