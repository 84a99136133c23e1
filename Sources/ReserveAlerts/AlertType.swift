import ReserveCore

/// The kinds of alert a watch raises. Each fires on a change of state, once.
public enum AlertType: String, Sendable, Hashable, CaseIterable {
    case notEligible = "not-eligible"
    case ruleFailed = "rule-failed"
    case recovered
    case stale
    case fresh
    case signatureFailure = "signature-failure"
    case rollback
    case equivocation
    /// A validly signed attestation refused admission to its coin's history for its date
    /// (ATT-TIME) or its sequence step (SEQUENCE-JUMP): the coin stays on its older state.
    case notAdmitted = "not-admitted"
    case sourceUnreachable = "source-unreachable"
    case sourceRecovered = "source-recovered"
    case sourceError = "source-error"
    /// A delivery that kept failing was parked (kept in the outbox, no longer retried).
    case alertParked = "alert-parked"
    /// A margin fell below its job-file threshold (an early warning, before eligibility flips).
    case marginWarning = "margin-warning"
    case marginRecovered = "margin-recovered"

    public var severity: String {
        switch self {
        case .notEligible, .signatureFailure, .equivocation: "critical"
        case .ruleFailed, .stale, .rollback, .notAdmitted, .sourceUnreachable, .sourceError, .alertParked,
            .marginWarning:
            "warning"
        case .recovered, .fresh, .sourceRecovered, .marginRecovered: "info"
        }
    }

    /// Alertmanager `alertname`. A recovery carries its problem's name, so that sending it with
    /// `endsAt` resolves that alert.
    public var alertName: String {
        switch self {
        case .notEligible, .recovered: "ReserveCoinNotEligible"
        case .ruleFailed: "ReserveRuleFailed"
        case .stale, .fresh: "ReserveAttestationStale"
        case .signatureFailure: "ReserveSignatureFailure"
        case .rollback: "ReserveRollback"
        case .equivocation: "ReserveEquivocation"
        case .notAdmitted: "ReserveAttestationNotAdmitted"
        case .sourceUnreachable, .sourceRecovered: "ReserveSourceUnreachable"
        case .sourceError: "ReserveSourceError"
        case .alertParked: "ReserveAlertParked"
        case .marginWarning, .marginRecovered: "ReserveMarginWarning"
        }
    }

    /// A recovery resolves an earlier alert instead of raising one.
    public var isRecovery: Bool {
        self == .recovered || self == .fresh || self == .sourceRecovered || self == .marginRecovered
    }

    /// Events (one attestation) rather than states: they resolve themselves after a day.
    public var isEvent: Bool {
        [.ruleFailed, .signatureFailure, .rollback, .equivocation, .notAdmitted, .sourceError, .alertParked]
            .contains(self)
    }

    /// The severity label in Alertmanager: a recovery uses its problem's, so that labels match.
    public var alertmanagerSeverity: String {
        switch self {
        case .recovered: AlertType.notEligible.severity
        case .fresh: AlertType.stale.severity
        case .sourceRecovered: AlertType.sourceUnreachable.severity
        case .marginRecovered: AlertType.marginWarning.severity
        default: severity
        }
    }
}
