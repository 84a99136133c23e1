import Foundation
import ReserveCore
import ReserveCrypto
import TestSupport

/// Opens `bytes` and checks its signatures against the shipped trust store (OpenSSL).
func verify(_ samples: Samples, _ bytes: [UInt8], detached: [UInt8]? = nil, limits: DecodingLimits = .default)
    -> Outcome
{
    // fuzz-envelope reads a detached signature after the payload's first NUL byte.
    SeedExport.record(detached.map { bytes + [0] + $0 } ?? bytes, target: "envelope")
    return Outcome.of { () throws(VerifierError) in
        .verified(
            try AttestationVerifier(store: samples.store, provider: OpenSSLProvider(), limits: limits)
                .verify(bytes, detachedSignature: detached, at: november22))
    }
}

extension HostileCatalogue {
    static let envelopes: [HostileCase] = [
        // MARK: Not an envelope at all
        HostileCase(
            "env-empty-file", .envelope, "a 0-byte input", expect: .error(.malformedEnvelope), mentions: ["empty"]
        ) { s, _ in
            verify(s, [])
        },
        HostileCase(
            "env-whitespace-only", .envelope, "only spaces, tabs and newlines", expect: .error(.malformedEnvelope),
            mentions: ["empty"]
        ) { s, _ in
            verify(s, Array(" \t\r\n  \n".utf8))
        },
        HostileCase(
            "env-nul-bytes", .envelope, "4 KiB of NUL bytes", expect: .error(.malformedEnvelope),
            mentions: ["neither JSON nor a JWS"]
        ) { s, _ in
            verify(s, [UInt8](repeating: 0, count: 4096))
        },
        HostileCase(
            "env-binary-garbage", .envelope, "64 KiB of pseudo-random bytes", expect: .error(.malformedEnvelope),
            mentions: ["JWS"]
        ) { s, _ in
            var state: UInt64 = 0x9E37_79B9_7F4A_7C15
            let bytes = (0..<65_536).map { _ -> UInt8 in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt8(truncatingIfNeeded: state >> 56) | 0x80  // never '{', never ASCII
            }
            return verify(s, bytes)
        },
        HostileCase(
            "env-bom-before-dsse", .envelope, "a UTF-8 byte order mark before a valid DSSE envelope",
            expect: .error(.malformedJSON),
            mentions: ["byte order mark"]
        ) { s, _ in
            verify(s, [0xEF, 0xBB, 0xBF] + (try s.sakuraDSSE()))
        },
        HostileCase(
            "env-json-neither", .envelope, "a JSON object that is neither DSSE nor a payload",
            expect: .error(.malformedEnvelope),
            mentions: ["neither a DSSE envelope"]
        ) { s, _ in
            verify(s, Array("{\"hello\": \"world\"}".utf8))
        },
        HostileCase(
            "env-json-array", .envelope, "a JSON array", expect: .error(.malformedEnvelope), mentions: ["JSON array"]
        ) { s, _ in
            verify(s, Array("[{\"payloadType\": 1}]".utf8))
        },

        // MARK: DSSE base64
        HostileCase(
            "env-dsse-payload-line-breaks", .envelope, "DSSE payload base64 wrapped at 76 columns (MIME style)",
            expect: .error(.malformedEnvelope), mentions: ["payload is not canonical base64"]
        ) { s, _ in
            let p = try s.sakuraParts()
            var wrapped = ""
            for (i, c) in p.payload.enumerated() {
                if i > 0 && i % 76 == 0 { wrapped += "\\n" }
                wrapped.append(c)
            }
            return verify(
                s,
                Samples.dsseText(
                    payload: "\"\(wrapped)\"", signatures: "[{\"keyid\": \"\(p.keyid)\", \"sig\": \"\(p.sig)\"}]"))
        },
        HostileCase(
            "env-dsse-payload-space", .envelope, "DSSE payload base64 with a leading space",
            expect: .error(.malformedEnvelope),
            mentions: ["payload is not canonical base64"]
        ) { s, _ in
            let p = try s.sakuraParts()
            return verify(
                s,
                Samples.dsseText(
                    payload: "\" \(p.payload)\"", signatures: "[{\"keyid\": \"\(p.keyid)\", \"sig\": \"\(p.sig)\"}]"))
        },
        HostileCase(
            "env-dsse-payload-missing-padding", .envelope,
            "DSSE payload in the standard alphabet without its '=' padding",
            expect: .error(.malformedEnvelope), mentions: ["payload is not canonical base64"]
        ) { s, _ in
            let p = try s.sakuraParts(payload: try s.sakuraWithBase64Specials())
            guard p.payload.hasSuffix("="), p.payload.contains(where: { $0 == "+" || $0 == "/" }) else {
                throw TestFailure("the sample's base64 needs padding and a '+' or '/' for this case")
            }
            var stripped = p.payload
            while stripped.hasSuffix("=") { stripped.removeLast() }
            return verify(
                s,
                Samples.dsseText(
                    payload: "\"\(stripped)\"", signatures: "[{\"keyid\": \"\(p.keyid)\", \"sig\": \"\(p.sig)\"}]"))
        },
        HostileCase(
            "env-dsse-payload-extra-padding", .envelope, "DSSE payload base64 with '==' appended",
            expect: .error(.malformedEnvelope),
            mentions: ["payload is not canonical base64"]
        ) { s, _ in
            let p = try s.sakuraParts()
            return verify(
                s,
                Samples.dsseText(
                    payload: "\"\(p.payload)==\"", signatures: "[{\"keyid\": \"\(p.keyid)\", \"sig\": \"\(p.sig)\"}]"))
        },
        HostileCase(
            "env-dsse-payload-padding-inside", .envelope, "DSSE payload base64 with '=' in the middle",
            expect: .error(.malformedEnvelope),
            mentions: ["payload is not canonical base64"]
        ) { s, _ in
            let p = try s.sakuraParts()
            let middle = p.payload.index(p.payload.startIndex, offsetBy: 400)
            let garbled = String(p.payload[..<middle]) + "====" + String(p.payload[middle...])
            return verify(
                s,
                Samples.dsseText(
                    payload: "\"\(garbled)\"", signatures: "[{\"keyid\": \"\(p.keyid)\", \"sig\": \"\(p.sig)\"}]"))
        },
        HostileCase(
            "env-dsse-payload-mixed-alphabets", .envelope,
            "DSSE payload base64 mixing '+'/'/' with the URL alphabet's '-'/'_'",
            expect: .error(.malformedEnvelope), mentions: ["one alphabet"]
        ) { s, _ in
            let p = try s.sakuraParts(payload: try s.sakuraWithBase64Specials())
            let standard = p.payload.filter { $0 == "+" || $0 == "/" }.count
            guard standard >= 2 else { throw TestFailure("the sample's base64 needs two '+' or '/' for this case") }
            // Turn the first standard-only character into its URL-alphabet twin, keep the others.
            let index = p.payload.firstIndex { $0 == "+" || $0 == "/" }!
            var mixed = p.payload
            mixed.replaceSubrange(index...index, with: p.payload[index] == "+" ? "-" : "_")
            return verify(
                s,
                Samples.dsseText(
                    payload: "\"\(mixed)\"", signatures: "[{\"keyid\": \"\(p.keyid)\", \"sig\": \"\(p.sig)\"}]"))
        },
        HostileCase(
            "env-dsse-payload-noncanonical-bits", .envelope,
            "DSSE payload base64 whose unused trailing bits are not zero",
            expect: .error(.malformedEnvelope), mentions: ["payload is not canonical base64"]
        ) { s, _ in
            let p = try s.sakuraParts()
            let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
            var chars = Array(p.payload)
            guard let last = chars.lastIndex(where: { $0 != "=" }), let value = alphabet.firstIndex(of: chars[last])
            else {
                throw TestFailure("unexpected base64")
            }
            chars[last] = alphabet[value | 1]  // a padded final group has at least two unused bits
            return verify(
                s,
                Samples.dsseText(
                    payload: "\"\(String(chars))\"", signatures: "[{\"keyid\": \"\(p.keyid)\", \"sig\": \"\(p.sig)\"}]")
            )
        },
        HostileCase(
            "env-dsse-payload-url-alphabet", .envelope,
            "DSSE payload in the URL-safe alphabet, unpadded (DSSE allows it): still verifies",
            expect: .sigTrusted(.pass), mentions: ["signed by issuer"]
        ) { s, _ in
            let p = try s.sakuraParts()
            let url = Base64.encode(Array(s.sakuraPayload.utf8), alphabet: .url)
            return verify(
                s,
                Samples.dsseText(
                    payload: "\"\(url)\"", signatures: "[{\"keyid\": \"\(p.keyid)\", \"sig\": \"\(p.sig)\"}]"))
        },
        HostileCase(
            "env-dsse-sig-line-break", .envelope, "DSSE signature base64 with a line break",
            expect: .error(.malformedEnvelope),
            mentions: ["signatures[0].sig is not canonical base64"]
        ) { s, _ in
            let p = try s.sakuraParts()
            let broken = String(p.sig.prefix(20)) + "\\n" + String(p.sig.dropFirst(20))
            return verify(
                s,
                Samples.dsseText(
                    payload: "\"\(p.payload)\"", signatures: "[{\"keyid\": \"\(p.keyid)\", \"sig\": \"\(broken)\"}]"))
        },
        HostileCase(
            "env-dsse-payload-over-limit", .envelope,
            "a DSSE payload that decodes to 16 MiB + 1 byte (the limit is 16 MiB)",
            expect: .error(.inputTooLarge), mentions: ["over the limit of 16777216"]
        ) { s, _ in
            // The envelope is checked before decoding (base64 makes it larger than its payload),
            // so the decoded-size check behind it is defence in depth.
            let payload = [UInt8](repeating: UInt8(ascii: " "), count: 16 * 1024 * 1024 + 1)
            return verify(s, Samples.dsseText(payload: "\"\(Base64.encode(payload))\"", signatures: "[]"))
        },
        HostileCase(
            "env-dsse-payload-over-small-limit", .envelope, "a DSSE payload over a --max-bytes of 4096 after decoding",
            expect: .error(.inputTooLarge), mentions: ["over the limit of 4096"]
        ) { s, _ in
            var limits = DecodingLimits()
            limits.maxBytes = 4096
            let p = try s.sakuraParts()
            return verify(
                s,
                Samples.dsseText(
                    payload: "\"\(p.payload)\"", signatures: "[{\"keyid\": \"\(p.keyid)\", \"sig\": \"\(p.sig)\"}]"),
                limits: limits)
        },

        // MARK: DSSE structure
        HostileCase(
            "env-dsse-wrong-payload-type", .envelope, "DSSE payloadType of another format",
            expect: .error(.unsupportedPayloadType),
            mentions: ["application/vnd.in-toto+json"]
        ) { s, _ in
            let p = try s.sakuraParts()
            return verify(
                s,
                Samples.dsseText(
                    payloadType: "\"application/vnd.in-toto+json\"", payload: "\"\(p.payload)\"",
                    signatures: "[{\"keyid\": \"\(p.keyid)\", \"sig\": \"\(p.sig)\"}]"))
        },
        HostileCase(
            "env-dsse-payload-type-number", .envelope, "DSSE payloadType as a number",
            expect: .error(.malformedEnvelope),
            mentions: ["payloadType must be a string"]
        ) { s, _ in
            verify(s, Samples.dsseText(payloadType: "1", payload: "\"e30=\"", signatures: "[]"))
        },
        HostileCase(
            "env-dsse-unknown-field", .envelope, "DSSE envelope with an extra top-level field",
            expect: .error(.malformedEnvelope),
            mentions: ["unknown field \"keyid\""]
        ) { s, _ in
            let p = try s.sakuraParts()
            return verify(
                s,
                Samples.dsseText(
                    payload: "\"\(p.payload)\"", signatures: "[{\"keyid\": \"\(p.keyid)\", \"sig\": \"\(p.sig)\"}]",
                    extra: ", \"keyid\": \"\(p.keyid)\""))
        },
        HostileCase(
            "env-dsse-signatures-object", .envelope, "DSSE signatures as an object instead of an array",
            expect: .error(.malformedEnvelope),
            mentions: ["signatures must be an array"]
        ) { s, _ in
            let p = try s.sakuraParts()
            return verify(
                s,
                Samples.dsseText(
                    payload: "\"\(p.payload)\"", signatures: "{\"keyid\": \"\(p.keyid)\", \"sig\": \"\(p.sig)\"}"))
        },
        HostileCase(
            "env-dsse-signature-extra-field", .envelope, "DSSE signature entry with a public key in it",
            expect: .error(.malformedEnvelope),
            mentions: ["signatures[0] has unknown field \"publicKey\""]
        ) { s, _ in
            let p = try s.sakuraParts()
            return verify(
                s,
                Samples.dsseText(
                    payload: "\"\(p.payload)\"",
                    signatures: "[{\"keyid\": \"\(p.keyid)\", \"sig\": \"\(p.sig)\", \"publicKey\": \"MFkw\"}]"))
        },
        HostileCase(
            "env-dsse-keyid-number", .envelope, "DSSE keyid as a number", expect: .error(.malformedEnvelope),
            mentions: ["signatures[0].keyid must be a string"]
        ) { s, _ in
            let p = try s.sakuraParts()
            return verify(
                s, Samples.dsseText(payload: "\"\(p.payload)\"", signatures: "[{\"keyid\": 7, \"sig\": \"\(p.sig)\"}]"))
        },
        // Issue 11, class 5: 10,000 junk signatures cost 6.5 s of CPU; an envelope carries 16 at most.
        HostileCase(
            "env-dsse-too-many-signatures", .envelope, "DSSE envelope with 17 signatures",
            expect: .error(.tooManyItems),
            mentions: ["17 signatures exceed the limit of 16"]
        ) { s, _ in
            let p = try s.sakuraParts()
            let list = "[" + Array(repeating: "{\"sig\": \"AAAA\"}", count: 17).joined(separator: ",") + "]"
            return verify(s, Samples.dsseText(payload: "\"\(p.payload)\"", signatures: list))
        },
        HostileCase(
            "env-dsse-sixteen-junk-signatures", .envelope, "DSSE envelope with 16 junk signatures (the limit)",
            expect: .sigTrusted(.fail), mentions: ["… and 8 more"]
        ) { s, _ in
            let p = try s.sakuraParts()
            let list = "[" + Array(repeating: "{\"sig\": \"AAAA\"}", count: 16).joined(separator: ",") + "]"
            return verify(s, Samples.dsseText(payload: "\"\(p.payload)\"", signatures: list))
        },
        HostileCase(
            "env-dsse-no-signatures", .envelope, "DSSE envelope with an empty signature list",
            expect: .sigTrusted(.fail),
            mentions: ["carries no signatures"]
        ) { s, _ in
            verify(s, Samples.dsseText(payload: "\"\(try s.sakuraParts().payload)\"", signatures: "[]"))
        },
        HostileCase(
            "env-dsse-with-detached-sig", .envelope, "a DSSE envelope with a detached .sig file beside it",
            expect: .error(.malformedEnvelope),
            mentions: ["one or the other"]
        ) { s, _ in
            verify(s, try s.sakuraDSSE(), detached: Array("MEUCIQ==".utf8))
        },

        // MARK: Signatures
        HostileCase(
            "env-dsse-tampered-payload", .envelope, "DSSE payload changed after signing (one amount)",
            expect: .signature(.invalid),
            mentions: ["altered"]
        ) { s, _ in
            let p = try s.sakuraParts()
            let altered = try s.sakura([("\"value\": \"9600000000\"", "\"value\": \"9900000000\"")])
            return verify(
                s,
                Samples.dsseText(
                    payload: "\"\(Base64.encode(altered))\"",
                    signatures: "[{\"keyid\": \"\(p.keyid)\", \"sig\": \"\(p.sig)\"}]"))
        },
        HostileCase(
            "env-dsse-other-issuers-key", .envelope,
            "Kizuna's payload signed with Harbor's key, Harbor's key id as hint",
            expect: .signature(.unknownKey), mentions: ["belongs to issuer harbor-usd"]
        ) { s, _ in
            verify(s, try s.dsse(Array(s.kizunaPayload.utf8), signedBy: [s.harbor]))
        },
        HostileCase(
            "env-dsse-same-signature-twice", .envelope,
            "Kizuna's issuer signature twice, no custodian: one key counts once",
            expect: .sigTrusted(.fail), mentions: ["custodian", "duplicate"]
        ) { s, _ in
            verify(s, try s.dsse(Array(s.kizunaPayload.utf8), signedBy: [s.kizunaIssuer, s.kizunaIssuer]))
        },
        HostileCase(
            "env-dsse-keyid-10mb", .envelope, "a 10 MB keyid on a signature that does not verify",
            expect: .signature(.unknownKey),
            mentions: ["is not in the trust store"]
        ) { s, _ in
            let p = try s.sakuraParts()
            let other = try s.sakuraParts(payload: Array("other".utf8))
            let hint = String(repeating: "k", count: 10 * 1024 * 1024)
            return verify(
                s,
                Samples.dsseText(
                    payload: "\"\(p.payload)\"", signatures: "[{\"keyid\": \"\(hint)\", \"sig\": \"\(other.sig)\"}]"))
        },
        HostileCase(
            "env-ecdsa-high-s-dsse", .envelope,
            "ECDSA P-256 DER signature with high S (n - s): valid, as OpenSSL accepts it",
            expect: .signature(.valid), mentions: ["verifies with issuer key"]
        ) { s, _ in
            let payload = Array(s.sakuraPayload.utf8)
            let der = try s.sakura.sign(EnvelopeWriter.dsseSigningInput(payload: payload), algorithm: .ecdsaP256SHA256)
            let high = try ECDSAMalleability.highS(der: der, order: ECDSAMalleability.p256Order)
            let (_, highValue) = try ECDSAMalleability.split(der: high)
            guard ECDSAMalleability.isHigh(highValue, order: ECDSAMalleability.p256Order) else {
                throw TestFailure("S is not high")
            }
            return verify(
                s,
                EnvelopeWriter.dsse(
                    payload: payload, signatures: [.init(keyID: s.sakura.publicKey.id, signature: high)]))
        },
        HostileCase(
            "env-ecdsa-low-s-dsse", .envelope, "the same signature with low S: valid too (both forms, consistently)",
            expect: .signature(.valid), mentions: ["verifies with issuer key"]
        ) { s, _ in
            let payload = Array(s.sakuraPayload.utf8)
            let der = try s.sakura.sign(EnvelopeWriter.dsseSigningInput(payload: payload), algorithm: .ecdsaP256SHA256)
            let (r, high) = try ECDSAMalleability.split(
                der: try ECDSAMalleability.highS(der: der, order: ECDSAMalleability.p256Order))
            let low = ECDSAMalleability.subtract(
                ECDSAMalleability.p256Order, [UInt8](repeating: 0, count: 32 - high.count) + high)
            return verify(
                s,
                EnvelopeWriter.dsse(
                    payload: payload,
                    signatures: [.init(keyID: s.sakura.publicKey.id, signature: ECDSAMalleability.der(r: r, s: low))]))
        },
        HostileCase(
            "env-ecdsa-high-s-p384", .envelope,
            "ECDSA P-384 custodian signature with high S beside a valid issuer signature",
            expect: .sigTrusted(.pass), mentions: ["issuer + custodian"]
        ) { s, _ in
            let payload = Array(s.kizunaPayload.utf8)
            let message = EnvelopeWriter.dsseSigningInput(payload: payload)
            let issuer = try s.kizunaIssuer.sign(message, algorithm: .ed25519)
            let der = try s.kizunaCustodian.sign(message, algorithm: .ecdsaP384SHA384)
            let high = try ECDSAMalleability.highS(der: der, order: ECDSAMalleability.p384Order)
            return verify(
                s,
                EnvelopeWriter.dsse(
                    payload: payload,
                    signatures: [
                        .init(keyID: s.kizunaIssuer.publicKey.id, signature: issuer),
                        .init(keyID: s.kizunaCustodian.publicKey.id, signature: high),
                    ]))
        },
        HostileCase(
            "env-ecdsa-s-zero", .envelope, "ECDSA signature with s = 0", expect: .signature(.invalid),
            mentions: ["does not verify"]
        ) { s, _ in
            let payload = Array(s.sakuraPayload.utf8)
            let der = try s.sakura.sign(EnvelopeWriter.dsseSigningInput(payload: payload), algorithm: .ecdsaP256SHA256)
            let (r, _) = try ECDSAMalleability.split(der: der)
            return verify(
                s,
                EnvelopeWriter.dsse(
                    payload: payload,
                    signatures: [.init(keyID: s.sakura.publicKey.id, signature: ECDSAMalleability.der(r: r, s: [0]))]))
        },
        HostileCase(
            "env-ecdsa-s-equals-order", .envelope, "ECDSA signature with s = n (out of range)",
            expect: .signature(.invalid),
            mentions: ["does not verify"]
        ) { s, _ in
            let payload = Array(s.sakuraPayload.utf8)
            let der = try s.sakura.sign(EnvelopeWriter.dsseSigningInput(payload: payload), algorithm: .ecdsaP256SHA256)
            let (r, _) = try ECDSAMalleability.split(der: der)
            return verify(
                s,
                EnvelopeWriter.dsse(
                    payload: payload,
                    signatures: [
                        .init(
                            keyID: s.sakura.publicKey.id,
                            signature: ECDSAMalleability.der(r: r, s: ECDSAMalleability.p256Order))
                    ]))
        },
        HostileCase(
            "env-ecdsa-der-trailing-byte", .envelope, "a valid DER ECDSA signature with one byte appended",
            expect: .signature(.invalid),
            mentions: ["does not verify"]
        ) { s, _ in
            let payload = Array(s.sakuraPayload.utf8)
            let der = try s.sakura.sign(EnvelopeWriter.dsseSigningInput(payload: payload), algorithm: .ecdsaP256SHA256)
            return verify(
                s,
                EnvelopeWriter.dsse(
                    payload: payload, signatures: [.init(keyID: s.sakura.publicKey.id, signature: der + [0])]))
        },
        HostileCase(
            "env-ecdsa-der-padded-integer", .envelope, "a DER ECDSA signature with a non-minimal (zero-padded) INTEGER",
            expect: .signature(.invalid), mentions: ["does not verify"]
        ) { s, _ in
            let payload = Array(s.sakuraPayload.utf8)
            let der = try s.sakura.sign(EnvelopeWriter.dsseSigningInput(payload: payload), algorithm: .ecdsaP256SHA256)
            let (r, sValue) = try ECDSAMalleability.split(der: der)
            let rInteger = ECDSAMalleability.integer(r)
            let padded: [UInt8] = [0x02, rInteger[1] + 1, 0x00] + rInteger[2...]
            let body = padded + ECDSAMalleability.integer(sValue)
            return verify(
                s,
                EnvelopeWriter.dsse(
                    payload: payload,
                    signatures: [.init(keyID: s.sakura.publicKey.id, signature: [0x30, UInt8(body.count)] + body)]))
        },

        // MARK: JWS
        HostileCase(
            "jws-high-s", .envelope, "JWS ES256 with a raw r || s signature whose S is high: valid",
            expect: .signature(.valid), mentions: ["verifies with issuer key"]
        ) { s, _ in
            let header = "{\"alg\":\"ES256\",\"kid\":\"\(s.sakura.publicKey.id)\"}"
            let good = try s.jws(header: header, payload: Array(s.sakuraPayload.utf8), key: s.sakura)
            let parts = good.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
            guard let raw = Base64.decode(parts[2], alphabet: .url) else { throw TestFailure("bad JWS") }
            let high = ECDSAMalleability.highS(raw: raw, order: ECDSAMalleability.p256Order)
            return verify(s, try s.jws(header: header, payload: Array(s.sakuraPayload.utf8), key: nil, signature: high))
        },
        HostileCase(
            "jws-b64-false", .envelope,
            "JWS with \"b64\": false (RFC 7797 unencoded payload), otherwise validly signed",
            expect: .signature(.invalid), mentions: ["b64"]
        ) { s, _ in
            verify(
                s,
                try s.jws(
                    header: "{\"alg\":\"ES256\",\"b64\":false,\"kid\":\"\(s.sakura.publicKey.id)\"}",
                    payload: Array(s.sakuraPayload.utf8), key: s.sakura))
        },
        HostileCase(
            "jws-alg-none", .envelope, "JWS with alg none and an empty signature", expect: .signature(.invalid),
            mentions: ["\"none\" is an unsigned token"]
        ) { s, _ in
            verify(s, try s.jws(header: "{\"alg\":\"none\"}", payload: Array(s.sakuraPayload.utf8), key: nil))
        },
        HostileCase(
            "jws-alg-hs256", .envelope, "JWS with HS256 keyed by the public key's id", expect: .signature(.invalid),
            mentions: ["HS256", "not allowed"]
        ) { s, _ in
            verify(
                s,
                try s.jws(
                    header: "{\"alg\":\"HS256\",\"kid\":\"\(s.sakura.publicKey.id)\"}",
                    payload: Array(s.sakuraPayload.utf8),
                    key: nil, signature: [UInt8](repeating: 7, count: 32)))
        },
        HostileCase(
            "jws-embedded-jwk", .envelope, "JWS carrying its own key in a jwk header", expect: .signature(.invalid),
            mentions: ["carries a key (jwk)"]
        ) { s, _ in
            verify(
                s,
                try s.jws(
                    header: "{\"alg\":\"ES256\",\"jwk\":{\"kty\":\"EC\"}}", payload: Array(s.sakuraPayload.utf8),
                    key: s.sakura))
        },
        HostileCase(
            "jws-crit", .envelope, "JWS with a crit extension", expect: .signature(.invalid), mentions: ["crit"]
        ) { s, _ in
            verify(
                s,
                try s.jws(
                    header: "{\"alg\":\"ES256\",\"crit\":[\"exp\"],\"exp\":1}", payload: Array(s.sakuraPayload.utf8),
                    key: s.sakura))
        },
        HostileCase(
            "jws-alg-mismatch", .envelope, "JWS RS256 naming the P-256 issuer key", expect: .signature(.invalid),
            mentions: ["signed as RS256, but key"]
        ) { s, _ in
            verify(
                s,
                try s.jws(
                    header: "{\"alg\":\"RS256\",\"kid\":\"\(s.sakura.publicKey.id)\"}",
                    payload: Array(s.sakuraPayload.utf8),
                    key: nil, signature: [UInt8](repeating: 1, count: 256)))
        },
        HostileCase(
            "jws-four-parts", .envelope, "JWS with four dot-separated parts", expect: .error(.malformedEnvelope),
            mentions: ["three base64url parts"]
        ) { s, _ in
            verify(
                s,
                try s.jws(header: "{\"alg\":\"ES256\"}", payload: Array(s.sakuraPayload.utf8), key: s.sakura)
                    + Array(".AAAA".utf8))
        },
        HostileCase(
            "jws-padded-signature", .envelope, "JWS signature with '=' padding", expect: .error(.malformedEnvelope),
            mentions: ["signature is not unpadded base64url"]
        ) { s, _ in
            let header = "{\"alg\":\"ES256\"}"
            let input =
                Base64.encode(Array(header.utf8), alphabet: .url) + "."
                + Base64.encode(Array(s.sakuraPayload.utf8), alphabet: .url)
            return verify(s, Array((input + "." + Base64.encode([1, 2, 3, 4], alphabet: .standard)).utf8))
        },
        HostileCase(
            "jws-standard-alphabet-payload", .envelope, "JWS payload in the standard alphabet ('+' and '/')",
            expect: .error(.malformedEnvelope), mentions: ["payload is not unpadded base64url"]
        ) { s, _ in
            let header = Base64.encode(Array("{\"alg\":\"ES256\"}".utf8), alphabet: .url)
            let payload = Base64.encode(try s.sakuraWithBase64Specials()).replacingOccurrences(of: "=", with: "")
            guard payload.contains(where: { $0 == "+" || $0 == "/" }) else { throw TestFailure("needs '+' or '/'") }
            return verify(s, Array("\(header).\(payload).AAAA".utf8))
        },
        HostileCase(
            "jws-header-duplicate-alg", .envelope, "JWS header naming alg twice (EdDSA, then none)",
            expect: .error(.malformedEnvelope),
            mentions: ["duplicate key \"alg\""]
        ) { s, _ in
            verify(
                s,
                try s.jws(
                    header: "{\"alg\":\"EdDSA\",\"alg\":\"none\"}", payload: Array(s.sakuraPayload.utf8), key: nil))
        },
        HostileCase(
            "jws-header-deep-nesting", .envelope, "JWS header nested 10,000 levels deep",
            expect: .error(.malformedEnvelope),
            mentions: ["nesting deeper than 8"]
        ) { s, _ in
            let deep =
                "{\"alg\":\"ES256\",\"x\":" + String(repeating: "[", count: 10_000)
                + String(repeating: "]", count: 10_000) + "}"
            return verify(s, try s.jws(header: deep, payload: Array(s.sakuraPayload.utf8), key: nil, signature: [1]))
        },
        HostileCase(
            "jws-kid-number", .envelope, "JWS kid as a number", expect: .error(.malformedEnvelope),
            mentions: ["\"kid\" must be a string"]
        ) { s, _ in
            verify(
                s,
                try s.jws(header: "{\"alg\":\"ES256\",\"kid\":5}", payload: Array(s.sakuraPayload.utf8), key: s.sakura))
        },
        HostileCase(
            "jws-header-not-json", .envelope, "JWS header that is not JSON", expect: .error(.malformedEnvelope),
            mentions: ["protected header is not strict JSON"]
        ) { s, _ in
            verify(s, try s.jws(header: "alg=ES256", payload: Array(s.sakuraPayload.utf8), key: nil, signature: [1]))
        },
        HostileCase(
            "jws-trailing-space", .envelope, "a valid JWS followed by a space", expect: .error(.malformedEnvelope),
            mentions: ["signature is not unpadded base64url"]
        ) { s, _ in
            verify(
                s,
                try s.jws(
                    header: "{\"alg\":\"ES256\",\"kid\":\"\(s.sakura.publicKey.id)\"}",
                    payload: Array(s.sakuraPayload.utf8), key: s.sakura) + [0x20])
        },

        // MARK: Detached
        HostileCase(
            "det-empty-signature-file", .envelope, "a payload with a 0-byte .sig beside it",
            expect: .error(.malformedEnvelope),
            mentions: ["detached signature file is empty"]
        ) { s, _ in
            verify(s, Array(s.sakuraPayload.utf8), detached: [])
        },
        HostileCase(
            "det-signature-over-64k", .envelope, "a payload with a 65 KiB .sig beside it",
            expect: .error(.inputTooLarge),
            mentions: ["detached signature file", "over 64 KiB"]
        ) { s, _ in
            verify(s, Array(s.sakuraPayload.utf8), detached: [UInt8](repeating: 0x41, count: 65 * 1024))
        },
        HostileCase(
            "det-base64-with-line-break", .envelope,
            "a detached base64 signature with a line break inside: read as raw bytes, invalid",
            expect: .signature(.invalid), mentions: ["no trusted key of issuer sakura-pay verifies"]
        ) { s, _ in
            let payload = Array(s.sakuraPayload.utf8)
            let text = Base64.encode(try s.sakura.sign(payload, algorithm: .ecdsaP256SHA256))
            return verify(
                s, payload, detached: Array((String(text.prefix(30)) + "\n" + String(text.dropFirst(30)) + "\n").utf8))
        },
    ]
}

enum HostileCatalogue {}
