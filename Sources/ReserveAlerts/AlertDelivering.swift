import AsyncHTTPClient
import Foundation
import ReserveCore
import ReserveIO
import ReserveStore

/// Hands an alert to a sink (webhook, Slack, Alertmanager, command), or to a fake in tests.
public protocol AlertDelivering: Sendable {
    func deliver(_ alert: Alert, to sink: JobFile.Sink) async throws(AlertDeliveryFailure)
}
