import Foundation
import ReserveCore

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
