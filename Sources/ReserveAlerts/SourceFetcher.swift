import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ReserveCore

/// One envelope a source offers this round.
struct FetchedEnvelope: Sendable {
    var source: String
    var location: String
    var bytes: [UInt8]
    var detachedSignature: [UInt8]?
    /// The file could not be read (reported as a source error).
    var readError: VerifierError?
}

/// Fetches what is new from HTTPS sources (conditional GET with If-None-Match, size limit,
/// timeouts, limited redirects).
struct SourceFetcher: Sendable {
    let client: HTTPClient
    let settings: JobFile.HTTPSettings

    enum Outcome: Sendable {
        case unchanged
        case changed(body: [UInt8], etag: String?)
    }

    struct Failure: Error, Sendable {
        var message: String
    }

    func fetch(_ url: String, etag: String?) async throws(Failure) -> Outcome {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        request.headers.add(name: "User-Agent", value: "reserve-verifier")
        request.headers.add(name: "Accept", value: "application/json, application/jose, */*")
        if let etag { request.headers.add(name: "If-None-Match", value: etag) }
        let deadline = TimeAmount.milliseconds(settings.timeout)
        do {
            let response = try await client.execute(request, timeout: deadline)
            if response.status == .notModified { return .unchanged }
            guard response.status == .ok else {
                throw Failure(message: "HTTP \(response.status.code)")
            }
            if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length > settings.maxBytes {
                throw Failure(message: "response of \(length) bytes is over the limit of \(settings.maxBytes)")
            }
            let body: ByteBuffer
            do {
                body = try await response.body.collect(upTo: settings.maxBytes)
            } catch is NIOTooManyBytesError {
                throw Failure(message: "response is over the limit of \(settings.maxBytes) bytes")
            }
            return .changed(body: Array(body.readableBytesView), etag: response.headers.first(name: "ETag"))
        } catch let failure as Failure {
            throw failure
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            throw Failure(message: "timed out after \(settings.timeout) ms")
        } catch {
            throw Failure(message: "\(error)")
        }
    }
}
