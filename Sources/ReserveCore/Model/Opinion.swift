public enum Opinion: String, Sendable, Hashable, CaseIterable {
    case unqualified, qualified, adverse, disclaimer
}
