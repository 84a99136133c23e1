import Foundation

/// A whole run: what `verify` prints.
public struct RunReport: Sendable {
    public var tool: String
    public var evaluatedAt: Timestamp
    public var profile: String
    public var results: [AttestationReport]
    /// The ledger the run recorded into (nil: nothing was recorded), for the text summary line.
    public var ledgerPath: String?

    public init(
        tool: String, evaluatedAt: Timestamp, profile: String, results: [AttestationReport], ledgerPath: String? = nil
    ) {
        self.tool = tool
        self.evaluatedAt = evaluatedAt
        self.profile = profile
        self.results = results
        self.ledgerPath = ledgerPath
    }

    /// 0 all verified and eligible, 1 a gating finding failed, 2 something could not be checked.
    public var exitCode: Int32 {
        var code: Int32 = 0
        for result in results {
            switch result.outcome {
            case .error: return 2
            case .checked(_, let evaluation): if evaluation.hasFailures { code = 1 }
            }
        }
        return code
    }
}
