import Foundation

/// How much slower a sanitized build runs (scripts/sanitizers sets `FEEDSYNC_TEST_TIME_SCALE`):
/// the tests that measure time scale their delays and limits by it.
let timeScale = Double(ProcessInfo.processInfo.environment["FEEDSYNC_TEST_TIME_SCALE"] ?? "") ?? 1
