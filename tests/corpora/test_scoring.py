"""Placing gold in a document's text: by line in the text it was written on, by `near` in
any other rendering."""

from __future__ import annotations

from corpora.scoring import locate

TWO_TABLES = "项目A\n总分\t\t100\t95\n\n项目B\n总分\t\t100\t95\n"


def test_near_finds_the_first_line_holding_it_and_the_text():
    start, end = locate(TWO_TABLES, "95", near="总分\t\t100\t95", use_lines=False)
    assert TWO_TABLES[start:end] == "95"
    assert TWO_TABLES.rfind("\n", 0, start) == TWO_TABLES.index("\n")  # on line 2


def test_near_line_picks_a_later_twin():
    start, _ = locate(TWO_TABLES, "95", near="总分\t\t100\t95", use_lines=False, near_line=2)
    assert start == TWO_TABLES.rindex("95")
    assert locate(TWO_TABLES, "95", near="总分", use_lines=False, near_line=3) is None


def test_line_wins_over_near_line_in_the_text_written_on():
    start, _ = locate(TWO_TABLES, "95", line=5, near="总分", near_line=1)
    assert start == TWO_TABLES.rindex("95")
