import ArgumentParser
import Foundation
import ReserveCore

/// `--profile NAME`: a rule profile, checked as the option is parsed.
struct ProfileName: ExpressibleByArgument, Sendable {
    let profile: Profile

    init?(argument: String) {
        guard let profile = Profile.named(argument) else { return nil }
        self.profile = profile
    }

    static var allValueStrings: [String] { Profile.all.map(\.name) }
}
