import ArgumentParser
import Foundation
import ReserveCore
import ReserveCrypto
import ReserveIO
import ReservePipeline
import ReserveReport
import ReserveStore

struct Reevaluate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reevaluate",
        abstract:
            """
            Run the stored (accepted) envelopes through a profile again, record new evaluations, and print which \
            verdicts change.
            """,
        discussion: """
            Old evaluations are never rewritten. Signatures are checked again against the current trust store, with \
            the keys judged at the time the ledger first saw each envelope: an attestation whose key turns out to have \
            been revoked by then is withdrawn from its coin's history (an appended record). The history rules run as \
            on arrival.
            """)

    @OptionGroup var profile: ProfileOption
    @OptionGroup var database: DatabaseOption

    @OptionGroup var trustStore: KeysOption
    var keys: String { trustStore.keys }

    @Option(help: "Evaluate as of this RFC 3339 UTC time (default: now).")
    var at: Timestamp?

    @OptionGroup var output: FormatOption<OutputFormat>
    var format: OutputFormat { output.value }

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let now = at ?? Clock.now()
        let ledger = try database.open()
        let (store, trustFiles) = try TrustStoreLoader.read(keys)
        let verifier = AttestationVerifier(store: store, provider: OpenSSLProvider())
        let (active, policyFile) = try profile.resolved()
        if let policyFile, let policy = active.policy {
            try ledger.recordPolicy(policyFile, name: policy.name, at: now)
        }
        let evaluator = Evaluator(profile: active)
        let pipeline = VerifyPipeline(verifier: verifier, evaluator: evaluator)
        let tool = "reserve-verifier \(ReserveVerifier.version)"
        // Streamed as `verify` runs a folder: one page of stored envelopes read at a time, re-checked
        // on every core (each further worker its own trust store, parsed from the same files), each
        // page recorded in one transaction (group commit) by the one writer while the workers check
        // the next; a crash loses at most the page in hand.
        var results: [Reevaluation] = []
        try pipeline.reevaluate(
            ledger, at: now, tool: tool, workers: Workers.defaultJobs,
            makeWorker: { worker in
                // The first worker uses the keys parsed above.
                guard worker > 0, let own = try? trustFiles.load() else { return pipeline }
                return VerifyPipeline(
                    verifier: AttestationVerifier(store: own, provider: OpenSSLProvider()), evaluator: evaluator)
            },
            consume: { page in
                for r in page {
                    let a = r.verified.attestation
                    results.append(
                        Reevaluation(
                            issuer: a.issuer.id, token: a.token.symbol, sequence: a.sequence,
                            previousEligible: r.stored.previousEligible, previousProfile: r.stored.previousProfile,
                            eligible: r.evaluation.verdict.eligible, profile: r.evaluation.verdict.profile,
                            blocking: r.evaluation.verdict.blocking,
                            withdrawal: r.withdrawn ? r.verified.signatureFinding.message : nil))
                }
            })
        switch format {
        case .json: Console.out(ReevaluationRenderer.json(results, evaluatedAt: now))
        case .text: Console.out(ReevaluationRenderer.text(results, ledgerPath: database.path))
        }
    }

    /// Re-checks a stored envelope (keys judged at the ledger's first sight of it, or its stored
    /// timestamp), assesses it, and appends the re-evaluation the ledger's history decides, with
    /// a withdrawal when its key turns out revoked by then or a `correction` is given.
    static func again(
        _ stored: StoredEnvelope, in ledger: Ledger, verifier: AttestationVerifier, evaluator: Evaluator,
        at now: Timestamp, correction: Withdrawal? = nil
    )
        throws(VerifierError) -> (VerifiedAttestation, Evaluation, withdrawn: Bool)
    {
        try VerifyPipeline(verifier: verifier, evaluator: evaluator).reevaluate(
            stored, in: ledger, at: now, tool: "reserve-verifier \(ReserveVerifier.version)", correction: correction)
    }
}
