import Foundation
import ReserveCore
import ReserveCrypto
import TestSupport

/// DER `SEQUENCE { INTEGER r, INTEGER s }` to fixed-length `r || s` (RFC 7518 §3.4).
enum ECDSARaw {
    static func fromDER(_ der: [UInt8], scalarLength n: Int) throws -> [UInt8] {
        var i = 0
        func byte() throws -> UInt8 {
            guard i < der.count else { throw TestFailure("truncated ECDSA DER signature") }
            defer { i += 1 }
            return der[i]
        }
        func length() throws -> Int {
            let first = try byte()
            if first < 0x80 { return Int(first) }
            var value = 0
            for _ in 0..<Int(first & 0x7F) { value = value << 8 | Int(try byte()) }
            return value
        }
        func integer() throws -> [UInt8] {
            guard try byte() == 0x02 else { throw TestFailure("ECDSA DER: expected INTEGER") }
            let count = try length()
            guard i + count <= der.count else { throw TestFailure("ECDSA DER: INTEGER overruns") }
            var value = Array(der[i..<(i + count)])
            i += count
            while value.count > n, value.first == 0 { value.removeFirst() }
            guard value.count <= n else { throw TestFailure("ECDSA DER: INTEGER longer than \(n) bytes") }
            return [UInt8](repeating: 0, count: n - value.count) + value
        }
        guard try byte() == 0x30 else { throw TestFailure("ECDSA DER: expected SEQUENCE") }
        _ = try length()
        return try integer() + integer()
    }
}
