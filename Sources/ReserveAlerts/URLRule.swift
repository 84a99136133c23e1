import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ReserveCore

/// The rule every URL and every redirect hop obeys: https, or plain http to this machine only.
public enum URLRule {
    static let loopback: Set<String> = ["127.0.0.1", "localhost", "::1", "[::1]"]

    /// nil when `url` may be fetched, else why not.
    public static func refusal(_ url: URL) -> String? {
        guard let host = url.host, !host.isEmpty else { return "\(url.absoluteString) is not a URL" }
        if url.scheme == "https" { return nil }
        if url.scheme == "http", loopback.contains(host) { return nil }
        return "\(url.absoluteString): only https:// URLs are fetched (plain http only from localhost)"
    }
}
