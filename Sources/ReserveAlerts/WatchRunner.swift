import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import ReserveCore
import ReserveCrypto
import ReserveIO
import ReservePipeline
import ReserveStore

/// Runs a job's rounds: fetch what is new, verify, record, compare each coin's state with the
/// previous one, queue alerts in the outbox, deliver them, write metrics.
///
/// Built from injected parts: the ledger, the pipeline (trust store, crypto provider, evaluator),
/// the sources, the sinks and the clock; ``init(job:base:ledgerPath:metricsPath:stop:toolVersion:logger:clock:)``
/// makes the real ones, and a test passes fakes to run a round in process.
public final class WatchRunner: Sendable {
    public let job: JobFile
    /// Relative paths in the job file are resolved against this folder (the job file's).
    public let base: String
    /// The job's ledger (the command signs its checkpoints after a round).
    public let ledger: Ledger
    /// The trust store and the pipeline over it, read again from ``keysPath`` at the start of
    /// each round.
    let keys: CurrentKeys
    /// Where the trust store is read again each round; nil keeps the store the runner was given.
    let keysPath: String?
    var store: TrustStore { keys.current.store }
    var pipeline: VerifyPipeline { keys.current.pipeline }
    let hasher: any CryptoProvider
    let sources: any SourceFetching
    let delivery: any AlertDelivering
    /// The HTTP client the runner made (and shuts down), if it made one.
    let client: HTTPClient?
    let metricsPath: String?
    let stop: StopFlag
    let clock: @Sendable () -> Timestamp
    let toolVersion: String
    /// Warnings for failed sources, refused inputs and failed deliveries, with issuer, token,
    /// source and sink as metadata; errors for parked alerts; the round summary is the caller's.
    public let logger: Logger

    /// The real parts: the ledger at `ledgerPath` (else the job's), the job's trust store and
    /// profile, folders and URLs over an HTTP client, sinks over the same client.
    ///
    /// - Throws: E060 when a folder source does not exist, E050/E051 for the ledger, E031 for the
    ///   trust store.
    public convenience init(
        job: JobFile, base: String, ledgerPath: String?, metricsPath: String?, stop: StopFlag,
        toolVersion: String = "unknown",
        logger: Logger = Logger(label: "reserve-verifier.watch", factory: { _ in SwiftLogNoOpLogHandler() }),
        clock: @escaping @Sendable () -> Timestamp
    ) throws(VerifierError) {
        func resolve(_ path: String) -> String {
            path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path)
        }
        // Everything that can fail before the HTTP client exists: a client must be shut down, never dropped.
        try Self.checkFolders(job, base: base)
        let provider = OpenSSLProvider()
        let ledger = try Ledger.open(path: ledgerPath ?? resolve(job.ledger ?? Ledger.defaultPath), hasher: provider)
        let store = try TrustStoreLoader.load(resolve(job.keys))
        let client = SourceFetcher.makeClient(job.http)
        let delivery = SinkDelivery(
            client: client, timeout: .milliseconds(job.delivery.timeout),
            alertmanagerEndsAfter: job.delivery.alertmanagerEndsAfter / 1000)
        try self.init(
            job: job, base: base, ledger: ledger, store: store, provider: provider,
            sources: LiveSources(base: base, client: client, http: job.http, hasher: provider), delivery: delivery,
            metricsPath: metricsPath, stop: stop, toolVersion: toolVersion, logger: logger, clock: clock,
            client: client, keysPath: resolve(job.keys))
        // A sink that closes its standard input early must not kill `watch` (EPIPE is handled).
        signal(SIGPIPE, SIG_IGN)
    }

    /// A runner from the parts given: what a round reads and writes goes through them only. The
    /// trust store given stays for every round.
    ///
    /// - Throws: E060 when a folder source does not exist.
    public convenience init(
        job: JobFile, base: String, ledger: Ledger, store: TrustStore, provider: any CryptoProvider,
        sources: any SourceFetching, delivery: any AlertDelivering, metricsPath: String?, stop: StopFlag,
        toolVersion: String = "unknown",
        logger: Logger = Logger(label: "reserve-verifier.watch", factory: { _ in SwiftLogNoOpLogHandler() }),
        clock: @escaping @Sendable () -> Timestamp
    ) throws(VerifierError) {
        try self.init(
            job: job, base: base, ledger: ledger, store: store, provider: provider, sources: sources,
            delivery: delivery,
            metricsPath: metricsPath, stop: stop, toolVersion: toolVersion, logger: logger, clock: clock, client: nil,
            keysPath: nil)
    }

    private init(
        job: JobFile, base: String, ledger: Ledger, store: TrustStore, provider: any CryptoProvider,
        sources: any SourceFetching, delivery: any AlertDelivering, metricsPath: String?, stop: StopFlag,
        toolVersion: String, logger: Logger, clock: @escaping @Sendable () -> Timestamp,
        client: HTTPClient?, keysPath: String?
    ) throws(VerifierError) {
        try Self.checkFolders(job, base: base)
        self.client = client
        self.logger = logger
        self.base = base
        self.stop = stop
        self.clock = clock
        self.toolVersion = toolVersion
        func resolve(_ path: String) -> String {
            path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path)
        }
        var job = job
        // Command sinks run in the job file's folder, where its other paths resolve, unless it says otherwise.
        for i in job.sinks.indices where job.sinks[i].kind == .command {
            job.sinks[i].workingDirectory = resolve(job.sinks[i].workingDirectory ?? ".")
        }
        self.job = job
        self.metricsPath = metricsPath ?? job.metricsFile.map(resolve)
        self.ledger = ledger
        self.keysPath = keysPath
        self.hasher = provider
        keys = CurrentKeys(
            store: store,
            pipeline: VerifyPipeline(
                store: store, provider: provider, evaluator: Evaluator(profile: Profile.named(job.profile) ?? .bcbs)))
        self.sources = sources
        self.delivery = delivery
    }

    /// Every folder source exists.
    static func checkFolders(_ job: JobFile, base: String) throws(VerifierError) {
        func resolve(_ path: String) -> String {
            path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path)
        }
        for coin in job.coins {
            for case .folder(let folder) in coin.sources where !Files.isDirectory(resolve(folder)) {
                throw VerifierError(
                    .invalidConfiguration,
                    "\(coin.issuer)/\(coin.token): source folder \(resolve(folder)) "
                        + "does not exist or is not a folder")
            }
        }
    }

    public func shutdown() async {
        try? await client?.shutdown()
    }

    func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path)
    }

    /// One source's result this round.
    struct SourceResult: Sendable {
        var key: String
        var state: SourceState
        /// nil: unchanged since the last round.
        var fetched: [FetchedEnvelope]?
        var failure: String?
    }

    /// Polls every source of every coin, at most `concurrentFetches` at a time, each under its own
    /// deadline: a slow source holds up neither the others nor the round past its deadline.
    func poll() async throws(VerifierError) -> [[SourceResult]] {
        var jobs: [(coin: Int, index: Int, key: String, source: JobFile.Coin.Source, state: SourceState)] = []
        for (c, coin) in job.coins.enumerated() {
            for (i, source) in coin.sources.enumerated() {
                let key = "\(coin.issuer)/\(coin.token) \(source.description)"
                jobs.append((c, i, key, source, try ledger.sourceState(key)))
            }
        }
        var results = job.coins.map { coin in [SourceResult?](repeating: nil, count: coin.sources.count) }
        let sources = sources
        await withTaskGroup(of: (Int, Int, SourceResult).self) { group in
            var next = 0
            func launch() {
                let item = jobs[next]
                next += 1
                group.addTask {
                    do throws(SourceFailure) {
                        let (fetched, state) = try await sources.fetch(item.source, state: item.state)
                        return (item.coin, item.index, SourceResult(key: item.key, state: state, fetched: fetched))
                    } catch {
                        return (
                            item.coin, item.index,
                            SourceResult(
                                key: item.key, state: item.state, fetched: [],
                                failure: error.message)
                        )
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
            row.map {
                $0
                    ?? SourceResult(
                        key: "", state: SourceState(source: ""), fetched: [],
                        failure: "not fetched: the watch is stopping")
            }
        }
    }

    /// Sources fetched at once.
    static let concurrentFetches = 4

    /// What a round accumulates: its summary, its metrics and the problems to send Alertmanager again.
    struct Round {
        var summary = RoundSummary()
        var metrics: RoundMetrics
        var active: [(alert: Alert, sinks: [String])] = []
        /// The coin and source of each input to record, in the inputs' order.
        var served: [(coin: String, source: String)] = []
    }

    /// The tool named in the evaluations a watch records.
    static let tool = "reserve-verifier watch"

    /// One round: poll, observe each coin, queue its alerts, deliver, write metrics.
    ///
    /// - Throws: ``VerifierError`` (E050/E051) when the ledger fails, E031 when the trust store
    ///   can no longer be read; source and input problems are counted and alerted, not thrown.
    public func runRound() async throws -> RoundSummary {
        let started = clock()
        let startedAt = DispatchTime.now().uptimeNanoseconds
        var round = Round(metrics: RoundMetrics(roundStarted: started))
        round.metrics.toolVersion = toolVersion

        try readKeysAgain()
        let fetched = try await poll()
        // Every coin's sources taken in and verified first; then the whole round's evaluations are
        // recorded in one transaction (group commit: a crash records none of them, and the sources'
        // states, saved after it, make the next round fetch them again); then each coin is read back.
        var taken: [(coin: JobFile.Coin, observation: CoinObservation)] = []
        var inputs: [VerifiedInput] = []
        var states: [SourceState] = []
        for (coinIndex, coin) in job.coins.enumerated() {
            if stop.isSet {
                round.summary.stopped = true
                break
            }
            let observation = try takeIn(coin, fetched[coinIndex], recording: &inputs, states: &states, round: &round)
            taken.append((coin, observation))
        }
        let outcomes = try pipeline.record(batch: inputs, in: ledger, tool: Self.tool)
        for outcome in outcomes {
            if outcome.recorded { round.summary.recorded += 1 } else { round.summary.replays += 1 }
        }
        let wentBack = Self.sourcesGoneBack(outcomes, inputs: inputs, served: round.served)
        for state in states { try ledger.saveSourceState(state, at: clock()) }
        for (coin, observation) in taken {
            var observation = observation
            observation.events += wentBack["\(coin.issuer)/\(coin.token)"] ?? []
            let observed = try describe(coin, observation, into: &round)
            try queueAlerts(coin, observed, into: &round)
        }
        try await deliver(into: &round)
        try finish(&round, started: started, startedAt: startedAt)
        return round.summary
    }

    /// Reads the trust store again (when the runner knows where it is), so that a key revoked,
    /// expired or removed while `watch` runs is judged so from the next round: before, a running
    /// watch kept the keys it started with until it was restarted, and trusted what a revoked key
    /// signed after its revocation (red team, round 2, 2026-12-02; our integrity policy). A trust
    /// store that can no longer be read stops the job (E031, exit 2), as it does at the start: a
    /// round is never judged with keys the bank may have withdrawn.
    func readKeysAgain() throws(VerifierError) {
        guard let keysPath else { return }
        let store = try TrustStoreLoader.load(keysPath)
        keys.current = (
            store, VerifyPipeline(store: store, provider: hasher, evaluator: keys.current.pipeline.evaluator)
        )
    }

    /// A coin at the end of its sources' round: the observation for the alert engine, and the
    /// latest accepted attestation's evaluation now (read for early warnings and dossiers).
    struct Observed {
        var observation: CoinObservation
        var status: CoinStatus?
        /// Read only when an early warning or a dossier needs it.
        var latest: Latest?
    }

    /// A coin's latest accepted attestation evaluated now under the job's profile (nothing recorded).
    struct Latest {
        var verified: VerifiedAttestation
        var evaluation: Evaluation
        var source: String
        var envelopeSHA256: String
    }

    /// Takes in what the coin's sources served: each envelope verified (to be recorded with the
    /// round, in `inputs`), failures counted and kept for the source-error alerts, each source's
    /// new state kept in `states` (saved once the round is recorded).
    func takeIn(
        _ coin: JobFile.Coin, _ results: [SourceResult], recording inputs: inout [VerifiedInput],
        states: inout [SourceState], round: inout Round
    ) throws(VerifierError) -> CoinObservation {
        let freshness =
            coin.freshnessDays ?? store.issuers[coin.issuer]?.file.policy.freshnessDays
            ?? TrustFile.Policy().freshnessDays
        var observation = CoinObservation(issuer: coin.issuer, token: coin.token, freshnessDays: freshness)
        for (source, result) in zip(coin.sources, results) {
            if result.key.isEmpty {
                round.summary.stopped = true
                continue
            }
            states.append(
                try takeIn(coin, source, result, into: &observation, recording: &inputs, round: &round))
        }
        return observation
    }

    /// One source's result: each envelope verified (appended to `inputs`, recorded with the round),
    /// failures counted and kept for the source-error alerts. Returns the source's new state.
    func takeIn(
        _ coin: JobFile.Coin, _ source: JobFile.Coin.Source, _ result: SourceResult,
        into observation: inout CoinObservation, recording inputs: inout [VerifiedInput],
        round: inout Round
    ) throws(VerifierError) -> SourceState {
        var state = result.state
        let context: Logger.Metadata = [
            "issuer": "\(coin.issuer)", "token": "\(coin.token)", "source": "\(source.description)",
        ]
        if let failure = result.failure {
            logger.warning("source failed: \(failure)", metadata: context)
            round.summary.failures += 1
            state.consecutiveFailures += 1
            state.lastError = failure
            observation.sourceErrors[source.description] = failure
            round.metrics.sourceFailures[result.key] = state.consecutiveFailures
        } else {
            if result.fetched == nil { round.summary.unchangedSources += 1 }
            var failed = 0
            for envelope in result.fetched ?? [] {
                if stop.isSet {
                    round.summary.stopped = true
                    break
                }
                let refused: VerifierError
                if let readError = envelope.readError {
                    refused = readError
                } else {
                    do throws(VerifierError) {
                        let now = clock()
                        let verified = try pipeline.verify(
                            envelope.bytes, detachedSignature: envelope.detachedSignature,
                            in: ledger, at: now)
                        round.summary.verified += 1
                        try Self.check(verified, serves: coin)
                        inputs.append(
                            VerifiedInput(
                                verified: verified, envelope: envelope.bytes,
                                detachedSignature: envelope.detachedSignature, source: envelope.location, at: now))
                        round.served.append((coin: "\(coin.issuer)/\(coin.token)", source: source.description))
                        continue
                    } catch  where [.storage, .incompatibleDatabase, .ledgerDamaged].contains(error.code) {
                        throw error
                    } catch {
                        refused = error
                    }
                }
                logger.warning(
                    "input refused: \(refused.code.rawValue) \(refused.message)",
                    metadata: context.merging(["input": "\(envelope.location)"]) { $1 })
                failed += 1
                // A file that could not be read is known by its error, anything else by its bytes.
                let fingerprint = hasher.sha256(
                    envelope.readError == nil ? envelope.bytes : Array(refused.message.utf8)
                ).hex
                observation.malformed.append(
                    (envelope.location, fingerprint, "\(refused.code.rawValue) \(refused.message)"))
            }
            round.summary.failures += failed
            if failed > 0 { round.metrics.sourceFailures[result.key] = failed }
            state.consecutiveFailures = 0
            let inputs = "\(failed) input\(failed == 1 ? "" : "s")"
            state.lastError = failed > 0 ? "\(inputs) refused; see the source-error alerts" : nil
            state.lastSuccessAt = clock().description
        }
        if round.metrics.sourceFailures[result.key] == nil { round.metrics.sourceFailures[result.key] = 0 }
        if state.consecutiveFailures >= job.unreachableAfterRounds {
            observation.unreachable.append(source.description)
        }
        return state
    }

    /// The replays of attestations older than the coin's newest accepted one (already in the
    /// ledger) that a source served this round while serving nothing that passed ROLLBACK (neither the coin's newest accepted attestation
    /// nor a newly admitted one): the source went back. By coin (`issuer/token`), as rollback
    /// events. A folder that keeps the coin's history and also holds its newest attestation
    /// raises nothing; a URL (one envelope, the issuer's latest) serving an older one does.
    ///
    /// Red team, round 2 (2026-12-02): events were read from new attestation rows only, so a
    /// source going back to an attestation the ledger held (a replay, not stored twice, whose
    /// evaluation fails ROLLBACK) raised no `rollback` alert. Our integrity policy
    /// (`tool-calibration`). The alert's key is the attestation's digest, so it fires once.
    static func sourcesGoneBack(
        _ outcomes: [RecordOutcome], inputs: [VerifiedInput], served: [(coin: String, source: String)]
    ) -> [String: [CoinObservation.EventObservation]] {
        func rollback(_ outcome: RecordOutcome) -> Finding? {
            outcome.evaluation.findings(for: .rollback).first
        }
        var bySource: [String: [(outcome: RecordOutcome, input: VerifiedInput)]] = [:]
        var order: [(coin: String, source: String)] = []
        for ((outcome, input), origin) in zip(zip(outcomes, inputs), served) {
            let key = origin.coin + "\n" + origin.source
            if bySource[key] == nil { order.append(origin) }
            bySource[key, default: []].append((outcome, input))
        }
        var events: [String: [CoinObservation.EventObservation]] = [:]
        for origin in order {
            let served = bySource[origin.coin + "\n" + origin.source] ?? []
            guard !served.contains(where: { rollback($0.outcome)?.status == .pass }) else { continue }
            for (outcome, input) in served where !outcome.recorded {
                // Older than the coin's newest accepted attestation (not one refused or withdrawn
                // before, which is no step back and was alerted, if at all, when first seen).
                guard let finding = rollback(outcome), finding.status == .fail,
                    let history = finding.evidence as? CoinHistoryEvidence, let latest = history.latestSequence,
                    let latestAsOf = history.latestAsOf,
                    history.sequence <= latest || history.asOf < latestAsOf
                else { continue }
                events[origin.coin, default: []].append(
                    .init(
                        digest: input.verified.digest, sequence: input.verified.attestation.sequence,
                        failedRules: [.rollback],
                        messages: [RuleID.rollback.rawValue: "\(origin.source) went back: \(finding.message)"]))
            }
        }
        return events
    }

    /// A source serves its own coin only: anything else is refused, not recorded.
    static func check(_ verified: VerifiedAttestation, serves coin: JobFile.Coin) throws(VerifierError) {
        let named = "\(verified.attestation.issuer.id)/\(verified.attestation.token.symbol)"
        guard verified.attestation.issuer.id == coin.issuer, verified.attestation.token.symbol == coin.token else {
            throw VerifierError(
                .inconsistent,
                "the attestation names \(quotedForMessage(named, limit: 80)); "
                    + "this source serves only \(coin.issuer)/\(coin.token): refused, not recorded")
        }
    }

    /// The coin as the ledger shows it now under the job's profile, its events since the last
    /// look, and the early warnings that hold.
    func describe(_ coin: JobFile.Coin, _ observation: CoinObservation, into round: inout Round) throws(VerifierError)
        -> Observed
    {
        var observation = observation
        let previous = try ledger.coinState(issuer: coin.issuer, token: coin.token)
        let statuses = try ledger.status(profile: job.profile)
        let status = statuses.first(where: { $0.issuer == coin.issuer && $0.token == coin.token })
        if let status {
            observation.eligible = status.eligible
            observation.blocking = status.blocking
            observation.digest = status.digest
            observation.sequence = status.sequence
            observation.asOf = status.asOf
            observation.coverage = status.coverage
            observation.stressedCoverage = status.stressedCoverage
            observation.profile = status.profile
            let now = clock()
            round.metrics.coins.append(
                .init(
                    issuer: coin.issuer, token: coin.token, eligible: status.eligible, coverage: status.coverage,
                    stressedCoverage: status.stressedCoverage, ageSeconds: now.seconds - status.asOf.seconds,
                    lastVerification: Timestamp.parse(status.evaluatedAt), asOf: status.asOf))
        } else {
            round.metrics.coins.append(.init(issuer: coin.issuer, token: coin.token))
        }
        let events = try ledger.events(issuer: coin.issuer, token: coin.token, after: previous?.lastAttestationRef ?? 0)
        // New attestation rows first, then the replays of a source gone back (already in `observation`).
        observation.events =
            events.map {
                .init(digest: $0.digest, sequence: $0.sequence, failedRules: $0.failedRules, messages: $0.messages)
            } + observation.events
        observation.lastAttestationRef = events.last?.attestationRef ?? (previous?.lastAttestationRef ?? 0)
        var observed = Observed(observation: observation, status: status)
        let warnings = coin.warnings ?? job.warnings
        if let status, warnings.map(EarlyWarnings.needsFindings) == true {
            observed.latest = try latest(status)
        }
        if let status, let warnings {
            observed.observation.warnings = EarlyWarnings.evaluate(
                warnings, coverage: status.coverage, stressedCoverage: status.stressedCoverage,
                evaluation: observed.latest?.evaluation,
                asOf: status.asOf, at: clock())
        }
        return observed
    }

    /// The coin's latest accepted attestation evaluated now under the job's profile (recording nothing).
    func latest(_ status: CoinStatus) throws(VerifierError) -> Latest? {
        guard let stored = try ledger.trustedEnvelope(digest: status.digest) else { return nil }
        do throws(VerifierError) {
            let (verified, evaluation) = try pipeline.assessStored(stored, at: clock())
            // The payload warned from must be the one `status` proved (its row's digest): envelope
            // bytes swapped in the ledger are damage, never a source of warnings.
            guard verified.digest == status.digest else {
                throw VerifierError(
                    .ledgerDamaged,
                    """
                    the stored envelope of \(status.digest) holds another payload (\(verified.digest)); run \
                    `reserve-verifier ledger verify`
                    """)
            }
            return Latest(
                verified: verified, evaluation: evaluation, source: stored.source,
                envelopeSHA256: hasher.sha256(stored.envelope).hex)
        } catch  where [.storage, .incompatibleDatabase, .ledgerDamaged].contains(error.code) {
            throw error
        } catch {
            logger.warning(
                "the latest accepted attestation could not be evaluated again: \(error.code.rawValue) \(error.message)",
                metadata: ["issuer": "\(status.issuer)", "token": "\(status.token)"])
            return nil
        }
    }

    /// Decides the coin's alerts from its stored state and queues them in the outbox with the new
    /// state (one transaction); notes the problems to send Alertmanager again; writes the coin's
    /// dossier when something changed.
    func queueAlerts(_ coin: JobFile.Coin, _ observed: Observed, into round: inout Round) throws(VerifierError) {
        let observation = observed.observation
        let previous = try ledger.coinState(issuer: coin.issuer, token: coin.token)
        let (state, alerts) = AlertEngine.evaluate(previous: previous, observation: observation, at: clock())
        let routes = coin.alerts ?? job.sinks.map(\.name)
        var queued: [(dedupKey: String, sink: String, alert: String)] = []
        for alert in alerts {
            let json = JSONWriter.write(alert.json, pretty: false)
            for sink in routes { queued.append((alert.dedupKey, sink, json)) }
        }
        round.summary.alertsQueued += try ledger.commitCoinState(
            issuer: coin.issuer, token: coin.token, state: state,
            alerts: queued, at: clock())
        let managers = routes.filter { name in job.sinks.contains { $0.name == name && $0.kind == .alertmanager } }
        if !managers.isEmpty {
            for problem in Self.activeProblems(state, observation: observation, at: clock())
            where !alerts.contains(where: { $0.type == problem.type && $0.labels == problem.labels }) {
                round.active.append((problem, managers))
            }
        }
        // A change: something recorded for the coin, or an alert raised (a new state, a warning).
        if let folder = job.dossiers, !observation.events.isEmpty || !alerts.isEmpty || previous == nil {
            try writeDossier(coin, observed, to: resolve(folder), round: &round)
        }
    }

    /// Writes `<issuer>-<token>.html` in `folder` atomically; a failure is logged and counted.
    func writeDossier(_ coin: JobFile.Coin, _ observed: Observed, to folder: String, round: inout Round)
        throws(VerifierError)
    {
        guard let status = observed.status else { return }
        var found = observed.latest
        if found == nil { found = try self.latest(status) }
        guard let latest = found else { return }
        let context: Logger.Metadata = ["issuer": "\(coin.issuer)", "token": "\(coin.token)"]
        do throws(VerifierError) {
            let now = clock()
            let dossier = try DossierPages.dossier(
                latest.verified, latest.evaluation, source: latest.source,
                envelopeSHA256: latest.envelopeSHA256, store: store, ledger: ledger, ledgerPath: ledger.path,
                hasher: hasher,
                tool: "reserve-verifier \(toolVersion)", at: now)
            let html = try DossierPages.html(dossier)
            if !Files.isDirectory(folder) {
                do {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                } catch {
                    throw VerifierError(.unreadableInput, "\(folder): the dossier folder could not be created")
                }
            }
            let path = (folder as NSString).appendingPathComponent("\(coin.issuer)-\(coin.token).html")
            try Files.writeAtomically(Array(html.utf8), to: path)
            logger.debug("dossier written: \(path)", metadata: context)
        } catch {
            logger.warning("dossier not written: \(error.code.rawValue) \(error.message)", metadata: context)
            round.summary.failures += 1
        }
    }

    /// Delivers what the outbox holds and sends the active problems to Alertmanager again.
    func deliver(into round: inout Round) async throws(VerifierError) {
        let delivery = await deliverPending()
        round.summary.alertsDelivered = delivery.delivered
        round.summary.deliveryFailures = delivery.failed + (await refresh(round.active))
        round.summary.alertsParked = delivery.parked
        round.summary.alertsQueued += delivery.queued
        if stop.isSet { round.summary.stopped = true }
    }

    /// The round's metrics and the last round without a failure.
    func finish(_ round: inout Round, started: Timestamp, startedAt: UInt64) throws(VerifierError) {
        let pending = try ledger.pendingAlertCounts()
        round.summary.alertsPending = pending.values.reduce(0, +)
        round.metrics.pendingAlerts = pending
        round.metrics.parkedAlerts = try ledger.parkedAlertCounts()
        round.metrics.sinks = Array(
            Set(job.sinks.map(\.name)).union(pending.keys).union(round.metrics.parkedAlerts.keys))
        round.metrics.attestationsVerified = round.summary.verified
        round.metrics.failures = round.summary.failures
        round.metrics.deliveryFailures = round.summary.deliveryFailures
        // The last round without a failure, kept in the ledger so that `--once` runs carry it over.
        let roundKey = "#round"
        var roundState = try ledger.sourceState(roundKey)
        if !round.summary.hadFailures && !round.summary.stopped {
            roundState.lastSuccessAt = started.description
            try ledger.saveSourceState(roundState, at: clock())
        }
        round.metrics.lastSuccessfulRound = roundState.lastSuccessAt.flatMap(Timestamp.parse)
        round.metrics.roundDurationMilliseconds = Int64((DispatchTime.now().uptimeNanoseconds - startedAt) / 1_000_000)
        if let metricsPath { try round.metrics.write(to: metricsPath) }
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
            out.append(
                Alert(
                    type: type, issuer: o.issuer, token: o.token, rules: rules, message: message,
                    dedupKey: "\(coin)/\(type.rawValue)/active", raisedAt: now, labels: labels))
        }
        if state.eligible == false {
            let blocking = state.blocking.map(\.rawValue).joined(separator: ", ")
            add(.notEligible, "\(coin) is not Group 1b eligible: \(blocking)", rules: state.blocking.map(\.rawValue))
        }
        if state.stale { add(.stale, "\(coin): no fresh accepted attestation", rules: [RuleID.stale.rawValue]) }
        for source in state.unreachable {
            add(.sourceUnreachable, "\(coin): \(source) unreachable", labels: ["source": source])
        }
        for key in state.warnings {
            let warning = o.warnings?.first { $0.key == key }
            out.append(
                Alert(
                    type: .marginWarning, issuer: o.issuer, token: o.token, rules: warning?.rule.map { [$0] } ?? [],
                    message: "\(coin): \(warning?.message ?? "\(key) is below its warning threshold")",
                    dedupKey: "\(coin)/\(AlertType.marginWarning.rawValue)/\(key)/active", raisedAt: now,
                    labels: ["warning": key]))
        }
        return out
    }

    /// Sends the active problems to their Alertmanager sinks, once each (not through the outbox:
    /// the next round sends them again). Returns the failures.
    func refresh(_ active: [(alert: Alert, sinks: [String])]) async -> Int {
        let delivery = delivery
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
                    logger.warning(
                        "re-sending an active problem failed: \(error.message)",
                        metadata: [
                            "sink": "\(name)", "issuer": "\(alert.issuer)", "token": "\(alert.token)",
                            "alert": "\(alert.type.rawValue)",
                        ])
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
        let delivery = delivery
        var failuresInARow: [String: Int] = [:]
        var retried = Set<String>()
        var parkedAlerts: [Alert] = []
        for entry in pending {
            if stop.isSet { break }
            guard failuresInARow[entry.sink, default: 0] < Self.sinkDownAfter else { continue }
            guard let sink = job.sinks.first(where: { $0.name == entry.sink }) else {
                try? ledger.markFailed(
                    entry, error: "sink \(entry.sink) is not in the job file", retryAt: clock().adding(seconds: 3600)
                )
                continue
            }
            guard let value = try? JSONParser().parse(Array(entry.alert.utf8)), let alert = Alert(json: value) else {
                try? ledger.markFailed(
                    entry, error: "stored alert cannot be read", retryAt: clock().adding(seconds: 86_400))
                continue
            }
            var attempts = entry.attempts
            var success = false
            let tries = retried.contains(entry.sink) ? 1 : job.delivery.attemptsPerRound
            let about: Logger.Metadata = [
                "sink": "\(sink.name)", "issuer": "\(alert.issuer)",
                "token": "\(alert.token)",
                "alert": "\(alert.type.rawValue)",
            ]
            for attempt in 0..<tries {
                do {
                    try await delivery.deliver(alert, to: sink)
                    logger.debug("alert delivered", metadata: about)
                    try? ledger.markDelivered(entry, at: clock())
                    outcome.delivered += 1
                    success = true
                    break
                } catch {
                    attempts += 1
                    logger.warning("delivery failed (attempt \(attempts)): \(error.message)", metadata: about)
                    if attempts >= job.delivery.parkAfterAttempts {
                        logger.error("alert parked after \(attempts) failed attempts", metadata: about)
                        try? ledger.parkAlert(
                            entry,
                            error: "parked after \(attempts) failed attempts: \(error.message)")
                        outcome.parked += 1
                        if alert.type != .alertParked { parkedAlerts.append(alert) }
                        break
                    }
                    let wait = backoff(attempts)
                    try? ledger.markFailed(entry, error: error.message, retryAt: clock().adding(milliseconds: wait))
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
            let report = Alert(
                type: .alertParked, issuer: parked.issuer, token: parked.token, figures: figures,
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
        return Timestamp(
            seconds: seconds + milliseconds / 1000 + total / 1_000_000_000, nanoseconds: Int32(total % 1_000_000_000))
    }
}

/// The trust store and pipeline a runner uses, replaced between rounds (``WatchRunner/readKeysAgain()``):
/// read under a lock, since rounds run on the runner's tasks.
final class CurrentKeys: @unchecked Sendable {
    private let lock = NSLock()
    private var value: (store: TrustStore, pipeline: VerifyPipeline)

    init(store: TrustStore, pipeline: VerifyPipeline) {
        value = (store, pipeline)
    }

    var current: (store: TrustStore, pipeline: VerifyPipeline) {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}
