import Foundation
import ReserveCore
import ReserveCrypto

/// Benchmark inputs, made in code (nothing large is committed): bench-only keys, realistic
/// payloads of any number of reserve lines, signed DSSE envelopes, and the matching trust store.
public enum BenchKeys {
    /// Bench-only keys, made for these benchmarks with `openssl genpkey`; never trust them.
    static let p256PEM = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgEoq04oUbRCPaAl8k
        +UzfX7SFXIHMfIuzJ9x2FsbBVwChRANCAATZNqoyaEMlZtjwgnpMXCWHOLHJnPyi
        H3VK/ypXiVowi+dyPvOItoAOwAY2fkS0oqXzpJf0sVb8W0Q0EPGO8yrI
        -----END PRIVATE KEY-----

        """
    static let ed25519PEM = """
        -----BEGIN PRIVATE KEY-----
        MC4CAQAwBQYDK2VwBCIEIBRhOzU2IvM+WNLH3XNirEqEjuBvv9X4dWicMSmFPnl/
        -----END PRIVATE KEY-----

        """

    public static func p256() throws -> PrivateKey { try PrivateKey(pem: Array(p256PEM.utf8)) }
    public static func ed25519() throws -> PrivateKey { try PrivateKey(pem: Array(ed25519PEM.utf8)) }

    /// The public half as a `PUBLIC KEY` PEM file, as `keys add` stores it.
    public static func publicPEM(_ key: PrivateKey) -> [UInt8] {
        let text = Base64.encode(key.publicKey.spkiDER)
        var lines = "-----BEGIN PUBLIC KEY-----\n"
        var index = text.startIndex
        while index < text.endIndex {
            let end = text.index(index, offsetBy: 64, limitedBy: text.endIndex) ?? text.endIndex
            lines += text[index..<end] + "\n"
            index = end
        }
        return Array((lines + "-----END PUBLIC KEY-----\n").utf8)
    }
}

/// Realistic `reserve-attestation/1` payloads: the sections of the shipped samples, and reserve
/// lines cycling through deposits, bills, reverse repos, central bank reserves and money-market
/// funds (about 200 bytes a line).
public enum PayloadFactory {
    /// The time the benchmarks evaluate at: after every generated `issuedAt`, before any is stale.
    public static let evaluatedAt = Timestamp.parse("2026-11-20T00:00:00Z")!
    static let firstAsOf = Timestamp.parse("2026-10-25T00:00:00Z")!

    public static func payload(issuer: String, token: String, sequence: Int, lines: Int) -> [UInt8] {
        // Sequence n is ten minutes after n - 1: 2,000 sequences span two weeks.
        let asOf = firstAsOf.adding(seconds: Int64(sequence) * 600)
        let issuedAt = asOf.adding(seconds: 3600)
        let unit = 1_000_000
        let issued = lines * unit * 97 / 100
        var s = """
            {
              "format": "reserve-attestation/1",
              "attestationId": "\(issuer)-\(token.lowercased())-\(sequence)",
              "sequence": \(sequence),
              "asOf": "\(asOf)",
              "issuedAt": "\(issuedAt)",
              "issuer": {
                "id": "\(issuer)",
                "legalName": "Bench Trust Company \(issuer) (fictional)",
                "jurisdiction": "US",
                "regulation": { "regulator": "NYDFS", "licence": "limited-purpose-trust-company", "prudentialCapital": true, "prudentialLiquidity": true }
              },
              "token": {
                "symbol": "\(token)",
                "peg": { "currency": "USD", "valuePerUnit": "1" },
                "stabilisation": "fiat-reserve",
                "outstanding": [ { "network": "bench-net", "issued": "\(issued)", "nonRedeemable": "0" } ],
                "networks": [ { "name": "bench-net", "permissionless": false, "validatorsRegulated": true, "riskAssessment": "https://bench.example/risk/network" } ],
                "redemption": { "holders": "all", "settlementDays": 1, "feePercent": "0", "minimumUnits": "1" }
              },
              "reserves": [

            """
        s.reserveCapacity(lines * 230 + 3000)
        for i in 0..<lines {
            // Values vary a little line to line; the total stays near lines * unit.
            let value = unit - 500 + (i * 7919) % 1000
            let line: String
            switch i % 5 {
            case 0:
                line =
                    #"{"id":"dep-\#(i)","class":"bank-deposit","currency":"USD","value":"\#(value).00","custody":"segregated","callable":true,"counterparty":{"name":"Example Bank \#(i % 17)","rating":"A+","regulated":true}}"#
            case 1:
                line =
                    #"{"id":"bill-\#(i)","class":"sovereign-bill","currency":"USD","value":"\#(value).00","faceValue":"\#(value + 4000).00","issuer":"US","rating":"AA+","maturity":"2027-01-28","custody":"segregated","custodian":{"name":"Example Custody Bank","regulated":true}}"#
            case 2:
                line =
                    #"{"id":"rrp-\#(i)","class":"reverse-repo","currency":"USD","value":"\#(value).00","tenorDays":1,"custody":"segregated","counterparty":{"name":"Example Primary Dealer \#(i % 11)","rating":"A+","regulated":true},"collateral":{"class":"sovereign-bond","issuer":"US","rating":"AA+","currency":"USD","value":"\#(value + 20000).00","maturity":"2030-05-15"}}"#
            case 3:
                line =
                    #"{"id":"cbr-\#(i)","class":"central-bank-reserve","currency":"USD","value":"\#(value).00","issuer":"US","custody":"segregated","custodian":{"name":"Example Bank \#(i % 17)","regulated":true}}"#
            default:
                line =
                    #"{"id":"mmf-\#(i)","class":"money-market-fund","currency":"USD","value":"\#(value).00","name":"Example Government MMF \#(i % 5)","holdsOnlyEligible":true,"weightedAverageMaturityDays":30,"custody":"segregated"}"#
            }
            s += "    " + line + (i + 1 < lines ? ",\n" : "\n")
        }
        s += """
              ],
              "otherClaims": [ { "description": "accrued operating expenses secured on reserves", "amount": "2000.00" } ],
              "entities": [
                { "role": "issuer", "name": "Bench Trust Company", "regulated": true, "regulator": "NYDFS", "governanceDisclosure": "https://bench.example/governance" },
                { "role": "reserve-custodian", "name": "Example Custody Bank", "regulated": true, "regulator": "OCC", "governanceDisclosure": "https://custody.example/governance" },
                { "role": "reserve-manager", "name": "Example Asset Management", "regulated": true, "regulator": "SEC", "governanceDisclosure": "https://am.example/governance" },
                { "role": "transfer-system-operator", "name": "Bench Network Operations", "regulated": true, "regulator": "NYDFS", "governanceDisclosure": "https://bench.example/governance/network" }
              ],
              "legal": { "opinions": [ { "jurisdiction": "US", "firm": "Example LLP", "date": "2026-03-01" } ], "settlementFinality": true, "jurisdictions": ["US"] },
              "governance": { "operationalResilienceFramework": true, "reserveMandateUrl": "https://bench.example/reserve-mandate" },
              "disclosure": { "valueFrequencyDays": 1, "compositionFrequencyDays": 1, "lastPublished": "\(issuedAt)", "url": "https://bench.example/transparency" },
              "assurance": [
                { "kind": "reserve-audit", "firm": "Example & Co. LLP", "periodEnd": "2026-09-30", "opinionDate": "2026-10-20",
                  "opinion": "unqualified", "coversReserves": true, "independent": true }
              ]
            }

            """
        return Array(s.utf8)
    }
}

/// One signed envelope and what the bare-verify baseline needs of it.
public struct BenchEnvelope: Sendable {
    public var fileName: String
    public var bytes: [UInt8]
    /// The DSSE pre-authentication encoding: the exact message the signature covers.
    public var signedMessage: [UInt8]
    public var signature: [UInt8]
    public var algorithm: SignatureAlgorithm
    /// Index into ``BenchCorpus/publicKeys``.
    public var keyIndex: Int
}

/// N DSSE envelopes over `coins` coins (half of the issuers sign with ECDSA P-256, half with
/// Ed25519), in an order where every coin's sequences rise, plus the trust store that verifies
/// them. Coin `c` belongs to issuer `bench-ec-NN` or `bench-ed-NN` with token `TKNNNN`.
public struct BenchCorpus: Sendable {
    public var envelopes: [BenchEnvelope]
    public var folders: [TrustStore.Folder]
    public var publicKeys: [PublicKey]
    public var evaluatedAt: Timestamp { PayloadFactory.evaluatedAt }

    public static let tokensPerIssuer = 5

    public static func issuer(coin: Int) -> String {
        let issuerIndex = coin / tokensPerIssuer
        return issuerIndex % 2 == 0
            ? String(format: "bench-ec-%03d", issuerIndex / 2) : String(format: "bench-ed-%03d", issuerIndex / 2)
    }

    public static func token(coin: Int) -> String { String(format: "TK%04d", coin) }

    /// - Parameters:
    ///   - count: envelopes; envelope `i` is coin `i % coins`, sequence `i / coins + firstSequence`.
    ///   - coins: a multiple of 2 × ``tokensPerIssuer`` so both algorithms get the same share.
    ///   - lines: reserve lines per payload.
    ///   - firstSequence: the sequence of each coin's first envelope.
    ///   - threads: signing runs on this many threads.
    ///   - ed25519: false signs every envelope with the ECDSA P-256 key (every issuer trusts it).
    public static func make(
        count: Int, coins: Int, lines: Int, firstSequence: Int = 1,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount, ed25519: Bool = true
    ) throws -> BenchCorpus {
        let ec = try BenchKeys.p256()
        let ed = try BenchKeys.ed25519()
        let issuerCount = (coins + tokensPerIssuer - 1) / tokensPerIssuer
        var folders: [TrustStore.Folder] = []
        for index in 0..<issuerCount {
            let name = issuer(coin: index * tokensPerIssuer)
            let isEC = index % 2 == 0 || !ed25519
            let key = isEC ? ec : ed
            let file = (isEC ? "issuer-ec.pem" : "issuer-ed.pem")
            let trust = """
                {
                  "format": "reserve-trust/1",
                  "issuer": "\(name)",
                  "keys": [ { "algorithm": "\(key.defaultAlgorithm.rawValue)", "file": "\(file)", "id": "\(key.publicKey.id)", "role": "issuer",
                              "notBefore": "2026-01-01T00:00:00Z", "notAfter": "2027-12-31T23:59:59Z" } ],
                  "policy": { "freshnessDays": 35, "minimumSignatures": 1, "optionalRoles": [], "requiredRoles": ["issuer"] }
                }

                """
            folders.append(
                TrustStore.Folder(name: name, trustJSON: Array(trust.utf8), pemFiles: [file: BenchKeys.publicPEM(key)]))
        }
        let slots = UnsafeSendableBox([BenchEnvelope?](repeating: nil, count: count))
        let failure = UnsafeSendableBox<(any Error)?>(nil)
        let workers = max(1, min(threads, count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var local: [(Int, BenchEnvelope)] = []
            var i = worker
            while i < count {
                let coin = i % coins
                let sequence = i / coins + firstSequence
                let issuerName = issuer(coin: coin)
                let isEC = (coin / tokensPerIssuer) % 2 == 0 || !ed25519
                let key = isEC ? ec : ed
                let payload = PayloadFactory.payload(
                    issuer: issuerName, token: token(coin: coin), sequence: sequence, lines: lines)
                let message = EnvelopeWriter.dsseSigningInput(payload: payload)
                do {
                    let signature = try key.sign(message, algorithm: key.defaultAlgorithm)
                    let bytes = EnvelopeWriter.dsse(
                        payload: payload, signatures: [.init(keyID: key.publicKey.id, signature: signature)])
                    local.append(
                        (
                            i,
                            BenchEnvelope(
                                fileName: String(format: "e%07d.dsse.json", i), bytes: bytes, signedMessage: message,
                                signature: signature, algorithm: key.defaultAlgorithm, keyIndex: isEC ? 0 : 1)
                        ))
                } catch {
                    failure.lock.withLock { failure.value = error }
                }
                i += workers
            }
            slots.lock.withLock { for (index, envelope) in local { slots.value[index] = envelope } }
        }
        if let error = failure.value { throw error }
        return BenchCorpus(
            envelopes: slots.value.map { $0! }, folders: folders, publicKeys: [ec.publicKey, ed.publicKey])
    }

    /// Writes `DIR/envelopes/*.dsse.json` and `DIR/keys/<issuer>/...`, the layout `verify` reads.
    public func write(to directory: String) throws {
        let fm = FileManager.default
        let envelopesDir = directory + "/envelopes"
        try? fm.removeItem(atPath: envelopesDir)
        try? fm.removeItem(atPath: directory + "/keys")
        try fm.createDirectory(atPath: envelopesDir, withIntermediateDirectories: true)
        for envelope in envelopes {
            try Data(envelope.bytes).write(to: URL(fileURLWithPath: envelopesDir + "/" + envelope.fileName))
        }
        for folder in folders {
            let dir = directory + "/keys/" + folder.name
            try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try Data(folder.trustJSON).write(to: URL(fileURLWithPath: dir + "/trust.json"))
            for (name, pem) in folder.pemFiles {
                try Data(pem).write(to: URL(fileURLWithPath: dir + "/" + name))
            }
        }
    }

    public func trustStore() throws -> TrustStore {
        try TrustStore.load(folders, provider: OpenSSLProvider())
    }
}

/// A value shared by the threads of one `concurrentPerform`, guarded by its lock.
final class UnsafeSendableBox<Value>: @unchecked Sendable {
    var value: Value
    let lock = NSLock()
    init(_ value: Value) { self.value = value }
}
