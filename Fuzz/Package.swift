// swift-tools-version: 6.1
// libFuzzer targets for the JSON parser, the schema compiler + validator, the pattern automaton, the
// document loader (YAML/JSON) and the markdown renderer. Built and run by
// scripts/fuzz.sh with `-sanitize=fuzzer,address`; kept out of the main package so that a normal build
// never needs the sanitizer runtime.
import PackageDescription

let package = Package(
    name: "Fuzz",
    dependencies: [.package(name: "AgentsAPISpec", path: "..")],
    targets: [
        .target(name: "FuzzDriver"),
        .executableTarget(
            name: "FuzzJSONParser",
            dependencies: ["FuzzDriver", .product(name: "JSONCoreLibrary", package: "AgentsAPISpec")]
        ),
        .executableTarget(
            name: "FuzzSchema",
            dependencies: ["FuzzDriver", .product(name: "JSONSchemaLibrary", package: "AgentsAPISpec")]
        ),
        .executableTarget(
            name: "FuzzYAML",
            dependencies: ["FuzzDriver", .product(name: "FuzzEntryPoints", package: "AgentsAPISpec")]
        ),
        .executableTarget(
            name: "FuzzMarkdown",
            dependencies: ["FuzzDriver", .product(name: "FuzzEntryPoints", package: "AgentsAPISpec")]
        ),
        .executableTarget(
            name: "FuzzRegex",
            dependencies: ["FuzzDriver", .product(name: "JSONSchemaLibrary", package: "AgentsAPISpec")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
