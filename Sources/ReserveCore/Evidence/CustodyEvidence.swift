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
