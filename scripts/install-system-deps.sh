#!/usr/bin/env bash
# System packages the tests need, from Debian: a CJK font (fonts-wqy-microhei) to render the
# PDF format fixtures (corpora/make_fixtures.py) and the report page, and chromium for the
# end-to-end tests (Playwright drives /usr/bin/chromium; its own browser download is not
# available here). Everything else comes from pip: pypdfium2 bundles PDFium,
# rapidocr-onnxruntime its OCR models. Does nothing when all are there; needs root (apt-get)
# otherwise. Without them the PDF and browser tests skip (under CI=true, the browser ones fail).
set -euo pipefail
need=()
fc-list 2>/dev/null | grep -qi "wqy\|noto.*cjk" || need+=(fonts-wqy-microhei)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
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
