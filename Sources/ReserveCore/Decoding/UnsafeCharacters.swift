/// The characters no strict reader accepts in a string value: C0 and C1 controls, DEL, and the
/// bidirectional overrides and isolates that can disguise text on a terminal. The attestation,
/// the trust files, the bank policy and the job file all refuse them.
public enum UnsafeCharacters {
    /// Whether `text` holds one of them. Printable ASCII, most text, has none: checked bytewise
    /// first.
    public static func contained(in text: String) -> Bool {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return false }
        return text.unicodeScalars.contains(where: isUnsafe)
    }

    /// Whether `scalar` is one of them.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value)
            || (0x2066...0x2069).contains(scalar.value)
    }
}
