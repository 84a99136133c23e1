import ArgumentParser
import Foundation
import ReserveAlerts
import ReserveCore
import ReserveCrypto
import ReserveIO
import ReservePipeline
import ReserveStore

/// Options shared by the commands that read attestations.
struct LimitOptions: ParsableArguments {
    @Option(help: "Largest input file or decoded payload, in bytes.")
    var maxBytes: Int = DecodingLimits.default.maxBytes

    @Option(help: "Most reserve lines in one attestation.")
    var maxReserveLines: Int = DecodingLimits.default.maxReserveLines

    func validate() throws {
        guard maxBytes > 0 else { throw ValidationError("--max-bytes must be positive") }
        guard maxReserveLines > 0 else { throw ValidationError("--max-reserve-lines must be positive") }
    }

    var limits: DecodingLimits {
        var l = DecodingLimits()
        l.maxBytes = maxBytes
        l.maxReserveLines = maxReserveLines
        return l
    }
}
