import ArgumentParser

extension ExitCode {
    /// Exit 2: something could not be checked (unreadable or malformed input, OpenSSL or SQLite
    /// failure). A thrown ``VerifierError`` becomes this status at the root command
    /// (``ReserveVerifier/main()``), the one place that maps it; a command throws this itself only
    /// after it has printed the problems (several at once, or under a heading of its own).
    static let notChecked = ExitCode(2)
}
