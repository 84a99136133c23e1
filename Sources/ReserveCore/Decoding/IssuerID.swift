/// Issuer ids name trust-store folders: lowercase letters, digits and `-`, 1 to 64 characters.
public enum IssuerID {
    public static func isValid(_ text: String) -> Bool {
        let bytes = text.utf8
        guard let first = bytes.first, bytes.count <= 64, first.isLowerAlnum else { return false }
        return bytes.allSatisfy { $0.isLowerAlnum || $0 == UInt8(ascii: "-") }
    }
}
