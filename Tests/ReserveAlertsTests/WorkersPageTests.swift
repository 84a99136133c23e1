import ReservePipeline
import Synchronization
import Testing

/// The one writer takes each page the caller reads with the workers' results, in order, while the
/// workers go on with the next page (``Workers/forEachPage(workers:makeState:next:_:consume:)``).
@Suite struct WorkersPageTests {
    struct Stop: Error, Equatable {}

    /// Pages of `sizes` items, numbered on from 0.
    static func pages(_ sizes: [Int]) -> [[Int]] {
        var start = 0
        return sizes.map { size in
            defer { start += size }
            return Array(start..<start + size)
        }
    }

    @Test(arguments: [1, 2, 3])
    func pagesComeInOrderWithEveryResultOnce(workers: Int) throws {
        let pages = Self.pages([20, 3, 0, 17, 1])
        var read = 0
        var consumed: [[Int]] = []
        var results: [Int] = []
        try Workers.forEachPage(
            workers: workers, makeState: { worker in worker },
            next: { () throws(Stop) -> [Int]? in
                guard read < pages.count else { return nil }
                read += 1
                return pages[read - 1]
            },
            { _, i in i * i },
            consume: { (items: [Int], squares: [Int]) throws(Stop) in
                consumed.append(items)
                #expect(squares.count == items.count)
                results += squares
            })
        #expect(consumed == pages)
        #expect(results == (0..<41).map { $0 * $0 })
    }

    @Test func noPageNoWorkerAndNoConsume() throws {
        let made = Made()
        var calls = 0
        try Workers.forEachPage(
            workers: 2,
            makeState: { worker in
                made.list.withLock { $0.append(worker) }
                return worker
            }, next: { () throws(Stop) -> [Int]? in nil }, { _, i in i },
            consume: { (_: [Int], _: [Int]) throws(Stop) in calls += 1 })
        #expect(calls == 0)
        #expect(made.list.withLock { $0 }.isEmpty)
    }

    @Test func eachWorkerMakesItsStateOnceAndNoMoreWorkersThanTheFirstPageHasItems() throws {
        let made = Made()
        var read = 0
        try Workers.forEachPage(
            workers: 3,
            makeState: { worker in
                made.list.withLock { $0.append(worker) }
                return worker
            },
            next: { () throws(Stop) -> [Int]? in
                read += 1
                return read == 1 ? [1, 2] : nil
            },
            { worker, _ in worker },
            consume: { (_: [Int], workers: [Int]) throws(Stop) in #expect(Set(workers).isSubset(of: [0, 1])) })
        #expect(made.list.withLock { $0.sorted() } == [0, 1])
    }

    @Test(arguments: [1, 2])
    func aFailingConsumeStopsTheRunAndIsRethrown(workers: Int) {
        let pages = Self.pages([8, 8, 8, 8])
        var read = 0
        var consumed = 0
        var thrown: Stop?
        do {
            try Workers.forEachPage(
                workers: workers, makeState: { _ in () },
                next: { () throws(Stop) -> [Int]? in
                    guard read < pages.count else { return nil }
                    read += 1
                    return pages[read - 1]
                },
                { _, i in i },
                consume: { (_: [Int], _: [Int]) throws(Stop) in
                    consumed += 1
                    if consumed == 2 { throw Stop() }
                })
        } catch {
            thrown = error
        }
        #expect(thrown == Stop())
        #expect(consumed == 2)
        // The page after the failing one may already have been read (the workers go on with it),
        // never one after that.
        #expect(read <= 3)
    }

    @Test(arguments: [1, 2])
    func aFailingReadStopsTheRunAfterConsumingThePagesBeforeIt(workers: Int) {
        var read = 0
        var consumed: [[Int]] = []
        var thrown: Stop?
        do {
            try Workers.forEachPage(
                workers: workers, makeState: { _ in () },
                next: { () throws(Stop) -> [Int]? in
                    read += 1
                    if read == 3 { throw Stop() }
                    return [read * 10, read * 10 + 1]
                },
                { _, i in i },
                consume: { (items: [Int], _: [Int]) throws(Stop) in consumed.append(items) })
        } catch {
            thrown = error
        }
        #expect(thrown == Stop())
        // With workers the third read comes before the second page is consumed; the pages read
        // before the failure are consumed all the same.
        #expect(consumed == [[10, 11], [20, 21]])
    }
}

/// The workers whose state was made.
private final class Made: Sendable {
    let list = Mutex<[Int]>([])
}
