import Testing

@testable import ReserveCore

/// ATT-TIME: the attestation is not issued after the evaluation time, beyond 300 s of clock skew.
/// The fixture is issued at 2026-11-02T01:00:00Z.
@Suite struct AttestationTimeRuleTests {
    @Test func attestationIssuedBeforeTheEvaluationPasses() throws {
        let finding = try RuleFixture.eligible().finding(AttestationTimeRule())
        #expect(finding.status == .pass)
        #expect((finding.evidence as? AttestationTimeEvidence)?.issuedAt?.description == "2026-11-02T01:00:00Z")
        #expect((finding.evidence as? AttestationTimeEvidence)?.asOf?.description == "2026-10-31T15:00:00Z")
        #expect((finding.evidence as? AttestationTimeEvidence)?.evaluatedAt?.description == "2026-11-22T00:00:00Z")
        #expect((finding.evidence as? AttestationTimeEvidence)?.clockSkewSeconds == 300)
    }

    @Test func issuedExactlyThreeHundredSecondsAheadPasses() throws {
        let finding = try RuleFixture.eligible().finding(
            AttestationTimeRule(), at: Timestamp.parse("2026-11-02T00:55:00Z")!)
        #expect(finding.status == .pass)
    }

    @Test func issuedThreeHundredAndOneSecondsAheadFails() throws {
        let finding = try RuleFixture.eligible().finding(
            AttestationTimeRule(), at: Timestamp.parse("2026-11-02T00:54:59Z")!)
        #expect(finding.status == .fail)
        #expect((finding.evidence as? AttestationTimeEvidence)?.evaluatedAt?.description == "2026-11-02T00:54:59Z")
    }

    @Test func issuedAtCannotBeMissingSoThereIsNoInsufficientData() throws {
        // By design ATT-TIME has no insufficient-data outcome: issuedAt and asOf are required, and a
        // payload without them never reaches the rules.
        var f = RuleFixture.eligible()
        f["issuedAt"] = nil
        guard case .failure(let problems) = AttestationDecoder().decodeAll(f.root) else {
            Issue.record("a payload without issuedAt decoded")
            return
        }
        #expect(problems.problems.map { "\($0)" } == ["E006 missing-field: issuedAt: required field is missing"])
    }
}
