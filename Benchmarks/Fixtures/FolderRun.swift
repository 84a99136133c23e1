import Foundation
import ReserveCore
import ReserveCrypto
import ReserveIO
import ReservePipeline
import ReserveStore

/// `verify` on a folder, in process, as the CLI runs it: walk the folder, read and hash every
/// file, verify and assess on `workers` workers (each its own trust store parsed from the same
/// files, each preparing the records), and record in batches with the one writer (`RunRecorder`)
/// as the workers go on, the verdicts decided against each coin's history in input order. No
/// output is rendered.
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
        let firstSeen = try ledger?.firstSeen(loaded.compactMap { $0.sight(hasher: provider) }) ?? [:]
        // As `verify`: the one writer records each chunk as soon as the workers have checked it.
        var recorder = RunRecorder(pipeline: pipeline, ledger: ledger, at: time, tool: Workloads.toolVersion)
        var inputCount = 0
        var trusted = 0
        VerifyPipeline.run(
            loaded, at: time, firstSeen: firstSeen, workers: workers, prepareRecords: ledger != nil,
            makeWorker: { worker in
                guard worker > 0, let own = try? files.load() else { return pipeline }
                return VerifyPipeline(store: own, provider: OpenSSLProvider(), evaluator: evaluator)
            },
            consume: { _, chunk in
                inputCount += chunk.count
                trusted += chunk.filter { (try? $0.outcome.get())?.verified.isTrusted == true }.count
                recorder.record(chunk)
            })
        if ledger != nil, let failure = recorder.finish(reader: ledger).failure { throw failure }
        return Result(inputs: inputCount, trusted: trusted)
    }
}
