"""`hecha annotate`: many reports checked into review-ready outputs (service/annotate)."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from models import HechaError, message

from .common import EXIT_UNREADABLE, comma_list, positive, say, selection, with_limits, with_rules

#: `hecha annotate --formats` values and the default ones (service/annotate/names.py; kept
#: here so that the parser does not import pyarrow and dask for the other commands).
ANNOTATE_FORMATS = ("jsonl", "parquet", "labelstudio", "doccano", "brat", "csv", "xlsx", "docx")
DEFAULT_FORMATS = ANNOTATE_FORMATS[:6]


def cmd_annotate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """0 all read, 3 some failed (count on stderr), 2 nothing could run (no input, bad
    --rules or --formats, unusable --out, scheduler)."""
    from ..annotate import annotate

    try:
        outcome = annotate(args.paths, args.out, formats=args.formats, jobs=args.jobs,
                           scheduler=args.scheduler, rules_path=args.rules, force=args.force, err=err,
                           timeout=args.timeout, memory_mb=args.memory_mb,
                           reviews_path=args.reviews, rule_overrides=selection(args), lang=args.lang)
    except HechaError as exc:
        say(err, exc.msg)
        return EXIT_UNREADABLE
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM: the workers are stopped, the parts kept
        print(file=err)
        say(err, message("ANNOTATE_INTERRUPTED"))
        return 130
    return outcome.exit_status


def add_commands(sub: Any) -> None:
    """The `annotate` parser."""
    p = sub.add_parser("annotate", help="check many reports and write review-ready outputs")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, folders (recursive) or globs")
    p.add_argument("--out", required=True, metavar="DIR", help="output folder (resumable)")
    p.add_argument("--formats", type=comma_list, default=list(DEFAULT_FORMATS), metavar="LIST",
                   help=f"comma-separated, default {','.join(DEFAULT_FORMATS)}; also xlsx (a row per "
                        "finding) and docx (a 核查意见 per document)")
    p.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of xlsx and docx")
    p.add_argument("--jobs", type=positive(int, "number of processes"), metavar="N",
                   help="local worker processes (default: cores)")
    p.add_argument("--scheduler", metavar="tcp://HOST:8786", help="run on this Dask cluster")
    p.add_argument("--force", action="store_true", help="redo documents an earlier run finished")
    p.add_argument("--reviews", metavar="JSON",
                   help="reviewers' verdicts (as GET /v1/reviews answers) for the finding rows")
    with_rules(p)
    with_limits(p)
    p.set_defaults(run=cmd_annotate)
