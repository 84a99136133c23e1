import Foundation
import Testing

@testable import ReserveCore

/// The verification record's statement (issue 14, part 2) read back strictly, and `diff`'s comparison.
@Suite struct VerificationRecordTests {
    static let hex = String(repeating: "ab", count: 32)

    static func record(review: VerificationRecord.Review? = nil) -> VerificationRecord {
        VerificationRecord(
            subjectName: "coin-2026-10-31", subjectSHA256: hex, issuer: "coin", token: "CN", sequence: 3,
            asOf: "2026-10-31T00:00:00Z", tool: "reserve-verifier 0.1.0", profile: "bcbs@2026-01-01",
            stressTable: "sco60-stress@1", evaluatedAt: "2026-11-22T00:00:00Z", eligible: false, group: "2b",
            blocking: [.rrtOC], coverage: "1.0076", stressedCoverage: nil, findingsCount: 2, findingsSHA256: hex,
            ledger: .init(path: "l.sqlite", evaluation: 4, rowHash: hex, headEvaluations: 9, headHash: hex),
            checkpoint: .init(evaluations: 9, headHash: hex, time: "2026-11-22T00:00:00Z", envelopeSHA256: hex),
            review: review, signedAt: "2026-11-22T00:00:00Z")
    }

    /// The statement with one edit, as payload bytes.
    func edited(_ edit: (inout JSONObject) -> Void) -> [UInt8] {
        guard case .object(var o) = Self.record().statement else { return [] }
        edit(&o)
        return Array(JSONWriter.write(.object(o), pretty: false).utf8)
    }

    func predicate(_ edit: @escaping (inout JSONObject) -> Void) -> [UInt8] {
        edited { o in
            guard case .object(var p)? = o["predicate"] else { return }
            edit(&p)
            o["predicate"] = .object(p)
        }
    }

    @Test func aStatementRoundTrips() throws {
        for review in [
            nil, VerificationRecord.Review(reviewer: "A"), .init(reviewer: "A", override: "2b", reason: "audit"),
        ] {
            let record = Self.record(review: review)
            #expect(try VerificationRecord.decode(record.payload) == record)
        }
        var bare = Self.record()
        bare.ledger = nil
        bare.checkpoint = nil
        #expect(try VerificationRecord.decode(bare.payload) == bare)
    }

    @Test func everyMalformedStatementIsRefusedNamingTheField() {
        let cases: [([UInt8], String)] = [
            (Array("[]".utf8), "verification record: $: must be an object"),
            (
                Array("{".utf8),
                "verification record: payload: not strict JSON: malformed JSON at line 1, column 2, byte 1: expected "
                    + "a string key, found end of input"
            ),
            (
                edited { $0["_type"] = "https://in-toto.io/Statement/v0.1" },
                "verification record: $._type: must be \"https://in-toto.io/Statement/v1\""
            ),
            (
                edited { $0["predicateType"] = "https://slsa.dev/provenance/v1" },
                "verification record: $.predicateType: must be "
                    + "\"https://reserve-verifier.example/verification-record/v1\""
            ),
            (edited { $0["extra"] = true }, "verification record: $: unknown field \"extra\""),
            (
                edited { $0["subject"] = [] },
                "verification record: $.subject: must hold exactly one subject (the attestation)"
            ),
            (
                edited { $0["subject"] = [["name": "x", "digest": ["sha512": "00"]]] },
                "verification record: $.subject[0].digest: unknown field \"sha512\""
            ),
            (
                edited { $0["subject"] = [["name": "x", "digest": ["sha256": "AB"]]] },
                "verification record: $.subject[0].digest.sha256: must be 64 lowercase hex digits"
            ),
            (
                predicate { $0["evaluatedAt"] = "yesterday" },
                "verification record: $.predicate.evaluatedAt: must be an RFC 3339 UTC time"
            ),
            (
                predicate { $0["verdict"] = ["eligible": "yes", "group": "1b", "blocking": []] },
                "verification record: $.predicate.verdict.eligible: must be a boolean"
            ),
            (
                predicate { $0["verdict"] = ["eligible": true, "group": "1b", "blocking": [1]] },
                "verification record: $.predicate.verdict.blocking: must list rule ids (strings)"
            ),
            (
                predicate { $0["findings"] = ["count": -1, "sha256": .string(Self.hex)] },
                "verification record: $.predicate.findings.count: must be a non-negative integer"
            ),
            (predicate { $0["coverage"] = 1 }, "verification record: $.predicate.coverage: must be a string or null"),
            (predicate { $0["signedAt"] = nil }, "verification record: $.predicate: missing field \"signedAt\""),
            (
                predicate { $0["review"] = ["override": ["decision": "2b", "reason": "r"]] },
                "verification record: $.predicate.review: missing field \"reviewer\""
            ),
            (
                predicate { $0["review"] = ["reviewer": "A", "override": ["decision": "2b"]] },
                "verification record: $.predicate.review.override: missing field \"reason\""
            ),
            (
                predicate { $0["ledger"] = ["evaluation": 1, "rowHash": .string(Self.hex)] },
                "verification record: $.predicate.ledger: missing field \"head\""
            ),
            (
                predicate { $0["checkpoint"] = ["evaluations": 1] },
                "verification record: $.predicate.checkpoint: missing field \"envelopeSha256\""
            ),
        ]
        for (payload, text) in cases {
            do {
                _ = try VerificationRecord.decode(payload)
                Issue.record("accepted: \(String(decoding: payload, as: UTF8.self))")
            } catch {
                #expect(error.code == .invalidRecord)
                #expect(error.message == text)
            }
        }
    }

    static func summary(
        profile: String, status: String, gating: Bool = true, coverage: String = "1.01",
        extra: [FindingRecord] = []
    ) -> EvaluationSummary {
        EvaluationSummary(
            name: "c", digest: "sha256:" + hex, issuer: "c", token: "C", sequence: 1, asOf: "2026-10-31T00:00:00Z",
            profile: profile, tool: "t", evaluatedAt: "2026-11-22T00:00:00Z", eligible: status == "pass",
            group: status == "pass" ? "1b" : "2b", blocking: status == "pass" ? [] : [.cc3Permissionless],
            coverage: coverage, stressedCoverage: nil,
            findings: [
                FindingRecord(
                    rule: "RRT-NET", status: "pass", message: "m", basis: "computed", gating: true,
                    evidence: ["coverage": .string(coverage)]),
                FindingRecord(
                    rule: "CC3-PERMISSIONLESS", status: status, message: "p", basis: "declared", gating: gating,
                    evidence: JSONObject()),
            ] + extra)
    }

    @Test func diffListsOnlyChangedRulesWithTheirFigures() {
        let same = EvaluationDiff(
            left: .init(label: "a", summary: Self.summary(profile: "bcbs", status: "fail")),
            right: .init(label: "b", summary: Self.summary(profile: "bcbs", status: "fail")))
        #expect(same.isEmpty)
        #expect(same.rules.isEmpty && same.unchangedRules == 2)
        #expect(
            same.text
                == "left:  a: c/C #1 (c, sha256:abababababab…) under bcbs, evaluated at 2026-11-22T00:00:00Z by t\n"
                + "right: b: c/C #1 (c, sha256:abababababab…) under bcbs, evaluated at 2026-11-22T00:00:00Z by t\n"
                + "verdict: unchanged, NOT ELIGIBLE 2b\n"
                + "coverage: 101.00% -> 101.00%; worst stressed: - -> -\n"
                + "no rule changed (2 compared)\n")

        let extra = FindingRecord(
            rule: "REPLAY", status: "warn", message: "r", basis: "history", gating: false,
            evidence: JSONObject())
        let changed = EvaluationDiff(
            left: .init(label: "a", summary: Self.summary(profile: "bcbs", status: "fail")),
            right: .init(
                label: "b",
                summary: Self.summary(
                    profile: "hkma", status: "pass", gating: false, coverage: "1.02",
                    extra: [extra])))
        #expect(!changed.isEmpty && changed.verdictChanged)
        #expect(changed.blockingRemoved == [.cc3Permissionless] && changed.blockingAdded.isEmpty)
        #expect(changed.rules.map(\.rule) == ["RRT-NET", "CC3-PERMISSIONLESS", "REPLAY"])
        #expect(changed.rules[0].changed == ["evidence"])
        #expect(changed.rules[0].figures == [.init(key: "coverage", left: "1.01", right: "1.02")])
        #expect(changed.rules[1].changed == ["status", "gating"])
        #expect(changed.rules[2].changed == ["finding"] && changed.rules[2].left == nil)
        let text = changed.text
        #expect(
            text
                == "left:  a: c/C #1 (c, sha256:abababababab…) under bcbs, evaluated at 2026-11-22T00:00:00Z by t\n"
                + "right: b: c/C #1 (c, sha256:abababababab…) under hkma, evaluated at 2026-11-22T00:00:00Z by t\n"
                + "verdict: NOT ELIGIBLE 2b -> ELIGIBLE 1b\n"
                + "coverage: 101.00% -> 102.00%; worst stressed: - -> -\n"
                + "blocking: no longer blocking CC3-PERMISSIONLESS\n"
                + "RULE                LEFT    RIGHT  WHAT CHANGED\n"
                + "RRT-NET             pass    pass   coverage 1.01 -> 1.02\n"
                + "CC3-PERMISSIONLESS  fail    pass*  no longer gating\n"
                + "REPLAY              (none)  warn*  only on the right\n"
                + "3 rules changed, 0 unchanged (* not gating)\n")
        #expect(JSONWriter.write(changed.json) == JSONWriter.write(changed.json))

        // The composition, when both sides were read: only the classes whose totals differ.
        let withComposition = EvaluationDiff(
            left: .init(
                label: "a", summary: Self.summary(profile: "bcbs", status: "fail"),
                composition: ["bank-deposit": 5, "sovereign-bill": 10]),
            right: .init(
                label: "b", summary: Self.summary(profile: "bcbs", status: "fail"),
                composition: ["sovereign-bill": 12, "gold": 1]))
        #expect(!withComposition.isEmpty && withComposition.rules.isEmpty)
        #expect(withComposition.compositionChanges.map(\.assetClass) == ["bank-deposit", "gold", "sovereign-bill"])
        #expect(
            withComposition.text
                == "left:  a: c/C #1 (c, sha256:abababababab…) under bcbs, evaluated at 2026-11-22T00:00:00Z by t\n"
                + "right: b: c/C #1 (c, sha256:abababababab…) under bcbs, evaluated at 2026-11-22T00:00:00Z by t\n"
                + "verdict: unchanged, NOT ELIGIBLE 2b\n"
                + "coverage: 101.00% -> 101.00%; worst stressed: - -> -\n"
                + "composition: bank-deposit 5 -> -; gold - -> 1; sovereign-bill 10 -> 12\n"
                + "no rule changed (2 compared)\n")
    }

    @Test func theFindingsDigestInputIsCanonical() {
        let s = Self.summary(profile: "bcbs", status: "pass")
        let text = String(decoding: s.canonicalFindings, as: UTF8.self)
        #expect(text.hasPrefix("[{\"basis\":\"computed\",\"evidence\":{\"coverage\":\"1.01\"},\"gating\":true,"))
        #expect(!text.hasSuffix("\n"))
        // The stress table: RRT-OC's evidence, else the profile's own when this version knows it.
        #expect(s.stressTable == nil)
        #expect(Self.summary(profile: "bcbs@2026-01-01", status: "pass").stressTable == "sco60-stress@1")
        let oc = FindingRecord(
            rule: "RRT-OC", status: "pass", message: "o", basis: "computed", gating: true,
            evidence: ["stressTable": "table@9"])
        #expect(Self.summary(profile: "bcbs@2026-01-01", status: "pass", extra: [oc]).stressTable == "table@9")
    }
}
