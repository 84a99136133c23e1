import Foundation

/// What the ledger knows about a coin when a new attestation arrives: the input to the pure
/// history rules (REPLAY, ROLLBACK, EQUIVOCATION, STALE).
public struct HistorySnapshot: Sendable, Hashable {
    /// The same payload digest is already recorded.
    public var seenDigest: Bool
    /// The coin's newest accepted attestation, if any.
    public var latestAccepted: Accepted?
    /// Digests of other validly signed attestations with the same issuer, token and sequence.
    public var sameSequenceDigests: [String]

    public struct Accepted: Sendable, Hashable {
        public var sequence: Int
        public var asOf: Timestamp
        public var digest: String
        public init(sequence: Int, asOf: Timestamp, digest: String) {
            self.sequence = sequence
            self.asOf = asOf
            self.digest = digest
        }
    }

    public init(seenDigest: Bool = false, latestAccepted: Accepted? = nil, sameSequenceDigests: [String] = []) {
        self.seenDigest = seenDigest
        self.latestAccepted = latestAccepted
        self.sameSequenceDigests = sameSequenceDigests
    }

    /// No history: the attestation is judged on its own (`verify --no-record`).
    public static let empty = HistorySnapshot()
}

/// The history rules: pure functions of (attestation, snapshot, freshness window, time).
public enum HistoryRules {
    public struct Outcome: Sendable, Hashable {
        public var findings: [Finding]
        /// Becomes the coin's accepted latest state (trusted, new, not a rollback or equivocation).
        public var accepted: Bool
        /// Already recorded: store nothing.
        public var replay: Bool
    }

    /// - Parameter freshnessDays: the issuer's window (trust.json `freshnessDays`, default 35).
    public static func evaluate(_ verified: VerifiedAttestation, history: HistorySnapshot, freshnessDays: Int,
                                at time: Timestamp) -> Outcome {
        let a = verified.attestation
        var findings: [Finding] = []
        if history.seenDigest {
            findings.append(Finding(.replay, .warn, "already recorded (\(verified.digest.prefix(19))…): not stored again",
                                    basis: .history, evidence: ["digest": .string(verified.digest)], gating: false))
            return Outcome(findings: findings, accepted: false, replay: true)
        }
        guard verified.isTrusted else {
            // Untrusted content never enters the coin's history.
            return Outcome(findings: findings, accepted: false, replay: false)
        }
        var accepted = true
        var ev = JSONObject()
        ev["sequence"] = .int(a.sequence)
        ev["asOf"] = .string(a.asOf.description)
        if !history.sameSequenceDigests.isEmpty {
            var e = ev
            e["conflictingDigests"] = .strings(history.sameSequenceDigests)
            findings.append(Finding(.equivocation, .fail, "a different validly signed attestation with sequence \(a.sequence) is already recorded: the issuer signed two versions of the same report (both kept)",
                                    basis: .history, evidence: e))
            accepted = false
        } else {
            findings.append(Finding(.equivocation, .pass, "no other signed attestation with sequence \(a.sequence)", basis: .history, evidence: ev))
        }
        if let latest = history.latestAccepted, accepted {
            var e = ev
            e["latestSequence"] = .int(latest.sequence)
            e["latestAsOf"] = .string(latest.asOf.description)
            if a.sequence <= latest.sequence || a.asOf < latest.asOf {
                let why = a.sequence <= latest.sequence
                    ? "sequence \(a.sequence) is not after the latest accepted \(latest.sequence)"
                    : "asOf \(a.asOf) is before the latest accepted \(latest.asOf)"
                findings.append(Finding(.rollback, .fail, "\(why): it does not replace the latest state", basis: .history, evidence: e))
                accepted = false
            } else {
                findings.append(Finding(.rollback, .pass, "sequence \(a.sequence) follows \(latest.sequence)", basis: .history, evidence: e))
            }
        } else if accepted {
            findings.append(Finding(.rollback, .pass, "first accepted attestation of \(a.token.symbol) by \(a.issuer.id)", basis: .history, evidence: ev))
        }
        // STALE: the coin's newest accepted attestation at the evaluation time.
        let newestAsOf = accepted ? a.asOf : (history.latestAccepted?.asOf ?? a.asOf)
        findings.append(stale(newestAsOf: newestAsOf, freshnessDays: freshnessDays, at: time))
        return Outcome(findings: findings, accepted: accepted, replay: false)
    }

    /// STALE for a coin whose newest accepted attestation is as of `newestAsOf`.
    public static func stale(newestAsOf: Timestamp, freshnessDays: Int, at time: Timestamp) -> Finding {
        let ageSeconds = time.seconds - newestAsOf.seconds
        let window = Int64(freshnessDays) * 86_400
        let ev: JSONObject = ["newestAsOf": .string(newestAsOf.description), "evaluatedAt": .string(time.description),
                              "ageDays": .string((Decimal(ageSeconds) / 86_400).fixed(2)), "freshnessDays": .int(freshnessDays)]
        if ageSeconds > window {
            return Finding(.stale, .fail, "newest accepted attestation is as of \(newestAsOf), \(ageSeconds / 86_400) days old: over the \(freshnessDays)-day window",
                           basis: .history, evidence: ev)
        }
        return Finding(.stale, .pass, "newest accepted attestation is \(max(0, ageSeconds) / 86_400) days old (window \(freshnessDays) days)", basis: .history, evidence: ev)
    }
}
