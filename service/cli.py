"""The `hecha` command: extract, check, schema, rules.

Exit status: 0 all files read (and no finding at or above --fail-on); 1 `check` found
findings at or above --fail-on; 2 some input could not be read. A file that cannot be read
costs one line on stderr (`hecha: 中文 / English`) and the others are still processed;
bad input never produces a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO

import pydantic

import extractor
import rules
from extractor.reading import MAX_BYTES
from models import Claim, Document, DocumentError, Finding, HechaError, Message, Report, Severity, message

from . import __version__, html, render
from .core import read_bytes, unreadable

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2
#: `hecha annotate --formats` values (service/annotate/names.py; kept here so that the
#: parser does not import pyarrow and dask for the other commands).
ANNOTATE_FORMATS = ("jsonl", "parquet", "labelstudio", "doccano", "brat", "csv")

#: Models `hecha schema` can print.
SCHEMAS: dict[str, Callable[[], dict[str, Any]]] = {
    "Report": Report.model_json_schema,
    "Document": Document.model_json_schema,
    "Claim": Claim.model_json_schema,
    "Finding": pydantic.TypeAdapter(Finding).json_schema,
}

_EXPORTS = ("xlsx", "docx")  # --format values that write a file of all inputs' findings
_FAIL_ON = {"error": Severity.ERROR.rank, "warning": Severity.WARNING.rank, "never": None}

#: What `hecha check DIR` and `hecha extract DIR` take from a folder (a file named on the
#: command line is read whatever its name: the reader tells formats apart by their bytes).
REPORT_SUFFIXES = (".txt", ".pdf", ".docx", ".xlsx", ".xls", ".html", ".htm",
                   ".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff", ".bmp", ".webp")


def report_files(folder: str) -> list[str]:
    """The reports under `folder`, recursively, sorted: files with a REPORT_SUFFIXES
    extension (any case), hidden files and folders (.git, .DS_Store) left out."""
    found = []
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
            print(f"hecha: {problem.zh} / {problem.en}", file=err)
            complete = False
        files.extend(found)
    return files, complete


def _isatty(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def load(path: str, max_bytes: int, err: TextIO) -> extractor.Extraction | None:
    """Extract `path`, or say on one line of `err` why it cannot be read and return None.
    A document read by OCR shows a page counter on stderr (service/core/progress.py)."""
    from extractor.readers import Limits

    from .core.progress import ocr_progress

    tty = _isatty(err)
    limits = Limits(progress=ocr_progress(path, tty))
    try:
        return extractor.extract(read_bytes(path, max_bytes), name=path, max_bytes=max_bytes, limits=limits)
    except DocumentError as exc:
        problem = exc.msg
        if tty:
            err.write("\r\x1b[K")
    except OSError as exc:
        problem = unreadable(path, exc)
    print(f"hecha: {problem.zh} / {problem.en}", file=err)
    return None


def no_figures(path: str, claims: Sequence[Claim], err: TextIO) -> None:
    """Say on `err` that `path` holds no figure at all: likely not a budget report."""
    if not claims:
        note = message("NO_FIGURES", name=path)
        print(f"hecha: {note.zh} / {note.en}", file=err)


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
            rows = render.claim_rows(path, result.document, result.claims)
            for line in render.table_lines(rows):
                print(line, file=out)
    return status


def _selection(args: argparse.Namespace) -> dict[str, Any] | None:
    """The overrides --select and --ignore make, laid over any --rules file.

    Raises:
        ConfigError: E_RULES_SELECT for an id or prefix that names no rule.
    """
    from rules.config import selection

    if args.select is None and args.ignore is None:
        return None
    return selection(args.select, args.ignore)


def _limits(args: argparse.Namespace) -> tuple[float, int]:
    """--timeout and --memory-mb, by default the API's HECHA_JOB_TIMEOUT_S and
    HECHA_JOB_MEMORY_MB.

    Raises:
        DocumentError: E_SETTINGS when a HECHA_* variable is invalid.
    """
    if args.timeout is not None and args.memory_mb is not None:
        return args.timeout, args.memory_mb
    from .config import settings_or_error

    settings = settings_or_error()
    return (settings.job_timeout_s if args.timeout is None else args.timeout,
            settings.job_memory_mb if args.memory_mb is None else args.memory_mb)


def check_file(pool: Any, path: str, args: argparse.Namespace, profile: rules.RulesProfile,
               timeout: float, err: TextIO) -> Report | None:
    """Check `path` in a checking process of `pool` (service/pool.py: the API's deadline
    and memory ceiling), or say on one line of `err` why not and return None."""
    from .core import Task

    try:
        data = read_bytes(path, args.max_bytes)
    except DocumentError as exc:
        problem = exc.msg
    except OSError as exc:
        problem = unreadable(path, exc)
    else:
        progress = "tty" if _isatty(err) else "lines"
        outcome = pool.check(Task(data, path, rules=profile, max_bytes=args.max_bytes, progress=progress),
                             timeout)
        if progress == "tty":
            err.write("\r\x1b[K")  # an OCR counter cut short (a deadline) leaves no half line
        if outcome.ok and outcome.report_json is not None:
            return Report.model_validate_json(outcome.report_json)
        code = outcome.error_code or "E_INTERNAL"
        problem = Message(outcome.error_zh or code, outcome.error_en or code)
    print(f"hecha: {problem.zh} / {problem.en}", file=err)
    return None


def cmd_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Each file is read here and checked in a checking process, one at a time, under the
    deadline and memory ceiling of the API (--timeout, --memory-mb)."""
    from .pool import CheckPool

    try:
        profile = rules.load_profile(args.rules, _selection(args))
        timeout, memory_mb = _limits(args)
    except HechaError as exc:
        print(f"hecha: {exc.msg.zh} / {exc.msg.en}", file=err)
        return EXIT_UNREADABLE
    threshold = _FAIL_ON[args.fail_on]
    reports: list[tuple[str, Report]] = []
    files, complete = expand(args.files, err)
    unread = not complete
    # several inputs (or a folder of them) write their annotated copies into a folder
    several = len(files) > 1 or any(os.path.isdir(p) for p in args.files)
    if args.annotate and not _into_folder(args.annotate, several) and not _copy_suffix(args.annotate):
        problem = message("CLI_ANNOTATE_TARGET", target=args.annotate)  # said before any work
        print(f"hecha: {problem.zh} / {problem.en}", file=err)
        return EXIT_UNREADABLE
    if args.format in _EXPORTS and not args.output:
        problem = message("CLI_OUTPUT_NEEDED", format=args.format)
        print(f"hecha: {problem.zh} / {problem.en}", file=err)
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
    from .output.memo import findings_docx, findings_xlsx

    write = findings_xlsx if args.format == "xlsx" else findings_docx
    data = write([(os.path.basename(path), report, None) for path, report in reports], lang=args.lang)
    try:
        with open(args.output, "wb") as f:
            f.write(data)
    except OSError as exc:
        problem = unreadable(args.output, exc)
        print(f"hecha: {problem.zh} / {problem.en}", file=err)
        return False
    done = message("CLI_EXPORTED", path=args.output)
    print(f"hecha: {done.zh} / {done.en}", file=err)
    return True


def _print_report(path: str, report: Report, args: argparse.Namespace, out: TextIO, err: TextIO) -> None:
    if args.format == "json":
        print(report.model_dump_json(), file=out)
    elif args.format == "text":
        for line in render.report_lines(path, report):
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
    from .annotated import annotated_copy, annotated_name

    target = args.annotate
    folder = _into_folder(target, several)
    try:
        copy = annotated_copy(read_bytes(path, args.max_bytes), report, os.path.basename(path))
        if not folder and _copy_suffix(target) != copy.suffix:
            # a PDF without a text layer to place notes on, or a .docx target for a text report
            problem = message("CLI_ANNOTATE_SUFFIX", suffix=copy.suffix, target=target,
                              suggestion=os.path.splitext(target)[0] + copy.suffix)
            print(f"hecha: {problem.zh} / {problem.en}", file=err)
            return False
        if folder:
            os.makedirs(target, exist_ok=True)
            target = os.path.join(target, annotated_name(os.path.basename(path), copy.suffix))
        with open(target, "wb") as f:
            f.write(copy.data)
    except OSError as exc:
        problem = unreadable(args.annotate, exc)
        print(f"hecha: {problem.zh} / {problem.en}", file=err)
        return False
    note = message("CLI_ANNOTATED", path=target)
    print(f"hecha: {note.zh} / {note.en}", file=err)
    return True


def cmd_schema(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    print(json.dumps(SCHEMAS[args.model](), ensure_ascii=False, indent=2), file=out)
    return EXIT_OK


def cmd_rules(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from rules.config import default_profile
    from rules.names import rule_name
    from rules.registry import RULES

    if args.defaults:
        out.write(default_profile())
        return EXIT_OK
    rows = []
    for rule_id in rules.rule_ids():  # imports every rule module, registering it
        doc = (RULES[rule_id].__doc__ or "").strip()
        rows.append([rule_id, rule_name(rule_id)[0], doc.splitlines()[0] if doc else ""])
    for line in render.table_lines(rows):
        print(line.rstrip(), file=out)
    return EXIT_OK


def _database(err: TextIO) -> Any:
    """Write sessions on the configured database (HECHA_DATABASE_URL), migrated; None when
    it cannot be reached (said on one line of `err`)."""
    from sqlalchemy.exc import OperationalError

    from .config import get_settings
    from .storage import make_engine, make_sessions, upgrade

    settings = get_settings()
    try:
        engine = make_engine(settings.database_url)
        upgrade(engine)
    except OperationalError as exc:
        problem = message("API_UNAVAILABLE", detail=str(exc.orig or exc).splitlines()[0][:300])
        print(f"hecha: {problem.zh} / {problem.en}", file=err)
        return None
    return make_sessions(engine, write=True)


def cmd_serve(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    import uvicorn

    from .app import create_app

    uvicorn.run(create_app(), host=args.host, port=args.port, log_level=args.log_level)
    return EXIT_OK


def cmd_db(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    return EXIT_OK if _database(err) is not None else EXIT_UNREADABLE


def cmd_keys(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .storage import keys

    sessions = _database(err)
    if sessions is None:
        return EXIT_UNREADABLE
    with sessions.begin() as session:
        if args.keys_command == "create":
            key, info = keys.create_key(session, args.tenant)
            note = message("KEYS_CREATED", tenant=info.tenant)
            print(f"hecha: {note.zh} / {note.en}", file=err)
            print(key, file=out)  # alone on stdout: KEY=$(hecha keys create --tenant x)
        elif args.keys_command == "revoke":
            if not keys.revoke_key(session, args.prefix):
                problem = message("KEYS_UNKNOWN", prefix=args.prefix)
                print(f"hecha: {problem.zh} / {problem.en}", file=err)
                return EXIT_UNREADABLE
            note = message("KEYS_REVOKED", prefix=args.prefix)
            print(f"{note.zh} / {note.en}", file=out)
        elif args.format == "json":
            from .api.schemas import KeyPublic

            for k in keys.list_keys(session):
                print(KeyPublic(prefix=k.prefix, tenant=k.tenant, created_at=k.created_at,
                                revoked_at=k.revoked_at).model_dump_json(), file=out)
        else:
            rows = [[k.prefix, k.tenant, k.created_at.isoformat(timespec="seconds"),
                     k.revoked_at.isoformat(timespec="seconds") if k.revoked_at else "active"]
                    for k in keys.list_keys(session)]
            for line in render.table_lines(rows):
                print(line.rstrip(), file=out)
    return EXIT_OK


def cmd_annotate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Bulk annotation (service/annotate): 0 all read, 3 some failed (count on stderr),
    2 nothing could run (no input, bad --rules or --formats, unusable --out, scheduler)."""
    from .annotate import annotate

    try:
        outcome = annotate(args.paths, args.out, formats=args.formats, jobs=args.jobs,
                           scheduler=args.scheduler, rules_path=args.rules, force=args.force, err=err,
                           timeout=args.timeout, memory_mb=args.memory_mb,
                           reviews_path=args.reviews, rule_overrides=_selection(args))
    except HechaError as exc:
        print(f"hecha: {exc.msg.zh} / {exc.msg.en}", file=err)
        return EXIT_UNREADABLE
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM: the workers are stopped, the parts kept
        note = message("ANNOTATE_INTERRUPTED")
        print(f"\nhecha: {note.zh} / {note.en}", file=err)
        return 130
    return outcome.exit_status


def _formats(value: str) -> list[str]:
    return [name.strip() for name in value.split(",") if name.strip()]


def with_selection(p: argparse.ArgumentParser) -> None:
    """--select and --ignore: comma-separated rule ids or prefixes, repeatable."""
    ids = _formats  # a comma-separated list, as --formats
    p.add_argument("--select", type=ids, action="extend", metavar="IDS",
                   help="run only these rules: ids or prefixes, comma-separated (sum.,rate.change)")
    p.add_argument("--ignore", type=ids, action="extend", metavar="IDS",
                   help="do not run these rules (ids or prefixes; wins over --select)")


def _jobs(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"not a positive number of processes: {value!r}")
    return int(value)


def cmd_train_causes(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Train the models of reason.conflict's model.v1 (training/causes.py): 0 trained,
    2 when --base-model is not a model directory."""
    from pathlib import Path

    from training.causes import train_causes

    try:
        train_causes(Path(args.out), base=Path(args.base_model) if args.base_model else None,
                     epochs=args.epochs, seed=args.seed, size=args.size, limit=args.limit, lr=args.lr,
                     log=lambda line: print(line, file=out, flush=True))
    except HechaError as exc:
        print(f"hecha: {exc.msg.zh} / {exc.msg.en}", file=err)
        return EXIT_UNREADABLE
    return EXIT_OK


def _count(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {value!r}")
    return int(value)


def _seconds(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not number > 0 or number == float("inf"):
        raise argparse.ArgumentTypeError(f"not a positive number of seconds: {value!r}")
    return number


def _max_bytes(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number <= 0:
        raise argparse.ArgumentTypeError(f"not a positive number of bytes: {value!r}")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hecha",
        description="核查: extract the figures of Chinese final-account and performance "
                    "self-evaluation reports and cross-check them.")
    parser.add_argument("--version", action="version", version=f"hecha {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def with_files(p: argparse.ArgumentParser) -> None:
        p.add_argument("files", nargs="+", metavar="FILE",
                       help="reports: text, PDF (scanned too), DOCX, XLSX, XLS, HTML or images; "
                            "a folder: its reports by extension, recursively, sorted")
        p.add_argument("--max-bytes", type=_max_bytes, default=MAX_BYTES,
                       help=f"refuse larger files (default {MAX_BYTES})")

    def with_limits(p: argparse.ArgumentParser) -> None:
        p.add_argument("--timeout", type=_seconds, metavar="SECONDS",
                       help="seconds each document may take to read, extract and check "
                            "(default HECHA_JOB_TIMEOUT_S, 120, as the API)")
        p.add_argument("--memory-mb", type=_count, metavar="MB",
                       help="memory a checking process may take beyond its start "
                            "(default HECHA_JOB_MEMORY_MB, 4096, as the API)")

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
    p.add_argument("--rules", metavar="YAML", help="rule parameters overriding the defaults")
    p.add_argument("--fail-on", choices=list(_FAIL_ON), default="error",
                   help="exit 1 when a finding is at least this severe (default error)")
    p.add_argument("--annotate", metavar="OUT",
                   help="write the annotated copy (.docx/.pdf/.html by input; a folder for several files)")
    with_selection(p)
    with_limits(p)
    p.set_defaults(run=cmd_check)

    p = sub.add_parser("schema", help="print a model's JSON Schema")
    p.add_argument("model", nargs="?", choices=list(SCHEMAS), default="Report")
    p.set_defaults(run=cmd_schema)

    p = sub.add_parser("rules", help="list the rules: id, Chinese name, first line of its manual")
    p.add_argument("--defaults", action="store_true",
                   help="print every rule's parameters at their defaults: a profile for --rules")
    p.set_defaults(run=cmd_rules)

    p = sub.add_parser("serve", help="run the HTTP API (settings from HECHA_* variables)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    p.set_defaults(run=cmd_serve)

    p = sub.add_parser("db", help="database maintenance")
    p.add_argument("db_command", choices=["upgrade"], help="upgrade: apply the migrations")
    p.set_defaults(run=cmd_db)

    p = sub.add_parser("annotate", help="check many reports and write review-ready outputs")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, folders (recursive) or globs")
    p.add_argument("--out", required=True, metavar="DIR", help="output folder (resumable)")
    p.add_argument("--formats", type=_formats, default=list(ANNOTATE_FORMATS), metavar="LIST",
                   help=f"comma-separated, default all: {','.join(ANNOTATE_FORMATS)}")
    p.add_argument("--jobs", type=_jobs, metavar="N", help="local worker processes (default: cores)")
    p.add_argument("--scheduler", metavar="tcp://HOST:8786", help="run on this Dask cluster")
    p.add_argument("--rules", metavar="YAML", help="rule parameters overriding the defaults")
    p.add_argument("--force", action="store_true", help="redo documents an earlier run finished")
    p.add_argument("--reviews", metavar="JSON",
                   help="reviewers' verdicts (as GET /v1/reviews answers) for the finding rows")
    with_selection(p)
    with_limits(p)
    p.set_defaults(run=cmd_annotate)

    p = sub.add_parser("keys", help="create, revoke and list API keys")
    keys_sub = p.add_subparsers(dest="keys_command", required=True, metavar="ACTION")
    k = keys_sub.add_parser("create", help="print a new key for a tenant (created if new)")
    k.add_argument("--tenant", required=True, metavar="NAME")
    k = keys_sub.add_parser("revoke", help="revoke the key with this prefix (hk_xxxxxxxx)")
    k.add_argument("prefix", metavar="KEY_PREFIX")
    k = keys_sub.add_parser("list", help="list keys: prefix, tenant, created, revoked")
    k.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(run=cmd_keys)

    p = sub.add_parser("train-causes",
                       help="train the cause and explanation models (reason.conflict model.v1)")
    p.add_argument("--out", required=True, metavar="DIR", help="the model directory to write")
    p.add_argument("--base-model", metavar="DIR",
                   help="fine-tune this local model directory (default: a small BERT from scratch)")
    p.add_argument("--epochs", type=_count, default=8, metavar="N", help="passes over the data (default 8)")
    p.add_argument("--seed", type=int, default=0, metavar="S",
                   help="data, initialisation and batch order (default 0)")
    p.add_argument("--size", choices=["small", "tiny"], default="small",
                   help="from scratch: small (hidden 128, 2 layers) or tiny (hidden 64, 1 layer: tests)")
    p.add_argument("--lr", type=float, metavar="RATE",
                   help="learning rate (default: 1e-3 from scratch, 5e-4 for the pair head, "
                        "5e-5 from a base model)")
    p.add_argument("--limit", type=_count, metavar="N",
                   help="train on the first N generated clauses and pairs only (quick runs)")
    p.set_defaults(run=cmd_train_causes)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (the console script exits with it)."""
    args = build_parser().parse_args(argv)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")  # a non-UTF-8 terminal gets ?, not a traceback
    try:
        status: int = args.run(args, sys.stdout, sys.stderr)
        sys.stdout.flush()
    except BrokenPipeError:
        # `hecha extract … | head`: stop quietly; point stdout at devnull so the
        # interpreter's final flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FINDINGS
    return status


if __name__ == "__main__":
    sys.exit(main())
