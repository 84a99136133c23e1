import ArgumentParser
import Foundation
import ReserveCore
import ReserveIO
import ReserveCrypto

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "Print the rule catalogue of a profile.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, markdown }

    @OptionGroup var profile: ProfileOption

    @Option(help: "Output format: text, json or markdown.")
    var format: Format = .text

    func run() throws {
        switch format {
        case .text: Console.out(RuleCatalogue.text(try profile.resolved().profile))
        case .json: Console.out(RuleCatalogue.json(try profile.resolved().profile))
        case .markdown: Console.out(RuleCatalogue.markdown(try profile.resolved().profile))
        }
    }
}
