import ArgumentParser
import Foundation
import ReserveCore

/// `--algorithm`: a signature algorithm this tool knows, checked as the option is parsed.
struct AlgorithmArgument: ExpressibleByArgument, Sendable {
    let algorithm: SignatureAlgorithm

    init?(argument: String) {
        guard let algorithm = SignatureAlgorithm(rawValue: argument) else { return nil }
        self.algorithm = algorithm
    }

    static var allValueStrings: [String] { SignatureAlgorithm.allCases.map(\.rawValue) }
}
