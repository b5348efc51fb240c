#!/usr/bin/env bash
# Makes sure Debian's chromium is at /usr/bin/chromium, with a font that has Chinese glyphs, for
# the HTML report test (test/report-html.test.ts drives it with playwright-core). That test
# fails, rather than skips, without a browser, so `npm test` runs this first. When both are
# there it does nothing; otherwise it installs them with apt-get, which needs root.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
# Without a CJK font, Chinese renders as empty boxes in screenshots and PDFs printed here.
CJK_FONT_PACKAGE=fonts-noto-cjk

missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=zh family 2>/dev/null | head -n 1)" ]; then
  missing+=("$CJK_FONT_PACKAGE")
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-chromium: missing ${missing[*]}; installing needs root." >&2
  echo "ensure-chromium: run this script as root, or: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: missing ${missing[*]} and apt-get is not available: install Chromium at $CHROMIUM and a CJK font by hand." >&2
  exit 1
fi

echo "ensure-chromium: installing ${missing[*]} with apt-get…" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

if [ ! -x "$CHROMIUM" ]; then
  echo "ensure-chromium: apt-get finished but $CHROMIUM is still missing." >&2
  exit 1
fi
echo "ensure-chromium: ready: $("$CHROMIUM" --version 2>/dev/null || echo chromium)." >&2
