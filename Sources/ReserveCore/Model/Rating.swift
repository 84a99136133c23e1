/// Long-term issue or issuer rating on the S&P/Fitch scale, or `unrated`.
/// Ordered from best to worst: `AAA < AA+ < … < D < unrated` in ``Rating/rank``.
public enum Rating: String, Sendable, Hashable, CaseIterable, Comparable {
    case aaa = "AAA"
    case aaPlus = "AA+"
    case aa = "AA"
    case aaMinus = "AA-"
    case aPlus = "A+"
    case a = "A"
    case aMinus = "A-"
    case bbbPlus = "BBB+"
    case bbb = "BBB"
    case bbbMinus = "BBB-"
    case bbPlus = "BB+"
    case bb = "BB"
    case bbMinus = "BB-"
    case bPlus = "B+"
    case b = "B"
    case bMinus = "B-"
    case cccPlus = "CCC+"
    case ccc = "CCC"
    case cccMinus = "CCC-"
    case cc = "CC"
    case c = "C"
    case d = "D"
    case unrated = "unrated"

    /// 0 for AAA, increasing as quality falls; `unrated` ranks last.
    public var rank: Int { Rating.allCases.firstIndex(of: self) ?? Rating.allCases.count }

    /// Better or equal: `Rating.aa.isAtLeast(.aMinus)` is true.
    public func isAtLeast(_ floor: Rating) -> Bool { rank <= floor.rank }

    /// "Less than" means better: sorting puts the best rating first.
    public static func < (a: Rating, b: Rating) -> Bool { a.rank < b.rank }
}
