"""`hecha schema` and `hecha rules`: what hecha reads into and what it checks."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any, TextIO

import pydantic

import rules
from models import Claim, Document, Finding, Report

from ..output import text
from .common import EXIT_OK

#: Models `hecha schema` can print.
SCHEMAS: dict[str, Callable[[], dict[str, Any]]] = {
    "Report": Report.model_json_schema,
    "Document": Document.model_json_schema,
    "Claim": Claim.model_json_schema,
    "Finding": pydantic.TypeAdapter(Finding).json_schema,
}


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
    for line in text.table_lines(rows):
        print(line.rstrip(), file=out)
    return EXIT_OK


def add_commands(sub: Any) -> None:
    """The `schema` and `rules` parsers."""
    p = sub.add_parser("schema", help="print a model's JSON Schema")
    p.add_argument("model", nargs="?", choices=list(SCHEMAS), default="Report")
    p.set_defaults(run=cmd_schema)

    p = sub.add_parser("rules", help="list the rules: id, Chinese name, first line of its manual")
    p.add_argument("--defaults", action="store_true",
                   help="print every rule's parameters at their defaults: a profile for --rules")
    p.set_defaults(run=cmd_rules)
