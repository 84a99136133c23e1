import ArgumentParser
import ReserveCore

/// The bank's own figures, shared by `verify` and `report`: its exposure, other Group 2
/// exposures and Tier 1 capital (the capital consequence: G2-LIMIT, G2B-RW), and its route to
/// redeem at par (CC2-REDEEM).
struct BankPositionOptions: ParsableArguments {
    @Option(
        help:
            """
            The bank's exposure to the coin (a plain non-negative decimal such as 25000000.00), for the G2-LIMIT and \
            G2B-RW capital findings.
            """
    )
    var exposure: AmountArgument?

    @Option(help: "The bank's other Group 2 cryptoasset exposures (a plain non-negative decimal).")
    var otherGroup2Exposure: AmountArgument?

    @Option(help: "The bank's Tier 1 capital (a plain non-negative decimal), in the same currency as --exposure.")
    var tier1Capital: AmountArgument?

    @Option(
        help:
            """
            How the bank itself redeems the coin at par, for CC2-REDEEM: direct, none, or via:NAME (a named \
            intermediary).
            """
    )
    var redemptionRoute: RedemptionRouteOption?

    func validate() throws {
        if exposure == nil && (otherGroup2Exposure != nil || tier1Capital != nil) {
            throw ValidationError("--other-group2-exposure and --tier1-capital go with --exposure")
        }
    }

    /// The bank's figures and its redemption route, when given.
    var position: BankPosition? {
        let amount = exposure?.amount
        guard amount != nil || redemptionRoute != nil else { return nil }
        let other = otherGroup2Exposure?.amount ?? .zero
        let tier1 = tier1Capital?.amount
        return BankPosition(
            exposure: amount, otherGroup2Exposure: other, tier1Capital: tier1,
            redemptionRoute: redemptionRoute?.route)
    }
}
