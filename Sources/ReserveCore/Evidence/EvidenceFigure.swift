/// A figure of evidence that is one JSON value, written by ``JSONValueEncoder`` directly (no
/// encoder or container per figure): ``Ratio`` and ``Stressed``. The value is the one their
/// `encode(to:)` writes (the text, or null when absent).
protocol EvidenceFigure {
    var figureJSON: JSONValue { get }
}

extension Ratio: EvidenceFigure {
    var figureJSON: JSONValue { projectedValue.map(JSONValue.string) ?? .null }
}

extension Stressed: EvidenceFigure {
    var figureJSON: JSONValue { projectedValue.map(JSONValue.string) ?? .null }
}
