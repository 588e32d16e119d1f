// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "feedsync",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "feedsync", targets: ["feedsync"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // System libraries: modulemap + shim header with static inline wrappers only.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl",
                       providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"])]),
        // libpq over postgres-nio: a thin module over Debian's library keeps the build small (CI
        // builds from a fresh clone every run) and follows the SQLite wrapper's pattern.
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq",
                       providers: [.apt(["libpq-dev"])]),
        // SHA-256 from OpenSSL's libcrypto (Debian's libssl-dev; scripts/install-deps installs it).
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto",
                       providers: [.apt(["libssl-dev"])]),

        // Linux calls Glibc hides behind _GNU_SOURCE (syncfs, renameat2).
        .target(name: "CSystem"),
        // UTF-8 validation with AVX2 where the CPU has it (the parser's values, ~100 MB per bench run).
        .target(name: "CUTF8"),

        // Pure Swift: model, config, identity, diff, schedule, spool, the sync engine.
        .target(name: "FeedSyncCore",
                dependencies: ["CSystem", "CCrypto", .product(name: "Logging", package: "swift-log")],
                // `BuildVersion`: VERSION compiled in, for `--version`, the User-Agent and
                // metrics' build_info (Plugins/BuildVersion).
                plugins: ["BuildVersion"]),
        .target(name: "FeedSyncHTTP",
                dependencies: ["FeedSyncCore", "CCurl",
                               .product(name: "Logging", package: "swift-log")]),
        .target(name: "FeedSyncParsing",
                dependencies: ["FeedSyncCore", "CLibXML2", "CUTF8"],
                // The parser's hot loops touch builder state millions of times per feed batch; the
                // dynamic exclusivity checks cost ~13% of parse time (perf). Parsing is single-threaded
                // per builder, and static checks still apply.
                swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]),
        .target(name: "FeedSyncStore",
                dependencies: ["FeedSyncCore", "CSQLite"]),
        // Shared state on PostgreSQL: the StateStore port, work leases and cluster-wide politeness.
        .target(name: "FeedSyncPostgres",
                dependencies: ["FeedSyncCore", "CLibPQ", .product(name: "Logging", package: "swift-log")]),
        .executableTarget(
            name: "feedsync",
            dependencies: [
                "FeedSyncCore", "FeedSyncHTTP", "FeedSyncParsing", "FeedSyncStore", "FeedSyncPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            // `BuildRevision`: git describe, for `--version` (Plugins/BuildVersion).
            plugins: ["BuildVersion"]),
        .plugin(name: "BuildVersion", capability: .buildTool()),

        // One input of each fuzz target, shared by the libFuzzer binary and the crasher regression tests.
        .target(name: "FeedSyncFuzzing", dependencies: ["FeedSyncCore", "FeedSyncParsing"]),

        // scripts/bench-dedup.sh: the near-duplicate index at a million fingerprints.
        .executableTarget(name: "BenchDedup", dependencies: ["FeedSyncCore"]),

        .testTarget(name: "FeedSyncCoreTests", dependencies: ["FeedSyncCore"]),
        .testTarget(name: "FeedSyncParsingTests", dependencies: ["FeedSyncParsing", "FeedSyncCore", "CUTF8"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "FeedSyncHTTPTests", dependencies: ["FeedSyncHTTP", "FeedSyncCore"]),
        .testTarget(name: "FeedSyncStoreTests", dependencies: ["FeedSyncStore", "FeedSyncCore"]),
        .testTarget(name: "FeedSyncPostgresTests", dependencies: ["FeedSyncPostgres", "FeedSyncStore", "FeedSyncCore"]),
        .testTarget(name: "FeedSyncFuzzingTests", dependencies: ["FeedSyncFuzzing", "FeedSyncParsing", "FeedSyncCore"],
                    resources: [.copy("Crashers")]),
    ]
)

// The libFuzzer binary (scripts/fuzz): only with FEEDSYNC_FUZZ=1, since it links only when built
// with -sanitize=fuzzer (libFuzzer supplies its main).
if Context.environment["FEEDSYNC_FUZZ"] == "1" {
    package.products.append(.executable(name: "FeedSyncFuzzer", targets: ["FeedSyncFuzzer"]))
    package.targets.append(.target(name: "CFuzzerDriver", path: "Fuzz/CFuzzerDriver"))
    package.targets.append(.executableTarget(name: "FeedSyncFuzzer", dependencies: ["FeedSyncFuzzing", "CFuzzerDriver"],
                                             path: "Fuzz/FeedSyncFuzzer"))
}
