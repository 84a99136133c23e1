import AsyncHTTPClient
import Foundation
import ReserveCore
import ReserveIO
import ReserveStore

/// Folders on disk (fingerprinted by names, sizes and modification times) and URLs over HTTP(S)
/// with ETags.
public struct LiveSources: SourceFetching {
    /// Relative folders resolve against this one (the job file's).
    let base: String
    let client: HTTPClient
    let http: JobFile.HTTPSettings
    let hasher: any CryptoProvider

    public init(base: String, client: HTTPClient, http: JobFile.HTTPSettings, hasher: any CryptoProvider) {
        self.base = base
        self.client = client
        self.http = http
        self.hasher = hasher
    }

    public func fetch(_ source: JobFile.Coin.Source, state: SourceState) async throws(SourceFailure) -> (
        [FetchedEnvelope]?, SourceState
    ) {
        var state = state
        switch source {
        case .folder(let folder):
            let path = folder.hasPrefix("/") ? folder : (base as NSString).appendingPathComponent(folder)
            let inputs: [InputFile]
            guard Files.isDirectory(path) else { throw SourceFailure(message: "\(path) is not a folder") }
            do {
                inputs = try Inputs.collect([path])
            } catch {
                throw SourceFailure(message: error.message)
            }
            // The folder's fingerprint: names, sizes and modification times of what it holds.
            var listing = ""
            for input in inputs {
                for file in [input.path] + (input.signaturePath.map { [$0] } ?? []) {
                    let attributes = try? FileManager.default.attributesOfItem(atPath: file)
                    let size = (attributes?[.size] as? NSNumber)?.int64Value ?? -1
                    let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                    listing += "\(file)\t\(size)\t\(modified)\n"
                }
            }
            let fingerprint = hasher.sha256(Array(listing.utf8)).hex
            if fingerprint == state.fingerprint { return (nil, state) }
            var envelopes: [FetchedEnvelope] = []
            for input in inputs {
                do {
                    let bytes = try Files.read(input.path, limit: DecodingLimits.default.maxBytes)
                    let signature = try input.signaturePath.map { (p) throws(VerifierError) in
                        try Files.read(p, limit: 64 * 1024)
                    }
                    envelopes.append(
                        FetchedEnvelope(
                            source: source.description, location: input.path, bytes: bytes, detachedSignature: signature
                        ))
                } catch {
                    envelopes.append(
                        FetchedEnvelope(
                            source: source.description, location: input.path, bytes: [], detachedSignature: nil,
                            readError: error))
                }
            }
            state.fingerprint = fingerprint
            return (envelopes, state)
        case .url(let url):
            do {
                switch try await SourceFetcher(client: client, settings: http).fetch(url, etag: state.etag) {
                case .unchanged:
                    return (nil, state)
                case .changed(let body, let etag):
                    let fingerprint = hasher.sha256(body).hex
                    state.etag = etag
                    if fingerprint == state.fingerprint { return (nil, state) }
                    state.fingerprint = fingerprint
                    return ([FetchedEnvelope(source: url, location: url, bytes: body, detachedSignature: nil)], state)
                }
            } catch {
                throw SourceFailure(message: error.message)
            }
        }
    }
}
