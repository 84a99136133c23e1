#!/usr/bin/env python3
"""The peer for benchmark 4: what a user would otherwise run.

The same verify-evaluate-record loop as `reserve-verifier verify`, written the short way with
Python's `cryptography`, `json`, `decimal` and `sqlite3`, over the same DSSE envelopes and the
same trust store (`bench-corpus write DIR`):

    python3 verify_peer.py ENVELOPES_DIR KEYS_DIR DB_PATH [--at 2026-11-20T00:00:00Z]

Per envelope, in file name order: parse the DSSE JSON, base64-decode the payload, parse it, find
the issuer's keys, verify the signature over the DSSE PAE with OpenSSL (through cryptography),
check key validity and the issuer role, run 12 simplified eligibility checks with exact decimals
(coverage, one stress scenario, currency, quality, custody, liquidity, redemption, audit,
supervision, networks, staleness), and record the envelope, the signature check, the evaluation
(hash-chained) and one row per check in SQLite, one transaction per attestation, WAL with
synchronous=NORMAL (as the ledger has it).

It does less than reserve-verifier: no strict decoding (unknown fields, duplicate keys, amount
syntax, limits), 12 checks instead of 27 findings with their evidence, no history rules. So the
ratio reserve-verifier / peer flatters the peer. Prints one line: `peer: N envelopes in S s: R /s`.
"""
import base64
import hashlib
import json
import os
import sqlite3
import sys
import time
from datetime import datetime, timedelta, timezone
from decimal import Decimal

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

PAYLOAD_TYPE = "application/vnd.reserve-attestation.v1+json"
ELIGIBLE = {"central-bank-reserve", "bank-deposit", "sovereign-bill", "sovereign-bond", "reverse-repo", "money-market-fund"}
SAME_DAY = {"central-bank-reserve", "bank-deposit", "reverse-repo", "money-market-fund"}
HAIRCUT = {"central-bank-reserve": Decimal("0"), "bank-deposit": Decimal("0"), "sovereign-bill": Decimal("0.005"),
           "sovereign-bond": Decimal("0.02"), "reverse-repo": Decimal("0"), "money-market-fund": Decimal("0.01")}
GOOD_RATINGS = {"AAA", "AA+", "AA", "AA-", "A+", "A", "A-"}


def ts(text):
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


def load_trust(keys_dir):
    trust = {}
    for issuer in sorted(os.listdir(keys_dir)):
        with open(os.path.join(keys_dir, issuer, "trust.json"), "rb") as f:
            doc = json.load(f)
        keys = {}
        for entry in doc["keys"]:
            with open(os.path.join(keys_dir, issuer, entry["file"]), "rb") as f:
                pem = f.read()
            key = serialization.load_pem_public_key(pem)
            der = key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
            if hashlib.sha256(der).hexdigest() != entry["id"]:
                raise SystemExit(f"{issuer}/{entry['file']}: key id mismatch")
            keys[entry["id"]] = (key, entry)
        trust[doc["issuer"]] = (keys, doc["policy"])
    return trust


def pae(payload_type, payload):
    t = payload_type.encode()
    return b"DSSEv1 %d %s %d %s" % (len(t), t, len(payload), payload)


def verify_one(key, algorithm, signature, message):
    try:
        if algorithm == "ed25519":
            key.verify(signature, message)
        elif algorithm == "ecdsa-p256-sha256":
            key.verify(signature, message, ec.ECDSA(hashes.SHA256()))
        elif algorithm == "ecdsa-p384-sha384":
            key.verify(signature, message, ec.ECDSA(hashes.SHA384()))
        else:
            return False
        return True
    except InvalidSignature:
        return False


def evaluate(a, at):
    findings = []

    def check(rule, ok, message, **evidence):
        findings.append((rule, "pass" if ok else "fail", message, json.dumps(evidence, sort_keys=True, separators=(",", ":"))))

    token = a["token"]
    peg = Decimal(token["peg"]["valuePerUnit"])
    outstanding = sum(Decimal(o["issued"]) - Decimal(o["nonRedeemable"]) for o in token["outstanding"]) * peg
    lines = [r for r in a["reserves"] if r.get("acquiredVia", "outright") == "outright"]
    claims = sum((Decimal(c["amount"]) for c in a.get("otherClaims", [])), Decimal(0))
    gross = sum((Decimal(r["value"]) for r in lines), Decimal(0))
    net = gross - claims
    coverage = net / outstanding if outstanding else Decimal(0)
    check("RRT-NET", coverage >= 1, f"coverage {coverage:.4%}", coverage=str(coverage), net=str(net))
    stressed = sum((Decimal(r["value"]) * (1 - HAIRCUT.get(r["class"], Decimal(1))) for r in lines), Decimal(0)) - claims
    check("RRT-OC", stressed >= outstanding, f"stressed {stressed / outstanding:.4%}", stressed=str(stressed))
    currency = token["peg"]["currency"]
    check("RRT-CCY", all(r["currency"] == currency for r in lines), f"reserves in {currency}")
    poor = [r["id"] for r in lines if r["class"] not in ELIGIBLE or r.get("rating", "AAA") not in GOOD_RATINGS
            or r.get("counterparty", {}).get("rating", "AAA") not in GOOD_RATINGS]
    check("RRT-QUALITY", not poor, f"{len(poor)} ineligible lines", ineligible=poor[:10])
    custody = [r["id"] for r in lines if r["custody"] == "issuer-balance-sheet"]
    check("CC1-CUSTODY", not custody, f"{len(custody)} lines on the issuer's balance sheet")
    same_day = sum((Decimal(r["value"]) for r in lines if r["class"] in SAME_DAY), Decimal(0))
    check("RRT-LIQUIDITY", same_day >= outstanding * Decimal("0.2"), f"same-day {same_day / outstanding:.2%}")
    red = token.get("redemption", {})
    check("CC2-REDEEM", red.get("holders") == "all" and red.get("settlementDays", 99) <= 5, "redemption")
    audits = [x for x in a.get("assurance", []) if x["opinion"] == "unqualified" and x["coversReserves"] and x.get("independent")]
    check("RRT-AUDIT", bool(audits), f"{len(audits)} audits")
    reg = a["issuer"].get("regulation", {})
    check("CC1-SUPERVISED", bool(reg.get("prudentialCapital") and reg.get("prudentialLiquidity")), "supervision")
    open_nets = [n["name"] for n in token.get("networks", []) if n["permissionless"]]
    check("CC3-PERMISSIONLESS", not open_nets, f"permissionless: {open_nets}")
    check("CC1-PEG", peg > 0, f"pegged to {currency}")
    check("STALE", ts(a["asOf"]) + timedelta(days=35) >= at, "fresh")
    eligible = all(f[1] == "pass" for f in findings)
    return eligible, coverage, findings


def main():
    if len(sys.argv) < 4:
        raise SystemExit(__doc__)
    envelopes_dir, keys_dir, db_path = sys.argv[1:4]
    at = ts(sys.argv[sys.argv.index("--at") + 1]) if "--at" in sys.argv else datetime.now(timezone.utc)
    start = time.perf_counter()
    trust = load_trust(keys_dir)
    db = sqlite3.connect(db_path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.executescript("""
        CREATE TABLE IF NOT EXISTS attestation (id INTEGER PRIMARY KEY, digest TEXT UNIQUE, issuer TEXT, token TEXT,
            sequence INTEGER, as_of TEXT, envelope BLOB, envelope_sha256 TEXT, source TEXT, trusted INTEGER);
        CREATE INDEX IF NOT EXISTS attestation_coin ON attestation (issuer, token, sequence);
        CREATE TABLE IF NOT EXISTS signature_check (attestation_ref INTEGER, key_id TEXT, status TEXT);
        CREATE TABLE IF NOT EXISTS evaluation (id INTEGER PRIMARY KEY, attestation_ref INTEGER, eligible INTEGER,
            coverage TEXT, prev_hash TEXT, row_hash TEXT);
        CREATE TABLE IF NOT EXISTS finding (evaluation_ref INTEGER, rule TEXT, status TEXT, message TEXT, evidence TEXT);
        CREATE INDEX IF NOT EXISTS finding_evaluation ON finding (evaluation_ref);
    """)
    prev = db.execute("SELECT row_hash FROM evaluation ORDER BY id DESC LIMIT 1").fetchone()
    prev = prev[0] if prev else "0" * 64
    names = sorted(n for n in os.listdir(envelopes_dir) if n.endswith(".json"))
    valid = 0
    for name in names:
        path = os.path.join(envelopes_dir, name)
        with open(path, "rb") as f:
            raw = f.read()
        env = json.loads(raw)
        if env["payloadType"] != PAYLOAD_TYPE:
            raise SystemExit(f"{name}: payload type")
        payload = base64.b64decode(env["payload"], validate=True)
        a = json.loads(payload)
        keys, policy = trust.get(a["issuer"]["id"], ({}, {}))
        message = pae(PAYLOAD_TYPE, payload)
        issued_at = ts(a["issuedAt"])
        checks = []
        for s in env["signatures"]:
            sig = base64.b64decode(s["sig"], validate=True)
            status, key_id = "unknown-key", s.get("keyid")
            if key_id in keys:
                key, entry = keys[key_id]
                if not verify_one(key, entry["algorithm"], sig, message):
                    status = "invalid"
                elif not ts(entry["notBefore"]) <= issued_at <= ts(entry["notAfter"]):
                    status = "expired"
                else:
                    status = "valid" if entry["role"] in policy["requiredRoles"] else "wrong-role"
            checks.append((key_id, status))
        trusted = any(st == "valid" for _, st in checks)
        if trusted:
            valid += 1
            eligible, coverage, findings = evaluate(a, at)
        else:
            eligible, coverage, findings = False, None, [("SIG-TRUSTED", "fail", "no valid signature", "{}")]
        digest = "sha256:" + hashlib.sha256(payload).hexdigest()
        row = json.dumps({"digest": digest, "eligible": eligible, "coverage": str(coverage), "findings": findings},
                         sort_keys=True, separators=(",", ":"))
        row_hash = hashlib.sha256((prev + "\n" + row).encode()).hexdigest()
        db.execute("BEGIN IMMEDIATE")
        cur = db.execute(
            "INSERT INTO attestation (digest, issuer, token, sequence, as_of, envelope, envelope_sha256, source, trusted)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (digest, a["issuer"]["id"], a["token"]["symbol"], a["sequence"], a["asOf"], raw, hashlib.sha256(raw).hexdigest(), path, int(trusted)))
        ref = cur.lastrowid
        db.executemany("INSERT INTO signature_check VALUES (?, ?, ?)", [(ref, k, st) for k, st in checks])
        cur = db.execute("INSERT INTO evaluation (attestation_ref, eligible, coverage, prev_hash, row_hash) VALUES (?, ?, ?, ?, ?)",
                         (ref, int(eligible), str(coverage), prev, row_hash))
        db.executemany("INSERT INTO finding VALUES (?, ?, ?, ?, ?)", [(cur.lastrowid,) + f for f in findings])
        db.execute("COMMIT")
        prev = row_hash
    elapsed = time.perf_counter() - start
    print(f"peer: {len(names)} envelopes in {elapsed:.3f} s: {len(names) / elapsed:.0f} /s ({valid} with a valid signature)")


if __name__ == "__main__":
    main()
