import AsyncHTTPClient
import Foundation
import ReserveCore

/// One-off fetches of envelopes from issuers' HTTPS endpoints, for `verify URL`.
public enum RemoteSource {
    /// Whether `text` names a URL input: https, or plain http to this machine only.
    public static func isURL(_ text: String) -> Bool { text.hasPrefix("https://") || text.hasPrefix("http://") }

    public static func validate(_ text: String) -> String? {
        guard let url = URL(string: text) else { return "\(text) is not a URL" }
        return URLRule.refusal(url)
    }

    /// Fetches each URL once (size limit, one deadline per fetch, redirects checked hop by hop), in order.
    public static func fetch(_ urls: [String], settings: JobFile.HTTPSettings = .init()) async -> [Result<
        [UInt8], VerifierError
    >] {
        let client = SourceFetcher.makeClient(settings)
        let fetcher = SourceFetcher(client: client, settings: settings)
        var out: [Result<[UInt8], VerifierError>] = []
        for url in urls {
            do {
                switch try await fetcher.fetch(url, etag: nil) {
                case .changed(let body, _): out.append(.success(body))
                case .unchanged:
                    out.append(
                        .failure(VerifierError(.network, "\(url): the server answered 304 to an unconditional request"))
                    )
                }
            } catch {
                out.append(.failure(VerifierError(.network, "\(url): \(error.message)")))
            }
        }
        try? await client.shutdown()
        return out
    }
}
