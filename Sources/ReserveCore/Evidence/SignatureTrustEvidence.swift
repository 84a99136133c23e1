import Foundation

/// The figures a finding of ``SignatureTrustRule`` rests on; a nil member is left out of the JSON.
public struct SignatureTrustEvidence: RuleEvidence {
    public internal(set) var requiredRoles: [String]?
    public internal(set) var rolesSigned: [String]?
    public internal(set) var keysJudgedAt: Timestamp?
    public internal(set) var envelope: String?
    public internal(set) var validSignatures: Int?
    public internal(set) var minimumSignatures: Int?
    public internal(set) var keysJudgedAtSource: String?
    public internal(set) var issuer: String?
}

extension SignatureTrustEvidence {
    /// The members in key order (UTF-8 bytes), as ``JSONValueEncoder`` writes the `Encodable` form.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        writer.member("envelope", envelope)
        writer.member("issuer", issuer)
        writer.member("keysJudgedAt", keysJudgedAt)
        writer.member("keysJudgedAtSource", keysJudgedAtSource)
        writer.member("minimumSignatures", minimumSignatures)
        writer.member("requiredRoles", requiredRoles)
        writer.member("rolesSigned", rolesSigned)
        writer.member("validSignatures", validSignatures)
        writer.endObject()
    }
}
