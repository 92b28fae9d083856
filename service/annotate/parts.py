"""Per-document results on disk: one small compressed file per document, committed atomically.

A worker's whole result for a document (its Report as JSON, its finding rows and its
text) is one part file, written under a temporary name and moved into place with
`os.replace`, so a part either exists complete or not at all, whatever kills the run. The
output files are assembled from the parts, in path order, under temporary names that only
a completed run moves into place (assemble.py); a run killed half-way therefore never
leaves a half-written row behind, and its successor only adds the parts that are missing.

A part is a short magic line with the layout version, the uncompressed size, then zstd
(level 1, through pyarrow, already a dependency for Parquet) of two lines: a header (JSON:
sha256, name, unit, year, text, finding rows) and the Report exactly as pydantic
serialised it. zstd shrinks the mostly repeated JSON keys about tenfold at several
hundred MB/s, three times faster than gzip; assembling documents.jsonl copies the Report
bytes without decoding or parsing them.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa

#: Bumped when the layout changes; older parts are then recomputed, never misread.
PART_VERSION = 3
_MAGIC = f"hecha-part/{PART_VERSION}\n".encode()
_SIZE = struct.Struct("<Q")
_CODEC = pa.Codec("zstd", compression_level=1)


@dataclass(frozen=True)
class Part:
    """A document's result: `header` (see the module docstring) and its Report as JSON (a
    view into the decompressed bytes: copying half a megabyte per document is measurable)."""

    header: dict[str, Any]
    report_json: memoryview


def encode(header: dict[str, Any], report_json: bytes) -> bytes:
    """The bytes of a part."""
    payload = orjson.dumps(header) + b"\n" + report_json
    return _MAGIC + _SIZE.pack(len(payload)) + _CODEC.compress(payload, asbytes=True)


def decode(data: bytes) -> Part:
    """A part from its bytes.

    Raises:
        ValueError: not a part of this version (corrupt, truncated or older).
    """
    if not data.startswith(_MAGIC) or len(data) < len(_MAGIC) + _SIZE.size:
        raise ValueError("not a part of this version")
    (size,) = _SIZE.unpack_from(data, len(_MAGIC))
    try:
        payload = _CODEC.decompress(data[len(_MAGIC) + _SIZE.size:], decompressed_size=size,
                                    asbytes=True)
        cut = payload.index(b"\n")
        header = orjson.loads(memoryview(payload)[:cut])
    except (OSError, pa.ArrowException, ValueError) as exc:
        raise ValueError(f"unreadable part: {exc}") from exc
    return Part(header, memoryview(payload)[cut + 1:])


def part_path(parts_dir: Path, sha256: str) -> Path:
    """Where the part of document `sha256` lives (256 subfolders keep folders small)."""
    return parts_dir / sha256[:2] / f"{sha256}.json.gz"


def commit(parts_dir: Path, sha256: str, data: bytes) -> None:
    """Write a part atomically: a reader sees the old part, the new one, or none."""
    path = part_path(parts_dir, sha256)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def read(parts_dir: Path, sha256: str) -> Part:
    """The part of document `sha256`.

    Raises:
        OSError: there is none.
        ValueError: it cannot be decoded.
    """
    return decode(part_path(parts_dir, sha256).read_bytes())
