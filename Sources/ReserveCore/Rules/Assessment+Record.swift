import Foundation

extension Assessment {
    /// The findings every evaluation decided from this assessment begins with, in order (the
    /// history and capital findings follow them): what a ledger may prepare its record from
    /// before the history is read. Preparing decides nothing; the evaluator still decides.
    package var recordedFindings: [Finding] { findings }

    /// The coverage figures every evaluation decided from this assessment records.
    package var recordedCoverage: Decimal? { coverage }
    package var recordedStressedCoverage: Decimal? { stressedCoverage }
}
