import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a command sink's program with posix_spawn: standard input fed from the alert on a thread of
/// its own (non-blocking, so a child that never reads cannot hold it), standard output and error to
/// /dev/null, every signal reset to its default and none blocked in the child (`watch` ignores
/// SIGPIPE, SIGTERM and SIGINT, which a child would otherwise inherit), its own process group. At the
/// timeout, or when the calling task is cancelled, the group gets SIGTERM, then SIGKILL after
/// `grace`.
enum ChildProcess {
    struct Failure: Error, Sendable {
        var message: String
    }

    /// The exit status, or a failure (could not start, timed out, killed by a signal).
    static func run(
        _ argv: [String], input: [UInt8], workingDirectory: String?, timeoutMilliseconds: Int64,
        graceMilliseconds: Int64 = 2_000
    ) async throws(Failure) -> Int32 {
        guard let program = argv.first else { throw Failure(message: "empty command") }
        // A child that exits without reading its input makes the write fail with EPIPE instead of
        // killing this process (the child gets SIGPIPE back at its default: see below).
        signal(SIGPIPE, SIG_IGN)
        var fds: [Int32] = [-1, -1]
        let made = makePipe(&fds)
        guard made == 0 else { throw Failure(message: "pipe: \(String(cString: strerror(errno)))") }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        _ = fcntl(writeEnd, F_SETFD, FD_CLOEXEC)
        _ = fcntl(readEnd, F_SETFD, FD_CLOEXEC)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, readEnd, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // Nothing else of this process reaches the child (the ledger, sockets, a parent's pipe that
        // would be held open for as long as the child runs).
        closeInheritedDescriptors(&actions)
        if let workingDirectory {
            guard addChdir(&actions, workingDirectory) == 0 else {
                close(readEnd)
                close(writeEnd)
                throw Failure(
                    message: "\(program) cannot run in \(workingDirectory): this C library lacks "
                        + "posix_spawn_file_actions_addchdir_np (glibc 2.29 or later)")
            }
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes,
            Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP))

        var pid: pid_t = 0
        let cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for argument in cArguments { free(argument) } }
        let spawned = posix_spawnp(&pid, program, &actions, &attributes, cArguments, environ)
        close(readEnd)
        guard spawned == 0 else {
            close(writeEnd)
            throw Failure(message: "\(program) could not be started: \(String(cString: strerror(spawned)))")
        }

        let feeder = InputFeeder(fd: writeEnd, bytes: input)
        feeder.start()
        let exit = ExitWaiter(pid: pid)
        defer { feeder.stop() }

        // The timeout and the grace period run on a Dispatch timer, not on the cooperative pool: a
        // starved pool (every thread busy elsewhere) must not hold a child past its timeout.
        let stopper = GroupStopper(pid: pid, graceMilliseconds: graceMilliseconds, reaped: { exit.hasExited })
        stopper.arm(afterMilliseconds: timeoutMilliseconds)
        let status = await withTaskCancellationHandler {
            await exit.status()
        } onCancel: {
            stopper.stop(.cancelled)
        }
        guard let stop = stopper.finish() else { return try decode(status, program: program) }
        let how = stop.killed ? "killed with SIGKILL" : "stopped with SIGTERM"
        throw Failure(
            message: stop.reason == .cancelled
                ? "\(program) \(how): the watch is stopping"
                : "\(program) timed out after \(timeoutMilliseconds) ms (\(how))")
    }

    /// Stops a child's process group at the timeout (or on cancellation): SIGTERM, then SIGKILL
    /// after the grace period unless it has exited. Timers run on a Dispatch queue.
    final class GroupStopper: @unchecked Sendable {
        enum Reason { case timedOut, cancelled }
        private let lock = NSLock()
        private let pid: pid_t
        private let grace: Int64
        private let queue = DispatchQueue(label: "reserve-verifier.child-stopper")
        private var timer: DispatchSourceTimer?
        private var reason: Reason?
        private var killed = false
        private var exited = false
        /// Whether the child has been reaped (known on the reaping thread, before any task runs).
        private let reaped: @Sendable () -> Bool

        init(pid: pid_t, graceMilliseconds: Int64, reaped: @escaping @Sendable () -> Bool) {
            self.pid = pid
            self.grace = graceMilliseconds
            self.reaped = reaped
        }

        func arm(afterMilliseconds milliseconds: Int64) {
            let timer = DispatchSource.makeTimerSource(queue: queue)
            timer.schedule(deadline: .now() + .milliseconds(Int(clamping: max(0, milliseconds))))
            timer.setEventHandler { [self] in stop(.timedOut) }
            lock.lock()
            self.timer = timer
            lock.unlock()
            timer.resume()
        }

        /// SIGTERM now (once), SIGKILL after the grace period if the child is still there.
        func stop(_ why: Reason) {
            lock.lock()
            guard reason == nil, !exited, !reaped() else {
                lock.unlock()
                return
            }
            reason = why
            lock.unlock()
            kill(-pid, SIGTERM)
            queue.asyncAfter(deadline: .now() + .milliseconds(Int(clamping: max(0, grace)))) { [self] in
                lock.lock()
                let alive = !exited && !reaped()
                if alive { killed = true }
                lock.unlock()
                if alive { kill(-pid, SIGKILL) }
            }
        }

        /// The child has exited: no more signals. Returns why it was stopped, if it was.
        func finish() -> (reason: Reason, killed: Bool)? {
            lock.lock()
            defer { lock.unlock() }
            exited = true
            timer?.cancel()
            return reason.map { ($0, killed) }
        }
    }

    // pipe2 and posix_spawn_file_actions_addchdir_np are GNU extensions that Glibc does not import
    // without _GNU_SOURCE: looked up by name.
    private typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>?, Int32) -> Int32
    private typealias AddChdir =
        @convention(c) (
            UnsafeMutablePointer<posix_spawn_file_actions_t>?,
            UnsafePointer<CChar>?
        ) -> Int32

    /// A pipe whose ends are close-on-exec from the start (pipe2), so that no child spawned at the
    /// same time by another thread inherits them.
    private static func makePipe(_ fds: inout [Int32]) -> Int32 {
        #if os(Linux)
            if let symbol = dlsym(nil, "pipe2") {
                return unsafeBitCast(symbol, to: Pipe2.self)(&fds, O_CLOEXEC)
            }
        #endif
        return pipe(&fds)
    }

    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32

    /// posix_spawn_file_actions_addclosefrom_np (glibc 2.34) when there is one, else a close action
    /// for each descriptor above 2 listed in /proc/self/fd.
    private static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) {
        if let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np"),
            unsafeBitCast(symbol, to: AddCloseFrom.self)(&actions, 3) == 0
        {
            return
        }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? [] {
            if let fd = Int32(name), fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
        }
    }

    private static func addChdir(_ actions: inout posix_spawn_file_actions_t, _ path: String) -> Int32 {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addchdir_np") else { return -1 }
        return unsafeBitCast(symbol, to: AddChdir.self)(&actions, path)
    }

    private static func decode(_ status: Int32, program: String) throws(Failure) -> Int32 {
        let signal = status & 0x7f
        if signal == 0 { return (status >> 8) & 0xff }
        throw Failure(message: "\(program) was killed by signal \(signal)")
    }

    /// Writes the input to the pipe without blocking, until done, the reader is gone (EPIPE) or
    /// `stop()`.
    final class InputFeeder: @unchecked Sendable {
        private let fd: Int32
        private let bytes: [UInt8]
        private let lock = NSLock()
        private var stopped = false

        init(fd: Int32, bytes: [UInt8]) {
            self.fd = fd
            self.bytes = bytes
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }

        private var isStopped: Bool {
            lock.lock()
            defer { lock.unlock() }
            return stopped
        }

        func stop() {
            lock.lock()
            stopped = true
            lock.unlock()
        }

        func start() {
            let thread = Thread { [self] in
                var offset = 0
                while offset < bytes.count && !isStopped {
                    let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, bytes.count - offset) }
                    if n > 0 {
                        offset += n
                    } else if n < 0 && (errno == EAGAIN || errno == EINTR) {
                        var p = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                        _ = poll(&p, 1, 100)
                    } else {
                        break  // EPIPE (SIGPIPE is ignored) or another error: the child gets what it read.
                    }
                }
                close(fd)
            }
            thread.start()
        }
    }

    /// Reaps the child on a thread of its own (blocking waitpid) and hands the status to every waiter.
    final class ExitWaiter: @unchecked Sendable {
        private let lock = NSLock()
        private var result: Int32?
        private var waiters: [CheckedContinuation<Int32, Never>] = []

        init(pid: pid_t) {
            let thread = Thread { [self] in
                var status: Int32 = 0
                while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
                lock.lock()
                result = status
                let pending = waiters
                waiters = []
                lock.unlock()
                for continuation in pending { continuation.resume(returning: status) }
            }
            thread.start()
        }

        /// True once waitpid has returned.
        var hasExited: Bool {
            lock.lock()
            defer { lock.unlock() }
            return result != nil
        }

        func status() async -> Int32 {
            await withCheckedContinuation { continuation in
                lock.lock()
                if let result {
                    lock.unlock()
                    continuation.resume(returning: result)
                } else {
                    waiters.append(continuation)
                    lock.unlock()
                }
            }
        }
    }
}
