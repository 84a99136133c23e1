import Foundation
import ReserveCore
import ReserveCrypto
import ReservePipeline
import ReserveStore
import TestSupport
import Testing

/// The ledger's first sight of an envelope proves its signatures existed then: only when the
/// bytes seen carry those signatures. A detached signature is not part of the payload's bytes.
@Suite struct FirstSightTests {
    let sakura: SakuraFactory
    let nov5 = Timestamp.parse("2026-11-05T00:00:00Z")!  // constant
    let nov20 = Timestamp.parse("2026-11-20T00:00:00Z")!  // constant

    init() throws {
        sakura = try SakuraFactory()
    }

    func pipeline(_ store: TrustStore) -> VerifyPipeline {
        VerifyPipeline(store: store, provider: OpenSSLProvider(), evaluator: Evaluator(profile: .bcbs))
    }

    /// Red team, round 2 (2026-12-02): the bare payload was recorded on Nov 5 (unsigned: a draft
    /// dropped in a watched folder); the key was revoked on Nov 10; a detached signature made with
    /// it afterwards arrived on Nov 20 beside the same bytes. The first sight was looked up by the
    /// payload's SHA-256 alone, so the new signature was judged on Nov 5 and trusted.
    @Test func aBarePayloadSeenEarlierLendsNoTimeToADetachedSignatureMadeLater() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let ledger = try Ledger.open(path: dir.path("l.sqlite"), hasher: OpenSSLProvider())
        let payload = Array(sakura.payload.utf8)
        let draft = try pipeline(sakura.store).verify(payload, detachedSignature: nil, in: ledger, at: nov5)
        #expect(!draft.isTrusted)
        _ = try pipeline(sakura.store).record(
            draft, envelope: payload, detachedSignature: nil, source: "draft", in: ledger, at: nov5, tool: "test")

        let signature = try sakura.key.sign(payload, algorithm: sakura.key.defaultAlgorithm)
        // The signature is genuine: before the revocation it verifies.
        #expect(
            try pipeline(sakura.store).verify(payload, detachedSignature: signature, in: ledger, at: nov20).isTrusted)
        let revoked = try CoinFactory.store(issuer: "sakura-pay", revokedAt: "2026-11-10T00:00:00Z")

        let late = try pipeline(revoked).verify(payload, detachedSignature: signature, in: ledger, at: nov20)

        #expect(late.signingTime == SigningTimeProof(time: nov20, source: .evaluation))
        #expect(!late.isTrusted)
        #expect(late.signatures.map(\.status) == [.revoked])
    }

    /// The same pair seen again keeps its first sight: the proof still holds for the bytes it covers.
    @Test func aDetachedPairSeenBeforeTheRevocationKeepsItsFirstSight() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let ledger = try Ledger.open(path: dir.path("l.sqlite"), hasher: OpenSSLProvider())
        let payload = Array(sakura.payload.utf8)
        let signature = try sakura.key.sign(payload, algorithm: sakura.key.defaultAlgorithm)
        let first = try pipeline(sakura.store).verify(payload, detachedSignature: signature, in: ledger, at: nov5)
        #expect(first.isTrusted)
        _ = try pipeline(sakura.store).record(
            first, envelope: payload, detachedSignature: signature, source: "a.json", in: ledger, at: nov5,
            tool: "test")
        let revoked = try CoinFactory.store(issuer: "sakura-pay", revokedAt: "2026-11-10T00:00:00Z")

        let again = try pipeline(revoked).verify(payload, detachedSignature: signature, in: ledger, at: nov20)

        #expect(again.signingTime == SigningTimeProof(time: nov5, source: .ledger))
        #expect(again.isTrusted)
        // Another signature beside the same payload was not seen on Nov 5.
        let other = try sakura.key.sign(payload, algorithm: sakura.key.defaultAlgorithm)
        #expect(other != signature)
        let resigned = try pipeline(revoked).verify(payload, detachedSignature: other, in: ledger, at: nov20)
        #expect(!resigned.isTrusted)
    }
}
