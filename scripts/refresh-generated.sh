#!/usr/bin/env bash
# Regenerates the outputs that tests compare byte for byte, after an intended change:
#   - docs/RULES.md's rules table (between <!-- rules:begin --> and <!-- rules:end -->)
#   - Tests/CLITests/Golden/kizuna-yen.json (the JSON report of the Kizuna Yen sample)
#   - docs/schemas/reserve-attestation.schema.json (the format's JSON Schema, from AttestationFields)
# Read the diff before committing: a golden file is only as good as the eye that checked it.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -q --product reserve-verifier
RV="$(swift build --show-bin-path)/reserve-verifier"

rules=$(mktemp)
"$RV" rules --format markdown > "$rules"
python3 - "$rules" <<'PY'
import sys
rules = open(sys.argv[1]).read()
page = open("docs/RULES.md").read()
begin, end = "<!-- rules:begin -->\n", "<!-- rules:end -->"
head, rest = page.split(begin, 1)
_, tail = rest.split(end, 1)
open("docs/RULES.md", "w").write(head + begin + rules + end + tail)
PY
rm -f "$rules"

"$RV" schema > docs/schemas/reserve-attestation.schema.json

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r attestations keys "$work/"
(cd "$work" && "$RV" verify attestations/kizuna-yen --format json --at 2026-11-22T00:00:00Z --quiet) > Tests/CLITests/Golden/kizuna-yen.json
echo "refreshed the rules table in docs/RULES.md, docs/schemas/reserve-attestation.schema.json and Tests/CLITests/Golden/kizuna-yen.json"
