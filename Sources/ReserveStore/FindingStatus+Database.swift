import GRDB
import ReserveCore

/// A finding's status is stored as its raw value (`finding.status`); GRDB's `RawRepresentable` default does the work.
extension FindingStatus: DatabaseValueConvertible {}
