import Testing

@testable import ReserveCore

/// The one-pass DSSE reading (`DSSEMembers`) against the tree: it may only accept envelopes the
/// tree reads as DSSE, and then `EnvelopeReader.open` gives the envelope the tree would, with the
/// payload decoded once, inside the PAE.
@Suite struct DSSEMembersTests {
    static let payload = decoderBytes(#"{"format": "reserve-attestation/1", "note": "a/b+c?"}"#)
    static let type = EnvelopeReader.dssePayloadType
    static let sig = Base64.encode(Array(0..<64))

    /// The payload's end byte by byte, as `scan` read it before ``DSSEMembers/payloadEnd(_:from:)``.
    static func referenceEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var end = start
        while end < bytes.count {
            let byte = bytes[end]
            if byte == UInt8(ascii: "\"") { return end }
            guard byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\\") else { return nil }
            end += 1
        }
        return nil
    }

    /// Eight bytes at a time finds the same end, or refuses the same strings, as byte by byte:
    /// every byte value at every position of a word, after base64 text of every length mod 8.
    @Test func thePayloadsEndIsFoundAsByteByByte() {
        let base64 = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_".utf8)
        for prefix in 0..<17 {
            for byte in 0...255 {
                for suffix in 0..<9 {
                    var text = (0..<prefix).map { base64[$0 % base64.count] }
                    text.append(UInt8(byte))
                    text += (0..<suffix).map { base64[($0 * 7) % base64.count] }
                    for closed in [false, true] {
                        let bytes = closed ? text + [UInt8(ascii: "\"")] : text
                        for start in [0, min(3, bytes.count)] {
                            let fast = bytes.withUnsafeBufferPointer { DSSEMembers.payloadEnd($0, from: start) }
                            #expect(
                                fast == Self.referenceEnd(bytes, from: start), "\(prefix) \(byte) \(suffix) \(closed)")
                        }
                    }
                }
            }
        }
        var g = MoneyTests.Generator(state: 41)
        for _ in 0..<20_000 {
            let bytes = (0..<g.below(40)).map { _ in
                g.below(50) == 0 ? UInt8(g.below(256)) : base64[g.below(base64.count)]
            }
            let fast = bytes.withUnsafeBufferPointer { DSSEMembers.payloadEnd($0, from: 0) }
            #expect(fast == Self.referenceEnd(bytes, from: 0))
        }
    }

    static func scan(_ text: String) -> DSSEMembers? {
        Array(text.utf8).withUnsafeBufferPointer { DSSEMembers.scan($0, maxDepth: 64) }
    }

    /// The envelope the tree gives: parse, take the members, decode the payload on its own.
    static func tree(_ text: String) throws -> Envelope {
        guard case .object(let object) = try JSONParser().parse(Array(text.utf8)),
            case .string(let type)? = object["payloadType"], case .string(let payloadText)? = object["payload"],
            let payload = Base64.decodeEither(payloadText.utf8),
            case .array(let list)? = object["signatures"]
        else { throw VerifierError(.malformedEnvelope, "not a DSSE envelope the test reads") }
        let entries = list.map { item -> SignatureEntry in
            guard case .object(let o) = item, case .string(let sig)? = o["sig"] else {
                return SignatureEntry(keyHint: nil, signature: [])
            }
            let hint: String? = if case .string(let k)? = o["keyid"], !k.isEmpty { k } else { nil }
            return SignatureEntry(keyHint: hint, signature: Base64.decodeEither(sig.utf8) ?? [])
        }
        return Envelope(
            kind: .dsse, payload: payload, signedMessage: EnvelopeReader.pae(payloadType: type, payload: payload),
            signatures: entries)
    }

    static func envelope(payload: String? = nil, extra: String = "", ws: String = "") -> String {
        let body = payload ?? Base64.encode(Self.payload)
        return
            #"\#(ws){\#(ws)"payloadType"\#(ws):\#(ws)"\#(type)",\#(ws)"payload":"\#(body)"\#(ws),"#
            + #""signatures":[{"keyid":"k1","sig":"\#(sig)"}]\#(extra)\#(ws)}\#(ws)"#
    }

    @Test(arguments: [
        envelope(),
        envelope(ws: " \n\t"),
        envelope(payload: Base64.encode(payload, alphabet: .url)),
        #"{"signatures":[],"payload":"\#(Base64.encode(payload))","payloadType":"\#(type)"}"#,
        #"{"payload":"","payloadType":"\#(type)","signatures":[{"sig":"\#(sig)"}]}"#,
    ])
    func readsAsTheTreeDoesWithThePayloadInsideThePAE(_ text: String) throws {
        #expect(Self.scan(text) != nil)
        let opened = try EnvelopeReader().open(Array(text.utf8))
        #expect(opened == (try Self.tree(text)))
        #expect(opened.payload == (try Self.tree(text)).payload)
        // One copy of the payload: its bytes lie at the end of the PAE's storage.
        let inside = opened.signedMessage.withUnsafeBufferPointer { pae in
            opened.withPayload { payload in
                payload.isEmpty
                    || (payload.baseAddress! >= pae.baseAddress!
                        && payload.baseAddress! + payload.count
                            == pae.baseAddress! + pae.count)
            }
        }
        #expect(inside)
    }

    /// What the one pass leaves to the tree: escapes or other bytes in the payload, a payload that
    /// is not a string, duplicate or unknown keys, malformed JSON, and objects that are not DSSE.
    @Test(arguments: [
        envelope(payload: Base64.encode(payload).replacingOccurrences(of: "/", with: #"\/"#)),
        envelope(payload: "é"),
        envelope(payload: "\u{7F}"),
        #"{"payloadType":"\#(type)","payload":12,"signatures":[]}"#,
        #"{"payloadType":"\#(type)","payload":"","payload":"","signatures":[]}"#,
        #"{"payloadType":"\#(type)","payloadType":"\#(type)","payload":"","signatures":[]}"#,
        envelope(extra: #","comment":"hi""#),
        envelope() + "x",
        #"{"payloadType":"\#(type)","payload":"abc"#,
        #"{"payload":""}"#,
        #"{"format":"reserve-attestation/1"}"#,
        "{}",
        "[]",
    ])
    func leavesToTheTreeWhatItDoesNotAcceptOutright(_ text: String) {
        #expect(Self.scan(text) == nil)
    }

    @Test func escapedPayloadStillOpensThroughTheTree() throws {
        let text = Self.envelope(payload: Base64.encode(Self.payload).replacingOccurrences(of: "/", with: #"\/"#))
        #expect(Base64.encode(Self.payload).contains("/"), "the payload no longer has a '/' to escape")
        #expect(try EnvelopeReader().open(Array(text.utf8)) == (try Self.tree(text)))
    }

    @Test func keepsTheDepthAndValueLimits() {
        let text = Self.envelope()
        #expect(Array(text.utf8).withUnsafeBufferPointer { DSSEMembers.scan($0, maxDepth: 2) } == nil)
        #expect(Array(text.utf8).withUnsafeBufferPointer { DSSEMembers.scan($0, maxDepth: 3) } != nil)
    }

    @Test func settingThePayloadOrTheMessageDetachesThem() throws {
        var envelope = try EnvelopeReader().open(Array(Self.envelope().utf8))
        let pae = envelope.signedMessage
        envelope.signedMessage = [1, 2, 3]
        #expect(envelope.payload == Self.payload)
        #expect(envelope.signedMessage == [1, 2, 3])
        var other = try EnvelopeReader().open(Array(Self.envelope().utf8))
        other.payload = [9]
        #expect(other.signedMessage == pae)
        #expect(other.withPayload { Array($0) } == [9])
    }

    @Test func base64DecodesAfterAPrefixThatKnowsTheLength() {
        let text = Array(Base64.encode(Self.payload).utf8)
        let result = text.withUnsafeBufferPointer { Base64.decodeEither($0, after: { Array("n=\($0);".utf8) }) }
        let header = Array("n=\(Self.payload.count);".utf8)
        #expect(result?.start == header.count)
        #expect(result?.bytes == header + Self.payload)
        let mixed = Array("+/-_".utf8)
        #expect(mixed.withUnsafeBufferPointer { Base64.decodeEither($0, after: { _ in [1] }) } == nil)
    }
}
