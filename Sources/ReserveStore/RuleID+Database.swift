import GRDB
import ReserveCore

/// A rule id is stored as its raw value (`finding.rule`); GRDB's `RawRepresentable` default does the work.
extension RuleID: DatabaseValueConvertible {}
