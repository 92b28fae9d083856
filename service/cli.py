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
import stat
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO

import pydantic

import extractor
import rules
from extractor.reading import MAX_BYTES
from models import Claim, Document, DocumentError, Finding, Message, Report, Severity, message

from . import html, render

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2

#: Models `hecha schema` can print.
SCHEMAS: dict[str, Callable[[], dict[str, Any]]] = {
    "Report": Report.model_json_schema,
    "Document": Document.model_json_schema,
    "Claim": Claim.model_json_schema,
    "Finding": pydantic.TypeAdapter(Finding).json_schema,
}

_FAIL_ON = {"error": Severity.ERROR.rank, "warning": Severity.WARNING.rank, "never": None}

_OS_DETAILS: tuple[tuple[type[OSError], str], ...] = (
    (FileNotFoundError, "D_NOT_FOUND"),
    (IsADirectoryError, "D_IS_DIRECTORY"),
    (PermissionError, "D_PERMISSION"),
)


def unreadable(name: str, exc: OSError) -> Message:
    """E_UNREADABLE for `exc`, its detail in the same language as the rest of the line."""
    code = next((c for cls, c in _OS_DETAILS if isinstance(exc, cls)), None)
    reason = exc.strerror or str(exc)
    detail = message(code) if code else Message(reason, reason)
    return Message(message("E_UNREADABLE", name=name, detail=detail.zh).zh,
                   message("E_UNREADABLE", name=name, detail=detail.en).en)


def read_bytes(path: str, max_bytes: int) -> bytes:
    """The bytes of `path`, refusing an oversized regular file before reading it.

    Raises:
        OSError: missing, a directory, no permission...
        DocumentError: E_TOO_LARGE.
    """
    info = os.stat(path)
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(21, os.strerror(21), path)
    if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
        raise DocumentError("E_TOO_LARGE", name=path, size=info.st_size, limit=max_bytes)
    with open(path, "rb") as f:
        return f.read(max_bytes + 1)  # extract() refuses the extra byte of a longer stream


def load(path: str, max_bytes: int, err: TextIO) -> extractor.Extraction | None:
    """Extract `path`, or say on one line of `err` why it cannot be read and return None."""
    try:
        return extractor.extract(read_bytes(path, max_bytes), name=path, max_bytes=max_bytes)
    except DocumentError as exc:
        problem = exc.msg
    except OSError as exc:
        problem = unreadable(path, exc)
    print(f"hecha: {problem.zh} / {problem.en}", file=err)
    return None


def cmd_extract(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    status = EXIT_OK
    for path in args.files:
        result = load(path, args.max_bytes, err)
        if result is None:
            status = EXIT_UNREADABLE
            continue
        if args.format == "json":
            report = Report(document=result.document, claims=result.claims, findings=[])
            print(report.model_dump_json(), file=out)
        else:
            rows = render.claim_rows(path, result.document, result.claims)
            for line in render.table_lines(rows):
                print(line, file=out)
    return status


def cmd_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        config = rules.load_config(args.rules)
    except DocumentError as exc:
        print(f"hecha: {exc.msg.zh} / {exc.msg.en}", file=err)
        return EXIT_UNREADABLE
    threshold = _FAIL_ON[args.fail_on]
    reports: list[tuple[str, Report]] = []
    unread = False
    for path in args.files:
        result = load(path, args.max_bytes, err)
        if result is None:
            unread = True
            continue
        report = rules.check(result.document, result.claims, config)
        reports.append((path, report))
        if args.format == "json":
            print(report.model_dump_json(), file=out)
        elif args.format == "text":
            for line in render.report_lines(path, report):
                print(line, file=out)
    if args.format == "html":
        print(html.page(reports), file=out)
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


def cmd_schema(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    print(json.dumps(SCHEMAS[args.model](), ensure_ascii=False, indent=2), file=out)
    return EXIT_OK


def cmd_rules(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from rules.registry import RULES

    rows = []
    for rule_id in rules.rule_ids():  # imports every rule module, registering it
        doc = (RULES[rule_id].__doc__ or "").strip()
        rows.append([rule_id, doc.splitlines()[0] if doc else ""])
    for line in render.table_lines(rows):
        print(line.rstrip(), file=out)
    return EXIT_OK


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
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def with_files(p: argparse.ArgumentParser) -> None:
        p.add_argument("files", nargs="+", metavar="FILE", help="report text files")
        p.add_argument("--max-bytes", type=_max_bytes, default=MAX_BYTES,
                       help=f"refuse larger files (default {MAX_BYTES})")

    p = sub.add_parser("extract", help="print the document and claims of each file")
    with_files(p)
    p.add_argument("--format", choices=["json", "table"], default="json")
    p.set_defaults(run=cmd_extract)

    p = sub.add_parser("check", help="extract and cross-check each file")
    with_files(p)
    p.add_argument("--format", choices=["text", "json", "html"], default="text")
    p.add_argument("--rules", metavar="YAML", help="rule parameters overriding the defaults")
    p.add_argument("--fail-on", choices=list(_FAIL_ON), default="error",
                   help="exit 1 when a finding is at least this severe (default error)")
    p.set_defaults(run=cmd_check)

    p = sub.add_parser("schema", help="print a model's JSON Schema")
    p.add_argument("model", nargs="?", choices=list(SCHEMAS), default="Report")
    p.set_defaults(run=cmd_schema)

    p = sub.add_parser("rules", help="list the rules")
    p.set_defaults(run=cmd_rules)
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
