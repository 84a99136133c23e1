import ArgumentParser
import Foundation
import ReserveCore
import ReserveCrypto
import ReserveIO

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "Print the rule catalogue of a profile.")

    enum Format: String, CommandFormat {
        case text, json, markdown
        static var builtInDefault: Format { .text }
    }

    @OptionGroup var profile: ProfileOption

    @OptionGroup var output: FormatOption<Format>
    var format: Format { output.value }

    @OptionGroup var global: GlobalOptions

    func run() throws {
        switch format {
        case .text: Console.out(RuleCatalogue.text(try profile.resolved().profile))
        case .json: Console.out(RuleCatalogue.json(try profile.resolved().profile))
        case .markdown: Console.out(RuleCatalogue.markdown(try profile.resolved().profile))
        }
    }
}
