import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ReserveCore

/// Fetches what is new from HTTPS sources: conditional GET with If-None-Match, a size limit, one
/// overall deadline per fetch (connect, headers, body and every redirect hop), and redirects
/// followed here, hop by hop, each checked by ``URLRule``: never https to http, at most
/// `maxRedirects` hops, another host only when the job file lists it in `http.redirectHosts`.
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

    /// The client every fetch uses: redirects off (followed by ``fetch(_:etag:)``), a short connect
    /// deadline of its own, and no retry of a refused connection.
    static func makeClient(_ settings: JobFile.HTTPSettings) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        let connect = TimeAmount.milliseconds(min(settings.connectTimeout, settings.timeout))
        configuration.timeout = HTTPClient.Configuration.Timeout(
            connect: connect,
            read: .milliseconds(settings.timeout))
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    func fetch(_ url: String, etag: String?) async throws(Failure) -> Outcome {
        let limit = settings.timeout
        let result = await Deadline.run(milliseconds: limit) { () async -> Result<Outcome, Failure> in
            do throws(Failure) {
                return .success(try await fetchFollowingRedirects(url, etag: etag))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .finished(.success(let outcome)): return outcome
        case .finished(.failure(let failure)): throw failure
        case .timedOut: throw Failure(message: "timed out after \(limit) ms (connect, headers and body)")
        case .cancelled: throw Failure(message: "cancelled (the watch is stopping)")
        }
    }

    private func fetchFollowingRedirects(_ first: String, etag: String?) async throws(Failure) -> Outcome {
        guard var current = URL(string: first) else { throw Failure(message: "\(first) is not a URL") }
        if let refusal = URLRule.refusal(current) { throw Failure(message: refusal) }
        let origin = current
        var hops = 0
        while true {
            switch try await fetchOnce(current.absoluteString, etag: hops == 0 ? etag : nil) {
            case .done(let outcome):
                return outcome
            case .redirect(let location):
                hops += 1
                guard hops <= settings.maxRedirects else {
                    throw Failure(message: "more than \(settings.maxRedirects) redirects (http.maxRedirects)")
                }
                guard let next = URL(string: location, relativeTo: current)?.absoluteURL else {
                    let shown = quotedForMessage(String(location.prefix(200)))
                    throw Failure(message: "redirect to \(shown), which is not a URL")
                }
                if let refusal = Self.redirectRefusal(
                    from: current, to: next, origin: origin,
                    redirectHosts: settings.redirectHosts)
                {
                    throw Failure(message: "redirect refused: \(refusal)")
                }
                current = next
            }
        }
    }

    /// Why a redirect hop from `current` to `next` is refused, or nil: the URL rule, no https to
    /// http, and the source's own host unless `redirectHosts` lists the other.
    static func redirectRefusal(from current: URL, to next: URL, origin: URL, redirectHosts: [String]) -> String? {
        if let refusal = URLRule.refusal(next) { return refusal }
        if current.scheme == "https" && next.scheme != "https" {
            return "\(current.absoluteString) -> \(next.absoluteString) drops https"
        }
        let host = next.host?.lowercased() ?? ""
        if host != origin.host?.lowercased(), !redirectHosts.contains(host) {
            return "\(next.absoluteString) is on another host (allow it with http.redirectHosts)"
        }
        return nil
    }

    private enum Hop {
        case done(Outcome)
        case redirect(String)
    }

    private func fetchOnce(_ url: String, etag: String?) async throws(Failure) -> Hop {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        request.headers.add(name: "User-Agent", value: "reserve-verifier")
        request.headers.add(name: "Accept", value: "application/json, application/jose, */*")
        if let etag { request.headers.add(name: "If-None-Match", value: etag) }
        do {
            let response = try await client.execute(request, timeout: .milliseconds(settings.timeout))
            if [301, 302, 303, 307, 308].contains(response.status.code) {
                guard let location = response.headers.first(name: "Location") else {
                    throw Failure(message: "HTTP \(response.status.code) without a Location")
                }
                return .redirect(location)
            }
            if response.status == .notModified { return .done(.unchanged) }
            guard response.status == .ok else {
                throw Failure(message: "HTTP \(response.status.code)")
            }
            if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length > settings.maxBytes
            {
                throw Failure(message: "response of \(length) bytes is over the limit of \(settings.maxBytes)")
            }
            var body: [UInt8] = []
            for try await chunk in response.body {
                guard body.count + chunk.readableBytes <= settings.maxBytes else {
                    throw Failure(message: "response is over the limit of \(settings.maxBytes) bytes")
                }
                body.append(contentsOf: chunk.readableBytesView)
                try Task.checkCancellation()
            }
            return .done(.changed(body: body, etag: response.headers.first(name: "ETag")))
        } catch let failure as Failure {
            throw failure
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            // The same deadline as `fetch`'s own, reached first by the client: the same words, so the
            // source's `last_error` does not depend on which of the two fired.
            throw Failure(message: "timed out after \(settings.timeout) ms (connect, headers and body)")
        } catch let error as HTTPClientError where error == .connectTimeout {
            throw Failure(message: "no connection within \(min(settings.connectTimeout, settings.timeout)) ms")
        } catch {
            throw Failure(message: "\(error)")
        }
    }
}
