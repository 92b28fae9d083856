"""Label Studio: tasks with predictions (labelstudio.json) and the labeling config for them.

One task per document: `data.text` is the original text; `predictions[0].result` has, per
finding with a non-empty first evidence span, a `labels` region (the rule id as label)
and, under the same region id, a per-region `textarea` holding the message. Findings
without a span go to one document-level `textarea`.

Label Studio counts offsets in JavaScript string indices, i.e. UTF-16 code units: a
character outside the Basic Multilingual Plane (an emoji, a CJK Extension B character
such as 𠀀) counts two. Offsets here are converted from code points accordingly, so a
region after such a character still covers the right text.

Import: create a project with labelstudio_config.xml as its labeling interface, then
import labelstudio.json.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from html import escape
from pathlib import Path
from typing import Any

import orjson
import regex

from . import AtomicFile, DocumentView
from .stream import StreamFile

_ASTRAL = regex.compile(r"[\U00010000-\U0010FFFF]")
#: Names the tasks and the labeling config share.
LABEL, TEXT, NOTE, DOCUMENT_NOTE = "label", "text", "note", "document_note"


def utf16_offsets(text: str) -> Callable[[int], int]:
    """Maps a code-point offset of `text` to its UTF-16 code-unit offset."""
    astral = [m.start() for m in _ASTRAL.finditer(text)]
    if not astral:
        return lambda offset: offset
    return lambda offset: offset + bisect_left(astral, offset)


def note(finding: dict[str, Any]) -> str:
    return f"[{finding['severity']}] {finding['message_zh']} / {finding['message_en']}"


def task(doc: DocumentView, model_version: str) -> dict[str, Any]:
    """The Label Studio task of one document."""
    to16 = utf16_offsets(doc.text)
    result: list[dict[str, Any]] = []
    unplaced: list[str] = []
    for i, f in enumerate(doc.findings):
        if f["start"] is None or f["end"] <= f["start"]:
            unplaced.append(f"{f['rule']}: {note(f)}")
            continue
        region = {"start": to16(f["start"]), "end": to16(f["end"])}
        rid = f"hecha-{i}"
        result.append({"id": rid, "from_name": LABEL, "to_name": TEXT, "type": "labels",
                       "value": {**region, "text": f["quote"], "labels": [f["rule"]]}})
        result.append({"id": rid, "from_name": NOTE, "to_name": TEXT, "type": "textarea",
                       "value": {**region, "text": [note(f)]}})
    if unplaced:
        result.append({"id": "hecha-document", "from_name": DOCUMENT_NOTE, "to_name": TEXT,
                       "type": "textarea", "value": {"text": unplaced}})
    return {
        "data": {"text": doc.text, "document_id": doc.sha256, "path": doc.path,
                 "unit": doc.unit, "year": doc.year},
        "predictions": [{"model_version": model_version, "result": result}],
    }


def labeling_config(rule_ids: Sequence[str]) -> str:
    """The labeling interface the tasks are made for: one label per rule id."""
    labels = "\n".join(f'    <Label value="{escape(r)}"/>' for r in rule_ids)
    return (
        "<View>\n"
        "  <Style>.htx-text { white-space: pre-wrap; }</Style>\n"
        f'  <Labels name="{LABEL}" toName="{TEXT}">\n{labels}\n  </Labels>\n'
        f'  <Text name="{TEXT}" value="$text"/>\n'
        f'  <TextArea name="{NOTE}" toName="{TEXT}" perRegion="true" editable="true" rows="2"/>\n'
        f'  <TextArea name="{DOCUMENT_NOTE}" toName="{TEXT}" editable="true" rows="3"/>\n'
        "</View>\n"
    )


class LabelStudioWriter:
    """A JSON array of tasks, written one task at a time."""

    def __init__(self, path: Path, config_path: Path, rule_ids: Sequence[str],
                 model_version: str) -> None:
        self.out = StreamFile(path)
        self.config = AtomicFile(config_path, encoding="utf-8")
        self.config.file.write(labeling_config(rule_ids))
        self.model_version = model_version
        self.first = True
        self.out.write(b"[")

    def add(self, doc: DocumentView) -> None:
        self.out.write(b"\n" if self.first else b",\n")
        self.first = False
        self.out.write(orjson.dumps(task(doc, self.model_version)))

    def commit(self) -> None:
        self.out.write(b"\n]\n")
        self.out.commit()
        self.config.commit()

    def abort(self) -> None:
        self.out.abort()
        self.config.abort()
