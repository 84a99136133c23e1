import ArgumentParser
import ReserveCore

/// `--redemption-route direct|none|via:NAME`: the bank's own route to redeem at par (CC2-REDEEM).
struct RedemptionRouteOption: ExpressibleByArgument, Sendable {
    let route: RedemptionRoute

    init?(argument: String) {
        switch argument {
        case "direct": route = .direct
        case "none": route = .none
        default:
            guard argument.hasPrefix("via:") else { return nil }
            let name = String(argument.dropFirst(4)).trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.utf8.count <= 200 else { return nil }
            route = .intermediary(name)
        }
    }

    static var allValueStrings: [String] { ["direct", "none", "via:NAME"] }
}
