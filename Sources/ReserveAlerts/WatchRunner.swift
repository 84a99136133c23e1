import AsyncHTTPClient
import Foundation
import NIOCore
import ReserveCore
import ReserveCrypto
import ReserveIO
import ReserveStore

/// Set by SIGTERM/SIGINT: the runner finishes the attestation in hand, then stops.
public final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false

    public init() {}

    public var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    public func set() {
        lock.lock()
        stopped = true
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
    public var stopped = false

    public var line: String {
        "round: \(verified) verified, \(recorded) recorded, \(replays) already known, \(unchangedSources) sources unchanged, \(failures) failures; alerts: \(alertsQueued) raised, \(alertsDelivered) delivered, \(alertsPending) pending\(stopped ? " (stopped early)" : "")"
    }
}

/// Runs a job's rounds: fetch what is new, verify, record, compare each coin's state with the
/// previous one, queue alerts in the outbox, deliver them, write metrics.
public final class WatchRunner: Sendable {
    public let job: JobFile
    /// Relative paths in the job file are resolved against this folder (the job file's).
    public let base: String
    let ledger: Ledger
    let store: TrustStore
    let verifier: AttestationVerifier
    let evaluator: Evaluator
    let client: HTTPClient
    let metricsPath: String?
    let stop: StopFlag
    let clock: @Sendable () -> Timestamp

    public init(job: JobFile, base: String, ledgerPath: String?, metricsPath: String?, stop: StopFlag,
                clock: @escaping @Sendable () -> Timestamp) throws(VerifierError) {
        self.job = job
        self.base = base
        self.stop = stop
        self.clock = clock
        func resolve(_ path: String) -> String { path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path) }
        self.metricsPath = metricsPath ?? job.metricsFile.map(resolve)
        ledger = try Ledger.open(path: ledgerPath ?? resolve(job.ledger ?? Ledger.defaultPath), hasher: OpenSSLProvider())
        store = try TrustStoreLoader.load(resolve(job.keys))
        verifier = AttestationVerifier(store: store, provider: OpenSSLProvider())
        evaluator = Evaluator(profile: Profile.named(job.profile) ?? .bcbs)
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = job.http.maxRedirects == 0 ? .disallow : .follow(max: job.http.maxRedirects, allowCycles: false)
        let limit = TimeAmount.milliseconds(job.http.timeout)
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: limit, read: limit)
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    public func shutdown() async {
        try? await client.shutdown()
    }

    func resolve(_ path: String) -> String { path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path) }

    /// One round. - Throws: ``VerifierError`` (E050/E051) when the ledger fails; source and
    /// input problems are counted and alerted, not thrown.
    public func runRound() async throws -> RoundSummary {
        let started = clock()
        let startedAt = DispatchTime.now().uptimeNanoseconds
        var summary = RoundSummary()
        let tool = "reserve-verifier watch"
        var metrics = RoundMetrics(roundStarted: started)

        for coin in job.coins {
            if stop.isSet { summary.stopped = true; break }
            let freshness = coin.freshnessDays ?? store.issuers[coin.issuer]?.file.policy.freshnessDays ?? TrustFile.Policy().freshnessDays
            var observation = CoinObservation(issuer: coin.issuer, token: coin.token, freshnessDays: freshness)
            for source in coin.sources {
                if stop.isSet { summary.stopped = true; break }
                let key = "\(coin.issuer)/\(coin.token) \(source.description)"
                var state = try ledger.sourceState(key)
                var fetched: [FetchedEnvelope]?
                var reachable = true
                do {
                    (fetched, state) = try await fetch(source, state: state)
                } catch {
                    reachable = false
                    summary.failures += 1
                    state.consecutiveFailures += 1
                    state.lastError = error.message
                    observation.sourceErrors[source.description] = error.message
                }
                if reachable {
                    if fetched == nil { summary.unchangedSources += 1 }
                    for envelope in fetched ?? [] {
                        if stop.isSet { summary.stopped = true; break }
                        if let readError = envelope.readError {
                            summary.failures += 1
                            observation.malformed.append((envelope.location, OpenSSLProvider().sha256(Array(readError.message.utf8)).hex,
                                                          "\(readError.code.rawValue) \(readError.message)"))
                            continue
                        }
                        do {
                            let now = clock()
                            let sha = OpenSSLProvider().sha256(envelope.bytes).hex
                            let firstSeen = try ledger.firstSeen(envelopeSHA256: [sha])[sha]
                            let verified = try verifier.verify(envelope.bytes, detachedSignature: envelope.detachedSignature,
                                                               at: now, firstSeen: firstSeen)
                            summary.verified += 1
                            let assessment = evaluator.assess(verified, at: now)
                            let outcome = try ledger.record(RecordItem(
                                source: envelope.location, envelope: envelope.bytes, detachedSignature: envelope.detachedSignature,
                                verified: verified, evaluatedAt: now, toolVersion: tool)) { evaluator.decide(assessment, history: $0) }
                            if outcome.recorded { summary.recorded += 1 } else { summary.replays += 1 }
                        } catch where [.storage, .incompatibleDatabase, .ledgerDamaged].contains(error.code) {
                            throw error
                        } catch {
                            summary.failures += 1
                            observation.malformed.append((envelope.location, OpenSSLProvider().sha256(envelope.bytes).hex, "\(error.code.rawValue) \(error.message)"))
                        }
                    }
                    state.consecutiveFailures = 0
                    state.lastError = nil
                    state.lastSuccessAt = clock().description
                }
                if state.consecutiveFailures >= job.unreachableAfterRounds { observation.unreachable.append(source.description) }
                try ledger.saveSourceState(key, state, at: clock())
            }

            // The coin as the ledger shows it now, and what happened since the last look.
            let previous = try ledger.coinState(issuer: coin.issuer, token: coin.token).flatMap(CoinAlertState.init(json:))
            if let status = try ledger.status().first(where: { $0.issuer == coin.issuer && $0.token == coin.token }) {
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
                                           lastVerification: Timestamp.parse(status.evaluatedAt)))
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
        }

        summary.alertsDelivered = await deliverPending()
        let pending = try ledger.pendingAlertCounts()
        summary.alertsPending = pending.values.reduce(0, +)
        metrics.pendingAlerts = pending
        metrics.sinks = Array(Set(job.sinks.map(\.name)).union(pending.keys))
        metrics.attestationsVerified = summary.verified
        metrics.failures = summary.failures
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

    /// Delivers due alerts, retrying each with exponential backoff within the round; a sink that
    /// keeps failing is left for the next round (its alerts stay in the outbox).
    func deliverPending() async -> Int {
        guard let pending = try? ledger.pendingAlerts(due: clock()) else { return 0 }
        let delivery = SinkDelivery(client: client, timeout: .milliseconds(job.delivery.timeout))
        var delivered = 0
        var downSinks = Set<String>()
        for entry in pending {
            if stop.isSet { break }
            guard !downSinks.contains(entry.sink) else { continue }
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
            for attempt in 0..<job.delivery.attemptsPerRound {
                do {
                    try await delivery.deliver(alert, to: sink)
                    try? ledger.markDelivered(entry.id, at: clock())
                    delivered += 1
                    success = true
                    break
                } catch {
                    attempts += 1
                    let wait = backoff(attempts)
                    try? ledger.markFailed(entry.id, error: error.message, retryAt: clock().adding(milliseconds: wait))
                    if attempt + 1 < job.delivery.attemptsPerRound && !stop.isSet {
                        try? await Task.sleep(nanoseconds: UInt64(wait) * 1_000_000)
                    }
                }
            }
            if !success { downSinks.insert(entry.sink) }
        }
        return delivered
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
