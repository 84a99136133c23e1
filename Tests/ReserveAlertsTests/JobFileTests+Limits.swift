import ReserveAlerts
import ReserveCore
import Testing

/// The job file's reader applies the limits declared once in ``ReaderLimits`` and words a value of
/// the wrong type with ``ExpectedType``, at its file and line.
extension JobFileTests {
    static let limitsHead = """
        version: 1
        coins:
          - issuer: kizuna-yen
            token: KZJPY
            sources:

        """

    @Test func aCoinHasAtMostTheDeclaredNumberOfSources() {
        let limit = ReaderLimits.Lists.jobSources
        let sources = (0...limit).map { "      - folder: f\($0)\n" }.joined()
        #expect(
            failure(Self.limitsHead + sources)
                == VerifierError(.invalidConfiguration, "job.yaml:6: sources has more than \(limit) entries"))
        let fits = (1...limit).map { "      - folder: f\($0)\n" }.joined()
        #expect(failure(Self.limitsHead + fits) == nil)
    }

    @Test func aJobHasAtMostTheDeclaredNumberOfSinks() {
        let limit = ReaderLimits.Lists.jobSinks
        let sinks = (0...limit).map { "  - {name: s\($0), type: command, command: [\"true\"]}\n" }.joined()
        #expect(
            failure(Self.limitsHead + "      - folder: f\nsinks:\n" + sinks)
                == VerifierError(.invalidConfiguration, "job.yaml:8: sinks has more than \(limit) entries"))
    }

    @Test func aStringIsAtMostTheDeclaredLength() {
        let limit = ReaderLimits.jobFile.maxStringBytes
        let fits = Self.limitsHead + "      - folder: " + String(repeating: "f", count: limit) + "\n"
        #expect(failure(fits) == nil)
        let over = Self.limitsHead + "      - folder: " + String(repeating: "f", count: limit + 1) + "\n"
        #expect(
            failure(over)
                == VerifierError(.invalidConfiguration, "job.yaml:6: folder is too long or contains control characters")
        )
    }

    @Test func aValueOfTheWrongTypeIsWordedByItsExpectedType() {
        #expect(
            failure("version: 1\ncoins: {a: 1}\n")
                == VerifierError(.invalidConfiguration, "job.yaml:2: \(ExpectedType.array.requirement("coins"))"))
        #expect(
            failure("version: 1\ncoins:\n  - 5\n")
                == VerifierError(.invalidConfiguration, "job.yaml:3: a coin must be a mapping"))
        #expect(
            failure(
                Self.limitsHead.replacingOccurrences(of: "token: KZJPY", with: "token: [KZJPY]") + "      - folder: f\n"
            )
                == VerifierError(.invalidConfiguration, "job.yaml:4: token must be a non-empty string"))
    }

    /// Regression: the job file refused only C0 controls, while every JSON reader also refuses DEL,
    /// C1 controls and the bidirectional overrides and isolates (``UnsafeCharacters``).
    @Test(arguments: ["\\x7F", "\\x9B", "\\u202E", "\\u2066", "\\x07"])
    func aStringWithAControlOrBidiCharacterIsRefusedAsInJSON(_ escape: String) {
        let yaml = Self.limitsHead + "      - folder: \"f\(escape)g\"\n"
        #expect(
            failure(yaml)
                == VerifierError(.invalidConfiguration, "job.yaml:6: folder is too long or contains control characters")
        )
    }

    @Test func printableUnicodeIsAccepted() {
        #expect(failure(Self.limitsHead + "      - folder: \"caf\\u00E9/\\u6771\\u4EAC\"\n") == nil)
    }
}
