import Foundation
import ReserveCore
import ReserveIO
import TestSupport

/// `verify PATHS --keys keys/ --at 2026-11-22 --no-record` in `scratch`, with JSON output.
func verifyCommand(_ scratch: TemporaryDirectory, _ paths: [String], _ extra: [String] = []) throws -> Outcome {
    try CLI.run(
        ["verify"] + paths + [
            "--keys", packageRoot.appendingPathComponent("keys").path, "--at", "2026-11-22T00:00:00Z",
            "--no-record", "--format", "json",
        ] + extra, in: scratch.url)
}

/// A folder `inputs/` with a copy of the Sakura sample envelope in it.
func inputsWithSakura(_ scratch: TemporaryDirectory) throws -> String {
    let sample = [UInt8](
        try Data(contentsOf: packageRoot.appendingPathComponent("attestations/sakura-pay/sakura-pay-2026-10.dsse.json"))
    )
    try scratch.write(sample, to: "inputs/sakura.dsse.json")
    return scratch.path("inputs")
}

extension HostileCatalogue {
    static let cli: [HostileCase] = [
        HostileCase(
            "cli-zero-byte-file", .cli, "verify a 0-byte .json file", expect: .exit(2, .malformedEnvelope),
            mentions: ["empty.json", "the input is empty"]
        ) { _, scratch in
            try verifyCommand(scratch, [try scratch.write([], to: "empty.json")])
        },
        HostileCase(
            "cli-symlink-loop-folder", .cli,
            "a folder holding a link to itself (loop -> .) beside one envelope: no hang, one result",
            expect: .exit(1, nil), mentions: ["\"inputs\": 1", "sakura.dsse.json"]
        ) { _, scratch in
            let folder = try inputsWithSakura(scratch)
            try FileManager.default.createSymbolicLink(atPath: folder + "/loop", withDestinationPath: ".")
            try FileManager.default.createSymbolicLink(atPath: folder + "/up.json", withDestinationPath: "..")
            return try verifyCommand(scratch, [folder])
        },
        HostileCase(
            "cli-symlink-loop-file", .cli, "a link x.json -> x.json in the folder", expect: .exit(2, .unreadableInput),
            mentions: ["self.json", "symbolic links"]
        ) { _, scratch in
            let folder = try inputsWithSakura(scratch)
            try FileManager.default.createSymbolicLink(atPath: folder + "/self.json", withDestinationPath: "self.json")
            return try verifyCommand(scratch, [folder])
        },
        HostileCase(
            "cli-fifo-in-folder", .cli,
            "a named pipe called pipe.json in a folder (reading it would block forever): skipped",
            expect: .exit(1, nil), mentions: ["\"inputs\": 1", "sakura.dsse.json"]
        ) { _, scratch in
            let folder = try inputsWithSakura(scratch)
            guard mkfifo(folder + "/pipe.json", 0o600) == 0 else { throw TestFailure("mkfifo failed") }
            return try verifyCommand(scratch, [folder])
        },
        HostileCase(
            "cli-fifo-named", .cli, "a named pipe given as the input file", expect: .exit(2, .unreadableInput),
            mentions: ["pipe.json is not a regular file"]
        ) { _, scratch in
            guard mkfifo(scratch.path("pipe.json"), 0o600) == 0 else { throw TestFailure("mkfifo failed") }
            return try verifyCommand(scratch, [scratch.path("pipe.json")])
        },
        HostileCase(
            "cli-device", .cli, "verify /dev/zero (endless bytes)", expect: .exit(2, .unreadableInput),
            mentions: ["/dev/zero is not a regular file"]
        ) { _, scratch in
            try verifyCommand(scratch, ["/dev/zero"])
        },
        HostileCase(
            "cli-growing-file", .cli, "a file that grows between stat() and read(): caught by the limit + 1 read",
            expect: .error(.inputTooLarge), mentions: ["grew past the limit of 16 bytes while being read"]
        ) { _, _ in
            // /proc files report a size of 0 and then deliver their content: exactly a file that
            // grew after stat(), without a race.
            Outcome.of { () throws(VerifierError) in
                let bytes = try Files.read("/proc/self/status", limit: 16)
                return .accepted("\(bytes.count) bytes")
            }
        },
        HostileCase(
            "cli-file-changing-while-read", .cli,
            "verify a file rewritten continuously while it is read: a clear result or error, never a crash",
            expect: .accepted, mentions: ["every read"]
        ) { s, scratch in
            let envelope = try s.sakuraDSSE()
            let path = try scratch.write(envelope, to: "moving.json")
            let stop = Flag()
            let finished = Flag()
            let writer = Thread {
                defer { finished.set() }
                var toggle = false
                while !stop.isSet {
                    toggle.toggle()
                    // Truncate-and-write in place (not atomic): readers can see any prefix.
                    let bytes = toggle ? envelope : Array(envelope.prefix(envelope.count / 3))
                    if let handle = FileHandle(forWritingAtPath: path) {
                        try? handle.truncate(atOffset: 0)
                        try? handle.write(contentsOf: Data(bytes))
                        try? handle.close()
                    }
                }
            }
            writer.start()
            defer {
                stop.set()
                while !finished.isSet { usleep(1_000) }
            }
            var codes = Set<String>()
            for _ in 0..<300 {
                switch verify(s, (try? Files.read(path, limit: envelope.count + 16)) ?? []) {
                case .error(let error): codes.insert(error.code.rawValue)
                case .verified(let verified): codes.insert(verified.isTrusted ? "trusted" : "untrusted")
                default: codes.insert("other")
                }
            }
            let allowed: Set<String> = ["trusted", "E003", "E020", "E002"]
            guard codes.isSubset(of: allowed) else { throw TestFailure("unexpected outcomes: \(codes.sorted())") }
            return .accepted("every read gave one of \(codes.sorted())")
        },
        HostileCase(
            "cli-over-max-bytes", .cli, "verify with --max-bytes 100 on a 5 KB envelope",
            expect: .exit(2, .inputTooLarge),
            mentions: ["sakura.dsse.json is", "over the limit of 100 (--max-bytes)"]
        ) { _, scratch in
            try verifyCommand(scratch, [try inputsWithSakura(scratch)], ["--max-bytes", "100"])
        },
        HostileCase(
            "cli-missing-path", .cli, "verify a path that does not exist", expect: .exit(2, .unreadableInput),
            mentions: ["nothing-here.json: no such file or folder"]
        ) { _, scratch in
            try verifyCommand(scratch, [scratch.path("nothing-here.json")])
        },
        HostileCase(
            "cli-db-garbage", .cli, "verify --db naming a text file: results printed, exit 2, the file untouched",
            expect: .exit(2, .incompatibleDatabase),
            mentions: ["notes.txt is not an SQLite database", "sakura.dsse.json"]
        ) { _, scratch in
            let notes = Array("my notes, not a ledger\n".utf8)
            let db = try scratch.write(notes, to: "notes.txt")
            let outcome = try CLI.run(
                [
                    "verify", try inputsWithSakura(scratch), "--keys", packageRoot.appendingPathComponent("keys").path,
                    "--at", "2026-11-22T00:00:00Z", "--db", db,
                ], in: scratch.url)
            if try scratch.read("notes.txt") != notes { throw TestFailure("notes.txt was modified") }
            return outcome
        },
        HostileCase(
            "cli-watch-duplicate-key", .cli, "watch --config with a duplicate key: exit 2, file and line named",
            expect: .exit(2, .invalidConfiguration), mentions: ["job.yaml:1: duplicated key \"version\""]
        ) { _, scratch in
            let job = try scratch.write(
                Array(
                    ("version: 1\nversion: 1\n" + minimalJob.split(separator: "\n").dropFirst().joined(separator: "\n"))
                        .utf8),
                to: "job.yaml")
            return try CLI.run(
                ["watch", "--config", job, "--once", "--db", scratch.path("watch.sqlite")], in: scratch.url)
        },
        HostileCase(
            "cli-watch-invalid-utf8", .cli, "watch --config with invalid UTF-8 in a folder name",
            expect: .exit(2, .invalidConfiguration),
            mentions: ["job.yaml is not UTF-8 text"]
        ) { _, scratch in
            let text = Array(minimalJob.utf8)
            let marker = Array("attestations/sakura-pay".utf8)
            guard
                let at = (0...(text.count - marker.count)).first(where: {
                    Array(text[$0..<($0 + marker.count)]) == marker
                })
            else {
                throw TestFailure("layout")
            }
            let job = try scratch.write(
                Array(text[..<at]) + [0x61, 0xFF, 0x62] + Array(text[(at + marker.count)...]), to: "job.yaml")
            return try CLI.run(
                ["watch", "--config", job, "--once", "--db", scratch.path("watch.sqlite")], in: scratch.url)
        },
        HostileCase(
            "cli-watch-job-too-large", .cli, "watch --config with a 2 MiB job file", expect: .exit(2, .inputTooLarge),
            mentions: ["job.yaml is", "over the limit"]
        ) { _, scratch in
            let job = try scratch.write(Array((minimalJob + "# " + letters(2 << 20) + "\n").utf8), to: "job.yaml")
            return try CLI.run(
                ["watch", "--config", job, "--once", "--db", scratch.path("watch.sqlite")], in: scratch.url)
        },
    ]
}

/// A flag shared with a background thread.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
