import Foundation

/// The bank's own registry and policy (issue 12, section 3): the supervisory regimes it accepts,
/// the custodians, auditors and operators it has approved (with validity dates), its own
/// network assessments, and its calibrations that replace the tool's, each with a reason, an
/// approver and a date. A fact the registry confirms is reported with basis `verified-by-bank`.
///
/// The policy's identity (name and the SHA-256 of its file, computed by whoever loads it) is part
/// of ``Profile/versionedName`` once applied, so every stored verdict names the policy it used.
///
/// ```json
/// { "format": "bank-policy/1", "name": "example-bank-2026",
///   "regimes": [{ "regulator": "JFSA", "validFrom": "2024-01-01" }],
///   "approved": [{ "role": "auditor", "name": "Example Audit LLC", "validUntil": "2027-12-31" }],
///   "networkAssessments": [{ "network": "ethereum", "mitigated": false, "reason": "…", "approver": "…",
///                            "date": "2026-10-01" }],
///   "calibrations": [{ "parameter": "concentrationGates", "value": "true", "reason": "…", "approver": "…",
///                      "date": "2026-10-01" }] }
/// ```
public struct BankPolicy: Sendable, Hashable {
    public static let format = "bank-policy/1"

    public var name: String
    /// Hex SHA-256 of the policy file's bytes.
    public var sha256: String
    public var regimes: [Regime]
    public var approved: [ApprovedParty]
    public var networkAssessments: [NetworkAssessment]
    public var calibrations: [Calibration]

    /// A supervisory regime the bank accepts as applying prudential capital and liquidity requirements.
    public struct Regime: Sendable, Hashable {
        public var regulator: String
        public var validFrom: CivilDate?
        public var validUntil: CivilDate?
    }

    public enum Role: String, Sendable, Hashable, CaseIterable {
        case custodian, auditor
        case transferOperator = "operator"
    }

    /// A custodian, auditor or transfer/settlement operator the bank has approved.
    public struct ApprovedParty: Sendable, Hashable {
        public var role: Role
        public var name: String
        public var validFrom: CivilDate?
        public var validUntil: CivilDate?
    }

    /// The bank's own assessment of a network's risks (CC3).
    public struct NetworkAssessment: Sendable, Hashable {
        public var network: String
        public var mitigated: Bool
        public var reason: String
        public var approver: String
        public var date: CivilDate
    }

    /// A parameter of the tool's calibration that the bank replaces.
    public enum Parameter: String, Sendable, Hashable, CaseIterable {
        /// RRT-CONCENTRATION loss given default (a decimal fraction, e.g. "0.6").
        case concentrationLossGivenDefault
        /// RRT-CONCENTRATION fails rather than warns ("true" / "false").
        case concentrationGates
        /// RRT-AUDIT reporting lag in months.
        case auditReportingLagMonths
        /// RRT-DISCLOSE publication lag in days.
        case disclosureLagDays
        /// RRT-TENOR fails rather than warns ("true" / "false").
        case tenorGates

        var rule: RuleID {
            switch self {
            case .concentrationLossGivenDefault, .concentrationGates: .rrtConcentration
            case .auditReportingLagMonths: .rrtAudit
            case .disclosureLagDays: .rrtDisclose
            case .tenorGates: .rrtTenor
            }
        }
    }

    public struct Calibration: Sendable, Hashable {
        public var parameter: Parameter
        public var value: String
        public var reason: String
        public var approver: String
        public var date: CivilDate
    }

    /// `name@sha256:<first 12 hex digits>`.
    public var identity: String { "\(name)@sha256:\(sha256.prefix(12))" }

    func valid(_ from: CivilDate?, _ until: CivilDate?, on day: CivilDate) -> Bool {
        (from.map { $0 <= day } ?? true) && (until.map { day <= $0 } ?? true)
    }

    /// The approved party of this role and name valid on `day`, if any.
    public func approval(_ role: Role, _ name: String, on day: CivilDate) -> ApprovedParty? {
        approved.first {
            $0.role == role && normalisedName($0.name) == normalisedName(name)
                && valid(
                    $0.validFrom,
                    $0.validUntil,
                    on: day)
        }
    }

    /// Whether the bank accepts this regulator's regime on `day`.
    public func acceptsRegime(_ regulator: String, on day: CivilDate) -> Bool {
        regimes.contains {
            normalisedName($0.regulator) == normalisedName(regulator)
                && valid(
                    $0.validFrom,
                    $0.validUntil, on: day)
        }
    }

    public func assessment(of network: String) -> NetworkAssessment? {
        networkAssessments.filter { $0.network == network }.max { $0.date < $1.date }
    }

    // MARK: Decoding

    /// The fields of the policy file's objects, declared once for the strict reader.
    enum TopField: String, StrictFields {
        case format, name, regimes, approved, networkAssessments, calibrations
        static let required: Set<Self> = [.format, .name]
    }
    enum RegimeField: String, StrictFields {
        case regulator, validFrom, validUntil
        static let required: Set<Self> = [.regulator]
    }
    enum PartyField: String, StrictFields {
        case role, name, validFrom, validUntil
        static let required: Set<Self> = [.role, .name]
    }
    enum AssessmentField: String, StrictFields {
        case network, mitigated, reason, approver, date
        static let required: Set<Self> = [.network, .mitigated, .reason, .approver, .date]
    }
    enum CalibrationField: String, StrictFields {
        case parameter, value, reason, approver, date
        static let required: Set<Self> = [.parameter, .value, .reason, .approver, .date]
    }

    /// Decodes `bank-policy/1` strictly (unknown fields, missing fields, wrong types and invalid
    /// values are errors with their JSON path); `sha256` is the hex digest of the file's bytes.
    public static func decode(_ bytes: [UInt8], sha256: String) throws(VerifierError) -> BankPolicy {
        let root = try JSONParser(maxDepth: ReaderLimits.bankPolicy.maxDepth).parse(bytes)
        var c = DecodeContext(reading: ReaderLimits.bankPolicy)
        let policy = c.bankPolicy(root, sha256: sha256)
        if let first = c.problems.first { throw first }
        guard let policy else { throw VerifierError(.malformedJSON, "could not decode the bank policy") }
        return policy
    }

    /// The calibration's value applied to thresholds, or a message naming what is wrong.
    static func apply(_ c: Calibration, to t: inout Profile.Thresholds) -> String? {
        switch c.parameter {
        case .concentrationLossGivenDefault:
            guard case .success(let a) = Amount.parse(c.value),
                a.value <= 1
            else { return "a fraction between 0 and 1" }
            t.concentrationLossGivenDefault = a.value
        case .concentrationGates, .tenorGates:
            guard c.value == "true" || c.value == "false" else { return "true or false" }
            if c.parameter == .concentrationGates {
                t.concentrationGates = c.value == "true"
            } else {
                t.tenor.gates = c.value == "true"
            }
        case .auditReportingLagMonths, .disclosureLagDays:
            guard let n = Int(c.value), (0...24).contains(n),
                String(n) == c.value
            else { return "a whole number from 0 to 24" }
            if c.parameter == .auditReportingLagMonths {
                t.auditReportingLagMonths = n
            } else {
                t.disclosureLagDays = n
            }
        }
        return nil
    }
}

extension DecodeContext {
    mutating func bankPolicy(_ root: JSONValue, sha256: String) -> BankPolicy? {
        guard let f = object(root, .root, BankPolicy.TopField.self) else { return nil }
        let format = field(f, .format) { $0.text($1, $2) }
        if let format, format != BankPolicy.format {
            report(
                .unsupportedFormat, f.at(.format),
                "\(quotedForMessage(format)) is not \"\(BankPolicy.format)\"")
        }
        let name = field(f, .name) { $0.identifier($1, $2) }
        let max = limits.maxListItems
        let regimes =
            field(f, .regimes) { c, v, p in
                c.array(v, p, max: max) { c, v, p -> BankPolicy.Regime? in
                    guard let o = c.object(v, p, BankPolicy.RegimeField.self) else { return nil }
                    let regulator = c.field(o, .regulator) { $0.text($1, $2) }
                    let from = c.field(o, .validFrom) { $0.date($1, $2) }
                    let until = c.field(o, .validUntil) { $0.date($1, $2) }
                    guard let regulator else { return nil }
                    return BankPolicy.Regime(regulator: regulator, validFrom: from, validUntil: until)
                }
            } ?? []
        let approved =
            field(f, .approved) { c, v, p in
                c.array(v, p, max: max) { c, v, p -> BankPolicy.ApprovedParty? in
                    guard let o = c.object(v, p, BankPolicy.PartyField.self) else { return nil }
                    let role = c.field(o, .role) { $0.enumeration($1, $2, BankPolicy.Role.self) }
                    let name = c.field(o, .name) { $0.text($1, $2) }
                    let from = c.field(o, .validFrom) { $0.date($1, $2) }
                    let until = c.field(o, .validUntil) { $0.date($1, $2) }
                    guard let role, let name else { return nil }
                    return BankPolicy.ApprovedParty(role: role, name: name, validFrom: from, validUntil: until)
                }
            } ?? []
        let assessments =
            field(f, .networkAssessments) { c, v, p in
                c.array(v, p, max: max) { c, v, p -> BankPolicy.NetworkAssessment? in
                    guard let o = c.object(v, p, BankPolicy.AssessmentField.self) else { return nil }
                    let network = c.field(o, .network) { $0.identifier($1, $2) }
                    let mitigated = c.field(o, .mitigated) { $0.bool($1, $2) }
                    let reason = c.field(o, .reason) { $0.text($1, $2) }
                    let approver = c.field(o, .approver) { $0.text($1, $2) }
                    let date = c.field(o, .date) { $0.date($1, $2) }
                    guard let network, let mitigated, let reason, let approver, let date else { return nil }
                    return BankPolicy.NetworkAssessment(
                        network: network, mitigated: mitigated, reason: reason,
                        approver: approver,
                        date: date)
                }
            } ?? []
        let calibrations =
            field(f, .calibrations) { c, v, p in
                c.array(v, p, max: max) { c, v, p -> BankPolicy.Calibration? in
                    guard let o = c.object(v, p, BankPolicy.CalibrationField.self) else { return nil }
                    let parameter = c.field(o, .parameter) { $0.enumeration($1, $2, BankPolicy.Parameter.self) }
                    let value = c.field(o, .value) { $0.text($1, $2) }
                    let reason = c.field(o, .reason) { $0.text($1, $2) }
                    let approver = c.field(o, .approver) { $0.text($1, $2) }
                    let date = c.field(o, .date) { $0.date($1, $2) }
                    guard let parameter, let value, let reason, let approver, let date else { return nil }
                    let calibration = BankPolicy.Calibration(
                        parameter: parameter, value: value, reason: reason,
                        approver: approver,
                        date: date)
                    var probe = Profile.Thresholds()
                    if let expected = BankPolicy.apply(calibration, to: &probe) {
                        c.report(
                            .invalidValue, o.at(.value),
                            "\(quotedForMessage(value)) for \(parameter.rawValue): expected \(expected)")
                        return nil
                    }
                    return calibration
                }
            } ?? []
        guard let name else { return nil }
        return BankPolicy(
            name: name, sha256: sha256, regimes: regimes, approved: approved,
            networkAssessments: assessments,
            calibrations: calibrations)
    }
}

extension Profile {
    /// This profile with the bank's policy applied: its calibrations replace the tool's (each
    /// rule's source becomes `bank-policy`, citing the reason, approver and date), and the
    /// versioned name records the policy's identity.
    public func applying(_ policy: BankPolicy) -> Profile {
        var p = self
        p.policy = policy
        for c in policy.calibrations {
            _ = BankPolicy.apply(c, to: &p.thresholds)  // validated when decoded
            let prior = p.source(of: c.parameter.rule)
            let this = "\(c.parameter.rawValue) = \(c.value) (\(c.reason); approved by \(c.approver) on \(c.date))"
            let citation =
                prior.kind == .bankPolicy
                ? "\(prior.citation); \(this)"
                : "bank policy \(policy.identity): \(this); replaces \(prior.kind.rawValue): \(prior.citation)"
            p.sources[c.parameter.rule] = Source(.bankPolicy, citation, confirmed: true)
        }
        return p
    }
}
