/// A rule of the signature stage.
protocol SignatureRule: RuleDescription {
    func evaluate(_ context: SignatureContext) -> Finding
}
