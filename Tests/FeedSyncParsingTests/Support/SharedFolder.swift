import Foundation
import Testing

/// `../shared` beside the clone (the conformance corpus, the extraction pages, the benchmark
/// generator), found from this file's path as the scripts find it from theirs (scripts/lib/shared.sh).
/// A test that needs it is skipped on a plain clone, and runs (and fails on the missing folder) when
/// `FEEDSYNC_REQUIRE_SHARED=1`, as CI sets it: the same rule as every other check that reads it.
enum SharedFolder {
    static let root: URL = {
        if let explicit = ProcessInfo.processInfo.environment["FEEDSYNC_SHARED"] {
            return URL(fileURLWithPath: explicit)
        }
        // Tests/FeedSyncParsingTests/Support/SharedFolder.swift -> the package root -> ../shared
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared")
    }()

    static var required: Bool { ProcessInfo.processInfo.environment["FEEDSYNC_REQUIRE_SHARED"] == "1" }

    static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    static func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: url(relative).path)
    }

    /// Enables a test when `../shared/RELATIVE` exists or is required; the skip names what is missing.
    static func trait(_ relative: String) -> ConditionTrait {
        .enabled(if: exists(relative) || required, "skipped: ../shared/\(relative) not found")
    }

    /// The folder, or a failure naming it (reached only when it is required and absent).
    static func require(_ relative: String) throws -> URL {
        guard exists(relative) else {
            throw MissingShared(path: "../shared/\(relative)")
        }
        return url(relative)
    }

    struct MissingShared: Error, CustomStringConvertible {
        var path: String
        var description: String { "\(path) not found (FEEDSYNC_REQUIRE_SHARED=1)" }
    }
}
