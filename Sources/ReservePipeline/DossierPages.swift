import Foundation
import ReserveCore
import ReserveReport
import ReserveStore

/// A coin's dossier from one evaluation, with its history and place in the ledger: what `report`
/// writes for each input and `watch` (job file `dossiers:`) after a coin changes.
public enum DossierPages {
    /// The dossier of `verified` as `evaluation` judged it, with the coin's history and the
    /// evaluation's position from `ledger` when there is one (`ledgerPath` names it on the page).
    public static func dossier(
        _ verified: VerifiedAttestation, _ evaluation: Evaluation, source: String, envelopeSHA256: String,
        store: TrustStore, ledger: Ledger?, ledgerPath: String, hasher: any CryptoProvider,
        tool: String, at time: Timestamp
    ) throws(VerifierError) -> Dossier {
        let a = verified.attestation
        let result = ReportRenderer.json(AttestationReport(source: source, outcome: .checked(verified, evaluation)))
        var history: [Dossier.HistoryPoint] = []
        var position: Dossier.LedgerPosition?
        if let ledger {
            let entries = try ledger.history(issuer: a.issuer.id, token: a.token.symbol)
            history = entries.map {
                Dossier.HistoryPoint(
                    evaluation: $0.evaluationID, evaluatedAt: $0.evaluatedAt, asOf: $0.asOf.description,
                    profile: $0.profile,
                    eligible: $0.eligible, group: $0.group, coverage: $0.coverage,
                    stressedCoverage: $0.stressedCoverage)
            }
            let row = entries.last { $0.digest == verified.digest }?.evaluationID
            let head = try ledger.head()
            let checkpoint = try latestCheckpoint(ledger, hasher: hasher).map {
                "\($0.evaluations) evaluations, \($0.headHash), signed \($0.time) "
                    + "(envelope sha256:\($0.envelopeSHA256))"
            }
            let rowHash =
                try row.map { (id) throws(VerifierError) in try ledger.evaluation(id: id)?.rowHash } ?? nil
            position = .init(
                path: ledgerPath, evaluation: row, rowHash: rowHash,
                headEvaluations: head.evaluations, headHash: head.hash, checkpoint: checkpoint)
        }
        var validity: [String: String] = [:]
        for entry in store.issuers[a.issuer.id]?.file.keys ?? [] {
            var parts = [
                "from \(entry.notBefore?.description ?? "any time")",
                "until \(entry.notAfter?.description ?? "no end")",
            ]
            if let revoked = entry.revokedAt { parts.append("revoked at \(revoked)") }
            validity[entry.id] = parts.joined(separator: ", ")
        }
        var dossier = Dossier(
            result: result, attestation: a, envelopeSHA256: envelopeSHA256, tool: tool,
            evaluatedAt: time.description, history: history, ledger: position)
        dossier.keyValidity = validity
        dossier.timestamp = verified.timestamp.map { t in
            t.status == .valid
                ? "valid, \(t.time?.description ?? "?") by \(t.authority ?? "?")" : "invalid: \(t.reason)"
        }
        return dossier
    }

    /// The page's HTML. - Throws: E040 when the template does not parse (a build defect).
    public static func html(_ dossier: Dossier) throws(VerifierError) -> String {
        do {
            return try dossier.html()
        } catch {
            throw VerifierError(.invalidConfiguration, "the dossier template did not parse: \(error)")
        }
    }

    /// The ledger's latest stored checkpoint, as a reference.
    public static func latestCheckpoint(_ ledger: Ledger, hasher: any CryptoProvider)
        throws(VerifierError) -> VerificationRecord.CheckpointReference?
    {
        guard let envelope = try ledger.latestCheckpointEnvelope() else { return nil }
        guard case .object(let o) = try JSONParser().parse(envelope), case .string(let text)? = o["payload"],
            let payload = Base64.decodeEither(text.utf8)
        else { throw VerifierError(.invalidCheckpoint, "the ledger's latest checkpoint is not a DSSE envelope") }
        let checkpoint = try Checkpoint.decode(payload)
        return .init(
            evaluations: checkpoint.evaluations, headHash: checkpoint.headHash, time: checkpoint.time.description,
            envelopeSHA256: hasher.sha256(envelope).hex)
    }
}
