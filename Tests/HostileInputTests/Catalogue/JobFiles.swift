import Foundation
import ReserveAlerts
import ReserveCore
import TestSupport

/// Decodes a job file's text as `watch` does.
func decodeJob(_ text: String) -> Outcome {
    SeedExport.record(Array(text.utf8), target: "jobfile")
    return Outcome.of { () throws(VerifierError) in
        let job = try JobFile.decode(text, file: "job.yaml")
        return .accepted("\(job.coins.count) coin(s): \(job.coins.map(\.issuer))")
    }
}

/// A minimal valid job file with `extra` lines appended inside the first coin (indented to fit).
let minimalJob = """
    version: 1
    coins:
      - issuer: sakura-pay
        token: SKJPY
        sources:
          - folder: attestations/sakura-pay

    """

extension HostileCatalogue {
    static let jobFiles: [HostileCase] = [
        HostileCase(
            "job-minimal-is-valid", .jobFile, "the minimal job file the other cases start from", expect: .accepted,
            mentions: ["sakura-pay"]
        ) { _, _ in
            decodeJob(minimalJob)
        },
        HostileCase(
            "job-empty", .jobFile, "a 0-byte job file", expect: .error(.invalidConfiguration),
            mentions: ["job.yaml is empty"]
        ) { _, _ in
            decodeJob("")
        },
        HostileCase(
            "job-dup-top", .jobFile, "version given twice", expect: .error(.invalidConfiguration),
            mentions: ["job.yaml:1: duplicated key \"version\""]
        ) { _, _ in
            decodeJob(
                "version: 1\nversion: 2\n"
                    + minimalJob.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(
                        separator: "\n"))
        },
        HostileCase(
            "job-dup-coin", .jobFile, "issuer given twice in a coin", expect: .error(.invalidConfiguration),
            mentions: ["job.yaml:3: duplicated key \"issuer\""]
        ) { _, _ in
            decodeJob(try replacing(minimalJob, "    token: SKJPY", "    issuer: harbor-usd\n    token: SKJPY"))
        },
        HostileCase(
            "job-dup-source", .jobFile, "folder given twice in one source", expect: .error(.invalidConfiguration),
            mentions: ["job.yaml:6: duplicated key \"folder\""]
        ) { _, _ in
            decodeJob(minimalJob + "        folder: /etc\n")
        },
        HostileCase(
            "job-dup-sink", .jobFile, "a sink with type given twice", expect: .error(.invalidConfiguration),
            mentions: ["job.yaml:9: duplicated key \"type\""]
        ) { _, _ in
            decodeJob(
                minimalJob + "sinks:\n  - name: log\n    type: webhook\n    type: command\n    command: [\"true\"]\n")
        },
        HostileCase(
            "job-dup-http", .jobFile, "http.maxBytes given twice", expect: .error(.invalidConfiguration),
            mentions: ["job.yaml:8: duplicated key \"maxBytes\""]
        ) { _, _ in
            decodeJob(minimalJob + "http:\n  maxBytes: 1000\n  maxBytes: 999999999999\n")
        },
        HostileCase(
            "job-unknown-key", .jobFile, "a misspelt key", expect: .error(.invalidConfiguration),
            mentions: ["unknown key \"profiles\""]
        ) { _, _ in
            decodeJob(minimalJob + "profiles: bcbs\n")
        },
        HostileCase(
            "job-deep-flow-nesting", .jobFile, "100,000 nested flow sequences", expect: .error(.invalidConfiguration),
            mentions: ["job.yaml:2: not valid YAML"]
        ) { _, _ in
            decodeJob(
                "version: 1\ncoins: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
                    + "\n")
        },
        HostileCase(
            "job-deep-flow-mappings", .jobFile, "5,000 nested flow mappings", expect: .error(.invalidConfiguration),
            mentions: ["not valid YAML"]
        ) { _, _ in
            decodeJob(
                "version: 1\ncoins: " + String(repeating: "{a: ", count: 5_000) + "1"
                    + String(repeating: "}", count: 5_000) + "\n")
        },
        HostileCase(
            "job-billion-laughs", .jobFile, "nine levels of aliases to aliases (a billion laughs)",
            expect: .error(.invalidConfiguration),
            mentions: ["job.yaml:7:", "more than 100000 nodes once its aliases are expanded"]
        ) { _, _ in
            var lines = ["version: 1", "coins:", "  - &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
            let names = Array("abcdefghi")
            for i in 1..<names.count {
                lines.append(
                    "  - &\(names[i]) [" + Array(repeating: "*\(names[i - 1])", count: 10).joined(separator: ", ") + "]"
                )
            }
            return decodeJob(lines.joined(separator: "\n") + "\n")
        },
        HostileCase(
            "job-billion-laughs-key", .jobFile,
            "an alias doubling 40 times used as a mapping key (Yams' duplicate-key check hashed all 2^40 nodes: a "
                + "fuzz-jobfile hang)",
            expect: .error(.invalidConfiguration), mentions: ["more than 100000 nodes once its aliases are expanded"]
        ) { _, _ in
            var yaml = "version: 1\ncoins: []\nl0: &l0 [x, x]\n"
            for level in 1..<40 { yaml += "l\(level): &l\(level) [*l\(level - 1), *l\(level - 1)]\n" }
            return decodeJob(yaml + "? *l39\n: boom\n")
        },
        HostileCase(
            "job-version-10000-digits", .jobFile, "version with 10,000 digits", expect: .error(.invalidConfiguration),
            mentions: ["job.yaml:1", "version must be a whole number"]
        ) { _, _ in
            decodeJob(try replacing(minimalJob, "version: 1", "version: \(digits(10_000))"))
        },
        HostileCase(
            "job-version-1e999", .jobFile, "version 1e999", expect: .error(.invalidConfiguration),
            mentions: ["version must be a whole number"]
        ) { _, _ in
            decodeJob(try replacing(minimalJob, "version: 1", "version: 1e999"))
        },
        HostileCase(
            "job-timeout-1e999", .jobFile, "http.timeoutSeconds 1e999", expect: .error(.invalidConfiguration),
            mentions: ["http.timeoutSeconds must be a number of seconds"]
        ) { _, _ in
            decodeJob(minimalJob + "http:\n  timeoutSeconds: 1e999\n")
        },
        HostileCase(
            "job-timeout-minus-zero", .jobFile, "http.timeoutSeconds -0", expect: .error(.invalidConfiguration),
            mentions: ["http.timeoutSeconds must be a number of seconds"]
        ) { _, _ in
            decodeJob(minimalJob + "http:\n  timeoutSeconds: -0\n")
        },
        HostileCase(
            "job-timeout-nan", .jobFile, "delivery.timeoutSeconds .nan", expect: .error(.invalidConfiguration),
            mentions: ["delivery.timeoutSeconds must be a number of seconds"]
        ) { _, _ in
            decodeJob(minimalJob + "delivery:\n  timeoutSeconds: .nan\n")
        },
        HostileCase(
            "job-backoff-10000-digits", .jobFile, "delivery.maxBackoffSeconds with 10,000 digits",
            expect: .error(.invalidConfiguration),
            mentions: ["delivery.maxBackoffSeconds must be a number of seconds"]
        ) { _, _ in
            decodeJob(minimalJob + "delivery:\n  maxBackoffSeconds: \(digits(10_000))\n")
        },
        HostileCase(
            "job-issuer-dotdot", .jobFile, "a coin's issuer \"../keys\"", expect: .error(.invalidConfiguration),
            mentions: ["job.yaml:3", "issuer \"../keys\" is not an issuer id"]
        ) { _, _ in
            decodeJob(try replacing(minimalJob, "issuer: sakura-pay", "issuer: ../keys"))
        },
        HostileCase(
            "job-nul-byte", .jobFile, "a NUL byte in a value", expect: .error(.invalidConfiguration),
            mentions: ["not valid YAML"]
        ) { _, _ in
            decodeJob(try replacing(minimalJob, "token: SKJPY", "token: SK\u{0}JPY"))
        },
        HostileCase(
            "job-control-character", .jobFile, "an escaped control character in a quoted value",
            expect: .error(.invalidConfiguration),
            mentions: ["job.yaml:4", "token is too long or contains control characters"]
        ) { _, _ in
            decodeJob(try replacing(minimalJob, "token: SKJPY", "token: \"SK\\x1bJPY\""))
        },
        HostileCase(
            "job-bom", .jobFile, "a byte order mark before a valid job file (YAML allows one)", expect: .accepted,
            mentions: ["sakura-pay"]
        ) { _, _ in
            decodeJob("\u{FEFF}" + minimalJob)
        },
        HostileCase(
            "job-10mb-string", .jobFile, "a 10 MB folder path", expect: .error(.invalidConfiguration),
            mentions: ["folder is too long"]
        ) { _, _ in
            decodeJob(
                try replacing(minimalJob, "folder: attestations/sakura-pay", "folder: " + letters(10 * 1024 * 1024)))
        },
        HostileCase(
            "job-plain-http", .jobFile, "a source over plain http to another host",
            expect: .error(.invalidConfiguration),
            mentions: ["source url must be https://"]
        ) { _, _ in
            decodeJob(
                try replacing(minimalJob, "folder: attestations/sakura-pay", "url: http://attacker.example/latest.json")
            )
        },
        HostileCase(
            "job-two-documents", .jobFile, "two YAML documents in one file", expect: .error(.invalidConfiguration),
            mentions: ["not valid YAML"]
        ) { _, _ in
            decodeJob(minimalJob + "---\n" + minimalJob)
        },
        HostileCase(
            "job-merge-key", .jobFile, "a YAML merge key (<<) pulling fields from an anchor",
            expect: .error(.invalidConfiguration),
            mentions: ["unknown key \"<<\""]
        ) { _, _ in
            decodeJob(
                try replacing(minimalJob, "  - issuer: sakura-pay", "  - &c\n    issuer: sakura-pay")
                    + "  - <<: *c\n    token: OTHER\n")
        },
        HostileCase(
            "job-complex-key", .jobFile, "a sequence used as a mapping key", expect: .error(.invalidConfiguration),
            mentions: ["keys must be plain names"]
        ) { _, _ in
            decodeJob("? [version]\n: 1\n" + minimalJob)
        },
        HostileCase(
            "job-tab-indentation", .jobFile, "a tab used for indentation", expect: .error(.invalidConfiguration),
            mentions: ["not valid YAML"]
        ) { _, _ in
            decodeJob(try replacing(minimalJob, "    token: SKJPY", "\ttoken: SKJPY"))
        },
        HostileCase(
            "job-too-many-coins", .jobFile, "10,001 coins", expect: .error(.invalidConfiguration),
            mentions: ["coins has more than 10000 entries"]
        ) { _, _ in
            decodeJob("version: 1\ncoins: [" + Array(repeating: "{}", count: 10_001).joined(separator: ",") + "]\n")
        },
    ]
}
