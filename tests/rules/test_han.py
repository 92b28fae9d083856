"""rules.text.han.HAN is the `regex` module's \\p{Han}, for every code point."""

from __future__ import annotations

import re

import regex

from rules.text.han import HAN


def test_han_class_equals_regex_script_property():
    ours, theirs = re.compile(HAN), regex.compile(r"\p{Han}")
    differ = [hex(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF
              and (ours.match(chr(cp)) is None) != (theirs.match(chr(cp)) is None)]
    assert differ == []
