import Foundation

/// One member of an evidence object, written as ``JSONValueEncoder`` encodes it: a nil member is
/// left out, a `Money` is its canonical text, an integer its decimal text, a ``Timestamp`` its
/// RFC 3339 text, ``Ratio`` and ``Stressed`` their six-decimal text (left out when absent).
extension EvidenceWriter {
    public mutating func member(_ key: String, _ value: String?) {
        guard let value else { return }
        self.key(key)
        string(value)
    }

    public mutating func member(_ key: String, _ value: Bool?) {
        guard let value else { return }
        self.key(key)
        bool(value)
    }

    public mutating func member(_ key: String, _ value: Int?) {
        guard let value else { return }
        self.key(key)
        number(String(value))
    }

    public mutating func member(_ key: String, _ value: Int64?) {
        guard let value else { return }
        self.key(key)
        number(String(value))
    }

    public mutating func member(_ key: String, _ value: Money?) {
        guard let value else { return }
        self.key(key)
        string(value.description)
    }

    public mutating func member(_ key: String, _ value: Timestamp?) {
        guard let value else { return }
        self.key(key)
        string(value.description)
    }

    public mutating func member(_ key: String, _ values: [String]?) {
        guard let values else { return }
        self.key(key)
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    public mutating func member<Value>(_ key: String, _ figure: Ratio<Value>) {
        guard let text = figure.projectedValue else { return }
        self.key(key)
        string(text)
    }

    public mutating func member<Value>(_ key: String, _ figure: Stressed<Value>) {
        guard let text = figure.projectedValue else { return }
        self.key(key)
        string(text)
    }

    public mutating func member<Value: WritableEvidence>(_ key: String, _ value: Value?) {
        guard let value else { return }
        self.key(key)
        value.write(to: &self)
    }

    public mutating func member<Value: WritableEvidence>(_ key: String, _ values: [Value]?) {
        guard let values else { return }
        self.key(key)
        beginArray()
        for value in values { value.write(to: &self) }
        endArray()
    }
}
