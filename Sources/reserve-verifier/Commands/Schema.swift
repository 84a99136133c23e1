import ArgumentParser
import Foundation
import ReserveCore
import ReserveCrypto
import ReserveIO

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema", abstract: "Print the JSON Schema of reserve-attestation/1.")

    func run() throws {
        Console.out(AttestationSchema.json)
    }
}
