// swift-tools-version:6.0
import PackageDescription

// Layers depend one way: Core ← Store ← Mail, Core ← Hub, Config ← UI ← Terminal ← executable.
let package = Package(
    name: "downtime-desk",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "downtime-desk", targets: ["DowntimeDesk"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        // SHA-256 for the journal's hash chain.
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        // The hub: PostgreSQL's wire protocol, TLS, and the logger its API takes.
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", exact: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        // Tests only: generated inputs for the importers' fuzz tests.
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
    ],
    targets: [
        .target(name: "DeskCore"),
        .target(name: "DeskStore", dependencies: [
            "DeskCore",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The top-level Themes/, Keymaps/, Templates/ and Plans/ are the shipped defaults, bundled as they are.
        .target(
            name: "DeskDefaults",
            path: ".",
            exclude: ["Sources/DeskCore", "Sources/DeskStore", "Sources/DeskConfig", "Sources/DeskUI",
                      "Sources/CNcurses", "Sources/DeskTerminal", "Sources/DowntimeDesk", "Sources/DeskMail",
                      "Sources/DeskHub",
                      "Tests", "Benchmarks", "docs", "README.md", "Fuzz"],
            sources: ["Sources/DeskDefaults"],
            resources: [.copy("Themes"), .copy("Keymaps"), .copy("Templates"), .copy("Plans")]
        ),
        // Hands notice emails to a sendmail-compatible command; kept apart because it starts processes.
        .target(name: "DeskMail", dependencies: ["DeskCore", "DeskStore"]),
        .target(name: "DeskConfig", dependencies: [
            "DeskDefaults",
            "DeskCore",
            .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        .target(name: "DeskUI", dependencies: ["DeskCore", "DeskConfig"]),
        // The PostgreSQL side of sync, beside Store and Mail: it talks to the hub, and never under Core.
        .target(name: "DeskHub", dependencies: [
            "DeskCore",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        .target(name: "DeskTerminal", dependencies: ["CNcurses", "DeskUI", "DeskConfig"]),
        .executableTarget(name: "DowntimeDesk", dependencies: [
            "DeskCore", "DeskStore", "DeskConfig", "DeskUI", "DeskTerminal", "DeskDefaults", "DeskMail", "DeskHub",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // The fuzz targets' checks, replayed from Fuzz/corpus/ by the tests and run by libFuzzer in Fuzz/run.sh.
        .target(name: "DeskFuzzTargets", dependencies: ["DeskCore", "DeskConfig", "DeskUI"], path: "Fuzz/Targets"),
        .executableTarget(name: "desk-fuzz", dependencies: ["DeskFuzzTargets"], path: "Fuzz/Entry"),
        // Run on demand by Benchmarks/run.sh, never by `swift test`.
        .executableTarget(name: "desk-bench", dependencies: ["DeskStore", "DeskCore"], path: "Benchmarks/DeskBench"),
        .testTarget(name: "DeskCoreTests", dependencies: ["DeskCore"]),
        .testTarget(name: "DeskStoreTests", dependencies: ["DeskStore", "DeskCore", "DeskMail"]),
        .testTarget(name: "DeskConfigTests", dependencies: ["DeskConfig", "DeskCore"]),
        .testTarget(name: "FuzzTests", dependencies: [
            "DeskCore", "DeskStore", "DeskConfig", "DeskFuzzTargets",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "DeskUITests", dependencies: [
            "DeskUI", "DeskCore", "DeskConfig", .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        // Fixtures/ holds helper scripts the tests run by path, not sources.
        .testTarget(name: "EndToEndTests", exclude: ["Fixtures"]),
        // Reads docs/clinical-safety/ and the test sources: every hazard control must name a test that exists.
        .testTarget(name: "SafetyCaseTests"),
    ]
)
