"""Checks on an Office Open XML package (DOCX, XLSX) before anything in it is unpacked.

A zip's central directory says how large each member unpacks and how well it packed; a
zip bomb is a few kilobytes that say gigabytes (or lie about it). Members are refused past
`Limits.max_unzipped` bytes in all, or one member of more than a MiB packed more than
`Limits.max_ratio` to one (XML packs about 10:1; a bomb 1000:1). Sizes that lie are caught
by the sandbox's memory ceiling instead.

A macro-enabled file (.docm, .xlsm: a ``vbaProject.bin`` member or a ``macroEnabled``
content type) is refused too: hecha would never run the macros, but a file carrying them
should not pass through a checking service as if it were plain data.
"""

from __future__ import annotations

import io
import zipfile

from models import DocumentError

from .base import Limits

_MIB = 1024 * 1024
_MACRO_PARTS = ("vbaproject.bin", "vbadata.xml", "activex", "vbaprojectsignature.bin")


def check_package(data: bytes, name: str, limits: Limits, kind: str) -> None:
    """Refuse zip bombs and macro-enabled packages; return quietly otherwise.

    Raises:
        DocumentError: E_ZIP_BOMB, E_MACRO, or E_CORRUPT (not a readable zip).
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise DocumentError("E_CORRUPT", name=name, kind=kind, detail=str(exc)[:200]) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.max_members:
            raise DocumentError("E_ZIP_BOMB", name=name, member=f"{len(infos)} members",
                                size="?", ratio="?", limit=limits.max_unzipped,
                                max_ratio=limits.max_ratio)
        total = 0
        for info in infos:
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if total > limits.max_unzipped or (info.file_size > _MIB and ratio > limits.max_ratio):
                raise DocumentError("E_ZIP_BOMB", name=name, member=info.filename,
                                    size=info.file_size, ratio=f"{ratio:.0f}",
                                    limit=limits.max_unzipped, max_ratio=limits.max_ratio)
            lowered = info.filename.lower()
            if any(part in lowered for part in _MACRO_PARTS):
                raise DocumentError("E_MACRO", name=name, kind=kind, part=info.filename)
        try:
            types = archive.getinfo("[Content_Types].xml")
        except KeyError:
            return
        if types.file_size <= _MIB and b"macroEnabled" in archive.read(types):
            raise DocumentError("E_MACRO", name=name, kind=kind, part="[Content_Types].xml")
