"""What every `hecha` command shares: exit statuses, the one-line zh/en report on stderr,
the argument types and the option groups several commands take."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TextIO, TypeVar

from extractor.reading import MAX_BYTES
from models import Message

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2

T = TypeVar("T", int, float)


def say(err: TextIO, msg: Message) -> None:
    """One line on `err`, Chinese then English: how every problem and note is reported."""
    print(f"hecha: {msg.zh} / {msg.en}", file=err)


def isatty(stream: TextIO) -> bool:
    method = getattr(stream, "isatty", None)
    return bool(method and method())


def positive(convert: Callable[[str], T], what: str) -> Callable[[str], T]:
    """An argument type: `convert` of the value (int, float), finite and above 0."""

    def parse(value: str) -> T:
        try:
            number = convert(value)
        except ValueError:
            number = None
        if number is None or not 0 < number < float("inf"):  # type: ignore[operator]
            raise argparse.ArgumentTypeError(f"not a positive {what}: {value!r}")
        return number

    return parse


def comma_list(value: str) -> list[str]:
    return [name.strip() for name in value.split(",") if name.strip()]


def with_files(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="FILE",
                   help="reports: text, PDF (scanned too), DOCX, XLSX, XLS, HTML or images; "
                        "a folder: its reports by extension, recursively, sorted")
    p.add_argument("--max-bytes", type=positive(int, "number of bytes"), default=MAX_BYTES,
                   help=f"refuse larger files (default {MAX_BYTES})")


def with_limits(p: argparse.ArgumentParser) -> None:
    p.add_argument("--timeout", type=positive(float, "number of seconds"), metavar="SECONDS",
                   help="seconds each document may take to read, extract and check "
                        "(default HECHA_JOB_TIMEOUT_S, 120, as the API)")
    p.add_argument("--memory-mb", type=positive(int, "whole number"), metavar="MB",
                   help="memory a checking process may take beyond its start "
                        "(default HECHA_JOB_MEMORY_MB, 4096, as the API)")


def with_rules(p: argparse.ArgumentParser) -> None:
    """--rules, and --select / --ignore: comma-separated rule ids or prefixes, repeatable."""
    p.add_argument("--rules", metavar="YAML", help="rule parameters overriding the defaults")
    p.add_argument("--select", type=comma_list, action="extend", metavar="IDS",
                   help="run only these rules: ids or prefixes, comma-separated (sum.,rate.change)")
    p.add_argument("--ignore", type=comma_list, action="extend", metavar="IDS",
                   help="do not run these rules (ids or prefixes; wins over --select)")


def selection(args: argparse.Namespace) -> dict[str, dict[str, bool]] | None:
    """The overrides --select and --ignore make, laid over any --rules file.

    Raises:
        ConfigError: E_RULES_SELECT for an id or prefix that names no rule.
    """
    from rules.config import selection as select

    if args.select is None and args.ignore is None:
        return None
    return select(args.select, args.ignore)
