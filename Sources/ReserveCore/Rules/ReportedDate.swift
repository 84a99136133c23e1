import Foundation

extension Attestation {
    /// The latest calendar date a fact this attestation reports as done (an audit opinion, a legal
    /// opinion) can carry: the date of `issuedAt` in the easternmost time zone (UTC+14:00). A later
    /// date is one the issuer could not have known when it signed: a contradiction, never evidence.
    /// The verifier's own integrity policy (`tool-calibration`, docs/READINGS.md).
    var latestReportableDate: CivilDate { issuedAt.adding(seconds: 14 * 3_600).date }
}
