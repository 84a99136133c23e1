import Foundation
import ReserveCore
import ReserveCrypto
import ReserveIO
import ReservePipeline
import ReserveStore

/// `verify` on a folder, in process, as the CLI runs it: walk the folder, read and hash every
/// file, verify and assess on `workers` workers (each its own trust store parsed from the same
/// files), then record in batches with the one writer (`VerifyPipeline.record`), the verdicts
/// decided against each coin's history in input order. No output is rendered.
public enum FolderRun {
    public struct Result: Sendable {
        /// Inputs checked (every file in the folder).
        public var inputs: Int
        /// Inputs whose signatures are trusted.
        public var trusted: Int
    }

    /// - Parameter ledger: the ledger to record into, or nil (`--no-record`).
    public static func run(
        folder: String, keys: String, workers: Int, ledger: Ledger?, at time: Timestamp = PayloadFactory.evaluatedAt
    ) throws -> Result {
        let (store, files) = try TrustStoreLoader.read(keys)
        let inputs = try Inputs.collect([folder])
        let evaluator = Evaluator(profile: .bcbs)
        let provider = OpenSSLProvider()
        let pipeline = VerifyPipeline(store: store, provider: provider, evaluator: evaluator)
        let loaded = VerifyPipeline.load(
            inputs, limit: DecodingLimits.default.maxBytes, hasher: provider, workers: workers)
        let firstSeen = try ledger?.firstSeen(envelopeSHA256: loaded.compactMap(\.sha256)) ?? [:]
        let checked = VerifyPipeline.run(
            loaded, at: time, firstSeen: firstSeen, workers: workers,
            makeWorker: { worker in
                guard worker > 0, let own = try? files.load() else { return pipeline }
                return VerifyPipeline(store: own, provider: OpenSSLProvider(), evaluator: evaluator)
            })
        let trusted = checked.filter { (try? $0.outcome.get())?.verified.isTrusted == true }.count
        if let ledger {
            let run = pipeline.record(
                checked, in: ledger, reader: ledger, at: time, tool: Workloads.toolVersion)
            if let failure = run.failure { throw failure }
        }
        return Result(inputs: checked.count, trusted: trusted)
    }
}
