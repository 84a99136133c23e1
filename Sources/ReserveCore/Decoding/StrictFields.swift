/// The fields of one object of a strict input, declared once as the cases of an enum whose raw
/// values are the field names, in the order the format lists them.
///
/// The strict readers take their checks from it: which keys are unknown, which are repeated,
/// which required fields are missing (``StrictObject``). The attestation tree decoder
/// (``DecodeContext``), the trust file, the `watch` job file and the configuration file declare
/// their objects this way; the attestation format's objects also carry their JSON Schema
/// (``FormatFields``).
public protocol StrictFields: RawRepresentable, CaseIterable, Hashable, Sendable
where RawValue == String, AllCases == [Self] {
    /// The fields that must be present.
    static var required: Set<Self> { get }
}

extension StrictFields {
    /// Every field name.
    public static var names: Set<String> { Set(allCases.map(\.rawValue)) }

    /// The names in the declared order.
    public static var orderedNames: [String] { allCases.map(\.rawValue) }

    /// The required field names in the declared order.
    public static var requiredNames: [String] { allCases.filter { required.contains($0) }.map(\.rawValue) }

    public var isRequired: Bool { Self.required.contains(self) }
}
