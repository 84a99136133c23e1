import Foundation

/// The package root, found from this file's path: Tests/TestSupport/PackageRoot.swift, three
/// folders up.
public let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
