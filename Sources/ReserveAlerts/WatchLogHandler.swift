import Foundation
import Logging
import ReserveCore

/// A swift-log handler writing one line per event to stderr (or `write`), in a ``LogFormat``.
/// Metadata carries the issuer, token, source and sink an event is about.
public struct WatchLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    let format: LogFormat
    let write: @Sendable (String) -> Void

    public init(
        format: LogFormat, level: Logger.Level = .info,
        write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
    ) {
        self.format = format
        self.logLevel = level
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var all = metadata
        for (k, v) in event.metadata ?? [:] { all[k] = v }
        let pairs = all.sorted { $0.key < $1.key }.map { ($0.key, "\($0.value)") }
        write(Self.render(format: format, level: event.level, message: "\(event.message)", pairs: pairs, time: Date()))
    }

    static func render(
        format: LogFormat, level: Logger.Level, message: String, pairs: [(String, String)],
        time: Date
    ) -> String {
        switch format {
        case .text:
            let prefix = level >= .warning ? "\(level.rawValue): " : ""
            let listed = pairs.map { "\($0)=\($1)" }.joined(separator: " ")
            let suffix = pairs.isEmpty || level < .warning ? "" : " [\(listed)]"
            return prefix + message + suffix + "\n"
        case .logfmt:
            func value(_ text: String) -> String {
                let plain =
                    !text.isEmpty
                    && text.unicodeScalars.allSatisfy {
                        $0.value > 0x20 && $0.value < 0x7F && $0 != "\"" && $0 != "="
                    }
                if plain { return text }
                let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
                    of: "\"",
                    with: "\\\""
                )
                .replacingOccurrences(of: "\n", with: "\\n")
                return "\"\(escaped)\""
            }
            let fields = [("time", Self.timestamp(time)), ("level", level.rawValue), ("msg", message)] + pairs
            return fields.map { "\($0)=\(value($1))" }.joined(separator: " ") + "\n"
        case .json:
            var o = JSONObject()
            o["time"] = .string(Self.timestamp(time))
            o["level"] = .string(level.rawValue)
            o["msg"] = .string(message)
            for (k, v) in pairs where o[k] == nil { o[k] = .string(v) }
            return JSONWriter.write(.object(o), pretty: false) + "\n"
        }
    }

    /// RFC 3339 UTC with milliseconds.
    static func timestamp(_ date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let t = Timestamp(seconds: millis / 1000, nanoseconds: Int32(millis % 1000) * 1_000_000)
        return t.millisecondText
    }
}
