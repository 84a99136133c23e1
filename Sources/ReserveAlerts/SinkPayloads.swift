import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ReserveCore

/// Sink-specific payloads built from the generic alert.
enum SinkPayloads {
    /// Slack-compatible incoming webhook: `{"text": ...}`.
    static func slack(_ alert: Alert) -> JSONValue {
        let icon =
            alert.type.isRecovery
            ? ":white_check_mark:" : (alert.type.severity == "critical" ? ":rotating_light:" : ":warning:")
        var text = "\(icon) *\(alert.type.rawValue)* \(alert.issuer)/\(alert.token): \(alert.message)"
        if !alert.rules.isEmpty { text += "\nrules: " + alert.rules.joined(separator: ", ") }
        if case .string(let coverage)? = alert.figures["coverage"] { text += "\ncoverage: \(coverage)" }
        return ["text": .string(text)]
    }

    /// Prometheus Alertmanager v2: a list with one alert. A recovery sends the problem's labels
    /// with `endsAt` now, which resolves it; a problem ends `endsAfter` seconds after it is sent
    /// (`watch` sends active problems again every round, as Prometheus does); an event ends after
    /// a day.
    static func alertmanager(_ alert: Alert, endsAfter: Int64 = 90 * 86_400) -> JSONValue {
        var labels = JSONObject()
        labels["alertname"] = .string(alert.type.alertName)
        labels["issuer"] = .string(alert.issuer)
        labels["token"] = .string(alert.token)
        labels["severity"] = .string(alert.type.alertmanagerSeverity)
        for (k, v) in alert.labels.sorted(by: { $0.key < $1.key }) { labels[k] = .string(v) }
        var annotations = JSONObject()
        annotations["summary"] = .string(alert.message)
        annotations["type"] = .string(alert.type.rawValue)
        if !alert.rules.isEmpty { annotations["rules"] = .string(alert.rules.joined(separator: ", ")) }
        for (k, v) in alert.figures.entries { if case .string(let s) = v { annotations[k] = .string(s) } }
        var o = JSONObject()
        o["labels"] = .object(labels)
        o["annotations"] = .object(annotations)
        let start = alert.raisedAt
        if alert.type.isRecovery {
            o["endsAt"] = .string(start.description)
        } else {
            o["startsAt"] = .string(start.description)
            o["endsAt"] = .string(start.adding(seconds: alert.type.isEvent ? 86_400 : endsAfter).description)
        }
        return .array([.object(o)])
    }
}
