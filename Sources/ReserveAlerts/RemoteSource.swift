import AsyncHTTPClient
import Foundation
import ReserveCore

/// One-off fetches of envelopes from issuers' HTTPS endpoints, for `verify URL`.
public enum RemoteSource {
    /// Whether `text` names a URL input: https, or plain http to this machine only.
    public static func isURL(_ text: String) -> Bool { text.hasPrefix("https://") || text.hasPrefix("http://") }

    public static func validate(_ text: String) -> String? {
        guard let url = URL(string: text), let host = url.host, !host.isEmpty else { return "\(text) is not a URL" }
        if url.scheme == "https" { return nil }
        if url.scheme == "http", ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host) { return nil }
        return "\(text): only https:// URLs are fetched (plain http only from localhost)"
    }

    /// Fetches each URL once (size limit, timeouts, limited redirects), in order.
    public static func fetch(_ urls: [String], settings: JobFile.HTTPSettings = .init()) async -> [Result<[UInt8], VerifierError>] {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = settings.maxRedirects == 0 ? .disallow : .follow(max: settings.maxRedirects, allowCycles: false)
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: .milliseconds(settings.timeout), read: .milliseconds(settings.timeout))
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let fetcher = SourceFetcher(client: client, settings: settings)
        var out: [Result<[UInt8], VerifierError>] = []
        for url in urls {
            do {
                switch try await fetcher.fetch(url, etag: nil) {
                case .changed(let body, _): out.append(.success(body))
                case .unchanged: out.append(.failure(VerifierError(.network, "\(url): the server answered 304 to an unconditional request")))
                }
            } catch {
                out.append(.failure(VerifierError(.network, "\(url): \(error.message)")))
            }
        }
        try? await client.shutdown()
        return out
    }
}
