import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import ReserveCore
import ReserveCrypto
import ReserveIO
import ReservePipeline
import ReserveStore

/// What one round did, for the summary line and the tests.
public struct RoundSummary: Sendable, Hashable {
    public var verified = 0
    public var recorded = 0
    public var replays = 0
    public var unchangedSources = 0
    public var failures = 0
    public var alertsQueued = 0
    public var alertsDelivered = 0
    public var alertsPending = 0
    /// Deliveries that failed this round (each alert and sink once).
    public var deliveryFailures = 0
    public var alertsParked = 0
    public var stopped = false

    /// A source, an input or a delivery failed: `watch --once` exits 1.
    public var hadFailures: Bool { failures > 0 || deliveryFailures > 0 }

    public var line: String {
        "round: \(verified) verified, \(recorded) recorded, \(replays) already known, "
            + "\(unchangedSources) sources unchanged, \(failures) failures; "
            + "alerts: \(alertsQueued) raised, \(alertsDelivered) delivered, \(alertsPending) pending"
            + (deliveryFailures > 0 ? ", \(deliveryFailures) deliveries failed" : "")
            + (alertsParked > 0 ? ", \(alertsParked) parked" : "") + (stopped ? " (stopped early)" : "")
    }
}
