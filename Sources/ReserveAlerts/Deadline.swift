import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ReserveCore

/// Runs an operation under a deadline and returns when it finishes, when the deadline passes, or
/// when the calling task is cancelled, whichever comes first: the operation is cancelled and left
/// to wind down on its own, so one that ignores cancellation cannot hold the caller.
enum Deadline {
    enum Outcome<T: Sendable>: Sendable {
        case finished(T)
        case timedOut
        case cancelled
    }

    private final class Once<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<Outcome<T>, Never>?
        private var tasks: [Task<Void, Never>] = []

        init(_ continuation: CheckedContinuation<Outcome<T>, Never>) {
            self.continuation = continuation
        }

        func add(_ task: Task<Void, Never>) {
            lock.lock()
            let done = continuation == nil
            if !done { tasks.append(task) }
            lock.unlock()
            if done { task.cancel() }
        }

        func resume(_ value: Outcome<T>) {
            lock.lock()
            let c = continuation
            continuation = nil
            let others = tasks
            tasks = []
            lock.unlock()
            c?.resume(returning: value)
            if c != nil { for other in others { other.cancel() } }
        }
    }

    static func run<T: Sendable>(
        milliseconds: Int64,
        _ operation: @escaping @Sendable () async -> T
    ) async -> Outcome<T> {
        let holder = Box<Once<T>>()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Outcome<T>, Never>) in
                let once = Once(continuation)
                holder.set(once)
                if Task.isCancelled { once.resume(.cancelled) }
                once.add(Task { once.resume(.finished(await operation())) })
                once.add(
                    Task {
                        try? await Task.sleep(nanoseconds: UInt64(max(0, milliseconds)) * 1_000_000)
                        if !Task.isCancelled { once.resume(.timedOut) }
                    })
            }
        } onCancel: {
            holder.get()?.resume(.cancelled)
        }
    }

    private final class Box<V: AnyObject & Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var value: V?
        func set(_ v: V) {
            lock.lock()
            value = v
            lock.unlock()
        }
        func get() -> V? {
            lock.lock()
            defer { lock.unlock() }
            return value
        }
    }
}
