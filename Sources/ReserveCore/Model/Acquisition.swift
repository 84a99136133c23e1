/// How a reserve asset was obtained. Cash received under repos and securities received in
/// collateral swaps are not reserves (SCO60 as amended July 2024).
public enum Acquisition: String, Sendable, Hashable, CaseIterable {
    case outright = "outright"
    case repoBorrowing = "repo-borrowing"
    case collateralSwap = "collateral-swap"
}
