"""While a document is read by OCR, its reader reports each page to `Limits.progress`, and
the command line turns that into a page counter on stderr: one rewritten line on a
terminal, a line every few pages elsewhere. The OCR is simulated where the engine does not
matter; the end-to-end test reads the scanned fixture with the real one."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

import extractor
from extractor.readers import Limits, ocr
from models import DocumentError
from service.core.progress import ocr_progress

ROOT = Path(__file__).resolve().parents[3]


def _tiff(pages: int) -> bytes:
    from PIL import Image

    frames = [Image.new("L", (200, 280), 255) for _ in range(pages)]
    out = io.BytesIO()
    frames[0].save(out, "TIFF", save_all=True, append_images=frames[1:])
    return out.getvalue()


@pytest.fixture
def fake_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "engine", lambda name, pages: object())
    monkeypatch.setattr(ocr, "recognise", lambda engine, image, scale: ([], []))


@pytest.mark.parametrize("sandbox", [False, True])
def test_each_page_of_ocr_is_reported_and_its_end(fake_ocr, tmp_path, sandbox):
    log = tmp_path / "progress.log"

    def progress(done: int, total: int) -> None:  # in the reader's process: through a file
        with open(log, "a", encoding="ascii") as f:
            f.write(f"{done}/{total}\n")

    limits = Limits(progress=progress, sandbox=sandbox)
    with pytest.raises(DocumentError):  # blank pages: no text to read
        extractor.extract(_tiff(3), "scan.tiff", limits=limits)
    assert log.read_text("ascii").split() == ["0/3", "1/3", "2/3", "3/3"]


def test_the_counter_on_a_terminal_rewrites_one_line_and_erases_it():
    out = io.StringIO()
    report = ocr_progress("scan.pdf", tty=True, stream=out)
    for done in range(3):
        report(done, 3)
    report(3, 3)
    text = out.getvalue()
    assert "\n" not in text and text.endswith("\r\x1b[K")
    assert text.count("\r") == 4
    assert "\rhecha: 正在识别（OCR）第 3/3 页：scan.pdf / OCR page 3/3: scan.pdf\x1b[K" in text


def test_elsewhere_one_line_every_ten_pages():
    out = io.StringIO()
    report = ocr_progress("scan.pdf", tty=False, stream=out)
    for done in range(26):
        report(done, 25)
    assert out.getvalue().splitlines() == [
        f"hecha: 正在识别（OCR）第 {page}/25 页：scan.pdf / OCR page {page}/25: scan.pdf"
        for page in (1, 11, 21)]


def test_hecha_check_shows_the_counter_on_a_terminal(format_fixtures):
    scan = format_fixtures.scan
    if scan is None:
        pytest.skip("no scanned fixture (no CJK font)")
    pytest.importorskip("rapidocr_onnxruntime")
    controller, terminal = pty.openpty()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    try:
        done = subprocess.run([sys.executable, "-m", "service.cli", "check", "--fail-on", "never", str(scan)],
                              stdout=subprocess.PIPE, stderr=terminal, env=env, timeout=300)
        os.close(terminal)
        terminal = -1
        said = b""
        while True:
            try:
                chunk = os.read(controller, 1 << 16)
            except OSError:  # the terminal's other end is closed: all read
                break
            if not chunk:
                break
            said += chunk
    finally:
        os.close(controller)
        if terminal >= 0:
            os.close(terminal)
    err = said.decode("utf-8")
    assert done.returncode == 0
    assert f"\rhecha: 正在识别（OCR）第 1/1 页：{scan} / OCR page 1/1: {scan}\x1b[K" in err
    assert "\r\x1b[K" in err and "OCR" not in done.stdout.decode("utf-8")  # stdout stays the report's
