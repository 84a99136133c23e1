import Foundation
import ReserveCore
import TestSupport

/// Decodes payload bytes strictly (the first problem, as `verify` reports it).
func decode(_ bytes: [UInt8], limits: DecodingLimits = .default) -> Outcome {
    SeedExport.record(bytes, target: "envelope")
    return Outcome.of { () throws(VerifierError) in
        let attestation = try AttestationDecoder(limits: limits).decode(bytes)
        return .accepted("\(attestation.issuer.id) #\(attestation.sequence)")
    }
}

/// A string of `count` ASCII letters.
func letters(_ count: Int) -> String { String(repeating: "a", count: count) }

/// A number with `count` digits.
func digits(_ count: Int) -> String { "1" + String(repeating: "0", count: count - 1) }

extension HostileCatalogue {
    static let payloads: [HostileCase] = [
        // MARK: Size and depth
        HostileCase(
            "pay-deep-nesting-100k", .payload, "100,000 nested arrays", expect: .error(.nestingTooDeep),
            mentions: ["nesting deeper than 64 levels"]
        ) { _, _ in
            decode(Array((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8))
        },
        HostileCase(
            "pay-deep-nesting-in-field", .payload, "a field's value nested 1,000 objects deep",
            expect: .error(.nestingTooDeep),
            mentions: ["nesting deeper than 64 levels at issuer.legalName"]
        ) { s, _ in
            decode(
                try s.sakura([
                    (
                        "\"Sakura Pay K.K. (fictional)\"",
                        String(repeating: "{\"a\":", count: 1000) + "1" + String(repeating: "}", count: 1000)
                    )
                ]))
        },
        HostileCase(
            "pay-deep-nesting-in-dsse", .payload, "a DSSE envelope whose payloadType is nested 100,000 levels deep",
            expect: .error(.nestingTooDeep), mentions: ["nesting deeper than 64 levels at payloadType"]
        ) { s, _ in
            verify(
                s,
                Samples.dsseText(
                    payloadType: String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000),
                    payload: "\"e30=\"", signatures: "[]"))
        },
        // Issue 11, class 5: `[0,0,…]` is two bytes a value; 16.6 MB of it peaked at 30x its size.
        HostileCase(
            "pay-dense-array", .payload, "a field holding 1,000,000 zeros (two bytes a value)",
            expect: .error(.tooManyItems), mentions: ["values and keys in", "one per 8 bytes"]
        ) { s, _ in
            let zeros = "[" + Array(repeating: "0", count: 1_000_000).joined(separator: ",") + "]"
            return decode(try s.sakura([("\"Sakura Pay K.K. (fictional)\"", zeros)]))
        },
        HostileCase(
            "pay-10mb-string-value", .payload, "a 10 MB legalName", expect: .error(.outOfRange),
            mentions: ["issuer.legalName", "10485760 bytes is longer than the limit of 4096"]
        ) { s, _ in
            decode(try s.sakura([("Sakura Pay K.K. (fictional)", letters(10 * 1024 * 1024))]))
        },
        HostileCase(
            "pay-10mb-key", .payload, "a 10 MB unknown field name", expect: .error(.unknownField),
            mentions: ["unknown field"]
        ) { s, _ in
            decode(try s.sakura([("\"sequence\": 37,", "\"sequence\": 37, \"\(letters(10 * 1024 * 1024))\": 1,")]))
        },
        HostileCase(
            "pay-10mb-duplicate-key", .payload, "a 6 MB key given twice", expect: .error(.duplicateKey),
            mentions: ["duplicate key"]
        ) { s, _ in
            let key = letters(6 * 1024 * 1024)
            return decode(try s.sakura([("\"sequence\": 37,", "\"sequence\": 37, \"\(key)\": 1, \"\(key)\": 2,")]))
        },
        HostileCase(
            "pay-10mb-string-in-dsse", .payload, "a 10 MB payloadType in a DSSE envelope",
            expect: .error(.unsupportedPayloadType),
            mentions: ["DSSE payloadType", "is not \"application/vnd.reserve-attestation.v1+json\""]
        ) { s, _ in
            verify(
                s,
                Samples.dsseText(payloadType: "\"\(letters(10 * 1024 * 1024))\"", payload: "\"e30=\"", signatures: "[]")
            )
        },
        HostileCase(
            "pay-too-many-reserve-lines", .payload, "more reserve lines than --max-reserve-lines 2",
            expect: .error(.tooManyItems),
            mentions: ["reserves", "3 entries exceed the limit of 2"]
        ) { s, _ in
            var limits = DecodingLimits()
            limits.maxReserveLines = 2
            return decode(Array(s.sakuraPayload.utf8), limits: limits)
        },

        // MARK: Numbers
        HostileCase(
            "pay-sequence-10000-digits", .payload, "a sequence of 10,000 digits", expect: .error(.outOfRange),
            mentions: ["sequence", "is outside 1...2147483647"]
        ) { s, _ in
            decode(try s.sakura([("\"sequence\": 37", "\"sequence\": \(digits(10_000))")]))
        },
        HostileCase(
            "pay-amount-10000-digit-number", .payload, "an amount as a JSON number of 10,000 digits",
            expect: .error(.wrongType),
            mentions: ["reserves[0].value", "amounts are decimal strings", "…"]
        ) { s, _ in
            decode(try s.sakura([("\"value\": \"1500000000\"", "\"value\": \(digits(10_000))")]))
        },
        HostileCase(
            "pay-amount-10000-digit-string", .payload, "an amount string of 10,000 digits", expect: .error(.outOfRange),
            mentions: ["reserves[0].value", "more than 38 digits"]
        ) { s, _ in
            decode(try s.sakura([("\"value\": \"1500000000\"", "\"value\": \"\(digits(10_000))\"")]))
        },
        HostileCase(
            "pay-sequence-1e999", .payload, "sequence 1e999", expect: .error(.invalidValue),
            mentions: ["sequence", "expected an integer"]
        ) { s, _ in
            decode(try s.sakura([("\"sequence\": 37", "\"sequence\": 1e999")]))
        },
        HostileCase(
            "pay-amount-1e999-number", .payload, "an amount as the JSON number 1e999", expect: .error(.wrongType),
            mentions: ["reserves[0].value", "1e999"]
        ) { s, _ in
            decode(try s.sakura([("\"value\": \"1500000000\"", "\"value\": 1e999")]))
        },
        HostileCase(
            "pay-amount-1e999-string", .payload, "an amount string \"1e999\"", expect: .error(.invalidValue),
            mentions: ["reserves[0].value", "not a plain decimal"]
        ) { s, _ in
            decode(try s.sakura([("\"value\": \"1500000000\"", "\"value\": \"1e999\"")]))
        },
        HostileCase(
            "pay-sequence-minus-zero", .payload, "sequence -0", expect: .error(.outOfRange),
            mentions: ["sequence", "\"-0\" is outside"]
        ) { s, _ in
            decode(try s.sakura([("\"sequence\": 37", "\"sequence\": -0")]))
        },
        HostileCase(
            "pay-amount-minus-zero-string", .payload, "an amount string \"-0\": amounts carry no sign",
            expect: .error(.outOfRange),
            mentions: ["reserves[0].value", "negative"]
        ) { s, _ in
            decode(try s.sakura([("\"value\": \"1500000000\"", "\"value\": \"-0\"")]))
        },
        HostileCase(
            "pay-amount-minus-zero-number", .payload, "an amount as the JSON number -0.0", expect: .error(.wrongType),
            mentions: ["reserves[0].value", "decimal strings"]
        ) { s, _ in
            decode(try s.sakura([("\"value\": \"1500000000\"", "\"value\": -0.0")]))
        },
        HostileCase(
            "pay-sequence-leading-zero", .payload, "sequence 037 (leading zero)", expect: .error(.malformedJSON),
            mentions: ["leading zero", "line 4"]
        ) { s, _ in
            decode(try s.sakura([("\"sequence\": 37", "\"sequence\": 037")]))
        },

        // MARK: Encoding
        HostileCase(
            "pay-bom", .payload, "a UTF-8 byte order mark before the payload", expect: .error(.malformedJSON),
            mentions: ["byte order mark"]
        ) { s, _ in
            decode([0xEF, 0xBB, 0xBF] + Array(s.sakuraPayload.utf8))
        },
        HostileCase(
            "pay-invalid-utf8", .payload, "a lone continuation byte 0x80 inside legalName",
            expect: .error(.malformedJSON),
            mentions: ["invalid UTF-8", "line 9"]
        ) { s, _ in
            decode(try s.sakuraBytes(replacing: "K.K. (fictional)", with: [0x4B, 0x80]))
        },
        HostileCase(
            "pay-overlong-utf8", .payload, "an overlong UTF-8 encoding of '/' (C0 AF)", expect: .error(.malformedJSON),
            mentions: ["invalid UTF-8"]
        ) { s, _ in
            decode(try s.sakuraBytes(replacing: "K.K. (fictional)", with: [0xC0, 0xAF]))
        },
        HostileCase(
            "pay-utf8-surrogate", .payload, "a UTF-16 surrogate encoded in UTF-8 (ED A0 80)",
            expect: .error(.malformedJSON),
            mentions: ["invalid UTF-8"]
        ) { s, _ in
            decode(try s.sakuraBytes(replacing: "K.K. (fictional)", with: [0xED, 0xA0, 0x80]))
        },
        HostileCase(
            "pay-invalid-utf8-outside-string", .payload, "a 0xFF byte between tokens", expect: .error(.malformedJSON),
            mentions: ["byte 0xFF"]
        ) { s, _ in
            decode(try s.sakuraBytes(replacing: "\"sequence\": 37,", with: Array("\"sequence\": 37,".utf8) + [0xFF]))
        },
        HostileCase(
            "pay-nul-raw-in-string", .payload, "a raw NUL byte inside legalName", expect: .error(.malformedJSON),
            mentions: ["unescaped control character (byte 0x00)"]
        ) { s, _ in
            decode(try s.sakuraBytes(replacing: "K.K. (fictional)", with: [0x4B, 0x00, 0x4B]))
        },
        HostileCase(
            "pay-nul-escaped", .payload, "an escaped \\u0000 inside legalName", expect: .error(.invalidValue),
            mentions: ["issuer.legalName", "control"]
        ) { s, _ in
            decode(try s.sakura([("Sakura Pay K.K.", "Sakura Pay\\u0000K.K.")]))
        },
        HostileCase(
            "pay-nul-after-document", .payload, "a NUL byte after the closing brace", expect: .error(.malformedJSON),
            mentions: ["after the end of the JSON value"]
        ) { s, _ in
            decode(Array(s.sakuraPayload.utf8) + [0])
        },
        HostileCase(
            "pay-lone-high-surrogate", .payload, "\\ud800 alone", expect: .error(.malformedJSON),
            mentions: ["high surrogate"]
        ) { s, _ in
            decode(try s.sakura([("Sakura Pay K.K.", "Sakura Pay \\ud800 K.K.")]))
        },
        HostileCase(
            "pay-lone-low-surrogate", .payload, "\\udc00 alone", expect: .error(.malformedJSON),
            mentions: ["lone low surrogate"]
        ) { s, _ in
            decode(try s.sakura([("Sakura Pay K.K.", "Sakura Pay \\udc00 K.K.")]))
        },
        HostileCase(
            "pay-reversed-surrogates", .payload, "a low surrogate before a high one", expect: .error(.malformedJSON),
            mentions: ["lone low surrogate"]
        ) { s, _ in
            decode(try s.sakura([("Sakura Pay K.K.", "Sakura Pay \\udc00\\ud800 K.K.")]))
        },
        HostileCase(
            "pay-high-surrogate-then-letter", .payload, "\\ud800 followed by \\u0041", expect: .error(.malformedJSON),
            mentions: ["high surrogate not followed by a low one"]
        ) { s, _ in
            decode(try s.sakura([("Sakura Pay K.K.", "Sakura Pay \\ud800\\u0041 K.K.")]))
        },
        HostileCase(
            "pay-bidi-override", .payload, "a right-to-left override (U+202E) inside legalName",
            expect: .error(.invalidValue),
            mentions: ["issuer.legalName", "bidirectional-override"]
        ) { s, _ in
            decode(try s.sakura([("Sakura Pay K.K.", "Sakura Pay \u{202E}K.K.")]))
        },

        // MARK: Duplicate keys at every level
        HostileCase(
            "pay-dup-top", .payload, "sequence twice at the top level (37, then 38)", expect: .error(.duplicateKey),
            mentions: ["duplicate key \"sequence\" at sequence"]
        ) { s, _ in
            decode(try s.sakura([("\"sequence\": 37,", "\"sequence\": 37, \"sequence\": 38,")]))
        },
        HostileCase(
            "pay-dup-issuer", .payload, "issuer.id twice", expect: .error(.duplicateKey),
            mentions: ["duplicate key \"id\" at issuer.id"]
        ) { s, _ in
            decode(try s.sakura([("\"id\": \"sakura-pay\",", "\"id\": \"sakura-pay\", \"id\": \"kizuna-yen\",")]))
        },
        HostileCase(
            "pay-dup-peg", .payload, "token.peg.currency twice", expect: .error(.duplicateKey),
            mentions: ["at token.peg.currency"]
        ) { s, _ in
            decode(
                try s.sakura([
                    (
                        "\"currency\": \"JPY\", \"valuePerUnit\"",
                        "\"currency\": \"JPY\", \"currency\": \"USD\", \"valuePerUnit\""
                    )
                ]))
        },
        HostileCase(
            "pay-dup-reserve-line", .payload, "reserves[0].value twice", expect: .error(.duplicateKey),
            mentions: ["at reserves[0].value"]
        ) { s, _ in
            decode(
                try s.sakura([("\"value\": \"1500000000\",", "\"value\": \"1500000000\", \"value\": \"9500000000\",")]))
        },
        HostileCase(
            "pay-dup-counterparty", .payload, "reserves[0].counterparty.rating twice (four levels down)",
            expect: .error(.duplicateKey),
            mentions: ["at reserves[0].counterparty.rating"]
        ) { s, _ in
            decode(try s.sakura([("\"rating\": \"A\",", "\"rating\": \"A\", \"rating\": \"AAA\",")]))
        },
        HostileCase(
            "pay-dup-escaped-key", .payload, "\"sequence\" and \"\\u0073equence\" (the same key, spelled twice)",
            expect: .error(.duplicateKey), mentions: ["duplicate key \"sequence\""]
        ) { s, _ in
            decode(try s.sakura([("\"sequence\": 37,", "\"sequence\": 37, \"\\u0073equence\": 38,")]))
        },
        HostileCase(
            "pay-dup-dsse-payload", .payload, "a DSSE envelope with payload twice", expect: .error(.duplicateKey),
            mentions: ["duplicate key \"payload\" at payload"]
        ) { s, _ in
            let p = try s.sakuraParts()
            return verify(s, Samples.dsseText(payload: "\"\(p.payload)\", \"payload\": \"e30=\"", signatures: "[]"))
        },
        HostileCase(
            "pay-dup-dsse-signature", .payload, "a DSSE signature entry with sig twice", expect: .error(.duplicateKey),
            mentions: ["at signatures[0].sig"]
        ) { s, _ in
            let p = try s.sakuraParts()
            return verify(
                s,
                Samples.dsseText(
                    payload: "\"\(p.payload)\"",
                    signatures: "[{\"keyid\": \"\(p.keyid)\", \"sig\": \"\(p.sig)\", \"sig\": \"AAAA\"}]"))
        },

        // MARK: Grammar and content
        HostileCase(
            "pay-trailing-comma", .payload, "a trailing comma in an object", expect: .error(.malformedJSON),
            mentions: ["expected a string key"]
        ) { s, _ in
            decode(try s.sakura([("\"prudentialLiquidity\": true }", "\"prudentialLiquidity\": true, }")]))
        },
        HostileCase(
            "pay-single-quotes", .payload, "a single-quoted string", expect: .error(.malformedJSON),
            mentions: ["unexpected '''"]
        ) { s, _ in
            decode(try s.sakura([("\"jurisdiction\": \"JP\"", "\"jurisdiction\": 'JP'")]))
        },
        HostileCase(
            "pay-truncated", .payload, "the payload cut in the middle", expect: .error(.malformedJSON),
            mentions: ["unexpected end of input"]
        ) { s, _ in
            decode(Array(s.sakuraPayload.utf8.prefix(1500)))
        },
        HostileCase(
            "pay-top-level-array", .payload, "a top-level array instead of an object", expect: .error(.wrongType),
            mentions: ["expected an object, found array"]
        ) { _, _ in
            decode(Array("[{\"format\": \"reserve-attestation/1\"}]".utf8))
        },
        HostileCase(
            "pay-unknown-format", .payload, "format reserve-attestation/2", expect: .error(.unsupportedFormat),
            mentions: ["format", "reserve-attestation/2"]
        ) { s, _ in
            decode(try s.sakura([("\"reserve-attestation/1\"", "\"reserve-attestation/2\"")]))
        },
        HostileCase("pay-sequence-zero", .payload, "sequence 0", expect: .error(.outOfRange), mentions: ["sequence"]) {
            s, _ in
            decode(try s.sakura([("\"sequence\": 37", "\"sequence\": 0")]))
        },
        HostileCase(
            "pay-asof-after-issuedat", .payload, "asOf after issuedAt", expect: .error(.inconsistent),
            mentions: ["asOf", "after issuedAt"]
        ) { s, _ in
            decode(try s.sakura([("\"asOf\": \"2026-10-31T15:00:00Z\"", "\"asOf\": \"2026-12-31T15:00:00Z\"")]))
        },
        HostileCase(
            "pay-empty-reserves", .payload, "an empty reserves list", expect: .error(.emptyCollection),
            mentions: ["reserves"]
        ) { s, _ in
            let text = s.sakuraPayload
            guard let start = text.range(of: "\"reserves\": ["), let end = text.range(of: "],\n  \"otherClaims\"")
            else { throw TestFailure("layout") }
            return decode(Array((String(text[..<start.upperBound]) + String(text[end.lowerBound...])).utf8))
        },
        HostileCase(
            "pay-issuer-id-dotdot", .payload, "issuer.id \"../harbor-usd\" (a path out of the trust store)",
            expect: .error(.invalidValue),
            mentions: ["issuer.id", "\"../harbor-usd\" is not an issuer id"]
        ) { s, _ in
            decode(try s.sakura([("\"id\": \"sakura-pay\"", "\"id\": \"../harbor-usd\"")]))
        },
        HostileCase(
            "pay-issuer-id-slash", .payload, "issuer.id \"sakura-pay/../harbor-usd\"", expect: .error(.invalidValue),
            mentions: ["issuer.id", "is not an issuer id"]
        ) { s, _ in
            decode(try s.sakura([("\"id\": \"sakura-pay\"", "\"id\": \"sakura-pay/../harbor-usd\"")]))
        },
        HostileCase(
            "pay-issuer-id-dotdot-signed", .payload, "a validly signed DSSE whose issuer.id is \"../harbor-usd\"",
            expect: .error(.invalidValue), mentions: ["issuer.id"]
        ) { s, _ in
            verify(
                s,
                try s.dsse(
                    try s.sakura([("\"id\": \"sakura-pay\"", "\"id\": \"../sakura-pay\"")]), signedBy: [s.sakura]))
        },
        HostileCase(
            "pay-unknown-issuer-signed", .payload, "a validly signed payload of an issuer with no trust-store folder",
            expect: .signature(.unknownKey), mentions: ["no folder for issuer nobody"]
        ) { s, _ in
            verify(
                s, try s.dsse(try s.sakura([("\"id\": \"sakura-pay\"", "\"id\": \"nobody\"")]), signedBy: [s.sakura]))
        },
        HostileCase(
            "pay-year-2200", .payload, "issuedAt in the year 2200", expect: .error(.outOfRange),
            mentions: ["issuedAt", "outside the years"]
        ) { s, _ in
            decode(try s.sakura([("\"issuedAt\": \"2026-11-04T09:00:00Z\"", "\"issuedAt\": \"2200-01-01T00:00:00Z\"")]))
        },
        HostileCase(
            "pay-february-30", .payload, "a legal opinion dated 2026-02-30", expect: .error(.invalidValue),
            mentions: ["legal.opinions[0].date", "not a date"]
        ) { s, _ in
            decode(try s.sakura([("\"date\": \"2026-01-15\"", "\"date\": \"2026-02-30\"")]))
        },
        HostileCase(
            "pay-unknown-nested-field", .payload, "an unknown field inside a reserve line",
            expect: .error(.unknownField),
            mentions: ["reserves[0].haircut"]
        ) { s, _ in
            decode(try s.sakura([("\"callable\": true,", "\"callable\": true, \"haircut\": \"0\",")]))
        },
    ]
}
