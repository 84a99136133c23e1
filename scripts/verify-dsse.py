#!/usr/bin/env python3
"""Verifies a DSSE envelope (a ledger checkpoint, a withdrawal statement or a verification record)
with an independent DSSE implementation, Python's securesystemslib, against a PEM public key.
A verification record's payload type is application/vnd.in-toto+json: pass it as PAYLOAD_TYPE.

    python3 scripts/verify-dsse.py ENVELOPE.json PUBLIC.pem [PAYLOAD_TYPE]

Prints the payload and exits 0 when a signature verifies; exits 1 otherwise. The key id is the
lowercase hex SHA-256 of the key's SubjectPublicKeyInfo DER, as reserve-verifier computes it.
"""
import hashlib
import json
import sys

from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat, load_pem_public_key
from securesystemslib.dsse import Envelope
from securesystemslib.signer import SSlibKey


def main() -> int:
    if len(sys.argv) not in (3, 4):
        print(__doc__, file=sys.stderr)
        return 64
    with open(sys.argv[1], "rb") as f:
        envelope = Envelope.from_dict(json.load(f))
    with open(sys.argv[2], "rb") as f:
        public = load_pem_public_key(f.read())
    if len(sys.argv) == 4 and envelope.payload_type != sys.argv[3]:
        print(f"payload type {envelope.payload_type!r}, expected {sys.argv[3]!r}", file=sys.stderr)
        return 1
    key_id = hashlib.sha256(public.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)).hexdigest()
    key = SSlibKey.from_crypto(public, keyid=key_id)
    try:
        envelope.verify([key], 1)
    except Exception as error:  # securesystemslib raises VerificationError (or ValueError)
        print(f"not verified: {error}", file=sys.stderr)
        return 1
    sys.stdout.write(envelope.payload.decode())
    return 0


if __name__ == "__main__":
    sys.exit(main())
