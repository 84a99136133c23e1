import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import ReserveCore
import ReserveCrypto
import ReserveIO
import ReserveStore

/// Set by SIGTERM/SIGINT: the runner cancels its fetches and deliveries, finishes at most the
/// database transaction in hand, then stops.
public final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false
    private var handlers: [@Sendable () -> Void] = []

    public init() {}

    public var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    public func set() {
        lock.lock()
        stopped = true
        let run = handlers
        handlers = []
        lock.unlock()
        run.forEach { $0() }
    }

    /// Runs `handler` when the flag is set (at once when it already is).
    public func onSet(_ handler: @escaping @Sendable () -> Void) {
        lock.lock()
        if stopped {
            lock.unlock()
            handler()
            return
        }
        handlers.append(handler)
        lock.unlock()
    }
}

/// What one round did, for the summary line and the tests.
public struct RoundSummary: Sendable, Hashable {
    public var verified = 0
    public var recorded = 0
    public var replays = 0
    public var unchangedSources = 0
    public var failures = 0
    public var alertsQueued = 0
    public var alertsDelivered = 0
    public var alertsPending = 0
    /// Deliveries that failed this round (each alert and sink once).
    public var deliveryFailures = 0
    public var alertsParked = 0
    public var stopped = false

    /// A source, an input or a delivery failed: `watch --once` exits 1.
    public var hadFailures: Bool { failures > 0 || deliveryFailures > 0 }

    public var line: String {
        "round: \(verified) verified, \(recorded) recorded, \(replays) already known, "
            + "\(unchangedSources) sources unchanged, \(failures) failures; "
            + "alerts: \(alertsQueued) raised, \(alertsDelivered) delivered, \(alertsPending) pending"
            + (deliveryFailures > 0 ? ", \(deliveryFailures) deliveries failed" : "")
            + (alertsParked > 0 ? ", \(alertsParked) parked" : "") + (stopped ? " (stopped early)" : "")
    }
}

/// Runs a job's rounds: fetch what is new, verify, record, compare each coin's state with the
/// previous one, queue alerts in the outbox, deliver them, write metrics.
public final class WatchRunner: Sendable {
    public let job: JobFile
    /// Relative paths in the job file are resolved against this folder (the job file's).
    public let base: String
    /// The job's ledger (the command signs its checkpoints after a round).
    public let ledger: Ledger
    let store: TrustStore
    let verifier: AttestationVerifier
    let evaluator: Evaluator
    let client: HTTPClient
    let metricsPath: String?
    let stop: StopFlag
    let clock: @Sendable () -> Timestamp
    let toolVersion: String
    /// Warnings for failed sources, refused inputs and failed deliveries, with issuer, token,
    /// source and sink as metadata; errors for parked alerts; the round summary is the caller's.
    public let logger: Logger

    /// - Throws: E060 when a folder source does not exist, E050/E051 for the ledger, E031 for the
    ///   trust store.
    public init(job: JobFile, base: String, ledgerPath: String?, metricsPath: String?, stop: StopFlag,
                toolVersion: String = "unknown",
                logger: Logger = Logger(label: "reserve-verifier.watch", factory: { _ in SwiftLogNoOpLogHandler() }),
                clock: @escaping @Sendable () -> Timestamp) throws(VerifierError) {
        self.logger = logger
        self.base = base
        self.stop = stop
        self.clock = clock
        self.toolVersion = toolVersion
        func resolve(_ path: String) -> String { path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path) }
        for coin in job.coins {
            for case .folder(let folder) in coin.sources where !Files.isDirectory(resolve(folder)) {
                throw VerifierError(.invalidConfiguration,
                                    "\(coin.issuer)/\(coin.token): source folder \(resolve(folder)) "
                                        + "does not exist or is not a folder")
            }
        }
        var job = job
        // Command sinks run in the job file's folder, where its other paths resolve, unless it says otherwise.
        for i in job.sinks.indices where job.sinks[i].kind == .command {
            job.sinks[i].workingDirectory = resolve(job.sinks[i].workingDirectory ?? ".")
        }
        self.job = job
        self.metricsPath = metricsPath ?? job.metricsFile.map(resolve)
        ledger = try Ledger.open(path: ledgerPath ?? resolve(job.ledger ?? Ledger.defaultPath), hasher: OpenSSLProvider())
        store = try TrustStoreLoader.load(resolve(job.keys))
        verifier = AttestationVerifier(store: store, provider: OpenSSLProvider())
        evaluator = Evaluator(profile: Profile.named(job.profile) ?? .bcbs)
        client = SourceFetcher.makeClient(job.http)
        // A sink that closes its standard input early must not kill `watch` (EPIPE is handled).
        signal(SIGPIPE, SIG_IGN)
    }

    public func shutdown() async {
        try? await client.shutdown()
    }

    func resolve(_ path: String) -> String { path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path) }

    /// One source's result this round.
    struct SourceResult: Sendable {
        var key: String
        var state: SourceState
        /// nil: unchanged since the last round.
        var fetched: [FetchedEnvelope]?
        var failure: String?
    }

    /// Fetches every source of every coin, at most `concurrentFetches` at a time, each under its own
    /// deadline: a slow source holds up neither the others nor the round past its deadline.
    func fetchAll() async throws(VerifierError) -> [[SourceResult]] {
        var jobs: [(coin: Int, index: Int, key: String, source: JobFile.Coin.Source, state: SourceState)] = []
        for (c, coin) in job.coins.enumerated() {
            for (i, source) in coin.sources.enumerated() {
                let key = "\(coin.issuer)/\(coin.token) \(source.description)"
                jobs.append((c, i, key, source, try ledger.sourceState(key)))
            }
        }
        var results = job.coins.map { coin in [SourceResult?](repeating: nil, count: coin.sources.count) }
        await withTaskGroup(of: (Int, Int, SourceResult).self) { group in
            var next = 0
            func launch() {
                let item = jobs[next]
                next += 1
                group.addTask {
                    do throws(SourceFailure) {
                        let (fetched, state) = try await self.fetch(item.source, state: item.state)
                        return (item.coin, item.index, SourceResult(key: item.key, state: state, fetched: fetched))
                    } catch {
                        return (item.coin, item.index, SourceResult(key: item.key, state: item.state, fetched: [],
                            failure: error.message))
                    }
                }
            }
            while next < jobs.count && next < Self.concurrentFetches { launch() }
            for await (c, i, result) in group {
                results[c][i] = result
                if next < jobs.count && !stop.isSet { launch() }
            }
        }
        return results.map { row in
            row.map { $0 ?? SourceResult(key: "", state: SourceState(), fetched: [],
                failure: "not fetched: the watch is stopping") }
        }
    }

    /// Sources fetched at once.
    static let concurrentFetches = 4

    /// One round. - Throws: ``VerifierError`` (E050/E051) when the ledger fails; source and
    /// input problems are counted and alerted, not thrown.
    public func runRound() async throws -> RoundSummary {
        let started = clock()
        let startedAt = DispatchTime.now().uptimeNanoseconds
        var summary = RoundSummary()
        let tool = "reserve-verifier watch"
        var metrics = RoundMetrics(roundStarted: started)
        metrics.toolVersion = toolVersion

        let fetched = try await fetchAll()
        var active: [(alert: Alert, sinks: [String])] = []
        for (coinIndex, coin) in job.coins.enumerated() {
            if stop.isSet { summary.stopped = true; break }
            let freshness = coin.freshnessDays ?? store.issuers[coin.issuer]?.file.policy.freshnessDays ?? TrustFile.Policy().freshnessDays
            var observation = CoinObservation(issuer: coin.issuer, token: coin.token, freshnessDays: freshness)
            for (sourceIndex, source) in coin.sources.enumerated() {
                let result = fetched[coinIndex][sourceIndex]
                if result.key.isEmpty { summary.stopped = true; continue }
                var state = result.state
                let context: Logger.Metadata = ["issuer": "\(coin.issuer)", "token": "\(coin.token)",
                                               "source": "\(source.description)"]
                if let failure = result.failure {
                    logger.warning("source failed: \(failure)", metadata: context)
                    summary.failures += 1
                    state.consecutiveFailures += 1
                    state.lastError = failure
                    observation.sourceErrors[source.description] = failure
                    metrics.sourceFailures[result.key] = state.consecutiveFailures
                } else {
                    if result.fetched == nil { summary.unchangedSources += 1 }
                    var failed = 0
                    for envelope in result.fetched ?? [] {
                        if stop.isSet { summary.stopped = true; break }
                        if let readError = envelope.readError {
                            logger.warning("input refused: \(readError.code.rawValue) \(readError.message)",
                                           metadata: context.merging(["input": "\(envelope.location)"]) { $1 })
                            failed += 1
                            observation.malformed.append((envelope.location, OpenSSLProvider().sha256(Array(readError.message.utf8)).hex,
                                                          "\(readError.code.rawValue) \(readError.message)"))
                            continue
                        }
                        do throws(VerifierError) {
                            let now = clock()
                            let sha = OpenSSLProvider().sha256(envelope.bytes).hex
                            let firstSeen = try ledger.firstSeen(envelopeSHA256: [sha])[sha]
                            let verified = try verifier.verify(envelope.bytes, detachedSignature: envelope.detachedSignature,
                                                               at: now, firstSeen: firstSeen)
                            summary.verified += 1
                            // A source serves its own coin only: anything else is refused, not recorded.
                            let named = "\(verified.attestation.issuer.id)/\(verified.attestation.token.symbol)"
                            guard verified.attestation.issuer.id == coin.issuer,
                                  verified.attestation.token.symbol == coin.token else {
                                throw VerifierError(.inconsistent,
                                    "the attestation names \(quotedForMessage(named, limit: 80)); "
                                    + "this source serves only \(coin.issuer)/\(coin.token): refused, not recorded")
                            }
                            let assessment = evaluator.assess(verified, at: now)
                            let outcome = try ledger.record(RecordItem(
                                source: envelope.location, envelope: envelope.bytes, detachedSignature: envelope.detachedSignature,
                                verified: verified, evaluatedAt: now, toolVersion: tool)) { evaluator.decide(assessment, history: $0) }
                            if outcome.recorded { summary.recorded += 1 } else { summary.replays += 1 }
                        } catch where [.storage, .incompatibleDatabase, .ledgerDamaged].contains(error.code) {
                            throw error
                        } catch {
                            logger.warning("input refused: \(error.code.rawValue) \(error.message)",
                                           metadata: context.merging(["input": "\(envelope.location)"]) { $1 })
                            failed += 1
                            let fingerprint = OpenSSLProvider().sha256(envelope.bytes).hex
                            observation.malformed.append((envelope.location, fingerprint,
                                                          "\(error.code.rawValue) \(error.message)"))
                        }
                    }
                    summary.failures += failed
                    if failed > 0 { metrics.sourceFailures[result.key] = failed }
                    state.consecutiveFailures = 0
                    let inputs = "\(failed) input\(failed == 1 ? "" : "s")"
                    state.lastError = failed > 0 ? "\(inputs) refused; see the source-error alerts" : nil
                    state.lastSuccessAt = clock().description
                }
                if metrics.sourceFailures[result.key] == nil { metrics.sourceFailures[result.key] = 0 }
                if state.consecutiveFailures >= job.unreachableAfterRounds { observation.unreachable.append(source.description) }
                try ledger.saveSourceState(result.key, state, at: clock())
            }

            // The coin as the ledger shows it now under the job's profile, and what happened since the last look.
            let previous = try ledger.coinState(issuer: coin.issuer, token: coin.token).flatMap(CoinAlertState.init(json:))
            let statuses = try ledger.status(profile: job.profile)
            if let status = statuses.first(where: { $0.issuer == coin.issuer && $0.token == coin.token }) {
                observation.eligible = status.eligible
                observation.blocking = status.blocking
                observation.digest = status.digest
                observation.sequence = status.sequence
                observation.asOf = status.asOf
                observation.coverage = status.coverage
                observation.stressedCoverage = status.stressedCoverage
                observation.profile = status.profile
                let now = clock()
                metrics.coins.append(.init(issuer: coin.issuer, token: coin.token, eligible: status.eligible, coverage: status.coverage,
                                           stressedCoverage: status.stressedCoverage, ageSeconds: now.seconds - status.asOf.seconds,
                                           lastVerification: Timestamp.parse(status.evaluatedAt), asOf: status.asOf))
            } else {
                metrics.coins.append(.init(issuer: coin.issuer, token: coin.token))
            }
            let events = try ledger.events(issuer: coin.issuer, token: coin.token, after: previous?.lastAttestationRef ?? 0)
            observation.events = events.map { .init(digest: $0.digest, sequence: $0.sequence, failedRules: $0.failedRules, messages: $0.messages) }
            observation.lastAttestationRef = events.last?.attestationRef ?? (previous?.lastAttestationRef ?? 0)
            let (state, alerts) = AlertEngine.evaluate(previous: previous, observation: observation, at: clock())
            let routes = coin.alerts ?? job.sinks.map(\.name)
            var queued: [(dedupKey: String, sink: String, alert: String)] = []
            for alert in alerts {
                let json = JSONWriter.write(alert.json, pretty: false)
                for sink in routes { queued.append((alert.dedupKey, sink, json)) }
            }
            summary.alertsQueued += try ledger.commitCoinState(issuer: coin.issuer, token: coin.token, state: state.json, alerts: queued, at: clock())
            let managers = routes.filter { name in job.sinks.contains { $0.name == name && $0.kind == .alertmanager } }
            if !managers.isEmpty {
                for problem in Self.activeProblems(state, observation: observation, at: clock())
                    where !alerts.contains(where: { $0.type == problem.type && $0.labels == problem.labels }) {
                    active.append((problem, managers))
                }
            }
        }

        let delivery = await deliverPending()
        summary.alertsDelivered = delivery.delivered
        summary.deliveryFailures = delivery.failed + (await refresh(active))
        summary.alertsParked = delivery.parked
        summary.alertsQueued += delivery.queued
        if stop.isSet { summary.stopped = true }
        let pending = try ledger.pendingAlertCounts()
        summary.alertsPending = pending.values.reduce(0, +)
        metrics.pendingAlerts = pending
        metrics.parkedAlerts = try ledger.parkedAlertCounts()
        metrics.sinks = Array(Set(job.sinks.map(\.name)).union(pending.keys).union(metrics.parkedAlerts.keys))
        metrics.attestationsVerified = summary.verified
        metrics.failures = summary.failures
        metrics.deliveryFailures = summary.deliveryFailures
        // The last round without a failure, kept in the ledger so that `--once` runs carry it over.
        let roundKey = "#round"
        var roundState = try ledger.sourceState(roundKey)
        if !summary.hadFailures && !summary.stopped {
            roundState.lastSuccessAt = started.description
            try ledger.saveSourceState(roundKey, roundState, at: clock())
        }
        metrics.lastSuccessfulRound = roundState.lastSuccessAt.flatMap(Timestamp.parse)
        metrics.roundDurationMilliseconds = Int64((DispatchTime.now().uptimeNanoseconds - startedAt) / 1_000_000)
        if let metricsPath { try metrics.write(to: metricsPath) }
        return summary
    }

    struct SourceFailure: Error {
        var message: String
    }

    /// nil envelopes: the source is unchanged since the last round.
    private func fetch(_ source: JobFile.Coin.Source, state: SourceState) async throws(SourceFailure) -> ([FetchedEnvelope]?, SourceState) {
        var state = state
        switch source {
        case .folder(let folder):
            let path = resolve(folder)
            let inputs: [InputFile]
            guard Files.isDirectory(path) else { throw SourceFailure(message: "\(path) is not a folder") }
            do {
                inputs = try Inputs.collect([path])
            } catch {
                throw SourceFailure(message: error.message)
            }
            // The folder's fingerprint: names, sizes and modification times of what it holds.
            var listing = ""
            for input in inputs {
                for file in [input.path] + (input.signaturePath.map { [$0] } ?? []) {
                    let attributes = try? FileManager.default.attributesOfItem(atPath: file)
                    let size = (attributes?[.size] as? NSNumber)?.int64Value ?? -1
                    let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                    listing += "\(file)\t\(size)\t\(modified)\n"
                }
            }
            let fingerprint = OpenSSLProvider().sha256(Array(listing.utf8)).hex
            if fingerprint == state.fingerprint { return (nil, state) }
            var envelopes: [FetchedEnvelope] = []
            for input in inputs {
                do {
                    let bytes = try Files.read(input.path, limit: DecodingLimits.default.maxBytes)
                    let signature = try input.signaturePath.map { (p) throws(VerifierError) in try Files.read(p, limit: 64 * 1024) }
                    envelopes.append(FetchedEnvelope(source: source.description, location: input.path, bytes: bytes, detachedSignature: signature))
                } catch {
                    envelopes.append(FetchedEnvelope(source: source.description, location: input.path, bytes: [], detachedSignature: nil, readError: error))
                }
            }
            state.fingerprint = fingerprint
            return (envelopes, state)
        case .url(let url):
            do {
                switch try await SourceFetcher(client: client, settings: job.http).fetch(url, etag: state.etag) {
                case .unchanged:
                    return (nil, state)
                case .changed(let body, let etag):
                    let fingerprint = OpenSSLProvider().sha256(body).hex
                    state.etag = etag
                    if fingerprint == state.fingerprint { return (nil, state) }
                    state.fingerprint = fingerprint
                    return ([FetchedEnvelope(source: url, location: url, bytes: body, detachedSignature: nil)], state)
                }
            } catch {
                throw SourceFailure(message: error.message)
            }
        }
    }

    struct DeliveryOutcome {
        var delivered = 0
        var failed = 0
        var parked = 0
        /// `alert-parked` alerts queued.
        var queued = 0
    }

    /// The problems a coin's state holds now, as alerts with the labels they were raised with: sent
    /// to Alertmanager again every round (its alerts live in memory, and end unless sent again).
    static func activeProblems(_ state: CoinAlertState, observation o: CoinObservation, at now: Timestamp) -> [Alert] {
        let coin = "\(o.issuer)/\(o.token)"
        var out: [Alert] = []
        func add(_ type: AlertType, _ message: String, labels: [String: String] = [:], rules: [String] = []) {
            out.append(Alert(type: type, issuer: o.issuer, token: o.token, rules: rules, message: message,
                             dedupKey: "\(coin)/\(type.rawValue)/active", raisedAt: now, labels: labels))
        }
        if state.eligible == false {
            let blocking = state.blocking.joined(separator: ", ")
            add(.notEligible, "\(coin) is not Group 1b eligible: \(blocking)", rules: state.blocking)
        }
        if state.stale { add(.stale, "\(coin): no fresh accepted attestation", rules: [RuleID.stale.rawValue]) }
        for source in state.unreachable {
            add(.sourceUnreachable, "\(coin): \(source) unreachable", labels: ["source": source])
        }
        return out
    }

    /// Sends the active problems to their Alertmanager sinks, once each (not through the outbox:
    /// the next round sends them again). Returns the failures.
    func refresh(_ active: [(alert: Alert, sinks: [String])]) async -> Int {
        let delivery = SinkDelivery(client: client, timeout: .milliseconds(job.delivery.timeout),
                                    alertmanagerEndsAfter: job.delivery.alertmanagerEndsAfter / 1000)
        var failed = 0
        var down = Set<String>()
        for (alert, sinks) in active {
            for name in sinks where !down.contains(name) && !stop.isSet {
                guard let sink = job.sinks.first(where: { $0.name == name }) else { continue }
                do {
                    try await delivery.deliver(alert, to: sink)
                } catch {
                    failed += 1
                    down.insert(name)
                    logger.warning("re-sending an active problem failed: \(error.message)",
                                   metadata: ["sink": "\(name)", "issuer": "\(alert.issuer)", "token": "\(alert.token)",
                                              "alert": "\(alert.type.rawValue)"])
                }
            }
        }
        return failed
    }

    /// A sink that failed this many deliveries in a row is left alone for the rest of the round.
    static let sinkDownAfter = 3

    /// Delivers due alerts. The first failure of a sink is retried with exponential backoff within
    /// the round; after that each alert to the sink gets one attempt, so one alert that always fails
    /// (too large for it, say) never blocks the others; a sink that fails ``sinkDownAfter`` in a row
    /// is left for the next round. An alert that failed `delivery.parkAfterAttempts` times is parked.
    func deliverPending() async -> DeliveryOutcome {
        var outcome = DeliveryOutcome()
        guard let pending = try? ledger.pendingAlerts(due: clock()) else { return outcome }
        let delivery = SinkDelivery(client: client, timeout: .milliseconds(job.delivery.timeout),
                                    alertmanagerEndsAfter: job.delivery.alertmanagerEndsAfter / 1000)
        var failuresInARow: [String: Int] = [:]
        var retried = Set<String>()
        var parkedAlerts: [Alert] = []
        for entry in pending {
            if stop.isSet { break }
            guard failuresInARow[entry.sink, default: 0] < Self.sinkDownAfter else { continue }
            guard let sink = job.sinks.first(where: { $0.name == entry.sink }) else {
                try? ledger.markFailed(entry.id, error: "sink \(entry.sink) is not in the job file", retryAt: clock().adding(seconds: 3600))
                continue
            }
            guard let value = try? JSONParser().parse(Array(entry.alert.utf8)), let alert = Alert(json: value) else {
                try? ledger.markFailed(entry.id, error: "stored alert cannot be read", retryAt: clock().adding(seconds: 86_400))
                continue
            }
            var attempts = entry.attempts
            var success = false
            let tries = retried.contains(entry.sink) ? 1 : job.delivery.attemptsPerRound
            let about: Logger.Metadata = ["sink": "\(sink.name)", "issuer": "\(alert.issuer)",
                "token": "\(alert.token)",
                                          "alert": "\(alert.type.rawValue)"]
            for attempt in 0..<tries {
                do {
                    try await delivery.deliver(alert, to: sink)
                    logger.debug("alert delivered", metadata: about)
                    try? ledger.markDelivered(entry.id, at: clock())
                    outcome.delivered += 1
                    success = true
                    break
                } catch {
                    attempts += 1
                    logger.warning("delivery failed (attempt \(attempts)): \(error.message)", metadata: about)
                    if attempts >= job.delivery.parkAfterAttempts {
                        logger.error("alert parked after \(attempts) failed attempts", metadata: about)
                        try? ledger.parkAlert(entry.id,
                            error: "parked after \(attempts) failed attempts: \(error.message)")
                        outcome.parked += 1
                        if alert.type != .alertParked { parkedAlerts.append(alert) }
                        break
                    }
                    let wait = backoff(attempts)
                    try? ledger.markFailed(entry.id, error: error.message, retryAt: clock().adding(milliseconds: wait))
                    if attempt + 1 < tries && !stop.isSet {
                        try? await Task.sleep(nanoseconds: UInt64(wait) * 1_000_000)
                    }
                }
            }
            if success {
                failuresInARow[entry.sink] = 0
            } else {
                outcome.failed += 1
                retried.insert(entry.sink)
                failuresInARow[entry.sink, default: 0] += 1
            }
        }
        // Each parked alert is reported by an alert of its own, to every sink (a parked
        // `alert-parked` is not reported again).
        var queue: [(dedupKey: String, sink: String, alert: String)] = []
        for parked in parkedAlerts {
            var figures = JSONObject()
            figures["parkedType"] = .string(parked.type.rawValue)
            figures["parkedDedupKey"] = .string(parked.dedupKey)
            let report = Alert(type: .alertParked, issuer: parked.issuer, token: parked.token, figures: figures,
                               message: "\(parked.issuer)/\(parked.token): the \(parked.type.rawValue) alert raised at "
                                + "\(parked.raisedAt) could not be delivered after "
                                + "\(job.delivery.parkAfterAttempts) attempts; "
                                + "it is kept in the outbox (see `status --sources` and the ledger)",
                               dedupKey: "\(parked.dedupKey)/parked", raisedAt: clock(),
                               labels: ["parked": parked.type.rawValue])
            let json = JSONWriter.write(report.json, pretty: false)
            for sink in job.sinks { queue.append((report.dedupKey, sink.name, json)) }
        }
        if !queue.isEmpty { outcome.queued = (try? ledger.queueAlerts(queue, at: clock())) ?? 0 }
        return outcome
    }

    /// Milliseconds before attempt `n + 1`: initial × 2^(n-1), capped.
    func backoff(_ attempts: Int) -> Int64 {
        let initial = job.delivery.initialBackoff
        let cap = job.delivery.maxBackoff
        let exponent = min(max(attempts - 1, 0), 30)
        return min(cap, initial << Int64(exponent))
    }
}

extension Timestamp {
    func adding(milliseconds: Int64) -> Timestamp {
        let total = Int64(nanoseconds) + (milliseconds % 1000) * 1_000_000
        return Timestamp(seconds: seconds + milliseconds / 1000 + total / 1_000_000_000, nanoseconds: Int32(total % 1_000_000_000))
    }
}
