// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "reserve-verifier",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "reserve-verifier", targets: ["reserve-verifier"]),
        .library(name: "ReserveCore", targets: ["ReserveCore"]),
        .library(name: "ReserveCrypto", targets: ["ReserveCrypto"]),
        .library(name: "ReserveStore", targets: ["ReserveStore"]),
        .library(name: "ReserveAlerts", targets: ["ReserveAlerts"]),
        .library(name: "ReservePipeline", targets: ["ReservePipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // Already resolved through AsyncHTTPClient; `watch` logs through it (docs/WATCH.md).
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        // The coin dossier's HTML template (docs/COMMITTEE.md).
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // Benchmarks (Benchmarks/, docs/PERFORMANCE.md); the trait keeps malloc statistics without jemalloc.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // libcrypto (OpenSSL 3) as a system library; shim.h wraps the macros that do not import.
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
        ),
        // The only module that imports COpenSSL.
        .target(name: "ReserveCrypto", dependencies: ["ReserveCore", "COpenSSL"]),
        // Pure: no files, network, SQLite, clock or printing.
        .target(name: "ReserveCore"),
        // The SQLite ledger (GRDB over the system libsqlite3).
        // GRDBSQLite (the SQLite C API GRDB is built on): reads that step a statement read its columns directly.
        .target(
            name: "ReserveStore",
            dependencies: [
                "ReserveCore", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]),
        // Reading inputs and the trust store from disk, for the CLI and scheduled jobs.
        .target(name: "ReserveIO", dependencies: ["ReserveCore", "ReserveCrypto"]),
        // The one path of an attestation (read, verify, assess, record) for verify, reevaluate and watch,
        // built from injected parts: trust store and crypto provider, evaluator, ledger, time.
        .target(name: "ReservePipeline", dependencies: ["ReserveCore", "ReserveStore", "ReserveIO", "ReserveReport"]),
        // Scheduled jobs: job files, sources over HTTPS, alert routing and outbox delivery.
        .target(
            name: "ReserveAlerts",
            dependencies: [
                "ReserveCore", "ReserveStore", "ReserveIO", "ReservePipeline", "ReserveReport",
                .product(name: "Yams", package: "Yams"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The coin dossier: HTML from a Mustache template, charts as SVG drawn from code. Pure like the core.
        .target(
            name: "ReserveReport",
            dependencies: ["ReserveCore", "ReserveStore", .product(name: "Mustache", package: "swift-mustache")]),
        .executableTarget(
            name: "reserve-verifier",
            dependencies: [
                "ReserveCore",
                "ReserveReport",
                "ReserveCrypto",
                "ReserveStore",
                "ReserveAlerts",
                "ReserveIO",
                "ReservePipeline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // BuildInfo.commit for --version (git describe at build time, else "unknown").
            plugins: ["BuildInfo"]
        ),
        .plugin(name: "BuildInfo", capability: .buildTool(), path: "Plugins/BuildInfo"),
        // libFuzzer targets (docs/ROBUSTNESS.md); plain executables in a normal build.
        .executableTarget(name: "fuzz-envelope", dependencies: ["ReserveCore"], path: "Fuzz/Envelope"),
        .executableTarget(name: "fuzz-jobfile", dependencies: ["ReserveAlerts"], path: "Fuzz/JobFile"),
        // Helpers the test targets share (not a product): package root, scratch folders, the process
        // runner, the openssl tool, the built reserve-verifier binary.
        .target(name: "TestSupport", dependencies: ["ReserveCore"], path: "Tests/TestSupport"),
        .testTarget(name: "ReserveCoreTests", dependencies: ["ReserveCore", "TestSupport"]),
        .testTarget(name: "ReserveCryptoTests", dependencies: ["ReserveCrypto", "ReserveCore", "TestSupport"]),
        // Signatures end to end: envelopes, trust store and attacks, with real OpenSSL keys.
        .testTarget(
            name: "VerificationTests", dependencies: ["ReserveCore", "ReserveCrypto", "ReserveIO", "TestSupport"]),
        .testTarget(
            name: "ReserveStoreTests",
            dependencies: [
                "ReserveStore", "ReserveCore", "ReserveCrypto", "ReservePipeline", "reserve-verifier", "TestSupport",
                "BenchmarkFixtures",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "ReserveAlertsTests",
            dependencies: [
                "ReserveAlerts", "ReservePipeline", "ReserveIO", "ReserveStore", "ReserveCore", "ReserveCrypto",
                "reserve-verifier", "TestSupport",
            ],
            exclude: ["Fixtures"]),
        // The catalogue of hostile input: one table-driven suite across every reader.
        .testTarget(
            name: "HostileInputTests",
            dependencies: [
                "ReserveCore", "ReserveCrypto", "ReserveStore", "ReserveAlerts", "ReserveIO", "reserve-verifier",
                "TestSupport",
            ]),
        // Runs the built binary: exit codes, output, samples.
        .testTarget(
            name: "CLITests",
            dependencies: ["ReserveCore", "ReserveReport", "ReserveStore", "reserve-verifier", "TestSupport"],
            exclude: ["Golden"]),
        // Benchmarks (docs/PERFORMANCE.md): `swift package benchmark`; built by every `swift build`.
        .target(
            name: "BenchmarkFixtures",
            dependencies: [
                "ReserveCore", "ReserveCrypto", "ReserveStore", "ReserveIO", "ReservePipeline",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Benchmarks/Fixtures"),
        .executableTarget(
            name: "ReserveBenchmarks",
            dependencies: [
                "BenchmarkFixtures", "ReserveCore", "ReserveCrypto", "ReserveStore",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/ReserveBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        // Writes the benchmark corpus (envelopes, keys) for the CLI and the Python peer (Benchmarks/run-cli.sh).
        .executableTarget(name: "bench-corpus", dependencies: ["BenchmarkFixtures"], path: "Benchmarks/Corpus"),
    ]
)
