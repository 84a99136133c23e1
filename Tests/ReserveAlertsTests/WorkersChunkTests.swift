import ReservePipeline
import Synchronization
import Testing

/// The one writer takes the workers' results in input order, a chunk at a time, while the
/// workers go on (``Workers/forEachChunk(count:workers:chunk:makeState:_:consume:)``).
@Suite struct WorkersChunkTests {
    @Test(arguments: [1, 2, 3])
    func chunksComeInOrderWithEveryResultOnce(workers: Int) {
        var starts: [Int] = []
        var results: [Int] = []
        Workers.forEachChunk(
            count: 50, workers: workers, chunk: 8, makeState: { worker in worker },
            { _, i in i * i },
            consume: { start, chunk in
                starts.append(start)
                #expect(chunk.count == min(8, 50 - start))
                results += chunk
            })
        #expect(starts == Array(stride(from: 0, to: 50, by: 8)))
        #expect(results == (0..<50).map { $0 * $0 })
    }

    @Test func noItemsNoChunk() {
        var calls = 0
        Workers.forEachChunk(
            count: 0, workers: 2, chunk: 8, makeState: { _ in () }, { _, i in i }, consume: { _, _ in calls += 1 })
        #expect(calls == 0)
    }

    @Test func eachWorkerMakesItsStateOnce() {
        let made = Made()
        Workers.forEachChunk(
            count: 100, workers: 3, chunk: 256,
            makeState: { worker in
                made.list.withLock { $0.append(worker) }
                return worker
            }, { worker, _ in worker }, consume: { _, chunk in #expect(Set(chunk).isSubset(of: [0, 1, 2])) })
        #expect(made.list.withLock { $0.sorted() } == [0, 1, 2])
    }
}

/// The workers whose state was made.
private final class Made: Sendable {
    let list = Mutex<[Int]>([])
}
