import ReserveCore
import ReserveCrypto

/// The trust store's files as read from `keys/` once: each issuer folder's bytes and the trusted
/// time-stamping authorities. ``load()`` parses the keys; each parallel worker calls it for a
/// store of its own (its own key objects, nothing shared between cores), and every store is
/// made from the same bytes, so a folder changed during the run cannot give workers different keys.
public struct TrustStoreFiles: Sendable {
    public var folders: [TrustStore.Folder]
    public var timestampAuthorities: [TimestampAuthority]

    public init(folders: [TrustStore.Folder], timestampAuthorities: [TimestampAuthority]) {
        self.folders = folders
        self.timestampAuthorities = timestampAuthorities
    }

    /// Parses and checks every key (E030-E032 as ``TrustStoreLoader/load(_:)``).
    public func load() throws(VerifierError) -> TrustStore {
        var store = try TrustStore.load(folders, provider: OpenSSLProvider())
        store.timestampAuthorities = timestampAuthorities
        return store
    }
}
