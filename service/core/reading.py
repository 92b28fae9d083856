"""A document's bytes from a path, and why they could not be read, in both languages."""

from __future__ import annotations

import os
import stat

from models import DocumentError, Message, message

_OS_DETAILS: tuple[tuple[type[OSError], str], ...] = (
    (FileNotFoundError, "D_NOT_FOUND"),
    (IsADirectoryError, "D_IS_DIRECTORY"),
    (PermissionError, "D_PERMISSION"),
)


def unreadable(name: str, exc: OSError) -> Message:
    """E_UNREADABLE for `exc`, its detail in the same language as the rest of the line."""
    code = next((c for cls, c in _OS_DETAILS if isinstance(exc, cls)), None)
    reason = exc.strerror or str(exc)
    detail = message(code) if code else Message(reason, reason)
    return Message(message("E_UNREADABLE", name=name, detail=detail.zh).zh,
                   message("E_UNREADABLE", name=name, detail=detail.en).en)


def read_bytes(path: str, max_bytes: int) -> bytes:
    """The bytes of `path`, refusing an oversized regular file before reading it.

    Raises:
        OSError: missing, a directory, no permission...
        DocumentError: E_TOO_LARGE.
    """
    info = os.stat(path)
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(21, os.strerror(21), path)
    if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
        raise DocumentError("E_TOO_LARGE", name=path, size=info.st_size, limit=max_bytes)
    regular = stat.S_ISREG(info.st_mode)
    with open(path, "rb") as f:
        # A regular file's size is known: reading max_bytes + 1 at once would allocate that
        # much first (64 MiB, past a small checking process's memory ceiling). A pipe, or a
        # file that grew since, is read a MiB at a time, up to one byte more than allowed:
        # extract() refuses the extra byte of a longer stream.
        data = f.read(min(info.st_size, max_bytes) + 1) if regular else b""
        if regular and len(data) <= info.st_size:
            return data
        chunks, total = [data], len(data)
        while total <= max_bytes and (chunk := f.read(min(1 << 20, max_bytes + 1 - total))):
            chunks.append(chunk)
            total += len(chunk)
        return b"".join(chunks)
