// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "AgentsAPISpec",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "docgen", targets: ["docgen"]),
        .executable(name: "specvalidate", targets: ["specvalidate"]),
        // For the fuzz package (Fuzz/) and anyone who wants the JSON parser or schema validator alone.
        .library(name: "JSONCoreLibrary", targets: ["JSONCore"]),
        .library(name: "JSONSchemaLibrary", targets: ["JSONSchema"]),
        // The document loader and the markdown renderer for the fuzz package's targets.
        .library(name: "FuzzEntryPoints", targets: ["FuzzEntryPoints"]),
    ],
    dependencies: [
        // The default `ExternalLoading` trait triples build time and memory; nothing here loads remote refs.
        .package(url: "https://github.com/mattpolzin/OpenAPIKit.git", exact: "6.4.0", traits: []),
        .package(url: "https://github.com/jpsim/Yams.git", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
        // No swift-configuration: its trait is on by default and nothing here reads configuration files.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", exact: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-log.git", exact: "1.16.2"),
        // Hummingbird's own; named so that the mock can build header fields.
        .package(url: "https://github.com/apple/swift-http-types.git", exact: "1.8.0"),
        // The conformance run's HTTP client; HummingbirdTesting builds it for the tests anyway.
        .package(url: "https://github.com/swift-server/async-http-client.git", exact: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        // AsyncHTTPClient's TLS; named so that the proxy can trust a given CA for its upstream.
        .package(url: "https://github.com/apple/swift-nio-ssl.git", exact: "2.37.6"),
        // Hummingbird's HTTP parts; named so that a malformed request can be answered in the servers' own words.
        .package(url: "https://github.com/apple/swift-nio-extras.git", exact: "1.35.2"),
    ],
    targets: [
        // MARK: - Libraries
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "JSONCore", swiftSettings: strict),
        .target(name: "JSONSchema", dependencies: ["JSONCore"], swiftSettings: strict),
        // The one place a document is read (files, YAML 1.2, $refs across files) and understood.
        .target(
            name: "OpenAPIDocument", dependencies: ["JSONCore", "JSONSchema", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict),
        .target(
            name: "SpecModel",
            dependencies: ["JSONCore", .product(name: "OpenAPIKit", package: "OpenAPIKit")],
            swiftSettings: strict
        ),
        .target(
            name: "SpecIO",
            dependencies: ["JSONCore", "SpecModel", .product(name: "OpenAPIKit", package: "OpenAPIKit")],
            swiftSettings: strict
        ),
        .target(
            name: "SpecCheck",
            dependencies: [
                "JSONCore", "JSONSchema", "OpenAPIDocument", .product(name: "OpenAPIKit", package: "OpenAPIKit"),
            ],
            swiftSettings: strict
        ),
        // Two versions of a document compared: breaking changes, reports, the API changelog.
        .target(name: "SpecDiff", dependencies: ["JSONCore", "OpenAPIDocument"], swiftSettings: strict),
        .target(
            name: "DocSite",
            dependencies: [
                "CCmarkGFM", "JSONCore", "OpenAPIDocument", "SpecDiff",
            ],
            // The default theme: templates and assets a publisher overrides file by file with --theme.
            resources: [.copy("Theme")],
            swiftSettings: strict
        ),

        .target(
            name: "DocPreview",
            dependencies: [
                "DocSite", "JSONCore", "OpenAPIDocument", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),

        .target(
            name: "MockServer",
            dependencies: [
                "CSQLite", "JSONCore", "JSONSchema", "OpenAPIDocument", "SpecCheck",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            swiftSettings: strict
        ),

        .target(
            name: "Conformance",
            dependencies: [
                "JSONCore", "JSONSchema", "OpenAPIDocument", "SpecCheck",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),

        // A validating proxy between real clients and a real server (`specvalidate proxy`).
        .target(
            name: "ValidatingProxy",
            dependencies: [
                "JSONCore", "OpenAPIDocument", "SpecCheck", "MockServer",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strict
        ),

        // Public doors for Fuzz/ (another package) into the loader and the renderer, which are `package` API.
        .target(
            name: "FuzzEntryPoints", dependencies: ["DocSite", "JSONCore", "OpenAPIDocument"], swiftSettings: strict),

        // What both command-line tools share: the exit-code convention.
        .target(
            name: "CommandLineTool",
            dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict
        ),

        // MARK: - Executables (argument parsing and wiring only)
        .executableTarget(
            name: "docgen",
            dependencies: [
                "CommandLineTool", "SpecModel", "SpecIO", "DocSite", "DocPreview", "JSONCore", "OpenAPIDocument",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "specvalidate",
            dependencies: [
                "CommandLineTool", "JSONCore", "JSONSchema", "OpenAPIDocument", "SpecIO", "SpecCheck", "SpecModel",
                "MockServer", "Conformance", "SpecDiff", "ValidatingProxy",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),

        // The baseline of the mock's throughput benchmark (scripts/bench-mock.sh); not a product.
        .executableTarget(
            name: "bare-route",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
            path: "bench/BareRoute"
        ),

        // The floor under a proxy on SwiftNIO's channels (scripts/bench-proxy.sh): bytes relayed, no HTTP parsed;
        // not a product.
        .executableTarget(
            name: "nio-relay",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "bench/NIORelay"
        ),

        // The loading benchmark (scripts/bench-load.sh), with the loader it replaced as the baseline; not a product.
        .executableTarget(
            name: "bench-load",
            dependencies: ["JSONCore", "OpenAPIDocument", .product(name: "Yams", package: "Yams")],
            path: "bench/LoadDocument"
        ),

        // MARK: - Tests
        .testTarget(name: "JSONCoreTests", dependencies: ["JSONCore"], swiftSettings: strict),
        .testTarget(
            name: "OpenAPIDocumentTests", dependencies: ["OpenAPIDocument", "JSONCore"],
            // Read in place through #filePath, not bundled.
            exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "JSONSchemaTests", dependencies: ["JSONSchema", "JSONCore"], swiftSettings: strict),
        .testTarget(
            name: "SpecModelTests",
            dependencies: [
                "OpenAPIDocument", "SpecModel", "SpecIO", "SpecCheck", "JSONCore",
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SpecCheckTests",
            dependencies: ["OpenAPIDocument", "SpecCheck", "SpecIO", "SpecModel", "JSONCore"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ValidatingProxyTests",
            dependencies: [
                "ValidatingProxy", "JSONCore", .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "SpecDiffTests", dependencies: ["SpecDiff", "OpenAPIDocument", "JSONCore"], swiftSettings: strict),
        .testTarget(
            name: "DocSiteTests",
            dependencies: ["DocSite", "JSONCore", "OpenAPIDocument", "SpecIO", "SpecModel"],
            // Read in place through #filePath, not bundled.
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "DocPreviewTests",
            dependencies: ["DocPreview", "DocSite", .product(name: "HummingbirdTesting", package: "hummingbird")],
            // Not `strict`: MemberImportVisibility would need swift-http-types declared for `.head` and `.ok`.
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .testTarget(
            name: "MockServerTests",
            dependencies: [
                "MockServer", "OpenAPIDocument", "SpecCheck", "SpecIO", "SpecModel", "JSONCore",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ConformanceTests",
            dependencies: [
                "Conformance", "MockServer", "OpenAPIDocument", "SpecCheck", "SpecIO", "SpecModel", "JSONCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
