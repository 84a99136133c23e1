import Foundation
import ReserveCore
import ReserveCrypto

/// Reads `keys/` from disk into a ``TrustStore``: one folder per issuer, each with a trust.json
/// and the PEM files it names.
public enum TrustStoreLoader {
    public static func load(_ directory: String) throws(VerifierError) -> TrustStore {
        try read(directory).store
    }

    /// The store and the files it was made from (errors in the same order as ``load(_:)``): a
    /// parallel run makes each worker its own store from the same files.
    public static func read(_ directory: String) throws(VerifierError) -> (store: TrustStore, files: TrustStoreFiles) {
        guard Files.isDirectory(directory) else {
            throw VerifierError(
                .invalidTrustStore, "\(directory) is not a folder: pass the trust store with --keys DIR")
        }
        var folders: [TrustStore.Folder] = []
        for name in try Files.list(directory) where !name.hasPrefix(".") && name != TimestampAuthorityFile.folderName {
            let path = directory + "/" + name
            guard Files.isDirectory(path) else { continue }
            folders.append(try folder(path, name: name))
        }
        var store = try TrustStore.load(folders, provider: OpenSSLProvider())
        let tsaPath = directory + "/" + TimestampAuthorityFile.folderName
        if Files.isDirectory(tsaPath) {
            store.timestampAuthorities = try timestampAuthorities(tsaPath)
        }
        return (store, TrustStoreFiles(folders: folders, timestampAuthorities: store.timestampAuthorities))
    }

    /// Reads `keys/_tsa/`: its tsa.json and the certificate files it lists, each checked
    /// against its listed SHA-256. Errors are E031 and name the file.
    public static func timestampAuthorities(_ path: String) throws(VerifierError) -> [TimestampAuthority] {
        let place = TimestampAuthorityFile.folderName
        let listPath = path + "/" + TimestampAuthorityFile.fileName
        guard Files.exists(listPath) else {
            throw VerifierError(.invalidTrustStore, "\(path) has no \(TimestampAuthorityFile.fileName)")
        }
        let file = try TimestampAuthorityFile.decode(
            try Files.read(listPath, limit: ReaderLimits.timestampAuthorities.maxFileBytes))
        var authorities: [TimestampAuthority] = []
        for entry in file.authorities {
            let certificatePath = path + "/" + entry.file
            guard Files.exists(certificatePath) else {
                throw VerifierError(
                    .invalidTrustStore,
                    "\(place)/\(TimestampAuthorityFile.fileName) lists \(entry.file), which is not in the folder")
            }
            let der: [UInt8]
            do throws(VerifierError) {
                der = try TimestampToken.certificateDER(pem: try Files.read(certificatePath, limit: 64 * 1024))
            } catch {
                throw VerifierError(error.code, "\(place)/\(entry.file): \(error.message)", detail: error.detail)
            }
            let digest = OpenSSLProvider().sha256(der).hex
            guard digest == entry.sha256 else {
                throw VerifierError(
                    .invalidTrustStore,
                    "\(place)/\(entry.file) has SHA-256 \(digest), but \(TimestampAuthorityFile.fileName) says "
                        + entry.sha256)
            }
            authorities.append(
                TimestampAuthority(
                    name: entry.name, file: entry.file, certificateDER: der,
                    notBefore: entry.notBefore, notAfter: entry.notAfter))
        }
        return authorities
    }

    public static func folder(_ path: String, name: String) throws(VerifierError) -> TrustStore.Folder {
        let trustPath = path + "/" + TrustFile.fileName
        guard Files.exists(trustPath) else {
            throw VerifierError(.invalidTrustStore, "\(path) has no \(TrustFile.fileName)")
        }
        let trust = try Files.read(trustPath, limit: ReaderLimits.trustFile.maxFileBytes)
        var pems: [String: [UInt8]] = [:]
        for file in try Files.list(path) where file.hasSuffix(".pem") {
            pems[file] = try Files.read(path + "/" + file, limit: 64 * 1024)
        }
        return TrustStore.Folder(name: name, trustJSON: trust, pemFiles: pems)
    }
}
