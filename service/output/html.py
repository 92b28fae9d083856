"""HTML output of `hecha check --format html` and of the API's report.html.

One document gives its full report page (service/output/report). Several give one page that
holds each document's report page in a frame of its own, so every report keeps its own
highlights, side list and keyboard navigation, and the file still works offline.
"""

from __future__ import annotations

from html import escape

from models import Report, message

from .report import render_report


def page(reports: list[tuple[str, Report]]) -> str:
    """The page for `(name, report)` pairs."""
    if len(reports) == 1:
        name, report = reports[0]
        return render_report(report, title=name)
    title = message("CLI_REPORT_TITLE")
    frames = "\n".join(
        f'<details{" open" if i == 0 else ""}><summary>{escape(name)} — '
        f"{len(report.findings)}</summary>"
        f'<iframe title="{escape(name)}" srcdoc="{escape(render_report(report, title=name))}">'
        "</iframe></details>"
        for i, (name, report) in enumerate(reports)
    )
    return (f'<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8">'
            f"<title>{title.zh} / {title.en}</title><style>"
            "body{font-family:sans-serif;margin:1em}iframe{width:100%;height:85vh;border:1px solid #ccc}"
            "summary{cursor:pointer;font-size:1.1em;margin:.4em 0}</style></head>\n"
            f"<body><h1>{title.zh} / {title.en}</h1>\n{frames}\n</body></html>")
