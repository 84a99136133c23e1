import Foundation
import ReserveIO
import TestSupport
import Testing

@testable import ReserveAlerts

/// Command sinks' child processes (issue 11, class 1 and "child processes done properly").
///
/// No wall-clock bounds here: in a full `swift test`, other suites' synchronous waits starve the
/// runner's cooperative threads (two on this machine) for tens of seconds. The outcome says what
/// happened instead (a child that ended by itself exits 0, not "timed out"); the time a round takes
/// is measured on the binary, in its own process (WatchHardeningTests, WatchSoakTests).
@Suite struct ChildProcessTests {
    let megabyte = [UInt8](repeating: 0x61, count: 1 << 20)

    func failure(_ body: () async throws -> Int32) async -> String? {
        do {
            _ = try await body()
            return nil
        } catch {
            return (error as? ChildProcess.Failure)?.message ?? "\(error)"
        }
    }

    @Test func aChildThatNeverReadsALargeInputIsStoppedAtTheTimeout() async {
        let message = await failure {
            try await ChildProcess.run(
                ["sleep", "60"], input: megabyte, workingDirectory: nil,
                timeoutMilliseconds: 500)
        }
        // On main the whole input was written before the timeout started: this blocked until the child ended.
        #expect(message == "sleep timed out after 500 ms (stopped with SIGTERM)")
    }

    @Test func aChildThatExitsWithoutReadingIsNoSIGPIPE() async throws {
        let status = try await ChildProcess.run(
            ["sh", "-c", "exit 3"], input: megabyte, workingDirectory: nil,
            timeoutMilliseconds: 10_000)
        #expect(status == 3)
        let ok = try await ChildProcess.run(
            ["sh", "-c", "head -c 10 > /dev/null"], input: megabyte,
            workingDirectory: nil,
            timeoutMilliseconds: 10_000)
        #expect(ok == 0)
    }

    @Test func theChildGetsDefaultSignalsAndTheWorkingDirectory() async throws {
        // `watch` ignores SIGPIPE; the child must not inherit that.
        let killed = await failure {
            try await ChildProcess.run(
                ["sh", "-c", "kill -PIPE $$; exit 0"], input: [], workingDirectory: nil,
                timeoutMilliseconds: 10_000)
        }
        #expect(killed == "sh was killed by signal 13")
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let status = try await ChildProcess.run(
            ["sh", "-c", "cat > got.txt; pwd > where.txt"],
            input: Array("hello".utf8),
            workingDirectory: dir.url.path, timeoutMilliseconds: 10_000)
        #expect(status == 0)
        #expect(try dir.read("got.txt") == Array("hello".utf8))
        let reported = String(
            decoding: try dir.read("where.txt"),
            as: UTF8.self
        ).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(URL(fileURLWithPath: reported).resolvingSymlinksInPath() == dir.url.resolvingSymlinksInPath())
    }

    /// A descriptor the child inherited (a parent's pipe, say) kept that parent waiting for as long as
    /// the child ran, even after `watch` was killed.
    @Test func theChildInheritsNoDescriptorButItsStandardOnes() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        // Python, not a shell: dash keeps descriptors of its own (10). Descriptor 3 is listdir's.
        let script = "import os; l = os.listdir('/proc/self/fd'); open('fds.txt', 'w').write(chr(10).join(l))"
        let status = try await ChildProcess.run(
            ["python3", "-c", script], input: [],
            workingDirectory: dir.url.path, timeoutMilliseconds: 10_000)
        #expect(status == 0)
        let fds = String(decoding: try dir.read("fds.txt"), as: UTF8.self).split(separator: "\n").sorted()
        #expect(fds == ["0", "1", "2", "3"], "\(fds)")
    }

    @Test func aChildThatIgnoresSIGTERMIsKilled() async {
        let message = await failure {
            try await ChildProcess.run(
                ["sh", "-c", "trap '' TERM; sleep 60"], input: [], workingDirectory: nil,
                timeoutMilliseconds: 300, graceMilliseconds: 300)
        }
        #expect(message == "sh timed out after 300 ms (killed with SIGKILL)")
    }

    @Test func aProgramThatDoesNotExistIsAFailureNotACrash() async {
        let message = await failure {
            try await ChildProcess.run(
                ["no-such-program-rv"], input: [], workingDirectory: nil,
                timeoutMilliseconds: 1_000)
        }
        #expect(message?.hasPrefix("no-such-program-rv could not be started") == true, "\(message ?? "")")
        let empty = await failure {
            try await ChildProcess.run(
                [], input: [], workingDirectory: nil,
                timeoutMilliseconds: 1_000)
        }
        #expect(empty == "empty command")
    }

    @Test func cancellingTheCallerStopsTheChild() async {
        let task = Task { () -> String? in
            do {
                _ = try await ChildProcess.run(
                    ["sleep", "60"], input: [], workingDirectory: nil,
                    timeoutMilliseconds: 60_000)
                return nil
            } catch {
                return (error as? ChildProcess.Failure)?.message ?? "\(error)"
            }
        }
        try? await Task.sleep(nanoseconds: 300_000_000)
        task.cancel()
        let message = await task.value
        #expect(message == "sleep stopped with SIGTERM: the watch is stopping")
    }

    /// The timeout fires on a Dispatch timer: with every cooperative thread blocked for longer
    /// than the child would live, the child is still stopped at its timeout (it never gets to
    /// write its file).
    @Test func aStarvedCooperativePoolDoesNotHoldAChildPastItsTimeout() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let threads = ProcessInfo.processInfo.activeProcessorCount
        let run = Task {
            try await ChildProcess.run(
                ["sh", "-c", "sleep 2; touch done"], input: [], workingDirectory: dir.url.path,
                timeoutMilliseconds: 200, graceMilliseconds: 200)
        }
        // Occupy every cooperative thread with blocking work for 4 s.
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<threads { group.addTask { usleep(4_000_000) } }
        }
        let outcome = await run.result
        #expect(!dir.exists("done"), "the child outlived its timeout")
        if case .failure(let failure) = outcome {
            #expect((failure as? ChildProcess.Failure)?.message.hasPrefix("sh timed out after 200 ms") == true)
        } else {
            Issue.record("the child was not stopped: \(outcome)")
        }
    }
}

/// Redirect hops (issue 11, class 3): every hop obeys the URL rule, no downgrade, same host unless allowed.
@Suite struct RedirectRuleTests {
    func refusal(_ from: String, _ to: String, origin: String? = nil, hosts: [String] = []) -> String? {
        SourceFetcher.redirectRefusal(
            from: URL(string: from)!, to: URL(string: to)!,  // constant test URLs
            origin: URL(string: origin ?? from)!, redirectHosts: hosts)
    }

    @Test func eachHopIsChecked() {
        #expect(refusal("https://a.example/x", "https://a.example/y") == nil)
        #expect(
            refusal(
                "https://a.example/x",
                "http://a.example/y")?.contains("only https:// URLs are fetched") == true)
        #expect(
            refusal(
                "https://a.example/x",
                "http://127.0.0.1/y") == "https://a.example/x -> http://127.0.0.1/y drops https")
        #expect(
            refusal("https://a.example/x", "https://b.example/y")
                == "https://b.example/y is on another host (allow it with http.redirectHosts)")
        #expect(refusal("https://a.example/x", "https://B.example/y", hosts: ["b.example"]) == nil)
        #expect(
            refusal("http://127.0.0.1:8080/x", "http://example.com/y")
                == "http://example.com/y: only https:// URLs are fetched (plain http only from localhost)")
        #expect(refusal("http://127.0.0.1:8080/x", "ftp://127.0.0.1/y") != nil)
        // The origin, not the previous hop, decides what "another host" is.
        #expect(
            refusal(
                "https://b.example/x", "https://a.example/z", origin: "https://a.example/",
                hosts: ["b.example"]) == nil)
    }
}
