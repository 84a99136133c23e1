import Foundation

/// The field a stress computation lacks.
struct Missing: Error, Hashable {
    var field: String
    init(_ field: String) { self.field = field }
}
