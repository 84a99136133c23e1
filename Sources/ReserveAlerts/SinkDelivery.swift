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
