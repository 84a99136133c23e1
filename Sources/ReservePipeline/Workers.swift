import Foundation
import Synchronization

/// Runs one function over many items on a fixed number of worker threads, each with its own
/// state, and returns the results in the items' order.
///
/// Each worker makes its state once (for the verify pipeline: its own trust store with its own
/// parsed keys, so no key object's reference count is shared between cores), then claims runs of
/// consecutive items from one atomic counter (one atomic add per run, no lock) and keeps its
/// results in its own array; the arrays are put in order once every worker is done. Nothing on
/// the hot path is shared but the items themselves, which are only read.
///
/// The workers are threads of their own, not tasks of Swift's cooperative pool, and the caller
/// waits for them: the work is CPU-bound and blocking (OpenSSL, file reads), and a caller that
/// waits on the pool (a benchmark, `bench-corpus`) cannot starve it.
public enum Workers {
    /// Items claimed at a time: large enough that the counter is rarely touched, small enough
    /// that the last worker does not finish long after the others.
    public static let run = 8

    /// Stack of each worker thread (the decoder's depth limit needs far less).
    static let stackSize = 8 << 20

    /// The number of workers `jobs` asks for: at least one, at most one per item; nil means one
    /// per active core.
    public static func count(jobs: Int?, items: Int) -> Int {
        max(1, min(jobs ?? defaultJobs, max(items, 1)))
    }

    /// One worker per active core.
    public static var defaultJobs: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// `body(state, i)` for every `i` in `0..<count`, on `workers` threads, each with the state
    /// `makeState(worker)` made for it (called once per worker, on its thread, with the worker's
    /// number from 0). With one worker everything runs on the caller's thread, in order.
    public static func map<State, T: Sendable>(
        count: Int, workers: Int, makeState: @escaping @Sendable (_ worker: Int) -> State,
        _ body: @escaping @Sendable (inout State, Int) -> T
    ) -> [T] {
        guard count > 0 else { return [] }
        if workers <= 1 {
            var state = makeState(0)
            return (0..<count).map { body(&state, $0) }
        }
        let counter = Counter()
        let parts = Parts<T>(workers: workers)
        let runLength = Self.run
        for worker in 0..<workers {
            let thread = Thread {
                var state = makeState(worker)
                var out: [(Int, T)] = []
                while true {
                    let start = counter.claim(runLength)
                    guard start < count else { break }
                    for i in start..<min(start + runLength, count) { out.append((i, body(&state, i))) }
                }
                parts.finish(worker, out)
            }
            thread.stackSize = stackSize
            thread.start()
        }
        var slots = [T?](repeating: nil, count: count)
        for part in parts.wait() {
            for (i, value) in part { slots[i] = value }
        }
        return slots.map { $0! }
    }

    /// The next unclaimed item.
    private final class Counter: Sendable {
        private let next = Atomic<Int>(0)

        func claim(_ n: Int) -> Int { next.wrappingAdd(n, ordering: .relaxed).oldValue }
    }

    /// Each worker's results, handed over once when it is done.
    private final class Parts<T: Sendable>: Sendable {
        private let parts: Mutex<[[(Int, T)]]>
        private let done = DispatchSemaphore(value: 0)
        private let workers: Int

        init(workers: Int) {
            self.workers = workers
            parts = Mutex(Array(repeating: [], count: workers))
        }

        func finish(_ worker: Int, _ out: [(Int, T)]) {
            parts.withLock { $0[worker] = out }
            done.signal()
        }

        func wait() -> [[(Int, T)]] {
            for _ in 0..<workers { done.wait() }
            return parts.withLock { $0 }
        }
    }
}
