import Foundation

/// `text` with its first occurrence of `old` replaced by `new`. Throws when `old` does not occur,
/// so that a changed sample or fixture cannot silently turn a test into a no-op.
public func replacing(_ text: String, _ old: String, _ new: String) throws -> String {
    guard let range = text.range(of: old) else {
        throw TestFailure(
            "\(old.debugDescription) does not occur in the text (which begins "
                + "\(String(text.prefix(60)).debugDescription))"
        )
    }
    return text.replacingCharacters(in: range, with: new)
}
