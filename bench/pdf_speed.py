"""PDF speed: pages per second and seconds per document, text-layer PDFs and scanned ones.

The text-layer report is 20 A4 pages rendered from the seeds by the fixture generator
(corpora/make_make_fixtures.py: seed 003, then seed 000, embedded CJK font, ruled tables,
running headers and footers), cut to `--pages`. Each run is the whole job on the file's
bytes: format detection, reading in the sandboxed child (PDFium, layout), extraction and
every rule (`rules.check`). The scanned report is `--scan-pages` pages of the same file,
from its fourth page (a table), rasterised at 150 dpi and read by OCR; OCR is slow on a
CPU, so fewer pages are timed and the per-document figure is their average per page times
`--pages`. CPU seconds (this process and the reader child) are given beside wall time, as
a shared machine's load inflates the latter.

    python -m bench.pdf_speed [--pages 20] [--runs 5] [--scan-pages 1]

The target is a 20-page text-layer report fully checked in under 1 s.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

import corpora
from corpora import make_fixtures

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "bench"


def build(pages: int, scan_pages: int) -> tuple[Path, Path]:
    """A `pages`-page text-layer PDF and its first `scan_pages` pages as a scan."""
    import pypdfium2

    OUT.mkdir(parents=True, exist_ok=True)
    full = OUT / "report.full.pdf"
    text_pdf = OUT / f"report.{pages}p.pdf"
    scan_pdf = OUT / f"report.{scan_pages}p.scan.pdf"
    if not full.exists():
        lines = make_fixtures.seed_lines()
        lines += ["", *corpora.seed("000").read_text(encoding="utf-8").split("\n")]
        make_fixtures.make_pdf(make_fixtures.blocks(lines), full, make_fixtures.find_font())
    # the scan starts at page 4: a table and its caption, figures to read
    for target, first, count in ((text_pdf, 0, pages), (OUT / "scan.source.pdf", 3, scan_pages)):
        source = pypdfium2.PdfDocument(str(full))
        cut = pypdfium2.PdfDocument.new()
        cut.import_pages(source, list(range(first, min(first + count, len(source)))))
        cut.save(str(target))
        cut.close()
        source.close()
    make_fixtures.make_scan(OUT / "scan.source.pdf", scan_pdf)
    return text_pdf, scan_pdf


CPU: list[float] = []  # CPU seconds of each timed run, this process and its reader children


def _cpu() -> float:
    """CPU seconds used so far by this process and the reader processes it waited for."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def time_document(data: bytes, name: str, runs: int) -> tuple[list[float], list[float], int, int]:
    """Seconds per run for the whole check, and for reading alone; pages; claims."""
    import extractor
    import rules
    from extractor import readers

    config = rules.load_profile()
    x = extractor.extract(data, name)  # warm up: imports, lexicon, jieba
    rules.check(x.document, x.claims, config)
    totals, reads, cpus = [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        cpu = _cpu()
        x = extractor.extract(data, name)
        rules.check(x.document, x.claims, config)
        totals.append(time.perf_counter() - start)
        cpus.append(_cpu() - cpu)
        start = time.perf_counter()
        readers.read(data, name)
        reads.append(time.perf_counter() - start)
    CPU.extend(cpus)
    return totals, reads, len(x.document.pages), len(x.claims)


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=20, help="pages of the text-layer report")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of the text-layer report")
    parser.add_argument("--scan-pages", type=int, default=1, help="pages read by OCR (0: none)")
    args, _ = parser.parse_known_args(argv)
    text_pdf, scan_pdf = build(args.pages, max(args.scan_pages, 1))
    totals, reads, pages, claims = time_document(text_pdf.read_bytes(), text_pdf.name, args.runs)
    best, median = min(totals), statistics.median(totals)
    cpu = statistics.median(CPU)
    print(f"pdf, text layer: {pages} pages, {claims} claims; fully checked in {median:.3f} s per "
          f"document (median of {args.runs}; best {best:.3f} s; {cpu:.3f} s of CPU), of which "
          f"reading {statistics.median(reads):.3f} s; {pages / median:.1f} pages/s; "
          f"target < 1 s: {'met' if median < 1 else 'NOT met'}")
    results = {"text_seconds": median, "text_pages_per_second": pages / median}
    if args.scan_pages:
        totals, _, scanned, claims = time_document(scan_pdf.read_bytes(), scan_pdf.name, 1)
        per_page = totals[0] / scanned
        print(f"pdf, scanned (OCR): {scanned} page(s), {claims} claims; {per_page:.1f} s per page, "
              f"{1 / per_page:.3f} pages/s; a {args.pages}-page scanned report ≈ "
              f"{per_page * args.pages:.0f} s")
        results |= {"scan_seconds_per_page": per_page, "scan_pages_per_second": 1 / per_page}
    sys.stdout.flush()
    return results


if __name__ == "__main__":
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    main()
