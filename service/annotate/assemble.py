"""Writing the output files from the parts, in path order, while the run is still going.

The outputs list documents in path order, so that two runs over the same files write the
same bytes. Documents finish in another order (several workers, a window of documents in
flight), so the `Assembler` holds the records that arrive early and writes, after each
one, the longest run of paths that are all known: the files grow while workers are busy,
and when the last document is in only the summary is left to draw. Writers write under
temporary names and are committed, all together, only by `finish`: a run killed half-way
leaves no output file half-written, and the next run assembles everything again from the
parts it keeps.

A part that cannot be read (deleted, damaged on disk) turns its record into a failure,
so that the next run processes the document again.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any

import rules
from models import message

from . import names, parts, reviews
from .formats import DocumentView, Writer
from .formats.brat import BratWriter
from .formats.doccano import DoccanoWriter
from .formats.documents import DocumentsWriter
from .formats.labelstudio import LabelStudioWriter
from .formats.memo import docx_writer, xlsx_writer
from .formats.table import CsvWriter, ParquetWriter
from .manifest import Record
from .names import FAILED, OK
from .summary import Summary


def writers(out: Path, formats: Sequence[str], config: rules.RulesProfile, lang: str = "zh",
            ) -> list[Writer]:
    """A writer per selected format, in the documented order (`lang`: of the exports)."""
    rule_ids = sorted(config.enabled())
    made: dict[str, Any] = {
        "jsonl": lambda: DocumentsWriter(out / names.DOCUMENTS),
        "parquet": lambda: ParquetWriter(out / names.FINDINGS_PARQUET),
        "csv": lambda: CsvWriter(out / names.FINDINGS_CSV),
        "labelstudio": lambda: LabelStudioWriter(out / names.LABELSTUDIO,
                                                 out / names.LABELSTUDIO_CONFIG, rule_ids,
                                                 f"hecha {version('hecha')}"),
        "doccano": lambda: DoccanoWriter(out / names.DOCCANO),
        "brat": lambda: BratWriter(out / names.BRAT, rule_ids),
        "xlsx": lambda: xlsx_writer(out / names.FINDINGS_XLSX, lang),
        "docx": lambda: docx_writer(out / names.MEMO_DOCX, lang),
    }
    return [made[f]() for f in names.FORMATS if f in formats]


class Assembler:
    """Takes every path's final record once (`offer`), writes documents in path order."""

    def __init__(self, out: Path, paths: Sequence[str], formats: Sequence[str],
                 config: rules.RulesProfile, verdicts: reviews.Verdicts | None = None,
                 lang: str = "zh") -> None:
        self.out = out
        self.verdicts = verdicts or {}
        self.order = sorted(paths)
        self.next = 0
        self.early: dict[str, Record] = {}
        self.writers = writers(out, formats, config, lang)
        self.summary = Summary()

    def offer(self, record: Record) -> None:
        """Take the final record of one path; write every document now in order."""
        self.early[record["path"]] = record
        while self.next < len(self.order) and self.order[self.next] in self.early:
            self._write(self.early.pop(self.order[self.next]))
            self.next += 1

    def _write(self, record: Record) -> None:
        if record["status"] == OK and not record.get("duplicate_of"):
            try:
                part = parts.read(self.out / names.PARTS, record["sha256"])
            except (OSError, ValueError) as exc:
                msg = message("E_INTERNAL", name=record["path"], detail=f"stored result: {exc}")
                record.update(status=FAILED, error_code="E_INTERNAL", error_zh=msg.zh,
                              error_en=msg.en)
            else:
                h = part.header
                findings = reviews.apply(h["sha256"], h["findings"], self.verdicts)
                doc = DocumentView(record["path"], h["name"], h["sha256"], h["unit"], h["year"],
                                   h["text"], findings, part.report_json)
                for writer in self.writers:
                    writer.add(doc)
                self.summary.add(doc)
        self.summary.add_record(record)

    def finish(self) -> int:
        """Commit every output; returns the number of findings written."""
        missing = self.order[self.next:]
        assert not missing, f"no record for {missing[:3]}"
        for writer in self.writers:
            writer.commit()
        self.summary.write(self.out / names.SUMMARY)
        return self.summary.findings

    def abort(self) -> None:
        """Drop the temporary outputs (the run failed or was interrupted)."""
        for writer in self.writers:
            writer.abort()
