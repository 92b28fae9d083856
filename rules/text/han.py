"""The Han script as a character class the standard library's `re` understands.

`text.repeat` and `text.placeholder` scan the whole text for Han phrases at every
position. The `regex` module pays for each attempt several times what `re` does (a
doubled-phrase scan of a 50 KB report: 22 ms against 5 ms), but `re` has no `\\p{Han}`.
These are the ranges `regex` gives `\\p{Han}` (Unicode 16: the radicals, 々, 〇, the
Hangzhou numerals, the unified ideographs with every extension, and the compatibility
ideographs); tests/rules/test_han.py holds them equal to it, code point by code point.
"""

from __future__ import annotations

_RANGES = [
    (0x2E80, 0x2E99), (0x2E9B, 0x2EF3), (0x2F00, 0x2FD5), (0x3005, 0x3005), (0x3007, 0x3007),
    (0x3021, 0x3029), (0x3038, 0x303B), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFA6D),
    (0xFA70, 0xFAD9), (0x16FE2, 0x16FE3), (0x16FF0, 0x16FF6), (0x20000, 0x2A6DF),
    (0x2A700, 0x2B81E), (0x2B820, 0x2CEAD), (0x2CEB0, 0x2EBE0), (0x2EBF0, 0x2EE5D),
    (0x2F800, 0x2FA1D), (0x30000, 0x3134A), (0x31350, 0x33479),
]

#: one Han character, for `re` patterns: f"({HAN}{{2,8}})\\1"
HAN = "[" + "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in _RANGES) + "]"
