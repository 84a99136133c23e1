import Testing

@testable import ReserveCore

/// Rule ids read back from storage become `RuleID`s at the boundary; an unknown id fails (E052).
@Suite struct RuleIDStoredTests {
    @Test func knownIdsReadBackInTheirOrder() throws {
        #expect(
            try RuleID.stored(json: #"["RRT-OC","CC3-PERMISSIONLESS"]"#, field: "f") == [.rrtOC, .cc3Permissionless])
        #expect(try RuleID.stored(json: "[]", field: "f") == [])
    }

    @Test func anUnknownIdFailsNamingTheFieldAndTheId() {
        #expect {
            try RuleID.stored(json: #"["RRT-OC","RRT-GONE"]"#, field: "evaluation 7's blocking")
        } throws: { error in
            guard let error = error as? VerifierError else { return false }
            return error.code == .ledgerDamaged
                && error.message
                    == #"evaluation 7's blocking names the rule "RRT-GONE", which this version does not know"#
        }
    }

    @Test func textThatIsNotAListOfStringsFails() {
        for text in ["", "{}", "[1]", #"["RRT-OC",null]"#] {
            #expect(throws: VerifierError.self) { try RuleID.stored(json: text, field: "f") }
        }
    }
}
