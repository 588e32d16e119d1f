import FeedSyncCore
import Foundation
import Glibc
import Logging

/// The service side of sd_notify(3), without libsystemd: each message is one `AF_UNIX` datagram of
/// `KEY=value` lines sent to `$NOTIFY_SOCKET` (a path, or `@name` in the abstract namespace). Outside
/// systemd (no `$NOTIFY_SOCKET`) every call is a no-op.
final class SystemdNotifier: Sendable {
    /// Seconds between watchdog pings (half of `$WATCHDOG_USEC`), or nil when there is no watchdog.
    let watchdogInterval: Double?
    private let fd: Int32
    /// `sun_path` bytes (a leading NUL for the abstract namespace) and the address length.
    private let path: [UInt8]
    private let addressLength: socklen_t
    private let logger: Logger
    private let failures = FailureLog()

    init(environment: SystemdEnvironment, logger: Logger) {
        self.logger = logger
        watchdogInterval = environment.watchdogInterval
        var bytes = Array((environment.notifySocket ?? "").utf8)
        let abstract = bytes.first == UInt8(ascii: "@")
        if abstract { bytes[0] = 0 }
        let capacity = MemoryLayout<sockaddr_un>.size - MemoryLayout<sa_family_t>.size
        var socketFD: Int32 = -1
        if !bytes.isEmpty, bytes.count < capacity {
            socketFD = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            if socketFD < 0 {
                logger.warning("cannot create the systemd notification socket",
                               metadata: ["error": "\(String(cString: strerror(errno)))"])
            }
        } else if !bytes.isEmpty {
            logger.warning("NOTIFY_SOCKET path is too long; not notifying systemd")
        }
        fd = socketFD
        path = bytes
        // Abstract names are exactly as long as given; paths carry their terminating NUL.
        addressLength = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count + (abstract ? 0 : 1))
    }

    deinit { if fd >= 0 { close(fd) } }

    var isEnabled: Bool { fd >= 0 }

    /// `READY=1`: start-up (or a reload) is complete.
    func ready(status: String) { send(["READY=1", "STATUS=" + status]) }

    /// `RELOADING=1` with the `MONOTONIC_USEC` systemd 253+ expects alongside it.
    func reloading() { send(["RELOADING=1", "MONOTONIC_USEC=\(Self.monotonicMicroseconds())", "STATUS=reloading the configuration"]) }

    /// `STOPPING=1`: shutdown has begun.
    func stopping(status: String) { send(["STOPPING=1", "STATUS=" + status]) }

    /// A one-line summary for `systemctl status`.
    func status(_ line: String) { send(["STATUS=" + line]) }

    /// `WATCHDOG=1`: the scheduler loop is alive.
    func watchdog() { send(["WATCHDOG=1"]) }

    private func send(_ fields: [String]) {
        guard fd >= 0 else { return }
        // A status line must stay one line: newlines would start new fields.
        let message = fields.map { $0.replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\n")
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            for (i, b) in path.enumerated() { raw[i] = b }
        }
        let sent = message.withCString { text in
            withUnsafePointer(to: &addr) { p in
                p.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
                    sendto(fd, text, strlen(text), Int32(MSG_NOSIGNAL), sa, addressLength)
                }
            }
        }
        if sent < 0 {
            let e = errno
            if failures.first() {
                logger.warning("cannot notify systemd", metadata: ["error": "\(String(cString: strerror(e)))"])
            }
        }
    }

    static func monotonicMicroseconds() -> UInt64 {
        var ts = timespec()
        guard clock_gettime(CLOCK_MONOTONIC, &ts) == 0 else { return 0 }
        return UInt64(ts.tv_sec) * 1_000_000 + UInt64(ts.tv_nsec) / 1000
    }
}

/// Logs the first failure only: a vanished socket would otherwise log on every watchdog ping.
private final class FailureLog: @unchecked Sendable {
    private let lock = NSLock()
    private var seen = false

    func first() -> Bool {
        lock.lock(); defer { lock.unlock() }
        defer { seen = true }
        return !seen
    }
}
