"""The rules' tables for people, made from the rules themselves: each id, its Chinese name
(rules/data/names.yaml) and its docstring (its manual): the first sentence in the README,
the whole first paragraph in docs/rules.md.

Both files hold their table between markers; a test keeps each the one this module
writes, so a table can never describe a rule that is not there or miss one that is.

    python -m rules.manual README.md docs/rules.md    # rewrite the tables in place
"""

from __future__ import annotations

import sys
from pathlib import Path

import regex

from .names import rule_name
from .registry import RULES

#: the two forms: marker word → whether a row gives the first sentence only
FORMS = {"brief": True, "full": False}
END = "<!-- end of rules table -->"

#: an English sentence ends at a full stop before a capital or the end (not 10.5, not 元).)
_SENTENCE_END = regex.compile(r"(?<=\.)(?:\s+(?=[A-Z])|$)")


def start_marker(form: str) -> str:
    return f"<!-- rules table ({form}): python -m rules.manual README.md docs/rules.md -->"


def summary(doc: str | None, brief: bool) -> str:
    """A docstring's first paragraph on one line, or only its first sentence."""
    paragraph = " ".join((doc or "").strip().split("\n\n")[0].split())
    match = _SENTENCE_END.search(paragraph) if brief else None
    return (paragraph[:match.start()] if match else paragraph).replace("|", "\\|")


def rules_table(brief: bool = True) -> str:
    """The table in Markdown, one row per registered rule, by id."""
    from . import catalog  # noqa: F401  (registers every rule)

    rows = ["| id | 名称 | what it checks |", "|---|---|---|"]
    rows += [f"| `{rule_id}` | {rule_name(rule_id)[0]} | {summary(RULES[rule_id].__doc__, brief)} |"
             for rule_id in sorted(RULES)]
    return "\n".join(rows)


def with_tables(text: str) -> str:
    """`text` with every marked table replaced by the current one of its form.

    Raises:
        ValueError: no marked table in `text`, or one without its end marker.
    """
    found = False
    for form, brief in FORMS.items():
        start = start_marker(form)
        head, marker, rest = text.partition(start)
        if not marker:
            continue
        _, end, tail = rest.partition(END)
        if not end:
            raise ValueError(f"{start!r} without {END!r}")
        text, found = f"{head}{start}\n{rules_table(brief)}\n{END}{tail}", True
    if not found:
        raise ValueError("no rules table marker in the text")
    return text


def main(argv: list[str]) -> int:
    for name in argv:
        path = Path(name)
        path.write_text(with_tables(path.read_text("utf-8")), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
