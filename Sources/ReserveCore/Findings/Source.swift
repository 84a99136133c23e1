/// What a reading of the regulation rests on (issue 12, section 1): the kind of text, a
/// citation, and whether the wording was confirmed against the text itself.
public struct Source: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The Basel Framework's own text (SCO60 as amended July 2024, in force 1 January 2026).
        case baselText = "basel-text"
        /// A Basel Committee consultation, not the final text.
        case baselConsultation = "basel-consultation"
        /// A jurisdiction's rule or supervisory guidance (HKMA, MAS, OSFI, PBoC ...).
        case jurisdictionRule = "jurisdiction-rule"
        /// The bank's own policy (its policy folder), replacing a calibration.
        case bankPolicy = "bank-policy"
        /// The tool's own calibration of a requirement that the text states and leaves open.
        case toolCalibration = "tool-calibration"
    }

    public var kind: Kind
    /// Document, paragraph or section, date.
    public var citation: String
    /// Whether the wording (and paragraph number, where given) was confirmed against the text.
    public var confirmed: Bool

    public init(_ kind: Kind, _ citation: String, confirmed: Bool) {
        self.kind = kind
        self.citation = citation
        self.confirmed = confirmed
    }

    public var json: JSONValue {
        ["kind": .string(kind.rawValue), "citation": .string(citation), "confirmed": .bool(confirmed)]
    }

    /// `basel-text: SCO60 ..., unconfirmed` for text output.
    public var label: String { "\(kind.rawValue): \(citation)\(confirmed ? "" : " (unconfirmed)")" }

    // Shared citations.
    static func sco60(_ section: String) -> Source {
        Source(.baselText, "BCBS SCO60 (July 2024 amendments, in force 1 Jan 2026), \(section)", confirmed: false)
    }

    static func calibration(_ what: String) -> Source { Source(.toolCalibration, what, confirmed: true) }

    static let hkmaCRP1 = Source(
        .jurisdictionRule,
        "HKMA Supervisory Policy Manual CRP-1 (crypto-asset exposures), 2025-2026",
        confirmed: false)
    static let hkmaStablecoinReserves = Source(
        .jurisdictionRule,
        "HKMA Guideline on Supervision of Licensed Stablecoin Issuers (2025), reserve assets: deposits up to 3 months, "
            + "government securities up to 1 year, overnight reverse repos", confirmed: false)
    static let masConsultation = Source(
        .jurisdictionRule,
        "MAS consultation on the prudential treatment of crypto-asset exposures"
            + " (March 2025)", confirmed: false)
    static let pbocYinfa42 = Source(
        .jurisdictionRule,
        "People's Bank of China notice Yinfa [2026] No. 42 on CNY-pegged "
            + "stablecoins and tokenised real-world assets", confirmed: false)
    static let bcbsConsultationDec2023 = Source(
        .baselConsultation,
        "BCBS consultation \"Cryptoasset standard amendments\" "
            + "(December 2023), permissionless blockchains", confirmed: false)
    static let cre32LGD = Source(
        .toolCalibration,
        "45% loss given default: F-IRB LGD for senior unsecured claims on banks, "
            + "CRE32 (applied as a calibration of SCO60's \"extreme stress\")", confirmed: false)
    static let verifierPolicy = Source(
        .toolCalibration,
        "Verifier policy (integrity of the evidence, not a Basel reading)",
        confirmed: true)
}
