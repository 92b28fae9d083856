"""`hecha extract` and `hecha check`: reports read, printed, checked, annotated, exported.

Exit status: 0 all files read (and no finding at or above --fail-on); 1 `check` found
findings at or above --fail-on; 2 some input could not be read. A file that cannot be read
costs one line on stderr (`hecha: 中文 / English`) and the others are still processed;
bad input never produces a traceback.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from typing import Any, TextIO

import extractor
import rules
from models import Claim, DocumentError, HechaError, Message, Report, Severity, message

from ..core import read_bytes, unreadable
from ..output import html, text
from .common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_UNREADABLE,
    isatty,
    say,
    selection,
    with_files,
    with_limits,
    with_rules,
)

_EXPORTS = ("xlsx", "docx")  # --format values that write a file of all inputs' findings
_FAIL_ON = {"error": Severity.ERROR.rank, "warning": Severity.WARNING.rank, "never": None}

#: What `hecha check DIR` and `hecha extract DIR` take from a folder (a file named on the
#: command line is read whatever its name: the reader tells formats apart by their bytes).
REPORT_SUFFIXES = (".txt", ".pdf", ".docx", ".xlsx", ".xls", ".html", ".htm",
                   ".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff", ".bmp", ".webp")


def report_files(folder: str) -> list[str]:
    """The reports under `folder`, recursively, sorted: files with a REPORT_SUFFIXES
    extension (any case), hidden files and folders (.git, .DS_Store) left out."""
    found: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(os.path.join(root, name) for name in files
                     if not name.startswith(".") and name.lower().endswith(REPORT_SUFFIXES))
    return sorted(found)


def expand(paths: Sequence[str], err: TextIO) -> tuple[list[str], bool]:
    """FILE arguments with each folder replaced by its reports; and whether every folder
    held one (a folder without any costs one line on `err`)."""
    files: list[str] = []
    complete = True
    for path in paths:
        if not os.path.isdir(path):
            files.append(path)
            continue
        found = report_files(path)
        if not found:
            detail = message("D_NO_REPORTS", suffixes=", ".join(REPORT_SUFFIXES[:7]) + "…")
            problem = Message(message("E_UNREADABLE", name=path, detail=detail.zh).zh,
                              message("E_UNREADABLE", name=path, detail=detail.en).en)
            say(err, problem)
            complete = False
        files.extend(found)
    return files, complete


def load(path: str, max_bytes: int, err: TextIO) -> extractor.Extraction | None:
    """Extract `path`, or say on one line of `err` why it cannot be read and return None.
    A document read by OCR shows a page counter on stderr (service/core/progress.py)."""
    from extractor.readers import Limits

    from ..core.progress import ocr_progress

    tty = isatty(err)
    limits = Limits(progress=ocr_progress(path, tty))
    try:
        return extractor.extract(read_bytes(path, max_bytes), name=path, max_bytes=max_bytes, limits=limits)
    except DocumentError as exc:
        problem = exc.msg
        if tty:
            err.write("\r\x1b[K")
    except OSError as exc:
        problem = unreadable(path, exc)
    say(err, problem)
    return None


def no_figures(path: str, claims: Sequence[Claim], err: TextIO) -> None:
    """Say on `err` that `path` holds no figure at all: likely not a budget report."""
    if not claims:
        note = message("NO_FIGURES", name=path)
        say(err, note)


def cmd_extract(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    files, complete = expand(args.files, err)
    status = EXIT_OK if complete else EXIT_UNREADABLE
    for path in files:
        result = load(path, args.max_bytes, err)
        if result is None:
            status = EXIT_UNREADABLE
            continue
        no_figures(path, result.claims, err)
        if args.format == "json":
            report = Report(document=result.document, claims=result.claims, findings=[])
            print(report.model_dump_json(), file=out)
        else:
            rows = text.claim_rows(path, result.document, result.claims)
            for line in text.table_lines(rows):
                print(line, file=out)
    return status


def _limits(args: argparse.Namespace) -> tuple[float, int]:
    """--timeout and --memory-mb, by default the API's HECHA_JOB_TIMEOUT_S and
    HECHA_JOB_MEMORY_MB.

    Raises:
        DocumentError: E_SETTINGS when a HECHA_* variable is invalid.
    """
    if args.timeout is not None and args.memory_mb is not None:
        return args.timeout, args.memory_mb
    from ..config import settings_or_error

    settings = settings_or_error()
    return (settings.job_timeout_s if args.timeout is None else args.timeout,
            settings.job_memory_mb if args.memory_mb is None else args.memory_mb)


def check_file(pool: Any, path: str, args: argparse.Namespace, profile: rules.RulesProfile,
               timeout: float, err: TextIO) -> Report | None:
    """Check `path` in a checking process of `pool` (service/pool.py: the API's deadline
    and memory ceiling), or say on one line of `err` why not and return None."""
    from ..core import Task

    try:
        data = read_bytes(path, args.max_bytes)
    except DocumentError as exc:
        problem = exc.msg
    except OSError as exc:
        problem = unreadable(path, exc)
    else:
        progress = "tty" if isatty(err) else "lines"
        outcome = pool.check(Task(data, path, rules=profile, max_bytes=args.max_bytes, progress=progress),
                             timeout)
        if progress == "tty":
            err.write("\r\x1b[K")  # an OCR counter cut short (a deadline) leaves no half line
        if outcome.ok and outcome.report_json is not None:
            return Report.model_validate_json(outcome.report_json)
        code = outcome.error_code or "E_INTERNAL"
        problem = Message(outcome.error_zh or code, outcome.error_en or code)
    say(err, problem)
    return None


def cmd_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Each file is read here and checked in a checking process, one at a time, under the
    deadline and memory ceiling of the API (--timeout, --memory-mb)."""
    from ..pool import CheckPool

    try:
        profile = rules.load_profile(args.rules, selection(args))
        timeout, memory_mb = _limits(args)
    except HechaError as exc:
        say(err, exc.msg)
        return EXIT_UNREADABLE
    threshold = _FAIL_ON[args.fail_on]
    reports: list[tuple[str, Report]] = []
    files, complete = expand(args.files, err)
    unread = not complete
    # several inputs (or a folder of them) write their annotated copies into a folder
    several = len(files) > 1 or any(os.path.isdir(p) for p in args.files)
    if args.annotate and not _into_folder(args.annotate, several) and not _copy_suffix(args.annotate):
        problem = message("CLI_ANNOTATE_TARGET", target=args.annotate)  # said before any work
        say(err, problem)
        return EXIT_UNREADABLE
    if args.format in _EXPORTS and not args.output:
        problem = message("CLI_OUTPUT_NEEDED", format=args.format)
        say(err, problem)
        return EXIT_UNREADABLE
    pool = CheckPool(1, memory_mb=memory_mb, fork=True)  # this process has no other threads
    try:
        for path in files:
            report = check_file(pool, path, args, profile, timeout, err)
            if report is None:
                unread = True
                continue
            reports.append((path, report))
            no_figures(path, report.claims, err)
            _print_report(path, report, args, out, err)
            if args.annotate and not _annotate(path, report, args, several, err):
                unread = True
    finally:
        pool.close(kill=True)
    if args.format == "html":
        print(html.page(reports), file=out)
    elif args.format in _EXPORTS:
        if not _export(reports, args, err):
            return EXIT_UNREADABLE

    elif args.format == "text":
        counts = {s: sum(r.count(s) for _, r in reports) for s in Severity}
        summary = message("CLI_SUMMARY", files=len(reports), errors=counts[Severity.ERROR],
                          warnings=counts[Severity.WARNING], infos=counts[Severity.INFO])
        print(f"{summary.zh} / {summary.en}", file=out)
    if unread:
        return EXIT_UNREADABLE
    failing = threshold is not None and any(
        f.severity.rank >= threshold for _, r in reports for f in r.findings)
    return EXIT_FINDINGS if failing else EXIT_OK


def _export(reports: list[tuple[str, Report]], args: argparse.Namespace, err: TextIO) -> bool:
    """Write the XLSX or DOCX of every report's findings to --output; False (said on
    `err`) when it cannot be written."""
    from ..output.memo import findings_docx, findings_xlsx

    write = findings_xlsx if args.format == "xlsx" else findings_docx
    data = write([(os.path.basename(path), report, None) for path, report in reports], lang=args.lang)
    try:
        with open(args.output, "wb") as f:
            f.write(data)
    except OSError as exc:
        problem = unreadable(args.output, exc)
        say(err, problem)
        return False
    done = message("CLI_EXPORTED", path=args.output)
    say(err, done)
    return True


def _print_report(path: str, report: Report, args: argparse.Namespace, out: TextIO, err: TextIO) -> None:
    if args.format == "json":
        print(report.model_dump_json(), file=out)
    elif args.format == "text":
        for line in text.report_lines(path, report):
            print(line, file=out)


def _into_folder(target: str, several: bool) -> bool:
    """--annotate names a folder (created if need be) when there are several inputs, or it
    is a folder or has no extension; else it names the copy's file."""
    return several or os.path.isdir(target) or not os.path.splitext(target)[1]


def _copy_suffix(target: str) -> str:
    """The annotated-copy suffix a file target names (.htm is .html), "" for none."""
    suffix = os.path.splitext(target)[1].lower()
    suffix = ".html" if suffix == ".htm" else suffix
    return suffix if suffix in (".docx", ".pdf", ".html") else ""


def _annotate(path: str, report: Report, args: argparse.Namespace, several: bool, err: TextIO) -> bool:
    """Write the annotated copy of `path` to --annotate (a folder when several files) and
    say where on `err`; a file target whose extension is not the copy's is refused."""
    from ..output.annotated import annotated_copy, annotated_name

    target = args.annotate
    folder = _into_folder(target, several)
    try:
        copy = annotated_copy(read_bytes(path, args.max_bytes), report, os.path.basename(path))
        if not folder and _copy_suffix(target) != copy.suffix:
            # a PDF without a text layer to place notes on, or a .docx target for a text report
            problem = message("CLI_ANNOTATE_SUFFIX", suffix=copy.suffix, target=target,
                              suggestion=os.path.splitext(target)[0] + copy.suffix)
            say(err, problem)
            return False
        if folder:
            os.makedirs(target, exist_ok=True)
            target = os.path.join(target, annotated_name(os.path.basename(path), copy.suffix))
        with open(target, "wb") as f:
            f.write(copy.data)
    except OSError as exc:
        problem = unreadable(args.annotate, exc)
        say(err, problem)
        return False
    note = message("CLI_ANNOTATED", path=target)
    say(err, note)
    return True


def add_commands(sub: Any) -> None:
    """The `extract` and `check` parsers."""
    p = sub.add_parser("extract", help="print the document and claims of each file")
    with_files(p)
    p.add_argument("--format", choices=["json", "table"], default="json")
    p.set_defaults(run=cmd_extract)

    p = sub.add_parser("check", help="extract and cross-check each file")
    with_files(p)
    p.add_argument("--format", choices=["text", "json", "html", *_EXPORTS], default="text",
                   help="xlsx: a row per finding; docx: a Word 核查意见 (both need --output)")
    p.add_argument("--output", "-o", metavar="PATH", help="where --format xlsx or docx writes")
    p.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of xlsx and docx")
    p.add_argument("--fail-on", choices=list(_FAIL_ON), default="error",
                   help="exit 1 when a finding is at least this severe (default error)")
    p.add_argument("--annotate", metavar="OUT",
                   help="write the annotated copy (.docx/.pdf/.html by input; a folder for several files)")
    with_rules(p)
    with_limits(p)
    p.set_defaults(run=cmd_check)
