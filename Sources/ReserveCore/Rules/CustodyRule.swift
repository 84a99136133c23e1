import Foundation

/// CC1-CUSTODY: reserves are bankruptcy remote. A deposit on a custodian's own balance sheet is
/// allowed only at a bank that acts only as custodian (SCO60 July 2024 relief): it must be named,
/// must not be the issuer or share its legal name or group, and must hold no other role in
/// `entities`.
struct CustodyRule: Rule {
    let id = RuleID.cc1Custody
    let condition = RuleCondition.stabilisation
    let gatesInEveryProfile = true
    var checks: String {
        "Reserves are segregated (bankruptcy remote); a named bank acting only as custodian (not "
            + "the issuer, its group or a consortium member, no other role) may hold reserve cash as its own deposits."
    }
    var reference: String {
        """
        SCO60 condition 1, redemption risk test (c): bankruptcy-remote reserves (custodian-bank deposits allowed, July \
        2024)
        """
    }
    var defaultSource: Source {
        .sco60("classification condition 1, bankruptcy-remote reserves (July 2024 custodian relief)")
    }
    func thresholds(in profile: Profile) -> String? { nil }

    func evaluate(_ c: RuleContext) -> Finding {
        let a = c.attestation
        var bad: [CustodyEvidence.Line] = []
        var unnamed: [String] = []
        var custodians: Set<String> = []
        var total = ExactTotal()
        let names = IssuerNames(a)
        // Segregated lines (most) are passed over in place, without a copy of the line.
        let reserves = a.reserves
        for i in reserves.indices where reserves[i].acquiredVia == .outright {
            if reserves[i].custody == .segregated && reserves[i].assetClass != .bankDeposit
                && reserves[i].assetClass != .reverseRepo
            {
                continue
            }
            let line = reserves[i]
            switch line.custody {
            case .segregated:
                // A deposit is a claim on the bank that takes it, and a reverse repo's cash a claim on
                // its counterparty, whatever the custody label: that party must be independent of the
                // issuer and the parties running the coin (basel-text, condition 1 bankruptcy
                // remoteness; 2026-12-02: before, a deposit with, or cash lent to, the issuer itself
                // labelled `segregated` passed).
                guard let party = line.counterparty?.name else { continue }
                if let why = Self.notOnlyCustodian(name: party, group: line.counterparty?.group, a, names) {
                    let role = line.assetClass == .bankDeposit ? "deposit-taking bank" : "repo counterparty"
                    bad.append(.init(id: line.id, custodian: party, reason: "\(role): " + why))
                    total.add(line.value.value, "the reserves not bankruptcy remote")
                }
                continue
            case .custodianBalanceSheet where line.assetClass == .bankDeposit:
                let name = line.custodian?.name ?? line.counterparty?.name
                let group = line.custodian?.group ?? line.counterparty?.group
                guard let name else {
                    unnamed.append(line.id)
                    continue
                }
                custodians.insert(name)
                if let why = Self.notOnlyCustodian(name: name, group: group, a, names) {
                    bad.append(.init(id: line.id, custodian: name, reason: why))
                    total.add(line.value.value, "the reserves not bankruptcy remote")
                }
                continue
            case .custodianBalanceSheet:
                bad.append(.init(id: line.id, reason: "\(line.assetClass.rawValue) on a custodian's own balance sheet"))
            case .issuerBalanceSheet:
                bad.append(.init(id: line.id, reason: "held on the issuer's own balance sheet"))
            }
            total.add(line.value.value, "the reserves not bankruptcy remote")
        }
        if let inexact = total.failure {
            return Finding(
                id, .fail, inexact.message + ": the evaluation fails closed",
                basis: .computed)
        }
        var ev = CustodyEvidence()
        ev.notBankruptcyRemote = bad
        ev.notBankruptcyRemoteValue = total.value
        ev.balanceSheetCustodians = custodians.sorted()
        if !bad.isEmpty {
            return Finding(
                id, .fail,
                "\(bad.count) reserve line\(bad.count == 1 ? "" : "s") (\(money(total.value))) not "
                    + "bankruptcy remote "
                    + "from the issuer", basis: .declared, evidence: ev)
        }
        if !unnamed.isEmpty {
            ev.custodianNotNamed = unnamed
            return Finding(
                id, .insufficientData,
                "deposits on a custodian's balance sheet without a named custodian: "
                    + unnamed.prefix(5).joined(separator: ", "), basis: .declared, evidence: ev)
        }
        return Finding(
            id, .pass,
            "all reserves segregated"
                + (custodians.isEmpty
                    ? ""
                    : "; deposits on the balance sheet of "
                        + "\(custodians.sorted().joined(separator: ", ")), acting only as custodian"),
            basis: .declared, evidence: ev)
    }

    /// Why a balance-sheet custodian is not independent of the issuer, or nil.
    static func notOnlyCustodian(name: String, group: String?, _ a: Attestation) -> String? {
        notOnlyCustodian(name: name, group: group, a, IssuerNames(a))
    }

    /// ``notOnlyCustodian(name:group:_:)`` with the issuer's names normalised once (`names`).
    static func notOnlyCustodian(name: String, group: String?, _ a: Attestation, _ names: IssuerNames) -> String? {
        switch names.tie(of: name, group: group, except: .reserveCustodian) {
        case nil: nil
        case .isIssuer: "the custodian \(name) is the issuer"
        case .sharesLegalName: "the custodian \(name) shares the issuer's legal name (\(a.issuer.legalName))"
        case .group: "the custodian \(name) belongs to the issuer's group \(a.issuer.group ?? "")"
        case .roles(let roles): "the custodian \(name) also acts as \(roles.joined(separator: ", "))"
        }
    }
}

/// How a party is tied to the issuer, so that it is not independent of it.
enum IssuerTie: Equatable {
    /// It is the issuer (its legal name or id).
    case isIssuer
    /// The issuer's legal name names it (a consortium of its members).
    case sharesLegalName
    /// It, or the group it declares, is the issuer's group.
    case group
    /// It holds these roles in `entities`.
    case roles([String])
}

/// The issuer's legal name, id and group and the names of the parties listed in `entities`, in
/// ``normalisedName(_:)`` form: normalised once per attestation, not once per party asked about
/// (CC1-CUSTODY asks about every deposit bank and repo counterparty: 16 normalisations of the
/// issuer's names per 40-line attestation, and Foundation's substring search, were 4.6% of a
/// recording run's instructions, callgrind, 2026-12-02).
struct IssuerNames {
    let legalName: String
    let id: String
    let group: String?
    let entities: [(name: String, role: EntityRole)]

    init(_ a: Attestation) {
        legalName = normalisedName(a.issuer.legalName)
        id = normalisedName(a.issuer.id)
        group = a.issuer.group.map(normalisedName)
        entities = (a.entities ?? []).map { (normalisedName($0.name), $0.role) }
    }

    /// How a party named `name` (of `group`, when declared) is tied to the issuer, or nil when it
    /// is independent of it: the one test behind CC1-CUSTODY's custodians, deposit banks and repo
    /// counterparties and RRT-AUDIT's audit firms. Names compare in ``normalisedName(_:)`` form;
    /// a role in `entities` other than `except` is a tie.
    func tie(of name: String, group: String? = nil, except: EntityRole? = nil) -> IssuerTie? {
        let n = normalisedName(name)
        if n == legalName || n == id { return .isIssuer }
        // A consortium or group issuer that names the party in its own legal name (a name of at
        // least 8 letters and digits, so that "Bank" alone never matches).
        if n.count >= 8, normalisedContains(legalName, n) { return .sharesLegalName }
        if let issuerGroup = self.group, n == issuerGroup || group.map(normalisedName) == issuerGroup {
            return .group
        }
        let roles = entities.filter { $0.name == n && $0.role != except }.map(\.role.rawValue)
        return roles.isEmpty ? nil : .roles(roles)
    }
}

/// Whether the normalised name `text` contains `part`. Two ASCII names (nearly every one) are
/// searched byte by byte, which for ASCII is the answer of Foundation's `contains`; any other
/// pair goes to Foundation's search, as before.
func normalisedContains(_ text: String, _ part: String) -> Bool {
    var text = text
    var part = part
    text.makeContiguousUTF8()
    part.makeContiguousUTF8()
    let found = text.utf8.withContiguousStorageIfAvailable { t in
        part.utf8.withContiguousStorageIfAvailable { p -> Bool? in
            guard t.allSatisfy({ $0 < 0x80 }), p.allSatisfy({ $0 < 0x80 }) else { return nil }
            guard !p.isEmpty else { return nil }  // as Foundation answers
            guard p.count <= t.count else { return false }
            for start in 0...(t.count - p.count) where t[start] == p[0] {
                if (1..<p.count).allSatisfy({ t[start + $0] == p[$0] }) { return true }
            }
            return false
        }
    }
    if case .some(.some(.some(let found))) = found { return found }
    return text.contains(part)
}

/// Case-, width-, space- and punctuation-insensitive form of a legal name, for comparing names:
/// the name in Unicode compatibility form (NFKC: full-width "Ｋｉｚｕｎａ" is "Kizuna", "ﬁ" is
/// "fi", and a precomposed "é" equals "e" with a combining accent), lowercased, keeping only its
/// letters, marks and digits (`CharacterSet.alphanumerics`). Names in Japanese disclosures are
/// often full-width: without NFKC a custodian written so would not be recognised as the issuer.
///
/// An ASCII name (nearly every one) is mapped byte by byte: ASCII is its own NFKC form, in ASCII
/// lowercasing changes only `A`-`Z` and the alphanumerics are exactly `0`-`9`, `a`-`z`, `A`-`Z`,
/// so the text is that of ``normalisedUnicodeName(_:)``, without a `CharacterSet` look-up per
/// character.
func normalisedName(_ name: String) -> String {
    var text = name
    text.makeContiguousUTF8()  // a native string already is: no copy
    if case .some(.some(let ascii)) = text.utf8.withContiguousStorageIfAvailable(normalisedASCIIName) { return ascii }
    return normalisedUnicodeName(name)
}

/// The letters and digits of ASCII text, lowercased; nil when the text is not all ASCII.
private func normalisedASCIIName(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    for byte in bytes where byte >= 0x80 { return nil }
    return String(unsafeUninitializedCapacity: bytes.count) { out in
        var n = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                out[n] = byte
                n += 1
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                out[n] = byte | 0x20
                n += 1
            default:
                break
            }
        }
        return n
    }
}

/// The alphanumerics, built once (the `CharacterSet.alphanumerics` getter builds a new set each call).
private let alphanumerics = CharacterSet.alphanumerics

/// ``normalisedName(_:)`` for any text: NFKC, lowercased, then only the `CharacterSet.alphanumerics` kept.
func normalisedUnicodeName(_ name: String) -> String {
    String(
        name.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars.filter { alphanumerics.contains($0) }
    )
}
