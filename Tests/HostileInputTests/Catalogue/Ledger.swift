import Foundation
import ReserveCore
import ReserveCrypto
import ReserveStore
import TestSupport

let november22 = Timestamp.parse("2026-11-22T00:00:00Z")!  // constant fixture: parses by construction

/// A real ledger at `scratch/name` holding the Sakura sample: its bytes, checkpointed into the
/// main file (no -wal beside it), so that truncating the file truncates the ledger.
@discardableResult
func makeLedger(_ samples: Samples, _ scratch: TemporaryDirectory, name: String = "ledger.sqlite") throws -> [UInt8] {
    let path = scratch.path(name)
    do {
        let ledger = try Ledger.open(path: path, hasher: OpenSSLProvider())
        let envelope = try samples.sakuraDSSE()
        let verified = try AttestationVerifier(store: samples.store, provider: OpenSSLProvider()).verify(
            envelope, at: november22)
        let evaluator = Evaluator(profile: .bcbs)
        _ = try ledger.record(
            RecordItem(
                source: "sakura.dsse.json", envelope: envelope, detachedSignature: nil, verified: verified,
                evaluatedAt: november22, toolVersion: "hostile-input-tests")
        ) { evaluator.evaluate(verified, history: $0, at: november22) }
    }
    // The pool is closed when `ledger` goes away; the WAL is checkpointed into the file.
    for suffix in ["-wal", "-shm"] where scratch.exists(name + suffix) {
        try FileManager.default.removeItem(atPath: path + suffix)
    }
    return try scratch.read(name)
}

/// Opens the ledger at `name` and checks it; on an error, the file must be byte for byte what it
/// was (nothing half-written).
func openLedger(_ scratch: TemporaryDirectory, _ name: String = "ledger.sqlite") throws -> Outcome {
    let path = scratch.path(name)
    let before = scratch.exists(name) ? try scratch.read(name) : nil
    let outcome = Outcome.of { () throws(VerifierError) in
        let ledger = try Ledger.open(path: path, hasher: OpenSSLProvider())
        let problems = try ledger.integrityCheck()
        guard problems == ["ok"] else {
            throw VerifierError(.storage, "\(path): integrity check: \(problems.prefix(3))")
        }
        let chain = try ledger.verifyChain()
        if let broken = chain.broken {
            throw VerifierError(.storage, "\(path): chain broken at \(broken.id): \(broken.reason)")
        }
        return .accepted("ledger \(name): integrity ok, \(chain.rows) evaluations")
    }
    if case .error = outcome, let before {
        let after = try scratch.read(name)
        if after != before {
            throw TestFailure("\(name) was modified by a failed open (\(before.count) -> \(after.count) bytes)")
        }
    }
    return outcome
}

extension HostileCatalogue {
    static let ledger: [HostileCase] = [
        HostileCase(
            "led-truncated-to-header", .ledger, "a ledger cut after its 100-byte SQLite header",
            expect: .error(.storage),
            mentions: ["ledger.sqlite", "corrupt"]
        ) { s, scratch in
            let bytes = try makeLedger(s, scratch)
            try scratch.write(Array(bytes.prefix(100)), to: "ledger.sqlite")
            return try openLedger(scratch)
        },
        HostileCase(
            "led-truncated-first-page", .ledger, "a ledger cut after its first page", expect: .error(.storage),
            mentions: ["ledger.sqlite"]
        ) { s, scratch in
            let bytes = try makeLedger(s, scratch)
            try scratch.write(Array(bytes.prefix(4096)), to: "ledger.sqlite")
            return try openLedger(scratch)
        },
        HostileCase(
            "led-truncated-half", .ledger, "a ledger cut in half", expect: .error(.storage), mentions: ["ledger.sqlite"]
        ) { s, scratch in
            let bytes = try makeLedger(s, scratch)
            try scratch.write(Array(bytes.prefix(bytes.count / 2)), to: "ledger.sqlite")
            return try openLedger(scratch)
        },
        HostileCase(
            "led-truncated-last-page", .ledger, "a ledger missing its last page", expect: .error(.storage),
            mentions: ["ledger.sqlite"]
        ) { s, scratch in
            let bytes = try makeLedger(s, scratch)
            try scratch.write(Array(bytes.prefix(bytes.count - 4096)), to: "ledger.sqlite")
            return try openLedger(scratch)
        },
        HostileCase(
            "led-garbage", .ledger, "a file of text where the ledger should be", expect: .error(.incompatibleDatabase),
            mentions: ["is not an SQLite database", "left untouched"]
        ) { _, scratch in
            try scratch.write(Array("name,value\nnot,a database\n".utf8), to: "ledger.sqlite")
            return try openLedger(scratch)
        },
        HostileCase(
            "led-other-application", .ledger, "an SQLite database of another application",
            expect: .error(.incompatibleDatabase),
            mentions: ["another application", "left untouched"]
        ) { _, scratch in
            // The statement prints nothing; any output is sqlite3's error (or env's: not installed).
            let output = try sqlite3(
                scratch.path("ledger.sqlite"), "CREATE TABLE photos(id INTEGER PRIMARY KEY, name TEXT);")
            guard output.isEmpty else { throw TestFailure("sqlite3 failed (install sqlite3): \(output)") }
            return try openLedger(scratch)
        },
        HostileCase(
            "led-header-flipped", .ledger, "a ledger whose page size in the header is corrupted",
            expect: .error(.incompatibleDatabase),
            mentions: ["ledger.sqlite"]
        ) { s, scratch in
            var bytes = try makeLedger(s, scratch)
            bytes[16] = 0x00
            bytes[17] = 0x03  // page size 3: not a power of two
            try scratch.write(bytes, to: "ledger.sqlite")
            return try openLedger(scratch)
        },
        HostileCase(
            "led-zero-byte", .ledger, "a 0-byte ledger file: initialised as a new, empty ledger", expect: .accepted,
            mentions: ["integrity ok"]
        ) { _, scratch in
            try scratch.write([], to: "ledger.sqlite")
            return try openLedger(scratch)
        },
        HostileCase(
            "led-high-s-twin-is-replay", .ledger,
            "the high-S twin of a recorded envelope: a REPLAY, only its evaluation appended",
            expect: .accepted, mentions: ["recorded false", "REPLAY warn", "2 evaluations"]
        ) { s, scratch in
            try makeLedger(s, scratch)
            let payload = Array(s.sakuraPayload.utf8)
            let envelope = try s.sakuraDSSE()
            guard let entry = try EnvelopeReader().open(envelope).signatures.first else {
                throw TestFailure("no signature")
            }
            let twin =
                ECDSAMalleability.isHigh(
                    try ECDSAMalleability.split(der: entry.signature).s, order: ECDSAMalleability.p256Order)
                ? try ECDSAMalleability.lowS(der: entry.signature, order: ECDSAMalleability.p256Order)
                : try ECDSAMalleability.highS(der: entry.signature, order: ECDSAMalleability.p256Order)
            let twinEnvelope = EnvelopeWriter.dsse(
                payload: payload, signatures: [.init(keyID: s.sakura.publicKey.id, signature: twin)])
            let verified = try AttestationVerifier(store: s.store, provider: OpenSSLProvider()).verify(
                twinEnvelope, at: november22)
            guard verified.isTrusted else { throw TestFailure("the twin does not verify") }
            let ledger = try Ledger.open(path: scratch.path("ledger.sqlite"), hasher: OpenSSLProvider())
            let evaluator = Evaluator(profile: .bcbs)
            let outcome = try ledger.record(
                RecordItem(
                    source: "twin.dsse.json", envelope: twinEnvelope, detachedSignature: nil, verified: verified,
                    evaluatedAt: november22, toolVersion: "hostile-input-tests")
            ) { evaluator.evaluate(verified, history: $0, at: november22) }
            let replay = outcome.evaluation.findings.first { $0.rule == .replay }
            return .accepted(
                "recorded \(outcome.recorded), REPLAY \(replay?.status.rawValue ?? "none"), \(try ledger.verifyChain().rows) evaluations"
            )
        },
        HostileCase(
            "led-cli-verify-truncated", .ledger,
            "verify --db on a truncated ledger: results printed, exit 2, file untouched",
            expect: .exit(2, nil), mentions: ["sakura-pay-2026-10.dsse.json", "ledger.sqlite", "were not recorded"]
        ) { s, scratch in
            let bytes = try makeLedger(s, scratch)
            let cut = Array(bytes.prefix(bytes.count / 2))
            try scratch.write(cut, to: "ledger.sqlite")
            let outcome = try CLI.run(
                [
                    "verify", packageRoot.appendingPathComponent("attestations/sakura-pay").path,
                    "--keys", packageRoot.appendingPathComponent("keys").path,
                    "--db", scratch.path("ledger.sqlite"), "--at", "2026-11-22T00:00:00Z",
                ], in: scratch.url)
            if try scratch.read("ledger.sqlite") != cut { throw TestFailure("the truncated ledger was modified") }
            return outcome
        },
    ]
}
