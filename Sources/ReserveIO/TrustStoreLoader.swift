import Foundation
import ReserveCore
import ReserveCrypto

/// Reads `keys/` from disk into a ``TrustStore``: one folder per issuer, each with a trust.json
/// and the PEM files it names.
public enum TrustStoreLoader {
    public static func load(_ directory: String) throws(VerifierError) -> TrustStore {
        guard Files.isDirectory(directory) else {
            throw VerifierError(.invalidTrustStore, "\(directory) is not a folder: pass the trust store with --keys DIR")
        }
        var folders: [TrustStore.Folder] = []
        for name in try Files.list(directory) where !name.hasPrefix(".") {
            let path = directory + "/" + name
            guard Files.isDirectory(path) else { continue }
            folders.append(try folder(path, name: name))
        }
        return try TrustStore.load(folders, provider: OpenSSLProvider())
    }

    public static func folder(_ path: String, name: String) throws(VerifierError) -> TrustStore.Folder {
        let trustPath = path + "/" + TrustFile.fileName
        guard Files.exists(trustPath) else {
            throw VerifierError(.invalidTrustStore, "\(path) has no \(TrustFile.fileName)")
        }
        let trust = try Files.read(trustPath, limit: 1 << 20)
        var pems: [String: [UInt8]] = [:]
        for file in try Files.list(path) where file.hasSuffix(".pem") {
            pems[file] = try Files.read(path + "/" + file, limit: 64 * 1024)
        }
        return TrustStore.Folder(name: name, trustJSON: trust, pemFiles: pems)
    }
}
