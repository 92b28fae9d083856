#!/usr/bin/env bash
# System packages the format fixtures need (corpora/make_fixtures.py): a CJK font to render
# the PDF fixtures with (Debian's fonts-wqy-microhei). Everything else the readers use comes
# from pip: pypdfium2 bundles PDFium, rapidocr-onnxruntime its OCR models. Does nothing when
# the font is there; needs root (apt-get) otherwise. Without it the PDF tests skip.
set -euo pipefail
need=()
fc-list 2>/dev/null | grep -qi "wqy\|noto.*cjk" || need+=(fonts-wqy-microhei)
if [ ${#need[@]} -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "install-system-deps: need root to apt-get install ${need[*]}" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
