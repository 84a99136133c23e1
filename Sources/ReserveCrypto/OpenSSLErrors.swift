internal import COpenSSL

/// One entry of OpenSSL's thread-local error queue.
struct OpenSSLErrorEntry: Sendable, Hashable {
    /// The packed error code from `ERR_get_error`.
    let code: UInt
    /// `ERR_error_string_n` text, for example `error:1C80006B:Provider routines::...`.
    let text: String

    /// The `ERR_LIB_*` library that raised the entry.
    var library: Int32 { ERR_GET_LIB(code) }
    /// The reason code, including the `ERR_RFLAG_*` flags (as `ERR_GET_REASON` returns it).
    var reason: Int32 { ERR_GET_REASON(code) }
    /// True for reasons OpenSSL marks fatal: malloc failure, internal error, init failure,
    /// NULL parameter, disabled algorithm, lock failure and similar (`ERR_RFLAG_FATAL`).
    var isFatal: Bool { ERR_FATAL_ERROR(code) != 0 }
}

/// Empties this thread's OpenSSL error queue and returns its entries, oldest first.
///
/// The queue is thread-local; every call into OpenSSL that did not succeed leaves entries
/// behind, so each failure path drains it (or ``clearOpenSSLErrors()``) before returning.
func drainOpenSSLErrorEntries() -> [OpenSSLErrorEntry] {
    var entries: [OpenSSLErrorEntry] = []
    // ERR_get_error removes the oldest entry and returns 0 once the queue is empty. The queue
    // holds at most ERR_NUM_ERRORS (16) entries, so the loop ends.
    while true {
        let code = ERR_get_error()
        if code == 0 { break }
        var buffer = [CChar](repeating: 0, count: 256)
        // ERR_error_string_n always NUL-terminates within the given size.
        ERR_error_string_n(code, &buffer, buffer.count)
        let bytes = buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }
        entries.append(OpenSSLErrorEntry(code: code, text: String(decoding: bytes, as: UTF8.self)))
    }
    return entries
}

/// Empties this thread's OpenSSL error queue and renders it for ``VerifierError/detail``:
/// the entries' texts joined by `"; "`, or a note that the queue was empty.
func drainOpenSSLErrors() -> String {
    render(drainOpenSSLErrorEntries())
}

/// Renders drained entries the way ``drainOpenSSLErrors()`` does.
func render(_ entries: [OpenSSLErrorEntry]) -> String {
    entries.isEmpty ? "(OpenSSL error queue empty)" : entries.map(\.text).joined(separator: "; ")
}

/// Discards this thread's OpenSSL error queue, so that the next failure is read on its own.
func clearOpenSSLErrors() {
    ERR_clear_error()
}
