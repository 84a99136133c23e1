import ArgumentParser
import Foundation
import ReserveCore
import ReserveCrypto
import ReserveIO
import ReservePipeline
import ReserveStore

/// What `verify` needs to write signed verification records: the folder, then the key and review.
struct VerifyRecordOptions: ParsableArguments {
    @Option(
        help:
            "Write a signed verification record (DSSE, in-toto Statement v1) per checked attestation into this folder.",
        completion: .directory)
    var recordOut: String?

    @OptionGroup var record: RecordOptions

    func validate() throws {
        if recordOut == nil && (record.signWith != nil || record.reviewer != nil || record.tsaUrl != nil) {
            throw ValidationError(
                "--sign-with, --reviewer, --override and --tsa-url go into verification records: "
                    + "name a folder with --record-out")
        }
    }
}
