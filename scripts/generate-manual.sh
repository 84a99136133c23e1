#!/usr/bin/env bash
# Regenerates docs/man/reserve-verifier.1 with swift-argument-parser's GenerateManual plugin
# (`swift package plugin generate-manual`), from the commands' own help; `--check` instead fails
# when the committed page differs from what the code generates (CI runs that).
# The date is fixed and the RESERVE_VERIFIER_* variables are cleared, so that the page shows the
# built-in defaults and is the same on every machine.
set -euo pipefail
cd "$(dirname "$0")/.."
env -u RESERVE_VERIFIER_CONFIG -u RESERVE_VERIFIER_KEYS -u RESERVE_VERIFIER_PROFILE -u RESERVE_VERIFIER_DB \
    -u RESERVE_VERIFIER_POLICY \
    swift package plugin generate-manual --date 2026-01-01 --configuration debug >/dev/null
generated=.build/plugins/GenerateManual/outputs/reserve-verifier/reserve-verifier.1
if [ "${1:-}" = "--check" ]; then
    if ! diff -u docs/man/reserve-verifier.1 "$generated"; then
        echo "docs/man/reserve-verifier.1 is out of date: run scripts/generate-manual.sh" >&2
        exit 1
    fi
    echo "docs/man/reserve-verifier.1 is current"
else
    mkdir -p docs/man
    cp "$generated" docs/man/reserve-verifier.1
    echo "wrote docs/man/reserve-verifier.1 (read it with: man ./docs/man/reserve-verifier.1)"
fi
