"""brat standoff: `<doc>.txt` with `<doc>.ann` beside it, and annotation.conf.

Each finding with a non-empty first evidence span becomes a text-bound annotation
`T1<TAB>rule.id START END<TAB>text` with its message as `#1<TAB>AnnotatorNotes T1<TAB>…`.
Offsets are code points into the .txt, which is the original text unchanged. brat does
not let a span cross a line break: such a span is written as fragments
`START END;START END` that leave the line breaks out, and its text is the fragments'
texts joined by a space, as brat expects.

Documents are named after their file and the start of their sha256
(`000_report_3fa2b1c4d5e6.txt`), so two files of the same name in different folders do
not collide.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Sequence
from pathlib import Path

from . import DocumentView, single_line
from .labelstudio import note

_LINE_BREAKS = re.compile(r"[\r\n]+")
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """`start:end` of `text` split around line breaks (empty pieces dropped)."""
    pieces = []
    pos = start
    for m in _LINE_BREAKS.finditer(text, start, end):
        if m.start() > pos:
            pieces.append((pos, m.start()))
        pos = m.end()
    if end > pos:
        pieces.append((pos, end))
    return pieces


def doc_name(doc: DocumentView) -> str:
    stem = _UNSAFE.sub("_", Path(doc.path).stem).strip("_.")
    return f"{stem}_{doc.sha256[:12]}" if stem else doc.sha256[:16]


def ann(doc: DocumentView) -> str:
    """The .ann file of one document."""
    lines = []
    n = 0
    for f in doc.findings:
        if f["start"] is None:
            continue
        pieces = fragments(doc.text, f["start"], f["end"])
        if not pieces:
            continue
        n += 1
        where = ";".join(f"{s} {e}" for s, e in pieces)
        covered = " ".join(doc.text[s:e] for s, e in pieces)
        lines.append(f"T{n}\t{f['rule']} {where}\t{covered}")
        lines.append(f"#{n}\tAnnotatorNotes T{n}\t{single_line(note(f))}")
    return "".join(line + "\n" for line in lines)


def annotation_conf(rule_ids: Sequence[str]) -> str:
    entities = "\n".join(rule_ids)
    return f"[entities]\n{entities}\n\n[relations]\n\n[events]\n\n[attributes]\n"


class BratWriter:
    """Writes into `<dir>.tmp/`, which replaces `<dir>/` on commit."""

    def __init__(self, folder: Path, rule_ids: Sequence[str]) -> None:
        self.folder = folder
        self.tmp = folder.with_name(f".{folder.name}.tmp")
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.tmp.mkdir(parents=True)
        (self.tmp / "annotation.conf").write_text(annotation_conf(rule_ids), encoding="utf-8")

    def add(self, doc: DocumentView) -> None:
        name = doc_name(doc)
        (self.tmp / f"{name}.txt").write_text(doc.text, encoding="utf-8", newline="")
        (self.tmp / f"{name}.ann").write_text(ann(doc), encoding="utf-8", newline="")

    def commit(self) -> None:
        old = self.folder.with_name(f".{self.folder.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        if self.folder.exists():
            self.folder.rename(old)
        self.tmp.rename(self.folder)
        shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)
