import ArgumentParser
import ReserveCore

extension ExitCode {
    /// Exit 2: something could not be checked (unreadable or malformed input, OpenSSL or SQLite
    /// failure). A thrown ``VerifierError`` becomes this status at the root command
    /// (``ReserveVerifier/main()``), the one place that maps it; a command throws this itself only
    /// after it has printed the problems (several at once, or under a heading of its own).
    static let notChecked = ExitCode(2)
}

/// Runs a command body that returns its exit status; a ``VerifierError`` it throws becomes exit 2
/// at the root command (``ReserveVerifier/main()``).
func runLedgerCommand(_ body: () throws(VerifierError) -> Int32) throws {
    let code = try body()
    if code != 0 { throw ExitCode(code) }
}
