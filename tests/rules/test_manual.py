"""The rules' tables in the README and docs/rules.md are the ones the rules make."""

from __future__ import annotations

from pathlib import Path

import pytest

import rules
from rules.manual import rules_table, summary, with_tables

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", ["README.md", "docs/rules.md"])
def test_the_documented_tables_are_current(name):
    text = (ROOT / name).read_text("utf-8")
    assert with_tables(text) == text, f"run: python -m rules.manual README.md docs/rules.md ({name})"


def test_the_table_has_a_row_per_rule_with_its_chinese_name():
    lines = rules_table().splitlines()
    assert len(lines) == 2 + len(rules.rule_ids())
    assert "| `sum.table` | 表内合计不符 | Inside one table, every total equals what it totals. |" in lines


def test_a_summary_is_the_first_sentence_or_the_first_paragraph():
    doc = """A total must equal 10.5 plus 2.25. Then more.

    Another paragraph."""
    assert summary(doc, brief=True) == "A total must equal 10.5 plus 2.25."
    assert summary(doc, brief=False) == "A total must equal 10.5 plus 2.25. Then more."
    assert summary("a | b", brief=True) == "a \\| b"  # a pipe would split the cell


def test_text_without_markers_is_refused():
    with pytest.raises(ValueError):
        with_tables("# no table here\n")


def test_the_readme_is_a_front_door():
    readme = (ROOT / "README.md").read_text("utf-8")
    assert len(readme.splitlines()) <= 200
    assert "make run" in readme.split("##")[1] and "make test" in readme.split("##")[1]
