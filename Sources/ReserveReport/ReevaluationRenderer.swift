import Foundation
import ReserveCore

/// Renders `reevaluate`: for each stored attestation, the verdict before and after, as JSON or one
/// line of text each. Pure: the command runs the pipeline, this only formats.
public enum ReevaluationRenderer {
    public static func json(_ results: [Reevaluation], evaluatedAt: Timestamp) -> String {
        let list: [JSONValue] = results.map { r in
            [
                "issuer": .string(r.issuer), "token": .string(r.token), "sequence": .int(r.sequence),
                "previous": .string(r.previousEligible ? "eligible" : "not-eligible"),
                "previousProfile": .string(r.previousProfile),
                "now": .string(r.eligible ? "eligible" : "not-eligible"), "profile": .string(r.profile),
                "changed": .bool(r.changed), "blocking": .strings(r.blocking.map(\.rawValue)),
                "withdrawn": .bool(r.withdrawal != nil),
            ]
        }
        return JSONWriter.write(["evaluatedAt": .string(evaluatedAt.description), "attestations": .array(list)]) + "\n"
    }

    /// `ledgerPath` names the ledger when it holds no accepted attestation.
    public static func text(_ results: [Reevaluation], ledgerPath: String) -> String {
        if results.isEmpty { return "no accepted attestations in \(ledgerPath)\n" }
        return results.map(line).joined()
    }

    /// `CHANGED  issuer/TOKEN #seq: before (profile) -> after (profile); blocked by ...; WITHDRAWN ...`
    static func line(_ r: Reevaluation) -> String {
        var text = "\(r.changed ? "CHANGED  " : "same     ")\(r.issuer)/\(r.token) #\(r.sequence): "
        text += "\(r.previousEligible ? "eligible" : "not eligible") (\(r.previousProfile)) -> "
        text += "\(r.eligible ? "eligible" : "not eligible") (\(r.profile))"
        text += r.blocking.isEmpty ? "" : "; blocked by \(r.blocking.map(\.rawValue).joined(separator: ", "))"
        text += r.withdrawal.map { "; WITHDRAWN from the coin's history: \($0)\n" } ?? "\n"
        return text
    }
}
