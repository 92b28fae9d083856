"""Files that must be refused with a catalogued error, quickly, and never with a traceback:
encrypted and page-less PDFs, zip bombs, macros, a million empty rows, a parser that loops
or eats memory, damaged files. A batch (the CLI) reports each on one line and goes on.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from decimal import Decimal

import pytest

import extractor
from extractor import readers
from extractor.readers import Limits
from extractor.readers.sandbox import run_limited
from models import DocumentError
from service.cli import main


def refused(data: bytes, name: str = "bad", seconds: float = 10.0, **kw) -> DocumentError:
    """The DocumentError reading `data` raises, within `seconds`."""
    start = time.perf_counter()
    with pytest.raises(DocumentError) as info:
        extractor.extract(data, name, **kw)
    assert time.perf_counter() - start < seconds
    return info.value


def minimal_pdf(*objects: bytes) -> bytes:
    out = b"%PDF-1.4\n"
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n"
            f"%%EOF\n").encode()
    return out


def simple_pdf(text: str = "Total 123.45", **encryption: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.text(20, 20, text)
    if encryption:
        pdf.set_encryption(**encryption)
    return bytes(pdf.output())


def rezip(data: bytes, replace: dict[str, bytes] | None = None,
          add: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, (replace or {}).get(info.filename, src.read(info)))
        for member, content in (add or {}).items():
            dst.writestr(member, content)
    return out.getvalue()


def xlsx_bytes() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["收入支出决算总表"])
    sheet.append(["项目", "决算数"])
    sheet.append(["本年收入合计", 500.57])
    sheet["B3"].number_format = "0.00"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- PDF ------------------------------------------------------------------------------------


def test_encrypted_pdf():
    error = refused(simple_pdf(owner_password="owner", user_password="user"), "secret.pdf")
    assert error.code == "E_PDF_ENCRYPTED"
    assert "secret.pdf" in error.msg.zh and "password" in error.msg.en


def test_pdf_with_only_an_owner_password_is_read():
    x = extractor.extract(simple_pdf(owner_password="owner"), "owner.pdf")
    assert "123.45" in x.document.original


def test_pdf_without_pages():
    pdf = minimal_pdf(b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>")
    assert refused(pdf).code == "E_PDF_EMPTY"


def test_pdf_whose_page_tree_is_a_cycle():
    pdf = minimal_pdf(b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>")
    assert refused(pdf).code == "E_CORRUPT"


@pytest.mark.parametrize("data", [b"%PDF-1.7\n" + b"\x00garbage" * 200, b"%PDF-1.4\n1 0 obj\n<<"])
def test_damaged_pdf(data):
    error = refused(data, "broken.pdf")
    assert error.code == "E_CORRUPT" and "PDF" in error.msg.en


def test_a_looping_parser_is_stopped_at_the_deadline(monkeypatch):
    """A PDF whose parsing never ends (simulated: the reader loops) costs the time limit."""
    from extractor.readers import pdf

    def loop(*args: object) -> None:
        while True:
            pass

    monkeypatch.setattr(pdf, "read_pdf", loop)
    start = time.perf_counter()
    error = refused(simple_pdf(), "loop.pdf", limits=Limits(seconds=1.0))
    assert error.code == "E_READ_TIMEOUT"
    assert time.perf_counter() - start < 5
    assert "1" in error.msg.en and "loop.pdf" in error.msg.en


def test_a_reader_that_eats_memory_is_stopped():
    def hog(budget: object) -> bytes:
        return b"x" * (2 * 1024 * 1024 * 1024)

    with pytest.raises(DocumentError) as info:
        run_limited(hog, name="hog.pdf", kind="PDF", seconds=20, memory_mb=256)
    assert info.value.code in ("E_READ_MEMORY", "E_READ_CRASHED")


def test_without_fork_the_deadline_still_holds():
    def sleepy(budget: object) -> None:
        time.sleep(3)

    start = time.perf_counter()
    with pytest.raises(DocumentError) as info:
        run_limited(sleepy, name="slow", kind="PDF", seconds=0.5, memory_mb=64, fork=False)
    assert info.value.code == "E_READ_TIMEOUT" and time.perf_counter() - start < 2


def test_reader_crash_becomes_a_corrupt_file_error():
    def crash(budget: object) -> None:
        raise IndexError("list index out of range")

    with pytest.raises(DocumentError) as info:
        run_limited(crash, name="odd.xlsx", kind="XLSX", seconds=5, memory_mb=64)
    assert info.value.code == "E_CORRUPT" and "IndexError" in info.value.msg.en


# --- zip containers ----------------------------------------------------------------------


def test_docx_zip_bomb_is_refused_before_unpacking(format_fixtures):
    bomb = rezip(format_fixtures.docx.read_bytes(),
                 replace={"word/document.xml": b"<w:document>" + b" " * (40 << 20) + b"</w:document>"})
    assert len(bomb) < 1 << 20
    error = refused(bomb, "bomb.docx", seconds=5)
    assert error.code == "E_ZIP_BOMB" and "word/document.xml" in error.msg.en


def test_zip_bomb_by_total_size(format_fixtures):
    data = rezip(format_fixtures.docx.read_bytes(), add={"word/media/blob.bin": b"\x00" * (3 << 20)})
    error = refused(data, "big.docx", limits=Limits(max_unzipped=2 << 20, max_ratio=10_000))
    assert error.code == "E_ZIP_BOMB"


@pytest.mark.parametrize(("fixture", "member"), [("docx", "word/vbaProject.bin"),
                                                 ("xlsx", "xl/vbaProject.bin")])
def test_macro_enabled_files_are_refused(format_fixtures, fixture, member):
    data = rezip(getattr(format_fixtures, fixture).read_bytes(), add={member: b"\xd0\xcf\x11\xe0" * 8})
    error = refused(data, f"macro.{fixture[:-1]}m")
    assert error.code == "E_MACRO" and "vbaProject.bin" in error.msg.en and "宏" in error.msg.zh


def test_macro_enabled_content_type_is_refused(format_fixtures):
    data = format_fixtures.docx.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        types = z.read("[Content_Types].xml").replace(
            b"wordprocessingml.document.main+xml", b"macroEnabled.main+xml")
    assert refused(rezip(data, replace={"[Content_Types].xml": types})).code == "E_MACRO"


def test_xls_with_vba_project_is_refused(format_fixtures):
    if format_fixtures.xls is None:
        pytest.skip("no xls fixture (xlwt missing)")
    data = format_fixtures.xls.read_bytes() + "_VBA_PROJECT_CUR".encode("utf-16-le")
    assert refused(data, "macro.xls").code == "E_MACRO"


def test_truncated_docx_is_damaged(format_fixtures):
    assert refused(format_fixtures.docx.read_bytes()[:4000], "cut.docx").code == "E_CORRUPT"


def _zip_version(data: bytes, version: int) -> bytes:
    """`data` with every header's "version needed to extract" set to `version`."""
    out = bytearray(data)
    for signature, at in ((b"PK\x03\x04", 4), (b"PK\x01\x02", 6)):
        i = out.find(signature)
        while i >= 0:
            out[i + at:i + at + 2] = version.to_bytes(2, "little")
            i = out.find(signature, i + 4)
    return bytes(out)


def test_zip_of_a_version_zipfile_cannot_extract_is_damaged(format_fixtures):
    # "zip file version 9.9": NotImplementedError from zipfile, once raised in detection
    data = _zip_version(format_fixtures.docx.read_bytes(), 99)
    assert readers.detect(data) == "docx"
    assert refused(data, "v99.docx").code == "E_CORRUPT"


def test_xlsx_with_a_million_empty_rows_reads_its_data_quickly():
    base = xlsx_bytes()
    with zipfile.ZipFile(io.BytesIO(base)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    sheet = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', sheet)
    rows = b"".join(b'<row r="%d"><c r="A%d" s="0"/></row>' % (r, r) for r in range(4, 1_000_004))
    data = rezip(base, replace={"xl/worksheets/sheet1.xml": sheet.replace(b"</sheetData>",
                                                                          rows + b"</sheetData>")})
    start = time.perf_counter()
    x = extractor.extract(data, "million.xlsx")
    assert time.perf_counter() - start < 10
    assert x.document.original == "收入支出决算总表\n\n项目\t决算数\n本年收入合计\t500.57\n"
    assert [c.quantity.value for c in x.claims] == [Decimal("500.57")]  # not the float's


def test_too_many_cells_is_refused():
    assert refused(xlsx_bytes(), limits=Limits(max_cells=4)).code == "E_TOO_MANY_CELLS"


# --- other formats --------------------------------------------------------------------------


@pytest.mark.parametrize(("data", "kind"), [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") + b"\x00" * 600, "doc"),
    ("{\\rtf1\\ansi 2020年}".encode(), "RTF"),
    (rezip(xlsx_bytes(), add={"ppt/presentation.xml": b"<p/>"}).replace(b"xl/workbook.xml",
                                                                       b"xl/workbook.xmX"),
     "PowerPoint"),
])
def test_unsupported_formats(data, kind):
    error = refused(data, "old")
    assert error.code == "E_FORMAT" and kind in error.msg.en


def test_encrypted_office_file():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 600
    assert refused(data).code == "E_ENCRYPTED"


def test_broken_images():
    error = refused(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64 + b"IHDR" + bytes(range(256)), "scan.png")
    assert error.code == "E_BINARY"  # no decoder knows it: binary data, as before images
    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (400, 300), 255).save(out, "PNG")
    error = refused(out.getvalue()[:200], "cut.png")
    assert error.code == "E_CORRUPT" and "image" in error.msg.en


def test_html_without_text():
    assert refused(b"<html><body><script>var a = 1;</script></body></html>").code == "E_NO_TEXT"


def test_every_reader_error_code_is_catalogued():
    from models.messages import codes

    for code in ("E_FORMAT", "E_CORRUPT", "E_PDF_ENCRYPTED", "E_ENCRYPTED", "E_PDF_EMPTY",
                 "E_TOO_MANY_PAGES", "E_TOO_MANY_CELLS", "E_NO_TEXT", "E_ZIP_BOMB", "E_MACRO",
                 "E_READ_TIMEOUT", "E_READ_MEMORY", "E_READ_CRASHED", "E_OCR_UNAVAILABLE",
                 "E_IMAGE_TOO_LARGE"):
        assert code in codes()


def test_the_cli_reports_each_bad_file_on_one_line_and_goes_on(capsys, tmp_path, format_fixtures):
    bad = {"secret.pdf": simple_pdf(owner_password="o", user_password="u"),
           "bomb.docx": rezip(format_fixtures.docx.read_bytes(),
                              replace={"word/document.xml": b" " * (20 << 20)})}
    paths = []
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    status = main(["check", "--format", "json", *paths, str(format_fixtures.html)])
    out, err = capsys.readouterr()
    assert status == 2 and "Traceback" not in err
    assert len(err.splitlines()) == 2
    assert "encrypted" in err and "unpack to too much" in err
    assert len(out.splitlines()) == 1 and '"source_format":"html"' in out


def test_detection_is_by_content_not_name(format_fixtures):
    assert readers.detect(format_fixtures.docx.read_bytes()) == "docx"
    x = extractor.extract(format_fixtures.docx.read_bytes(), "report.txt")
    assert x.document.source_format == "docx"
    x = extractor.extract(format_fixtures.text.read_bytes(), "report.pdf")
    assert x.document.source_format == "text"
