import AsyncHTTPClient
import Foundation
import ReserveCore
import ReserveIO
import ReserveStore

/// Where a watch's envelopes come from: folders and URLs (``LiveSources``), or a fake in tests.
public protocol SourceFetching: Sendable {
    /// What `source` offers now, and its state to keep; nil envelopes: unchanged since `state`.
    func fetch(_ source: JobFile.Coin.Source, state: SourceState) async throws(SourceFailure) -> (
        [FetchedEnvelope]?, SourceState
    )
}
