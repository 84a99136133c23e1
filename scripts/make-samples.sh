#!/usr/bin/env bash
# Regenerates the signed sample attestations in attestations/ and their trust store in keys/.
#
# Inputs: the unsigned payloads in samples/payloads/ (fictional issuers). The sample private keys
# live in samples/private-keys-SAMPLE-ONLY/ and are made here on the first run; they sign these
# fictional samples and nothing else, and must never be trusted for anything real.
#
# Envelopes made, one of each kind the verifier reads:
#   sakura-pay    DSSE, ECDSA P-256, signed with `reserve-verifier sign`
#   kizuna-yen    DSSE, Ed25519 issuer + ECDSA P-384 custodian co-signature (policy: both required)
#   harbor-usd    JWS compact, PS256 (RSA-2048), made with the openssl command-line tool
#   tideline-usd  detached X.json + X.json.sig, ECDSA P-256, made with `openssl dgst -sign`
#   tampered/     an altered payload under a valid signature, and a payload signed by another issuer's key
set -euo pipefail
cd "$(dirname "$0")/.."

swift build -q --product reserve-verifier
RV="$(swift build --show-bin-path)/reserve-verifier"
PRIV=samples/private-keys-SAMPLE-ONLY
PAY=samples/payloads
PUB=$(mktemp -d)
trap 'rm -rf "$PUB"' EXIT
mkdir -p "$PRIV"

genkey() {
    local name=$1
    shift
    [ -f "$PRIV/$name.pem" ] || openssl genpkey "$@" -out "$PRIV/$name.pem" 2>/dev/null
    openssl pkey -in "$PRIV/$name.pem" -pubout -out "$PUB/$name.pem"
}
genkey sakura-issuer -algorithm EC -pkeyopt ec_paramgen_curve:P-256
genkey kizuna-issuer -algorithm ED25519
genkey kizuna-custodian -algorithm EC -pkeyopt ec_paramgen_curve:P-384
genkey harbor-issuer -algorithm RSA -pkeyopt rsa_keygen_bits:2048
genkey tideline-issuer -algorithm EC -pkeyopt ec_paramgen_curve:P-256

# The trust store, rebuilt from nothing.
rm -rf keys
mkdir -p keys
window=(--not-before 2026-01-01T00:00:00Z --not-after 2027-12-31T23:59:59Z)
"$RV" keys add --keys keys --issuer sakura-pay --role issuer "${window[@]}" "$PUB/sakura-issuer.pem" >/dev/null
"$RV" keys add --keys keys --issuer kizuna-yen --role issuer "${window[@]}" "$PUB/kizuna-issuer.pem" >/dev/null
"$RV" keys add --keys keys --issuer kizuna-yen --role custodian "${window[@]}" "$PUB/kizuna-custodian.pem" >/dev/null
"$RV" keys require --keys keys --issuer kizuna-yen issuer custodian >/dev/null
harbor_kid=$("$RV" keys add --keys keys --issuer harbor-usd --role issuer --algorithm rsa-pss-sha256 "${window[@]}" "$PUB/harbor-issuer.pem")
"$RV" keys add --keys keys --issuer tideline-usd --role issuer "${window[@]}" "$PUB/tideline-issuer.pem" >/dev/null

# Signed samples.
A=attestations
rm -rf "$A/sakura-pay" "$A/kizuna-yen" "$A/harbor-usd" "$A/tideline-usd" "$A/tampered"
mkdir -p "$A/sakura-pay" "$A/kizuna-yen" "$A/harbor-usd" "$A/tideline-usd" "$A/tampered"

"$RV" sign --key "$PRIV/sakura-issuer.pem" "$PAY/sakura-pay-2026-10.json" > "$A/sakura-pay/sakura-pay-2026-10.dsse.json"

"$RV" sign --key "$PRIV/kizuna-issuer.pem" "$PAY/kizuna-yen-2026-10.json" > "$PUB/kizuna-issuer-only.dsse.json"
"$RV" sign --key "$PRIV/kizuna-custodian.pem" --cosign "$PUB/kizuna-issuer-only.dsse.json" > "$A/kizuna-yen/kizuna-yen-2026-10.dsse.json"

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
header=$(printf '{"alg":"PS256","kid":"%s","typ":"application/vnd.reserve-attestation.v1+json"}' "$harbor_kid" | b64url)
payload=$(b64url < "$PAY/harbor-usd-2026-10.json")
signature=$(printf '%s.%s' "$header" "$payload" |
    openssl dgst -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32 -sigopt rsa_mgf1_md:sha256 \
        -sign "$PRIV/harbor-issuer.pem" | b64url)
printf '%s.%s.%s\n' "$header" "$payload" "$signature" > "$A/harbor-usd/harbor-usd-2026-10.jws"

cp "$PAY/tideline-usd-2026-10.json" "$A/tideline-usd/tideline-usd-2026-10.json"
openssl dgst -sha256 -sign "$PRIV/tideline-issuer.pem" -out "$A/tideline-usd/tideline-usd-2026-10.json.sig" "$PAY/tideline-usd-2026-10.json"

# Tampered: the Sakura Pay envelope with its government bonds inflated after signing (the
# signature is left as it was), and the Kizuna Yen payload signed by Harbor's key.
python3 - "$A/sakura-pay/sakura-pay-2026-10.dsse.json" "$A/tampered/sakura-pay-2026-10-altered-payload.dsse.json" <<'PY'
import base64, json, sys
envelope = json.load(open(sys.argv[1]))
payload = base64.b64decode(envelope["payload"])
altered = payload.replace(b'"value": "9600000000"', b'"value": "9900000000"')
assert altered != payload
envelope["payload"] = base64.b64encode(altered).decode()
open(sys.argv[2], "w").write(json.dumps(envelope, indent=2, sort_keys=True) + "\n")
PY
"$RV" sign --key "$PRIV/harbor-issuer.pem" "$PAY/kizuna-yen-2026-10.json" > "$A/tampered/kizuna-yen-2026-10-signed-by-other-issuer.dsse.json"

echo "samples written to $A/ and keys/"
