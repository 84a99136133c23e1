/// Where a strict reader found a problem, named the way its input's syntax names a place: a
/// JSON path (`reserves[3].value`, ``JSONPath``) for the attestation, the trust files, the bank
/// policy and the configuration; a file and line (`watch.yaml:7`) for the YAML job file.
public enum ReaderLocation: Sendable, Hashable, CustomStringConvertible {
    /// A place in a JSON document.
    case path(JSONPath)
    /// A line (1-based) of `file`; nil when the problem is the file as a whole (it is empty).
    case line(file: String, line: Int?)

    /// `reserves[3].value`, `(document)`, `watch.yaml:7` or `watch.yaml`.
    public var description: String {
        switch self {
        case .path(let path): path.description
        case .line(let file, let line?): "\(file):\(line)"
        case .line(let file, nil): file
        }
    }
}
