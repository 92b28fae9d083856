"""findings.xlsx and findings.docx: the run's audit exports (service/output/memo.py), a row
per finding and a 核查意见 with a part per document, each with its reviewer's verdict from
--reviews. Only each document's `Memo` is kept until the run commits, never its report."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from models import Report

from ...output.memo import Memo, memo, memos_docx, memos_xlsx
from ...storage.reviews import Verdict
from . import AtomicFile, DocumentView


class MemoWriter:
    """Collects each document's Memo; `commit` writes the file with `write`."""

    def __init__(self, path: Path, write: Callable[[Sequence[Memo], str], bytes], lang: str) -> None:
        self.path, self.write, self.lang = path, write, lang
        self.memos: list[Memo] = []

    def add(self, doc: DocumentView) -> None:
        report = Report.model_validate_json(bytes(doc.report_json))
        verdicts = {row["finding_id"]: Verdict(row["finding_id"], row["review_status"], row["review_note"],
                                               None, None)
                    for row in doc.findings if row.get("finding_id") and row.get("review_status") != "open"}
        self.memos.append(memo((doc.path, report, verdicts), self.lang))

    def commit(self) -> None:
        out = AtomicFile(self.path, "wb")
        try:
            out.file.write(self.write(self.memos, self.lang))
        except BaseException:
            out.abort()
            raise
        out.commit()

    def abort(self) -> None:
        self.memos.clear()


def xlsx_writer(path: Path, lang: str) -> MemoWriter:
    return MemoWriter(path, memos_xlsx, lang)


def docx_writer(path: Path, lang: str) -> MemoWriter:
    return MemoWriter(path, memos_docx, lang)
