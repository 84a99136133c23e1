import Foundation
import Logging
import ReserveCore
import TestSupport
import Testing

@testable import ReserveAlerts

/// `watch`'s log ("say what failed"): levels and metadata, in text, logfmt or JSON.
@Suite struct WatchLogTests {
    let time = Date(timeIntervalSince1970: 1_795_305_600.25)

    @Test func eachFormatCarriesTheLevelTheMessageAndTheMetadata() throws {
        let pairs = [("issuer", "kizuna-yen"), ("source", "folder feed"), ("token", "KZJPY")]
        let text = WatchLogHandler.render(
            format: .text, level: .warning, message: "source failed: HTTP 500",
            pairs: pairs, time: time)
        #expect(text == "warning: source failed: HTTP 500 [issuer=kizuna-yen source=folder feed token=KZJPY]\n")
        // The round summary (info) reads as before: the message alone.
        #expect(
            WatchLogHandler.render(
                format: .text, level: .info, message: "round: …", pairs: pairs,
                time: time) == "round: …\n")

        let logfmt = WatchLogHandler.render(
            format: .logfmt, level: .warning, message: "say \"no\"\nnow", pairs: pairs,
            time: time)
        #expect(
            logfmt == "time=2026-11-22T00:00:00.250Z level=warning msg=\"say \\\"no\\\"\\nnow\" issuer=kizuna-yen "
                + "source=\"folder feed\" token=KZJPY\n")

        let json = WatchLogHandler.render(
            format: .json, level: .error, message: "alert parked", pairs: pairs,
            time: time)
        guard case .object(let o) = try JSONParser().parse(Array(json.utf8)) else {
            Issue.record("not a JSON object: \(json)")
            return
        }
        #expect(o.string("level") == "error")
        #expect(o.string("msg") == "alert parked")
        #expect(o.string("time") == "2026-11-22T00:00:00.250Z")
        #expect(o.string("source") == "folder feed")
        #expect(json.hasSuffix("}\n"))
    }

    @Test func theHandlerFiltersByLevelAndMergesMetadata() {
        final class Lines: @unchecked Sendable {
            let lock = NSLock()
            var all: [String] = []
            func add(_ s: String) {
                lock.lock()
                all.append(s)
                lock.unlock()
            }
        }
        let lines = Lines()
        var logger = Logger(
            label: "t",
            factory: { _ in
                WatchLogHandler(
                    format: .logfmt, level: .warning,
                    write: lines.add)
            })
        logger[metadataKey: "job"] = "job.yaml"
        logger.info("not written")
        logger.warning("written", metadata: ["sink": "log"])
        #expect(lines.all.count == 1)
        // The line starts with its wall-clock time; the rest is compared whole.
        #expect(
            lines.all.first?.wholeMatch(of: #/time=\S+ level=warning msg=written job=job\.yaml sink=log\n?/#) != nil,
            "\(lines.all)")
    }
}
