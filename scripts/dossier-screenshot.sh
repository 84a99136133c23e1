#!/usr/bin/env bash
# Makes the picture of a coin dossier in docs/COMMITTEE.md (docs/images/dossier.png): the shipped samples are
# recorded twice in a scratch ledger (on 21 November 2026, then on 1 January 2027, when they are
# stale: a history with a verdict change), Kizuna Yen's dossier is written as of 22 November, and
# headless Chromium takes a screenshot of its first screen.
#
#   scripts/dossier-screenshot.sh [OUTPUT.png]
#
# Needs chromium (Debian: apt-get install chromium). Deterministic inputs (--at); the picture may
# still differ by a pixel between Chromium versions.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/images/dossier.png}"
chromium="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
if [ -z "$chromium" ]; then
    echo "chromium is not installed (Debian: apt-get install chromium)" >&2
    exit 1
fi
swift build --product reserve-verifier >/dev/null
bin="$(swift build --show-bin-path)/reserve-verifier"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r attestations keys "$work/"
(
    cd "$work"
    "$bin" verify attestations --at 2026-11-21T00:00:00Z >/dev/null || true
    "$bin" verify attestations --at 2027-01-01T00:00:00Z >/dev/null || true
    "$bin" report attestations/kizuna-yen --out dossiers --at 2026-11-22T00:00:00Z >/dev/null
)
sandbox=()
[ "$(id -u)" -eq 0 ] && sandbox=(--no-sandbox)
mkdir -p "$(dirname "$out")"
"$chromium" --headless "${sandbox[@]}" --disable-gpu --hide-scrollbars --user-data-dir="$work/profile" \
    --window-size=1000,1300 --screenshot="$PWD/$out" "file://$work/dossiers/kizuna-yen-2026-10-31.html" 2>/dev/null
echo "wrote $out"
