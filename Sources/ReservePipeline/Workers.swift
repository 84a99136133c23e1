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

    /// `body(state, i)` for every `i` in `0..<count` on `workers` threads, as ``map(count:workers:makeState:_:)``,
    /// handing the results to `consume` on the caller's thread, in the items' order, `chunk`
    /// consecutive items at a time, as soon as each chunk is complete: the caller (the one
    /// writer) works on one chunk while the workers go on with the next ones. `consume` is called
    /// with the chunk's first index and its results. With one worker everything runs on the
    /// caller's thread, in order: a chunk is computed, then consumed.
    public static func forEachChunk<State, T: Sendable>(
        count: Int, workers: Int, chunk: Int, makeState: @escaping @Sendable (_ worker: Int) -> State,
        _ body: @escaping @Sendable (inout State, Int) -> T, consume: (_ start: Int, _ results: [T]) -> Void
    ) {
        guard count > 0 else { return }
        let chunk = max(chunk, 1)
        if workers <= 1 {
            var state = makeState(0)
            for start in stride(from: 0, to: count, by: chunk) {
                consume(start, (start..<min(start + chunk, count)).map { body(&state, $0) })
            }
            return
        }
        let counter = Counter()
        let slots = OrderedSlots<T>(count: count)
        let group = WorkerGroup(workers: workers)
        let runLength = Self.run
        for worker in 0..<workers {
            let thread = Thread {
                var state = makeState(worker)
                while true {
                    let start = counter.claim(runLength)
                    guard start < count else { break }
                    let end = min(start + runLength, count)
                    slots.fill(start, (start..<end).map { body(&state, $0) })
                }
                group.finish()
            }
            thread.stackSize = stackSize
            thread.start()
        }
        for start in stride(from: 0, to: count, by: chunk) {
            consume(start, slots.take(start..<min(start + chunk, count)))
        }
        group.waitForWorkers()
    }

    /// `body(state, item)` for every item of the pages `next` reads, on `workers` threads, each
    /// with the state `makeState(worker)` made for it, handing each page with its results to
    /// `consume` on the caller's thread, page after page, as soon as the page is complete: the
    /// caller (the one writer) works on one page while the workers go on with the next.
    ///
    /// `next` (nil at the end) runs on the caller's thread too, before it waits for the page in
    /// hand, so at most two pages are held at a time however many there are (a ledger of any size
    /// is streamed, never read whole). The workers start once the first page is read, at most one
    /// per item of it. When `consume` throws, nothing more is read or consumed; when `next` throws,
    /// the pages read before are still consumed, as a page-by-page loop would, and nothing after.
    /// Either way the workers stop after the run of items they are on, and the error is rethrown
    /// once every worker is done. With one worker everything runs on the caller's thread, in
    /// order: a page is read, computed, then consumed.
    public static func forEachPage<Item: Sendable, State, T: Sendable, Failure: Error>(
        workers: Int, makeState: @escaping @Sendable (_ worker: Int) -> State,
        next: () throws(Failure) -> [Item]?,
        _ body: @escaping @Sendable (inout State, Item) -> T,
        consume: (_ items: [Item], _ results: [T]) throws(Failure) -> Void
    ) throws(Failure) {
        guard var current = try next() else { return }
        let workers = min(workers, max(current.count, 1))
        if workers <= 1 {
            var state = makeState(0)
            while true {
                var results: [T] = []
                results.reserveCapacity(current.count)
                for item in current { results.append(body(&state, item)) }
                try consume(current, results)
                guard let page = try next() else { return }
                current = page
            }
        }
        let feed = PageFeed<Item, T>()
        let group = WorkerGroup(workers: workers)
        let runLength = Self.run
        for worker in 0..<workers {
            let thread = Thread {
                var state = makeState(worker)
                while let work = feed.claim(runLength) {
                    feed.fill(work.page, work.start, work.items.map { body(&state, $0) })
                }
                group.finish()
            }
            thread.stackSize = stackSize
            thread.start()
        }
        // Whatever happens, the workers are stopped and waited for before this returns or throws.
        defer {
            feed.close()
            group.waitForWorkers()
        }
        var number = feed.submit(current)
        while true {
            // The next page is read before this one is consumed; a failure to read it is thrown
            // after, as a page-by-page loop would.
            var upcoming: [Item]?
            var readFailure: Failure?
            do throws(Failure) {
                upcoming = try next()
            } catch {
                readFailure = error
            }
            let upcomingNumber = upcoming.map { feed.submit($0) }
            try consume(current, feed.take(number))
            if let readFailure { throw readFailure }
            guard let upcoming, let upcomingNumber else { return }
            (current, number) = (upcoming, upcomingNumber)
        }
    }

    /// The next unclaimed item.
    private final class Counter: Sendable {
        private let next = Atomic<Int>(0)

        func claim(_ n: Int) -> Int { next.wrappingAdd(n, ordering: .relaxed).oldValue }
    }

    /// The results by index as the workers fill them, and how many from the first are complete:
    /// the caller takes each chunk once every item in it is there.
    private final class OrderedSlots<T: Sendable>: @unchecked Sendable {
        // Guarded by `condition` (NSCondition has no Sendable state of its own to check).
        private let condition = NSCondition()
        private var slots: [T?]
        private var filled: [Bool]
        /// Items `0..<complete` are all filled.
        private var complete = 0

        init(count: Int) {
            slots = Array(repeating: nil, count: count)
            filled = Array(repeating: false, count: count)
        }

        /// Stores the results of the run starting at `start` (one lock per run of items).
        func fill(_ start: Int, _ results: [T]) {
            condition.lock()
            for (k, value) in results.enumerated() {
                slots[start + k] = value
                filled[start + k] = true
            }
            let before = complete
            while complete < filled.count && filled[complete] { complete += 1 }
            if complete != before { condition.broadcast() }
            condition.unlock()
        }

        /// Waits until every item of `range` is filled, then hands their results over.
        func take(_ range: Range<Int>) -> [T] {
            condition.lock()
            while complete < range.upperBound { condition.wait() }
            var out: [T] = []
            out.reserveCapacity(range.count)
            for i in range {
                out.append(slots[i]!)
                slots[i] = nil
            }
            condition.unlock()
            return out
        }
    }

    /// The pages submitted and not yet taken, their items claimed by the workers a run at a time
    /// in page order, their results as the workers fill them.
    private final class PageFeed<Item: Sendable, T: Sendable>: @unchecked Sendable {
        private struct Page {
            var items: [Item]
            var results: [T?]
            /// Items `0..<claimed` are claimed.
            var claimed = 0
            var filled = 0
        }

        // Guarded by `condition` (NSCondition has no Sendable state of its own to check).
        private let condition = NSCondition()
        private var pages: [Int: Page] = [:]
        /// The next page's number.
        private var submitted = 0
        /// Pages before this one have no unclaimed items.
        private var open = 0
        private var closed = false

        /// Hands a page to the workers; returns its number for ``take(_:)``.
        func submit(_ items: [Item]) -> Int {
            condition.lock()
            let number = submitted
            submitted += 1
            pages[number] = Page(items: items, results: Array(repeating: nil, count: items.count))
            condition.broadcast()
            condition.unlock()
            return number
        }

        /// The next run of at most `length` unclaimed items, waiting for a page; nil once closed.
        func claim(_ length: Int) -> (page: Int, start: Int, items: ArraySlice<Item>)? {
            condition.lock()
            defer { condition.unlock() }
            while !closed {
                while open < submitted, pages[open].map({ $0.claimed == $0.items.count }) ?? true { open += 1 }
                if open < submitted, let page = pages[open] {
                    let end = min(page.claimed + length, page.items.count)
                    pages[open]?.claimed = end
                    return (open, page.claimed, page.items[page.claimed..<end])
                }
                condition.wait()
            }
            return nil
        }

        /// Stores the results of the run starting at `start` of page `number` (one lock per run).
        func fill(_ number: Int, _ start: Int, _ results: [T]) {
            condition.lock()
            if pages[number] != nil {
                for (k, value) in results.enumerated() { pages[number]?.results[start + k] = value }
                pages[number]?.filled += results.count
                if let page = pages[number], page.filled == page.items.count { condition.broadcast() }
            }
            condition.unlock()
        }

        /// Waits until every item of page `number` is filled, then hands its results over.
        func take(_ number: Int) -> [T] {
            condition.lock()
            while let page = pages[number], page.filled < page.items.count { condition.wait() }
            let page = pages.removeValue(forKey: number)
            condition.unlock()
            return page?.results.map { $0! } ?? []
        }

        /// No more work: each worker stops once its run in hand is filled.
        func close() {
            condition.lock()
            closed = true
            condition.broadcast()
            condition.unlock()
        }
    }

    /// The worker threads still running: each calls ``finish()`` once when it is done, and the
    /// caller's ``waitForWorkers()`` returns once all have (the chunk and the page coordinators).
    private final class WorkerGroup: @unchecked Sendable {
        // Guarded by `condition` (NSCondition has no Sendable state of its own to check).
        private let condition = NSCondition()
        private var running: Int

        init(workers: Int) { running = workers }

        func finish() {
            condition.lock()
            running -= 1
            if running == 0 { condition.broadcast() }
            condition.unlock()
        }

        /// Returns once every worker thread is done.
        func waitForWorkers() {
            condition.lock()
            while running > 0 { condition.wait() }
            condition.unlock()
        }
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
