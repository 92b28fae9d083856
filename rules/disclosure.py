"""What a 部门决算 disclosure holds (rules/data/disclosure.yaml), shared by the rules that
check its tables: completeness.tables (which tables, which explanations) and table.empty
(the tables a unit may print empty, and what their notes and the text must then say)."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

from models import Document, Span, Table


@cache
def disclosure() -> dict:
    text = resources.files("rules").joinpath("data/disclosure.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def title_span(document: Document, table: Table) -> Span:
    """Where a table's title is printed; its first line when no title was read above it."""
    if table.title_span is not None:
        return table.title_span
    end = document.original.find("\n", table.start)
    return document.span(table.start, table.end if end < 0 or end > table.end else end)
