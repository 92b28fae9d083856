"""Which files a run covers: files, folders (recursively) and glob patterns.

Every regular file found is a candidate; whether it is a report is decided later, by
trying to extract it (`extractor.readers.detect` tells the formats apart). Folder walks
leave out hidden entries (.git, .DS_Store): they are tool clutter, never reports. A PATH
naming a file that does not exist stays in the list, so that the run records it as failed
rather than forgetting it.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field


@dataclass
class Discovery:
    """Files to process (sorted, each once) and the glob patterns that matched nothing."""

    files: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)


def _walk(folder: str) -> Iterator[str]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith("."):
                yield os.path.join(root, name)


def discover(paths: Sequence[str]) -> Discovery:
    """Expand the PATH arguments of `hecha annotate`."""
    found: dict[str, None] = {}
    result = Discovery()
    for arg in paths:
        if os.path.isdir(arg):
            matches = [arg]
        elif glob.has_magic(arg) and not os.path.exists(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                result.unmatched.append(arg)
        else:
            matches = [arg]
        for match in matches:
            if os.path.isdir(match):
                found.update(dict.fromkeys(os.path.normpath(p) for p in _walk(match)))
            else:
                found[os.path.normpath(match)] = None
    result.files = sorted(found)
    return result
