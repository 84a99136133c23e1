import Foundation
import ReserveCore

/// libFuzzer target: envelope detection and the strict attestation decoder.
/// Build: see README "Fuzzing". Without -DFUZZING this is a plain program that runs the corpus once.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEnvelope(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let envelope = try? EnvelopeReader().open(bytes) {
        _ = AttestationDecoder().problems(in: envelope.payload)
    }
    _ = AttestationDecoder().problems(in: bytes)
    return 0
}

#if !FUZZING
/// Without libFuzzer: replays the files named on the command line through the target once.
@main
struct FuzzEnvelopeMain {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let bytes = [UInt8](data)
            _ = bytes.withUnsafeBufferPointer { buffer in
                fuzzEnvelope(buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, buffer.count)
            }
        }
    }
}
#endif
