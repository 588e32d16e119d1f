import Glibc

/// A failed spool operation: which path, which call, and the system's reason (e.g. "No space left
/// on device"), so the message names the spool and the cause.
public struct SpoolError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var operation: String
    public var errno: Int32

    public init(path: String, operation: String, errno: Int32) {
        self.path = path; self.operation = operation; self.errno = errno
    }

    public var reason: String { String(cString: strerror(errno)) }
    public var isDiskFull: Bool { errno == ENOSPC || errno == EDQUOT }

    public var description: String { "spool \(path): \(operation) failed: \(reason)" }
}
