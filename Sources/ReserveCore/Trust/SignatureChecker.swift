/// Checks an envelope's signatures against the trust store's keys for one issuer, judging each
/// key's validity window and revocation at the earliest time the verifier can prove the signatures
/// existed (``SigningTimeProof``) and at the attestation's own `issuedAt`, and decides `SIG-TRUSTED`.
public struct SignatureChecker: Sendable {
    public let store: TrustStore

    public init(store: TrustStore) {
        self.store = store
    }

    /// - Parameter issuedAt: the attestation's signed `issuedAt`: the key must be valid then too.
    ///   Required, so that no caller leaves it out by default; nil checks the proven signing time
    ///   alone (no production caller passes nil).
    /// - Throws: only a library failure (E040); every bad signature is a status.
    public func check(
        _ envelope: Envelope, issuer: String, signingTime: SigningTimeProof, issuedAt: Timestamp?
    ) throws(VerifierError) -> (checks: [SignatureCheck], finding: Finding) {
        guard let trust = store.issuers[issuer] else {
            let checks = envelope.signatures.enumerated().map { i, entry in
                SignatureCheck(
                    index: i, keyID: entry.keyHint, role: nil, algorithm: entry.algorithm, status: .unknownKey,
                    reason: "the trust store has no folder for issuer \(issuer)", duplicate: false)
            }
            return (checks, Rules.signature.unknownIssuer(issuer))
        }
        var checks: [SignatureCheck] = []
        var counted = Set<String>()
        var rolesSigned = Set<KeyRole>()
        let policy = trust.file.policy
        for (i, entry) in envelope.signatures.enumerated() {
            // Once every required role signed and enough distinct keys did, nothing later can
            // change the decision: stop verifying (an envelope of junk signatures costs no more).
            if Set(policy.requiredRoles).isSubset(of: rolesSigned) && counted.count >= policy.minimumSignatures {
                checks.append(
                    SignatureCheck(
                        index: i, keyID: entry.keyHint, role: nil, algorithm: entry.algorithm, status: .notChecked,
                        reason: "not checked: the policy was already satisfied by the signatures before it",
                        duplicate: false))
                continue
            }
            var check = try checkOne(
                entry, index: i, envelope: envelope, trust: trust, issuer: issuer,
                signingTime: signingTime, issuedAt: issuedAt)
            if check.status == .valid, let id = check.keyID, !counted.insert(id).inserted {
                check.duplicate = true
                check.reason = "duplicate: key \(id.prefix(12))… already counted"
            }
            if check.status == .valid, !check.duplicate, let role = check.role { rolesSigned.insert(role) }
            checks.append(check)
        }
        let context = SignatureContext(
            checks: checks, policy: trust.file.policy, kind: envelope.kind, signingTime: signingTime)
        return (checks, Rules.signature.evaluate(context))
    }

    private func checkOne(
        _ entry: SignatureEntry, index: Int, envelope: Envelope, trust: TrustStore.IssuerTrust,
        issuer: String, signingTime: SigningTimeProof, issuedAt: Timestamp?
    ) throws(VerifierError) -> SignatureCheck {
        if let rejection = entry.rejection {
            return SignatureCheck(
                index: index, keyID: entry.keyHint, role: nil, algorithm: entry.algorithm, status: .invalid,
                reason: rejection, duplicate: false)
        }
        // The hint only orders the candidates; every candidate is one of this issuer's keys.
        var candidates = trust.keys.filter { entry.algorithm == nil || $0.entry.algorithm == entry.algorithm }
        let hinted = entry.keyHint.flatMap { hint in trust.keys.first { $0.entry.id == hint } }
        if let hinted {
            candidates.removeAll { $0.entry.id == hinted.entry.id }
            candidates.insert(hinted, at: 0)
        }
        for candidate in candidates {
            if let required = entry.algorithm, required != candidate.entry.algorithm { continue }
            let ok = try candidate.key.verify(
                signature: entry.signature, message: envelope.signedMessage,
                algorithm: candidate.entry.algorithm, encoding: entry.ecdsaEncoding)
            guard ok else { continue }
            return validity(
                of: candidate.entry, index: index, policy: trust.file.policy, signingTime: signingTime,
                issuedAt: issuedAt)
        }
        // Nothing verified: say why as precisely as the hint allows.
        if let hinted {
            if let alg = entry.algorithm, alg != hinted.entry.algorithm {
                return SignatureCheck(
                    index: index, keyID: hinted.entry.id, role: hinted.entry.role, algorithm: alg, status: .invalid,
                    reason:
                        "signed as \(alg.joseName), but key \(hinted.entry.id.prefix(12))… "
                        + "is \(hinted.entry.algorithm.rawValue)",
                    duplicate: false)
            }
            return SignatureCheck(
                index: index, keyID: hinted.entry.id, role: hinted.entry.role, algorithm: hinted.entry.algorithm,
                status: .invalid, reason: "does not verify with the named key: payload or signature altered",
                duplicate: false)
        }
        if let hint = entry.keyHint {
            let others = store.owners(of: hint).filter { $0 != issuer }
            let reason =
                others.isEmpty
                ? "key \(quotedForMessage(hint, limit: 16)) is not in the trust store for issuer \(issuer)"
                : "key \(hint.prefix(12))… belongs to issuer \(others.joined(separator: ", ")), not \(issuer)"
            return SignatureCheck(
                index: index, keyID: hint, role: nil, algorithm: entry.algorithm, status: .unknownKey,
                reason: reason, duplicate: false)
        }
        return SignatureCheck(
            index: index, keyID: nil, role: nil, algorithm: entry.algorithm, status: .invalid,
            reason: "no trusted key of issuer \(issuer) verifies this signature", duplicate: false)
    }

    /// The key's status at the proven signing time and at the attestation's `issuedAt`.
    ///
    /// The proven time is the latest moment the signature may have been made, so it decides
    /// revocation and the end of the window (a stolen key backdates `issuedAt` freely). The signed
    /// `issuedAt` never makes a key valid, but a key must be valid at it too (red team, round 2,
    /// 2026-12-02; our integrity policy, `tool-calibration`, as for facts dated after `issuedAt`):
    /// an attestation time-stamped before the key's revocation or expiry but dated after it was
    /// pre-signed for a time the key no longer speaks for the issuer (a thief's stock of future
    /// attestations, each trusted once its date came), and one dated before the key's window
    /// opened was signed, by its own account, before the key was the issuer's.
    private func validity(
        of key: TrustFile.KeyEntry, index: Int, policy: TrustFile.Policy,
        signingTime: SigningTimeProof, issuedAt: Timestamp?
    ) -> SignatureCheck {
        func result(_ status: SignatureStatus, _ reason: String) -> SignatureCheck {
            SignatureCheck(
                index: index, keyID: key.id, role: key.role, algorithm: key.algorithm, status: status, reason: reason,
                duplicate: false)
        }
        let time = signingTime.time
        if let revokedAt = key.revokedAt, time >= revokedAt {
            return result(.revoked, "key revoked at \(revokedAt); the signature is proven only from \(signingTime)")
        }
        if let revokedAt = key.revokedAt, let issuedAt, issuedAt >= revokedAt {
            return result(
                .revoked, "key revoked at \(revokedAt); the attestation says it was issued at \(issuedAt), after that")
        }
        if let notBefore = key.notBefore, time < notBefore {
            return result(.notYetValid, "key valid from \(notBefore); the signature is proven only from \(signingTime)")
        }
        if let notBefore = key.notBefore, let issuedAt, issuedAt < notBefore {
            return result(
                .notYetValid,
                "key valid from \(notBefore); the attestation says it was issued at \(issuedAt), before that")
        }
        if let notAfter = key.notAfter, notAfter < time {
            return result(.expired, "key valid until \(notAfter); the signature is proven only from \(signingTime)")
        }
        if let notAfter = key.notAfter, let issuedAt, notAfter < issuedAt {
            return result(
                .expired, "key valid until \(notAfter); the attestation says it was issued at \(issuedAt), after that")
        }
        if !policy.requiredRoles.contains(key.role) && !policy.optionalRoles.contains(key.role) {
            return result(.wrongRole, "role \(key.role.rawValue) is neither required nor optional for this issuer")
        }
        return result(.valid, "verifies with \(key.role.rawValue) key \(key.id.prefix(12))…")
    }
}
