import Foundation
import Testing

@testable import ReserveCore

/// A finding encodes its evidence once and keeps the object; the object always follows the
/// evidence it holds (a changed evidence or bank policy replacement is written, never a stale one).
@Suite struct FindingEvidenceEncodingTests {
    static func peg(_ value: Money) -> PegEvidence { PegEvidence(currency: "USD", valuePerUnit: value) }

    @Test func theWrittenEvidenceIsTheEvidencesJSON() {
        let evidence = Self.peg(Money(15, exponent: -1))
        let finding = Finding(.cc1Peg, .pass, "ok", basis: .declared, evidence: evidence)
        #expect(finding.evidenceJSON == evidence.json)
        #expect(finding.evidenceJSON["valuePerUnit"] == .string("1.5"))
        // A second read gives the same object (from the cache).
        #expect(finding.evidenceJSON == finding.evidenceJSON)
    }

    @Test func changedEvidenceIsWrittenNotTheCachedObject() {
        var finding = Finding(.cc1Peg, .pass, "ok", basis: .declared, evidence: Self.peg(1))
        let copy = finding
        #expect(finding.evidenceJSON["valuePerUnit"] == .string("1"))
        finding.evidence = Self.peg(2)
        #expect(finding.evidenceJSON["valuePerUnit"] == .string("2"))
        // The copy made before keeps its own evidence and JSON.
        #expect(copy.evidenceJSON["valuePerUnit"] == .string("1"))
        #expect(finding != copy)
    }

    @Test func theBankPolicyReplacementIsAddedToTheCachedObject() {
        var finding = Finding(.cc1Peg, .pass, "ok", basis: .declared, evidence: Self.peg(1))
        #expect(finding.evidenceJSON["bankPolicyReplacement"] == nil)
        finding.bankPolicyReplacement = "bank policy 4.2"
        #expect(finding.evidenceJSON["bankPolicyReplacement"] == .string("bank policy 4.2"))
        #expect(finding.evidenceJSON["valuePerUnit"] == .string("1"))
        finding.bankPolicyReplacement = nil
        #expect(finding.evidenceJSON["bankPolicyReplacement"] == nil)
    }

    @Test func findingsReadFromManyTasksAgree() async {
        let finding = Finding(.cc1Peg, .pass, "ok", basis: .declared, evidence: Self.peg(Money(3, exponent: -2)))
        let objects = await withTaskGroup(of: JSONObject.self) { group in
            for _ in 0..<8 { group.addTask { finding.evidenceJSON } }
            return await group.reduce(into: [JSONObject]()) { $0.append($1) }
        }
        #expect(objects.count == 8)
        #expect(objects.allSatisfy { $0 == finding.evidenceJSON })
        #expect(finding.evidenceJSON["valuePerUnit"] == .string("0.03"))
    }
}
