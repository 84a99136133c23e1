import ArgumentParser

@main
struct ReserveVerifier: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reserve-verifier",
        abstract: "Verify signed stablecoin reserve attestations and decide Basel SCO60 Group 1b eligibility."
    )
}
