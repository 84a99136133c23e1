import ReserveCore

/// The keys of the job file's mappings, declared once for the strict reader (in the order the
/// messages list them).
extension JobFile {
    public enum Field: String, StrictFields {
        case version, ledger, keys, profile, metricsFile, unreachableAfterRounds, http, delivery, sinks, coins
        case warnings, dossiers
        public static let required: Set<Self> = [.version, .coins]
    }

    public enum HTTPField: String, StrictFields {
        case timeoutSeconds, connectTimeoutSeconds, maxBytes, maxRedirects, redirectHosts
        public static let required: Set<Self> = []
    }

    public enum DeliveryField: String, StrictFields {
        case attemptsPerRound, initialBackoffSeconds, maxBackoffSeconds, timeoutSeconds, parkAfterAttempts
        case alertmanagerEndsAfterSeconds
        public static let required: Set<Self> = []
    }

    public enum SinkField: String, StrictFields {
        case name, type, url, command, workingDirectory
        public static let required: Set<Self> = [.name, .type]
    }

    public enum CoinField: String, StrictFields {
        case issuer, token, sources, freshnessDays, alerts, warnings
        public static let required: Set<Self> = [.issuer, .token, .sources]
    }

    public enum SourceField: String, StrictFields {
        case folder, url
        public static let required: Set<Self> = []
    }

    public enum WarningsField: String, StrictFields {
        case coverageBelow, worstStressedCoverageBelow, auditLapsesWithinDays, ruleMarginsBelow
        public static let required: Set<Self> = []
    }
}
