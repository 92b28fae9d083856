"""The `hecha` command: one module per command group, each adding its own parsers.

- `check`: extract, check (text, JSON, HTML, XLSX/DOCX exports, annotated copies);
- `info`: schema, rules;
- `bulk`: annotate;
- `server`: serve, db, keys;
- `train`: train-causes.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from .. import __version__
from . import bulk, check, info, server, train
from .bulk import ANNOTATE_FORMATS
from .common import EXIT_FINDINGS

__all__ = ["ANNOTATE_FORMATS", "build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hecha",
        description="核查: extract the figures of Chinese final-account and performance "
                    "self-evaluation reports and cross-check them.")
    parser.add_argument("--version", action="version", version=f"hecha {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for group in (check, info, server, bulk, train):
        group.add_commands(sub)
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
