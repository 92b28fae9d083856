"""Progress of a run: a tqdm bar on a terminal, plain log lines otherwise.

tqdm (already installed with spaCy) draws documents/s and the ETA itself; the failures so
far go in its postfix. Redirected to a file or a CI log, a bar would be thousands of
carriage returns, so stderr that is not a terminal gets one catalogued line every
`LOG_EVERY` seconds and at the end.
"""

from __future__ import annotations

import time
from typing import Any, TextIO

from models import message

#: Seconds between two plain progress lines.
LOG_EVERY = 10.0


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class Progress:
    """Counts finished documents and failures and shows them on `stream`."""

    def __init__(self, total: int, stream: TextIO, *, tty: bool | None = None) -> None:
        self.total = total
        self.stream = stream
        self.done = 0
        self.failed = 0
        self.started = self.last_line = time.monotonic()
        isatty = getattr(stream, "isatty", None)
        self.bar: Any = None
        if tty if tty is not None else bool(isatty and isatty()):
            from tqdm import tqdm

            self.bar = tqdm(total=total, file=stream, unit="doc", dynamic_ncols=True,
                            desc="hecha annotate", smoothing=0.05)
            self.bar.set_postfix_str("failed=0", refresh=False)

    def update(self, failed: bool) -> None:
        self.done += 1
        self.failed += failed
        if self.bar is not None:
            if failed:
                self.bar.set_postfix_str(f"failed={self.failed}", refresh=False)
            self.bar.update(1)
        elif time.monotonic() - self.last_line >= LOG_EVERY:
            self.line()

    def line(self) -> None:
        now = time.monotonic()
        self.last_line = now
        rate = self.done / max(now - self.started, 1e-9)
        eta = _duration((self.total - self.done) / rate) if rate > 0 else "?"
        msg = message("ANNOTATE_PROGRESS", done=self.done, total=self.total, rate=f"{rate:.1f}",
                      eta=eta, failed=self.failed)
        print(f"hecha: {msg.zh} / {msg.en}", file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        elif self.total:
            self.line()
