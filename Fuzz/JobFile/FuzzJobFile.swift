import Foundation
import ReserveAlerts
import ReserveCore

/// libFuzzer target: the strict YAML job-file decoder (Yams/libyaml, then the job's own rules),
/// fed as `watch --config` feeds it (UTF-8 text; anything else is refused before YAML). Besides
/// "no crash, no hang", every error must be E060 with a message that names the file and stays
/// short, and an accepted job must satisfy the limits the decoder promises.
///
/// Build and run: README "Fuzzing" (scripts/fuzz.sh jobfile SECONDS). Without -DFUZZING this is a
/// plain program that replays the files named on its command line through the target once.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJobFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let text = String(validating: bytes, as: UTF8.self) else { return 0 }
    do {
        let job = try JobFile.decode(text, file: "fuzz.yaml")
        check(job.coins.count <= 10_000 && job.sinks.count <= 100, "a list over its limit")
        for coin in job.coins {
            check(IssuerID.isValid(coin.issuer), "an invalid issuer id accepted: \(coin.issuer.prefix(80))")
            check(!coin.sources.isEmpty && coin.sources.count <= 100, "a coin with \(coin.sources.count) sources")
        }
        check(job.http.timeout >= 1 && job.http.timeout <= 600_000, "http timeout \(job.http.timeout) ms")
        check(job.delivery.initialBackoff >= 1 && job.delivery.maxBackoff <= 86_400_000, "backoff out of range")
        check(Profile.named(job.profile) != nil, "an unknown profile accepted")
    } catch {
        check(error.code == .invalidConfiguration, "a job-file error with code \(error.code.rawValue)")
        check(
            error.message.hasPrefix("fuzz.yaml"),
            "a job-file error that does not name the file: \(error.message.prefix(200))")
        check(
            error.message.utf8.count <= 4096,
            "a job-file error of \(error.message.utf8.count) bytes: \(error.message.prefix(200))")
    }
    return 0
}

private func check(_ condition: Bool, _ what: @autoclosure () -> String) {
    if !condition { fatalError(what()) }
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
