// swift-tools-version: 6.1
// Swift clients generated from the published documents (site/openapi/) by swift-openapi-generator, and
// their test: the original pages' scenarios against `specvalidate mock` over a real socket, and every
// response the original pages show decoded through the generated types. Its own package, so that the
// main build does not grow; scripts/test.sh builds and runs it.
import PackageDescription

let package = Package(
    name: "AgentsAPIClients",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "AgentsCodeClient", targets: ["AgentsCodeClient"]),
        .library(name: "OpenAgentsClient", targets: ["OpenAgentsClient"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-openapi-generator.git", exact: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime.git", exact: "1.13.4"),
        // Foundation's URLSession as the transport: nothing more to build (AsyncHTTPClient's SwiftNIO and
        // BoringSSL took minutes of every CI run), and the transport most apps already use.
        .package(url: "https://github.com/apple/swift-openapi-urlsession.git", exact: "1.4.0"),
    ],
    targets: [
        // Each target's openapi.yaml is a link to the published document: the client is generated from
        // exactly what the site publishes.
        // What both clients share: the bearer-token middleware and a date transcoder.
        .target(
            name: "ClientSupport",
            dependencies: [.product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")]
        ),
        .target(
            name: "AgentsCodeClient",
            dependencies: ["ClientSupport", .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        .target(
            name: "OpenAgentsClient",
            dependencies: ["ClientSupport", .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        .testTarget(
            name: "ClientTests",
            dependencies: [
                "AgentsCodeClient", "OpenAgentsClient", "ClientSupport",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIURLSession", package: "swift-openapi-urlsession"),
            ]
        ),
    ]
)
