"""Gold sidecars: where each planted error and each true negative is, in the text rendering.

A gold entry names its figure by the text printed, the 1-based line of the text rendering
and `near`, a short string on that line chosen so that the first line holding both `near`
and the text is that line (how the bench finds a figure in a DOCX, PDF or XLSX, whose lines
differ from the text's). `occurrence` counts whole matches on the line, as the bench does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .doc import Slot
from .render.layout import Rendering

_SPACE = re.compile(r"\s+")
_NUMBERING = re.compile(r"^[一二三四五六七八九十]{1,3}、")


@dataclass
class Entry:
    """A planted finding (rules set) or a true negative (no rules)."""

    id: str
    slot: Slot
    why: str
    rules: list[str] = field(default_factory=list)
    severity: str = "error"
    kind: str = ""


def squeeze(text: str) -> str:
    folded = "".join(chr(ord(c) - 0xFEE0) if "！" <= c <= "～" else c for c in text)
    return _SPACE.sub("", folded.replace("\u3000", ""))


def whole_matches(line: str, needle: str) -> list[int]:
    """Offsets where `needle` stands as a whole figure (6万元 is not inside 246万元)."""
    out = []
    start = line.find(needle)
    while start >= 0:
        before = line[start - 1] if start else ""
        end = start + len(needle)
        after = line[end] if end < len(line) else ""
        if not (
            before.isdigit() or (before and before in ".．,") or (after.isdigit() and needle[-1].isdigit())
        ):
            out.append(start)
        start = line.find(needle, start + 1)
    return out


def _finds(lines: list[str], near: str, text: str, occurrence: int) -> int | None:
    key = squeeze(near)
    for i, line in enumerate(lines):
        if key in squeeze(line) and len(whole_matches(line, text)) >= occurrence:
            return i
    return None


def place(rendering: Rendering, slot: Slot) -> dict[str, object]:
    """line, text, occurrence and near of a placed slot (near None when none finds the line)."""
    index, column = rendering.where[id(slot)]
    line = rendering.lines[index]
    text = slot.text
    occurrence = sum(1 for p in whole_matches(line, text) if p < column) + 1
    near = next(
        (
            n
            for n in _near_candidates(line, column, text, slot.label)
            if n and _finds(rendering.lines, n, text, occurrence) == index
        ),
        None,
    )
    out: dict[str, object] = {"line": index + 1, "near": near, "text": text}
    if occurrence > 1:
        out["occurrence"] = occurrence
    return out


def _near_candidates(line: str, column: int, text: str, label: str) -> list[str]:
    """Short strings beside the figure, shortest first; the row label for a table cell."""
    # a leading 一、 may become Word list numbering in a DOCX: never rely on it
    before = _NUMBERING.sub("", line[:column]).rstrip()
    after = line[column + len(text) :].lstrip()
    out = []
    if label and label in line:
        out.append(label)
    for size in (4, 6, 8, 12, 16):
        piece = before[-size:].split("\t")[-1].strip()
        if len(squeeze(piece)) >= 2:
            out.append(piece)
    for size in (4, 8, 12):
        piece = after[:size].split("\t")[0].strip()
        if len(squeeze(piece)) >= 2:
            out.append(piece)
    out.append(text)  # the figure itself, where it is printed once
    if label and label in line:
        cells = line.split("\t")
        out.append("\t".join(cells[:2]) if len(cells) > 2 else label)
        out.append(line[: column + len(text)].strip())
    return out


def entry_dict(entry: Entry, rendering: Rendering) -> dict[str, object]:
    out: dict[str, object] = {"id": entry.id}
    if entry.rules:
        out["rule"] = entry.rules[0] if len(entry.rules) == 1 else entry.rules
        out["severity"] = entry.severity
        out["kind"] = entry.kind
    out.update(place(rendering, entry.slot))
    out["why"] = entry.why
    return out


def write(
    path: Path, header: dict[str, object], findings: list[Entry], negatives: list[Entry], rendering: Rendering
) -> None:
    """The sidecar; a finding without a unique `near` falls back to its whole line, counted
    among the lines that print it too (`near_line`: the second 总分 row of two score tables);
    a true negative without one is left out (in another format it could not be told from its
    twins)."""
    found = [entry_dict(e, rendering) for e in findings]
    for entry in found:
        if entry["near"] is None:
            index = int(entry["line"]) - 1  # type: ignore[call-overload]
            near = entry["near"] = rendering.lines[index].strip()
            occurrence = int(entry.get("occurrence", 1))  # type: ignore[call-overload]
            twins = sum(1 for line in rendering.lines[:index] if squeeze(near) in squeeze(line)
                        and len(whole_matches(line, str(entry["text"]))) >= occurrence)
            if twins:
                entry["near_line"] = twins + 1
    negatives_out = [d for d in (entry_dict(e, rendering) for e in negatives) if d["near"] is not None]
    data = {**header, "findings": found, "true_negatives": negatives_out}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110), encoding="utf-8")
