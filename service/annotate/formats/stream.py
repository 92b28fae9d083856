"""The large outputs, written without filling the machine's memory: write-behind, drop-behind.

A 10,000-document run writes about 7 GB, nearly all of it documents.jsonl, and nothing
reads it back during the run. Left alone, the kernel keeps every written page in memory
until memory runs short: the output pushes out the page cache of everything else on the
machine (the archive being read, a database beside it), and gigabytes of dirty pages are
written back in bursts. So a `StreamFile` hands its pages back a chunk at a time, as GNU
dd's `oflag=nocache` and PostgreSQL's `*_flush_after` settings do: once a chunk is
written, its write-back is started, and the chunk before it, on disk by then, is dropped
from memory. The write-back itself is no extra work (the kernel's flusher threads would do
it a little later); it moves into the writer, which on this 2-core machine cost the
client about 0.09 ms more per document where memory was already warm. Where it was not,
the recycled pages saved more: on a virtual machine a page the host has to provide anew
costs several times the kernel time of one it already backs (writing 2 GB here: 2.64 s
into fresh memory, 0.41-0.48 s into pages just freed), and documents.jsonl went from 0.62
to 0.19 ms per document (bench/assemble_speed.py).

Both steps are `posix_fadvise(POSIX_FADV_DONTNEED)`, which writes dirty pages back without
waiting and drops the clean ones. Where the call does not exist (macOS), nothing is
dropped and the file is written as any other.
"""

from __future__ import annotations

import os
from pathlib import Path

from . import AtomicFile

#: Bytes between two hand-backs: the calls cost nothing next to the writes of a chunk,
#: and at most two chunks per file are in memory.
CHUNK = 8 << 20


def _dontneed(fd: int, start: int, end: int) -> None:
    if end > start and hasattr(os, "posix_fadvise"):
        os.posix_fadvise(fd, start, end - start, os.POSIX_FADV_DONTNEED)


class StreamFile(AtomicFile):
    """A binary AtomicFile written by `write`, which hands back each chunk behind it."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, "wb")
        self.fd = self.file.fileno()
        self.size = 0
        self.flushing = 0  # write-back started for [dropped, flushing)
        self.dropped = 0  # the pages before this offset have been handed back

    def write(self, data: bytes | memoryview) -> None:
        self.size += self.file.write(data)
        if self.size - self.flushing >= CHUNK:
            self.file.flush()
            _dontneed(self.fd, self.dropped, self.flushing)
            self.dropped = self.flushing
            _dontneed(self.fd, self.flushing, self.size)
            self.flushing = self.size
