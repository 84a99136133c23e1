import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import ReserveCore
import ReserveCrypto
import ReserveIO
import ReservePipeline
import ReserveStore

/// Set by SIGTERM/SIGINT: the runner cancels its fetches and deliveries, finishes at most the
/// database transaction in hand, then stops.
public final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false
    private var handlers: [@Sendable () -> Void] = []

    public init() {}

    public var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    public func set() {
        lock.lock()
        stopped = true
        let run = handlers
        handlers = []
        lock.unlock()
        for action in run { action() }
    }

    /// Runs `handler` when the flag is set (at once when it already is).
    public func onSet(_ handler: @escaping @Sendable () -> Void) {
        lock.lock()
        if stopped {
            lock.unlock()
            handler()
            return
        }
        handlers.append(handler)
        lock.unlock()
    }
}
