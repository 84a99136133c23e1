import Foundation
import TestSupport

/// The sample payloads the tests sign.
enum SamplePayload {
    /// `samples/payloads/kizuna-yen-2026-10.json`: issuer `kizuna-yen`, issuedAt 2026-11-02T01:00:00Z.
    static func kizunaYen() throws -> [UInt8] {
        [UInt8](try Data(contentsOf: packageRoot.appendingPathComponent("samples/payloads/kizuna-yen-2026-10.json")))
    }

    static let issuer = "kizuna-yen"
    static let issuedAt = "2026-11-02T01:00:00Z"

    /// `payload` with its first occurrence of `old` replaced by `new` (throws when absent, so a
    /// changed sample cannot silently turn a test into a no-op).
    static func replacing(_ old: String, with new: String, in payload: [UInt8]) throws -> [UInt8] {
        Array(try TestSupport.replacing(String(decoding: payload, as: UTF8.self), old, new).utf8)
    }
}
