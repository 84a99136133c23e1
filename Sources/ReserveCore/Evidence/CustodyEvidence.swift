import Foundation

/// The figures a finding of ``CustodyRule`` rests on; a nil member is left out of the JSON.
public struct CustodyEvidence: RuleEvidence {
    public internal(set) var notBankruptcyRemote: [Line]?
    public internal(set) var notBankruptcyRemoteValue: Money?
    public internal(set) var balanceSheetCustodians: [String]?
    public internal(set) var custodianNotNamed: [String]?

    /// A reserve line that is not bankruptcy remote, and why.
    public struct Line: Encodable, Sendable, Hashable {
        public internal(set) var id: String
        public internal(set) var custodian: String?
        public internal(set) var reason: String
    }
}

extension CustodyEvidence {
    /// The members in key order (UTF-8 bytes), as ``JSONValueEncoder`` writes the `Encodable` form.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        writer.member("balanceSheetCustodians", balanceSheetCustodians)
        writer.member("custodianNotNamed", custodianNotNamed)
        writer.member("notBankruptcyRemote", notBankruptcyRemote)
        writer.member("notBankruptcyRemoteValue", notBankruptcyRemoteValue)
        writer.endObject()
    }
}

extension CustodyEvidence.Line: WritableEvidence {
    /// The members in key order (UTF-8 bytes), as ``JSONValueEncoder`` writes the `Encodable` form.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        writer.member("custodian", custodian)
        writer.member("id", id)
        writer.member("reason", reason)
        writer.endObject()
    }
}
