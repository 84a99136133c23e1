import Foundation
import ReserveCore

/// One input to verify: a file (with its detached signature and RFC 3161 token, if any).
public struct InputFile: Sendable {
    public var path: String
    public var signaturePath: String?
    /// `X.tsr` beside the input `X`: an RFC 3161 token over the envelope's signatures.
    public var timestampPath: String?
    /// Content already in memory (fetched from a URL), or the error fetching it.
    public var contents: Result<[UInt8], VerifierError>?

    public init(
        path: String, signaturePath: String?, timestampPath: String? = nil,
        contents: Result<[UInt8], VerifierError>? = nil
    ) {
        self.path = path
        self.signaturePath = signaturePath
        self.timestampPath = timestampPath
        self.contents = contents
    }
}

/// Expands the command line's paths: files as given, folders walked recursively in byte order,
/// keeping `*.json`, `*.jws` and `*.dsse` files, skipping hidden entries, `.sig` and `.tsr` files
/// (each belongs to the input it extends), and never following a symbolic link to a folder (no loops).
public enum Inputs {
    public static let envelopeExtensions = [".json", ".jws", ".dsse"]

    public static func collect(_ paths: [String]) throws(VerifierError) -> [InputFile] {
        var out: [InputFile] = []
        for path in paths {
            if Files.isDirectory(path) {
                try walk(path, into: &out)
            } else {
                guard Files.exists(path) else {
                    throw VerifierError(.unreadableInput, "\(path): no such file or folder")
                }
                out.append(input(path))
            }
        }
        return out
    }

    private static func input(_ path: String) -> InputFile {
        let sig = path + ".sig"
        let tsr = path + ".tsr"
        return InputFile(
            path: path, signaturePath: Files.exists(sig) ? sig : nil,
            timestampPath: Files.exists(tsr) ? tsr : nil)
    }

    private static func walk(_ folder: String, into out: inout [InputFile]) throws(VerifierError) {
        for name in try Files.list(folder) where !name.hasPrefix(".") {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            var status = stat()
            guard lstat(path, &status) == 0 else { continue }
            let type = status.st_mode & S_IFMT
            if type == S_IFDIR {
                try walk(path, into: &out)
            } else if type == S_IFREG || (type == S_IFLNK && !Files.isDirectory(path)) {
                if envelopeExtensions.contains(where: { name.hasSuffix($0) }) { out.append(input(path)) }
            }
            // A symbolic link to a folder is not followed.
        }
    }
}
