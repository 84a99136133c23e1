import Foundation
import Logging
import ReserveCore

/// How `watch` writes its log to stderr.
public enum LogFormat: String, Sendable, CaseIterable {
    /// For people: the message, then `key=value` metadata in brackets (the round summary alone).
    case text
    /// `time=… level=… msg="…" key=value …`, one event a line.
    case logfmt
    /// One JSON object a line: `time`, `level`, `msg` and the metadata.
    case json
}
