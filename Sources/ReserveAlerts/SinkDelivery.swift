import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ReserveCore

/// Delivers one alert to one sink. Success is a 2xx answer (HTTP) or exit status 0 (command).
struct SinkDelivery: AlertDelivering {
    let client: HTTPClient
    let timeout: TimeAmount
    /// Seconds after it is sent that a problem ends in Alertmanager unless sent again.
    var alertmanagerEndsAfter: Int64 = 90 * 86_400

    typealias Failure = AlertDeliveryFailure

    func deliver(_ alert: Alert, to sink: JobFile.Sink) async throws(Failure) {
        switch sink.kind {
        case .webhook: try await post(JSONWriter.write(alert.json) + "\n", to: sink.url)
        case .slack: try await post(JSONWriter.write(SinkPayloads.slack(alert)) + "\n", to: sink.url)
        case .alertmanager:
            let base = (sink.url ?? "").hasSuffix("/") ? String((sink.url ?? "").dropLast()) : (sink.url ?? "")
            let payload = SinkPayloads.alertmanager(alert, endsAfter: alertmanagerEndsAfter)
            try await post(JSONWriter.write(payload) + "\n", to: base + "/api/v2/alerts")
        case .command:
            try await run(
                sink.command ?? [], input: JSONWriter.write(alert.json, pretty: false) + "\n",
                in: sink.workingDirectory)
        }
    }

    private func post(_ body: String, to url: String?) async throws(Failure) {
        guard let url else { throw Failure(message: "the sink has no url") }
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "reserve-verifier")
        request.body = .bytes(ByteBuffer(string: body))
        let client = client
        let timeout = timeout
        let sending = request
        // One deadline for connect, request, answer and its body: a sink that answers slowly is cut off.
        let outcome = await Deadline.run(milliseconds: timeout.nanoseconds / 1_000_000) { () async -> Failure? in
            do {
                let response = try await client.execute(sending, timeout: timeout)
                // Read (and discard) at most 64 KiB of the answer.
                _ = try? await response.body.collect(upTo: 64 * 1024)
                guard (200..<300).contains(response.status.code) else {
                    return Failure(message: "HTTP \(response.status.code) from \(url)")
                }
                return nil
            } catch {
                return Failure(message: "\(url): \(error)")
            }
        }
        switch outcome {
        case .finished(nil): return
        case .finished(let failure?): throw failure
        case .timedOut: throw Failure(message: "\(url): no answer within \(timeout.nanoseconds / 1_000_000) ms")
        case .cancelled: throw Failure(message: "\(url): cancelled (the watch is stopping)")
        }
    }

    /// Runs the command with the alert as JSON on its standard input (``ChildProcess``).
    private func run(_ command: [String], input: String, in directory: String?) async throws(Failure) {
        let status: Int32
        do {
            status = try await ChildProcess.run(
                command, input: Array(input.utf8), workingDirectory: directory,
                timeoutMilliseconds: Int64(timeout.nanoseconds / 1_000_000))
        } catch {
            throw Failure(message: error.message)
        }
        if status != 0 { throw Failure(message: "\(command.first ?? "") exited \(status)") }
    }
}

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
