#if DEBUG
import Foundation

/// Debug builds only: `FEEDSYNC_CRASH_AT=NAME` kills the process with SIGKILL when the Commit
/// stage reaches the point NAME (`before-commit`, `after-commit`, `mid-publish`, `after-publish`),
/// so the end-to-end tests reach each crash window of the protocol with a real signal.
enum CrashPoint {
    static let armed = ProcessInfo.processInfo.environment["FEEDSYNC_CRASH_AT"]

    static func reached(_ name: String) {
        if armed == name { kill(getpid(), SIGKILL) }
    }
}
#else
enum CrashPoint {
    @inline(__always) static func reached(_ name: String) {}
}
#endif
