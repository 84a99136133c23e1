/// SIG-TRUSTED: every required role signed with a trusted key of the issuer, valid and unrevoked
/// at the earliest proven signing time and at the attestation's own `issuedAt`.
struct SignatureTrustRule: SignatureRule {
    let id = RuleID.sigTrusted
    let condition = RuleCondition.integrity
    let gatesInEveryProfile = true
    var checks: String {
        "Every required role signed with a trusted key of the issuer, valid and unrevoked at the earliest proven "
            + "signing time (RFC 3161 timestamp, the ledger's first sight of the envelope with the same detached "
            + "signature, else the evaluation time), never moved earlier by the signer's issuedAt, and at that "
            + "issuedAt too."
    }
    var reference: String {
        "Verifier policy: signatures against the trust store (evidence kept for the supervisor)"
    }
    var defaultSource: Source {
        .verifierPolicy
    }
    func thresholds(in profile: Profile) -> String? { nil }

    func evaluate(_ context: SignatureContext) -> Finding {
        let checks = context.checks
        let policy = context.policy
        let kind = context.kind
        let signingTime = context.signingTime
        let valid = checks.filter { $0.status == .valid && !$0.duplicate }
        let rolesSigned = Set(valid.compactMap(\.role))
        let missing = policy.requiredRoles.filter { !rolesSigned.contains($0) }
        var evidence = SignatureTrustEvidence()
        evidence.envelope = kind.rawValue
        evidence.requiredRoles = policy.requiredRoles.map(\.rawValue)
        evidence.rolesSigned = rolesSigned.sorted().map(\.rawValue)
        evidence.validSignatures = valid.count
        evidence.minimumSignatures = policy.minimumSignatures
        evidence.keysJudgedAt = signingTime.time
        evidence.keysJudgedAtSource = signingTime.source.rawValue
        if checks.isEmpty {
            return Finding(
                .sigTrusted, .fail,
                kind == .unsigned
                    ? "the payload is not signed: nothing unsigned is trusted" : "the envelope carries no signatures",
                basis: .cryptographic, evidence: evidence)
        }
        if !missing.isEmpty {
            let problems = checks.filter { $0.status != .valid }.map { "#\($0.index) \($0.status.rawValue)" }
            // At most 8 named: the message stays short whatever the envelope carries.
            let named = problems.prefix(8) + (problems.count > 8 ? ["… and \(problems.count - 8) more"] : [])
            let detail = problems.isEmpty ? "" : " (\(named.joined(separator: ", ")))"
            return Finding(
                .sigTrusted, .fail,
                "no valid signature for required role\(missing.count == 1 ? "" : "s") "
                    + "\(missing.map(\.rawValue).joined(separator: ", "))\(detail)",
                basis: .cryptographic, evidence: evidence)
        }
        if valid.count < policy.minimumSignatures {
            return Finding(
                .sigTrusted, .fail,
                "\(valid.count) distinct valid signature\(valid.count == 1 ? "" : "s"), "
                    + "the policy needs \(policy.minimumSignatures)",
                basis: .cryptographic, evidence: evidence)
        }
        return Finding(
            .sigTrusted, .pass,
            "signed by \(rolesSigned.sorted().map(\.rawValue).joined(separator: " + ")) with trusted keys",
            basis: .cryptographic, evidence: evidence)
    }

    /// The trust store has no folder for the issuer: nothing it signed is trusted.
    func unknownIssuer(_ issuer: String) -> Finding {
        var evidence = SignatureTrustEvidence()
        evidence.issuer = issuer
        return Finding(
            id, .fail, "no trusted keys for issuer \(issuer): add its keys with `reserve-verifier keys add`",
            basis: .cryptographic, evidence: evidence)
    }

    /// A payload whose signatures were never checked (a draft): reported as unsigned.
    func unchecked() -> Finding {
        var evidence = SignatureTrustEvidence()
        evidence.envelope = EnvelopeKind.unsigned.rawValue
        return Finding(
            id, .fail, "the payload is not signed: nothing unsigned is trusted", basis: .cryptographic,
            evidence: evidence)
    }
}
