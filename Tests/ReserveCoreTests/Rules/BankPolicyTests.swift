import Foundation
import Testing

@testable import ReserveCore

/// Issue 12, section 3: the bank's own registry and policy (``BankPolicy``), decoded strictly and
/// applied to a profile.
@Suite struct BankPolicyTests {
    static let sha = String(repeating: "ab", count: 32)

    static func policy(_ extra: JSONObject = JSONObject()) throws -> BankPolicy {
        try BankPolicy.decode(Array(JSONWriter.write(.object(root(extra))).utf8), sha256: sha)
    }

    static func root(_ extra: JSONObject) -> JSONObject {
        var root: JSONObject = [
            "format": "bank-policy/1", "name": "example-bank-2026",
            "regimes": [["regulator": "JFSA", "validFrom": "2024-01-01"]],
            "approved": [
                ["role": "auditor", "name": "Example Audit LLC", "validUntil": "2027-12-31"],
                ["role": "custodian", "name": "Example Trust Bank"],
                ["role": "operator", "name": "Fixture Network Operations K.K."],
            ],
            "networkAssessments": [
                [
                    "network": "fixture-net", "mitigated": true,
                    "reason": "permissioned validators reviewed",
                    "approver": "Credit Committee", "date": "2026-10-01",
                ]
            ],
            "calibrations": [
                [
                    "parameter": "concentrationGates", "value": "true",
                    "reason": "SVB lesson: concentration gates",
                    "approver": "Credit Committee", "date": "2026-10-01",
                ]
            ],
        ]
        for (k, v) in extra.entries { root[k] = v }
        return root
    }

    @Test func decodesAndNamesItselfInTheVersionedProfile() throws {
        let p = try Self.policy()
        #expect(p.identity == "example-bank-2026@sha256:abababababab")
        let profile = Profile.bcbs.applying(p)
        #expect(profile.versionedName == "bcbs@2026-01-01+example-bank-2026@sha256:abababababab")
        #expect(profile.thresholds.concentrationGates)
        let source = profile.source(of: .rrtConcentration)
        #expect(source.kind == .bankPolicy)
        #expect(
            source.citation
                == "bank policy example-bank-2026@sha256:abababababab: concentrationGates = true (SVB "
                + "lesson: concentration gates; approved by Credit Committee on 2026-10-01); replaces "
                + "tool-calibration: 45% loss given default: F-IRB LGD for senior unsecured claims on "
                + #"banks, CRE32 (applied as a calibration of SCO60's "extreme stress")"#)
    }

    @Test func unknownFieldsAndBadCalibrationValuesAreErrorsWithTheirPath() throws {
        #expect(throws: VerifierError.self) { try Self.policy(["comment": "hello"]) }
        do throws(VerifierError) {
            let calibration: JSONValue = [
                "parameter": "auditReportingLagMonths", "value": "four", "reason": "r",
                "approver": "a", "date": "2026-10-01",
            ]
            let root = Self.root(["calibrations": [calibration]])
            _ = try BankPolicy.decode(Array(JSONWriter.write(.object(root)).utf8), sha256: Self.sha)
            Issue.record("a non-numeric lag decoded")
        } catch {
            #expect(error.code == .invalidValue)
            #expect(
                error.message
                    == #"calibrations[0].value: "four" for auditReportingLagMonths: expected a whole number from "#
                    + "0 to 24")
        }
    }

    @Test func calibrationsReplaceTheToolsAndTheRuleSaysSo() throws {
        // The fixture's 20.1bn at one bank: a warning under bcbs, a failure under the bank's policy.
        let f = RuleFixture.eligible()
        #expect(try f.finding(ConcentrationRule()).status == .warn)
        let profile = Profile.bcbs.applying(try Self.policy())
        let finding = try f.finding(ConcentrationRule(), profile)
        #expect(finding.status == .fail)
        #expect(finding.source.kind == .bankPolicy)
        // Through the evaluator, the replacement and its reason travel in the evidence too.
        let evaluated = Evaluator(profile: profile).evaluateDraft(try f.attestation(), at: RuleFixture.evaluatedAt)
        let recorded = try #require(evaluated.ruleFinding(.rrtConcentration))
        #expect(recorded.bankPolicyReplacement == profile.source(of: .rrtConcentration).citation)
        #expect(
            recorded.evidenceJSON["bankPolicyReplacement"] == .string(profile.source(of: .rrtConcentration).citation))
        #expect(evaluated.verdict.profile == profile.versionedName)
        #expect(evaluated.verdict.blocking == [.rrtConcentration])
    }

    @Test func supervisionIsCheckedAgainstTheRegimesTheBankAccepts() throws {
        var f = RuleFixture.eligible()
        let profile = Profile.bcbs.applying(try Self.policy())
        let pass = try f.finding(SupervisionRule(), profile)
        #expect(pass.status == .pass)
        #expect(pass.basis == .verifiedByBank)
        // The issuer's own booleans say yes, but the bank does not accept this regime.
        f["issuer", "regulation", "regulator"] = "Offshore Virtual Asset Authority"
        #expect(try f.finding(SupervisionRule()).status == .pass)
        #expect(try f.finding(SupervisionRule(), profile).status == .fail)
    }

    @Test func auditorsMustBeApprovedOnTheOpinionDate() throws {
        var f = RuleFixture.eligible()
        let profile = Profile.bcbs.applying(try Self.policy())
        #expect(try f.finding(AuditRule(), profile).basis == .verifiedByBank)
        f["assurance"] = [RuleFixture.audit(periodEnd: "2026-09-30", opinionDate: "2026-10-20")]
        f["assurance", 0, "firm"] = "Unapproved Audit Partners"
        let finding = try f.finding(AuditRule(), profile)
        #expect(finding.status == .fail)
        #expect(
            finding.message
                == "Unapproved Audit Partners is not an auditor the bank's policy approves on 2026-10-20")
    }

    @Test func theBanksNetworkAssessmentDecidesCondition3UnderBcbs() throws {
        var f = RuleFixture.eligible()
        f["token", "networks", 0, "permissionless"] = true
        #expect(try f.finding(PermissionlessRule()).status == .fail)
        let assessed = try f.finding(PermissionlessRule(), Profile.bcbs.applying(Self.policy()))
        #expect(assessed.status == .pass)
        #expect(assessed.basis == .verifiedByBank)
        let refused = try Self.policy([
            "networkAssessments": [
                [
                    "network": "fixture-net", "mitigated": false,
                    "reason": "MEV exposure",
                    "approver": "Credit Committee", "date": "2026-10-02",
                ]
            ]
        ])
        #expect(try f.finding(PermissionlessRule(), Profile.bcbs.applying(refused)).status == .fail)
    }

    @Test func anApprovedOperatorCoversUnregulatedValidators() throws {
        var f = RuleFixture.eligible()
        f["token", "networks", 0, "validatorsRegulated"] = false
        f["entities", 2, "regulated"] = nil
        #expect(try f.finding(EntitiesRule()).status == .fail)  // unregulated validators, operator unstated
        let finding = try f.finding(EntitiesRule(), Profile.bcbs.applying(Self.policy()))
        #expect(finding.status == .pass)
        #expect((finding.evidence as? EntitiesEvidence)?.verifiedByBank == ["operator Fixture Network Operations K.K."])
    }

    /// The policy is read within its row of ``ReaderLimits``: a string of exactly `maxStringBytes`
    /// bytes is accepted, one byte more is E009 with its path; nesting past `maxDepth` is refused.
    @Test func theBankPolicyIsReadWithinItsReaderLimits() throws {
        let limits = ReaderLimits.bankPolicy
        func calibrations(reason: String) -> JSONObject {
            let calibration: JSONValue = [
                "parameter": "concentrationGates", "value": "true", "reason": .string(reason),
                "approver": "Credit Committee", "date": "2026-10-01",
            ]
            return ["calibrations": [calibration]]
        }
        let longest = String(repeating: "r", count: limits.maxStringBytes)
        #expect(try Self.policy(calibrations(reason: longest)).identity.hasPrefix("example-bank-2026@"))

        let error = #expect(throws: VerifierError.self) { try Self.policy(calibrations(reason: longest + "r")) }
        #expect(error?.code == .outOfRange)
        #expect(
            error?.message
                == "calibrations[0].reason: string of \(limits.maxStringBytes + 1) bytes is longer than the limit of "
                + "\(limits.maxStringBytes)")

        var nested: JSONValue = .array([])
        for _ in 0..<limits.maxDepth { nested = .array([nested]) }
        let deep = #expect(throws: VerifierError.self) { try Self.policy(["regimes": nested]) }
        #expect(deep?.code == .nestingTooDeep)
        #expect(
            deep?.message
                == "JSON nesting deeper than 64 levels at "
                + "regimes[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0] "
                + "(line 100, column 129, byte 5081)", "\(String(describing: deep))")
    }
}
