import ArgumentParser
import Foundation
import ReserveCore
import ReserveCrypto
import ReserveIO
import ReservePipeline
import ReserveReport
import ReserveStore

struct LedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger", abstract: "Check the ledger, sign its head, or withdraw an accepted attestation.",
        subcommands: [VerifyChain.self, WriteCheckpoint.self, Withdraw.self])

    struct VerifyChain: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract:
                """
                Walk the hash chain and check the checkpoints: `ok` with the row count (exit 0) or the first problem \
                (exit 1).
                """
        )

        @OptionGroup var database: DatabaseOption
        @OptionGroup var checkpoints: CheckpointKeyOptions

        @OptionGroup var global: GlobalOptions

        func run() throws {
            try runLedgerCommand { () throws(VerifierError) in
                let ledger = try database.openForReading()
                let integrity = try ledger.integrityCheck()
                guard integrity == ["ok"] else {
                    Console.out("integrity check failed: \(integrity.prefix(5).joined(separator: "; "))\n")
                    return 1
                }
                let report = try ledger.verifyChain()
                if let broken = report.broken {
                    Console.out(
                        broken.id > 0
                            ? "broken at evaluation \(broken.id): \(broken.reason)\n" : "broken: \(broken.reason)\n")
                    return 1
                }
                var checked = 0
                if let (key, algorithm) = try checkpoints.key() {
                    // Every stored checkpoint must carry the verifier's signature.
                    for (i, envelope) in try ledger.checkpointEnvelopes().enumerated() {
                        do throws(VerifierError) {
                            _ = try Checkpoint.open(envelope, key: key, algorithm: algorithm)
                        } catch {
                            Console.out("stored checkpoint \(i + 1): \(error.message)\n")
                            return 1
                        }
                    }
                    if let path = checkpoints.checkpoint {
                        let checkpoint: Checkpoint
                        do throws(VerifierError) {
                            checkpoint = try Checkpoint.open(
                                try Files.read(path, limit: 64 * 1024), key: key, algorithm: algorithm)
                        } catch  where error.code != .unreadableInput {
                            throw VerifierError(error.code, "\(path): \(error.message)", detail: error.detail)
                        }
                        if let problem = try ledger.check(checkpoint: checkpoint) {
                            Console.out("checkpoint \(path) (\(checkpoint.time)): \(problem)\n")
                            return 1
                        }
                        checked = checkpoint.evaluations
                    }
                } else if checkpoints.checkpoint != nil {
                    throw VerifierError(
                        .invalidConfiguration,
                        """
                        --checkpoint needs the verifier's public key (--public-key, --signing-key or \
                        RESERVE_VERIFIER_SIGNING_KEY)
                        """
                    )
                }
                let held =
                    checkpoints.checkpoint == nil
                    ? "" : "; the checkpoint of \(checked) evaluation\(checked == 1 ? "" : "s") is held"
                Console.out("ok: \(report.rows) evaluation\(report.rows == 1 ? "" : "s"), hash chain intact\(held)\n")
                return 0
            }
        }
    }
}
