"""A page counter on stderr while a long document is read by OCR (seconds a page).

`ocr_progress` makes the `Limits.progress` callback the readers call before each page of
OCR and once at its end. It runs in the reader's sandboxed process and writes to that
process's stderr, which is the command line's (forked processes share it). On a terminal
the counter rewrites one line and erases it when the OCR is done; elsewhere (a log, a
pipe) it writes one line for the first page and one every `every` pages after it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TextIO

from models import message

#: pages between two lines when stderr is not a terminal
EVERY = 10


def ocr_progress(name: str, tty: bool, every: int = EVERY,
                 stream: TextIO | None = None) -> Callable[[int, int], None]:
    """The progress callback for the OCR of `name`: (pages read, pages in all)."""

    def report(done: int, total: int) -> None:
        out = stream or sys.stderr
        if done >= total:
            if tty:
                out.write("\r\x1b[K")  # the counter goes: the findings follow on a clean line
                out.flush()
            return
        if not tty and done % every:
            return
        note = message("OCR_PROGRESS", page=done + 1, total=total, name=name)
        line = f"hecha: {note.zh} / {note.en}"
        out.write(f"\r{line}\x1b[K" if tty else line + "\n")
        out.flush()

    return report
