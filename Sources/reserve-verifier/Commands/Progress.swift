import ArgumentParser
import Foundation
import ReserveAlerts
import ReserveCore
import ReserveCrypto
import ReserveIO
import ReservePipeline
import ReserveStore

/// A progress line on stderr for long runs on a terminal.
final class Progress: @unchecked Sendable {
    private let total: Int
    private let enabled: Bool
    private var done = 0
    private let lock = NSLock()

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled
    }

    func advance() {
        guard enabled else { return }
        lock.lock()
        done += 1
        let d = done
        lock.unlock()
        if d % 50 == 0 || d == total { Console.err("\rverifying \(d)/\(total)") }
    }

    func finish() {
        if enabled { Console.err("\r\u{1B}[K") }
    }
}
