/// What systemd tells a `Type=notify` service through its environment (sd_notify(3),
/// sd_watchdog_enabled(3)), read without libsystemd.
public struct SystemdEnvironment: Sendable, Equatable {
    /// `$NOTIFY_SOCKET`: a filesystem path, or `@name` for the abstract namespace.
    public var notifySocket: String?
    /// Seconds between two `WATCHDOG=1` pings: half of `$WATCHDOG_USEC`, as systemd recommends.
    /// Nil when the watchdog is off or meant for another process (`$WATCHDOG_PID`).
    public var watchdogInterval: Double?

    public init(notifySocket: String? = nil, watchdogInterval: Double? = nil) {
        self.notifySocket = notifySocket; self.watchdogInterval = watchdogInterval
    }

    public init(environment: [String: String], pid: Int32) {
        if let s = environment["NOTIFY_SOCKET"], s.hasPrefix("/") || (s.hasPrefix("@") && s.count > 1) {
            notifySocket = s
        }
        if let raw = environment["WATCHDOG_USEC"], let usec = UInt64(raw), usec > 0 {
            let forUs = environment["WATCHDOG_PID"].map { Int32($0) == pid } ?? true
            if forUs { watchdogInterval = Double(usec) / 2_000_000 }
        }
    }
}
