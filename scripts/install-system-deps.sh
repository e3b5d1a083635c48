#!/usr/bin/env bash
# Installs the Debian tools tdkt can use, when missing. Needs root (or sudo) and apt-get;
# elsewhere it says what is missing and carries on: tdkt then reports, per file, what it cannot read.
set -euo pipefail
need=()
command -v soffice   >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr tesseract-ocr-vie)
[ -f /usr/share/tesseract-ocr/5/tessdata/vie.traineddata ] || [ -f /usr/share/tesseract-ocr/4.00/tessdata/vie.traineddata ] || need+=(tesseract-ocr-vie)
command -v chromium  >/dev/null 2>&1 || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v pdftoppm  >/dev/null 2>&1 || need+=(poppler-utils)
fc-list 2>/dev/null | grep -qi "liberation" || need+=(fonts-liberation)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "Thiếu công cụ hệ thống (cần quyền root để cài): ${need[*]}" >&2; exit 0; fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Không có apt-get; hãy tự cài: ${need[*]}" >&2; exit 0
fi
echo "Cài công cụ hệ thống: ${need[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
