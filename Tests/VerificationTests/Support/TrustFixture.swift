import Foundation
import ReserveCore
import ReserveCrypto
import TestSupport

/// One key as a test lists it in an issuer's trust.json.
struct TrustedKeySpec {
    var pair: KeyPair
    var algorithm: SignatureAlgorithm
    var role: KeyRole = .issuer
    var notBefore: Timestamp? = nil
    var notAfter: Timestamp? = nil
    var revokedAt: Timestamp? = nil
    /// The id trust.json lists (default: the key's real id).
    var listedID: String? = nil
    /// The file name trust.json lists (default: `<name>.pem`).
    var file: String? = nil
}

/// One issuer folder of an in-memory trust store.
struct IssuerSpec {
    var name: String
    var policy = TrustFile.Policy()
    var keys: [TrustedKeySpec]
    /// The issuer trust.json names (default: the folder name).
    var trustIssuer: String? = nil
    /// Whether the PEM files are in the folder (false: trust.json lists a missing file).
    var includePEMFiles = true

    var folder: TrustStore.Folder {
        let entries = keys.map { k in
            TrustFile.KeyEntry(
                id: k.listedID ?? k.pair.id, file: k.file ?? "\(k.pair.name).pem", algorithm: k.algorithm,
                role: k.role, notBefore: k.notBefore, notAfter: k.notAfter, revokedAt: k.revokedAt)
        }
        let trust = TrustFile(issuer: trustIssuer ?? name, policy: policy, keys: entries)
        var pems: [String: [UInt8]] = [:]
        if includePEMFiles {
            for k in keys { pems[k.file ?? "\(k.pair.name).pem"] = k.pair.publicPEM }
        }
        return TrustStore.Folder(name: name, trustJSON: trust.encoded(), pemFiles: pems)
    }
}

enum Fixture {
    static func store(_ issuers: [IssuerSpec]) throws -> TrustStore {
        try TrustStore.load(issuers.map(\.folder), provider: OpenSSLProvider())
    }

    static func verifier(_ issuers: [IssuerSpec]) throws -> AttestationVerifier {
        AttestationVerifier(store: try store(issuers), provider: OpenSSLProvider())
    }

    /// The sample's issuedAt, used as the evaluation time: keys are judged at it unless a test
    /// says otherwise.
    static var signedAt: Timestamp { time(SamplePayload.issuedAt) }

    static func time(_ text: String) -> Timestamp {
        guard let t = Timestamp.parse(text) else { fatalError("bad test timestamp \(text)") }
        return t
    }

    /// A DSSE envelope over `payload`, each signature made with openssl over the PAE bytes.
    static func dsse(
        _ payload: [UInt8], signers: [(KeyPair, Algorithm, keyID: String?)],
        payloadType: String = EnvelopeReader.dssePayloadType
    ) throws -> [UInt8] {
        let pae = EnvelopeWriter.dsseSigningInput(payload: payload, payloadType: payloadType)
        let signatures = try signers.map { key, algorithm, keyID in
            EnvelopeWriter.Signature(
                keyID: keyID ?? key.id, signature: try OpenSSLSigner.sign(pae, with: key, algorithm: algorithm))
        }
        return EnvelopeWriter.dsse(payload: payload, signatures: signatures, payloadType: payloadType)
    }

    /// Same as ``dsse(_:signers:payloadType:)`` for one signer whose keyid is its real id.
    static func dsse(_ payload: [UInt8], signedBy key: KeyPair, _ algorithm: Algorithm) throws -> [UInt8] {
        try dsse(payload, signers: [(key, algorithm, keyID: nil)])
    }
}

extension VerifiedAttestation {
    /// The statuses of the signature checks, in envelope order.
    var statuses: [SignatureStatus] { signatures.map(\.status) }
}
