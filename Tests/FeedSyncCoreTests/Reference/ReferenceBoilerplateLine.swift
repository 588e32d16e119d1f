@testable import FeedSyncCore

/// Reference for learned boilerplate's line keys (DifferentialTests.swift): the `Character` code
/// that defined the persisted keys before ASCII lines took a byte path.
enum ReferenceBoilerplateLine {
    static func normalize<S: StringProtocol>(_ line: S) -> String? {
        let collapsed = line.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        guard !collapsed.isEmpty, collapsed.count <= LearnedBoilerplate.maxLineLength else { return nil }
        return collapsed.lowercased()
    }

    static func lines(_ text: String) -> [Substring] { text.split(separator: "\n", omittingEmptySubsequences: false) }
}
