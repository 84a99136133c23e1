import Synchronization

/// A finding's evidence encoded once: the JSON object of its typed evidence, computed on first
/// use and kept, so a recorded `verify --format json` (ledger row, then the output) encodes it once.
///
/// Shared by copies of the finding (a class), guarded by a `Mutex`, so findings stay `Sendable`
/// and may be read from several tasks. The finding replaces it with a new one whenever its
/// evidence changes, so a cached object never outlives the evidence it was made from.
final class EncodedEvidence: Sendable {
    private let evidence: any RuleEvidence
    private let cache = Mutex<JSONObject?>(nil)

    init(_ evidence: any RuleEvidence) { self.evidence = evidence }

    /// The evidence's JSON object (``RuleEvidence/json``), encoded on the first call only.
    var object: JSONObject {
        cache.withLock { cached in
            if let cached { return cached }
            let object = evidence.json
            cached = object
            return object
        }
    }
}
