/// The role a key signs in.
public enum KeyRole: String, Sendable, Hashable, CaseIterable, Comparable {
    case issuer, custodian, auditor

    public static func < (a: KeyRole, b: KeyRole) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!  // allCases holds every case: invariant
    }
}
