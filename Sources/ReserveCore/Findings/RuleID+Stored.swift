extension RuleID {
    /// Rule ids read back from storage (the ledger's `blocking` column, a watch's coin state, a
    /// signed record): an id this version does not know fails clearly instead of being dropped.
    /// - Parameter field: where the ids were read, for the error message.
    public static func stored(_ ids: [String], field: String) throws(VerifierError) -> [RuleID] {
        try ids.map { (id) throws(VerifierError) -> RuleID in
            guard let rule = RuleID(rawValue: id) else {
                throw VerifierError(
                    .ledgerDamaged, "\(field) names the rule \"\(id)\", which this version does not know",
                    detail: "known rules: \(RuleID.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return rule
        }
    }

    /// Rule ids stored as a JSON array of strings (how the ledger writes `blocking`).
    public static func stored(json text: String, field: String) throws(VerifierError) -> [RuleID] {
        guard case .array(let items)? = try? JSONParser().parse(Array(text.utf8)) else {
            throw VerifierError(.ledgerDamaged, "\(field) is not a JSON list of rule ids: \(text.prefix(80))")
        }
        var ids: [String] = []
        for item in items {
            guard case .string(let id) = item else {
                throw VerifierError(.ledgerDamaged, "\(field) is not a JSON list of rule ids: \(text.prefix(80))")
            }
            ids.append(id)
        }
        return try stored(ids, field: field)
    }
}
