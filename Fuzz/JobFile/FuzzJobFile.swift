import Foundation
import ReserveAlerts

/// libFuzzer target: the strict YAML job-file decoder.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJobFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? JobFile.decode(text, file: "fuzz.yaml")
    return 0
}

#if !FUZZING
/// Without libFuzzer: replays the files named on the command line through the target once.
@main
struct FuzzJobFileMain {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let bytes = [UInt8](data)
            _ = bytes.withUnsafeBufferPointer { buffer in
                fuzzJobFile(buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, buffer.count)
            }
        }
    }
}
#endif
