import ReserveCore

/// One alert, as queued in the outbox and handed to sinks.
public struct Alert: Sendable, Hashable {
    public var type: AlertType
    public var issuer: String
    public var token: String
    public var rules: [String]
    /// The figures behind it: coverage, stressed coverage, sequence, asOf, age, digest.
    public var figures: JSONObject
    public var message: String
    /// Same condition, same key: the outbox never holds it twice.
    public var dedupKey: String
    public var raisedAt: Timestamp
    /// Extra Alertmanager labels (for example `source` or `digest`) that identify the condition.
    public var labels: [String: String]

    public init(
        type: AlertType, issuer: String, token: String, rules: [String] = [], figures: JSONObject = JSONObject(),
        message: String,
        dedupKey: String, raisedAt: Timestamp, labels: [String: String] = [:]
    ) {
        self.type = type
        self.issuer = issuer
        self.token = token
        self.rules = rules
        self.figures = figures
        self.message = message
        self.dedupKey = dedupKey
        self.raisedAt = raisedAt
        self.labels = labels
    }

    /// The generic JSON form: what webhooks and commands receive, and what the outbox stores.
    public var json: JSONValue {
        var o = JSONObject()
        o["type"] = .string(type.rawValue)
        o["severity"] = .string(type.severity)
        o["status"] = .string(type.isRecovery ? "resolved" : "firing")
        o["issuer"] = .string(issuer)
        o["token"] = .string(token)
        o["rules"] = .strings(rules)
        o["figures"] = .object(figures)
        o["message"] = .string(message)
        o["dedupKey"] = .string(dedupKey)
        o["raisedAt"] = .string(raisedAt.description)
        o["alertname"] = .string(type.alertName)
        o["labels"] = .object(
            JSONObject(labels.sorted { $0.key < $1.key }.reduce(into: [:]) { $0[$1.key] = .string($1.value) }))
        return .object(o)
    }

    public init?(json: JSONValue) {
        guard case .object(let o) = json, case .string(let typeName)? = o["type"],
            let type = AlertType(rawValue: typeName),
            case .string(let issuer)? = o["issuer"], case .string(let token)? = o["token"],
            case .string(let message)? = o["message"], case .string(let key)? = o["dedupKey"],
            case .string(let raised)? = o["raisedAt"], let raisedAt = Timestamp.parse(raised)
        else { return nil }
        var rules: [String] = []
        if case .array(let items)? = o["rules"] {
            rules = items.compactMap { if case .string(let s) = $0 { s } else { nil } }
        }
        var figures = JSONObject()
        if case .object(let f)? = o["figures"] { figures = f }
        var labels: [String: String] = [:]
        if case .object(let l)? = o["labels"] {
            for (k, v) in l.entries { if case .string(let s) = v { labels[k] = s } }
        }
        self.init(
            type: type, issuer: issuer, token: token, rules: rules, figures: figures, message: message, dedupKey: key,
            raisedAt: raisedAt, labels: labels)
    }
}

extension JSONObject {
    init(_ dictionary: [String: JSONValue]) {
        self.init()
        for (k, v) in dictionary.sorted(by: { $0.key < $1.key }) { self[k] = v }
    }
}
