import FeedSyncCore
import Testing

@Suite struct SystemdEnvironmentTests {
    @Test func readsAPathSocketAndHalfTheWatchdogTimeout() {
        let env = SystemdEnvironment(environment: ["NOTIFY_SOCKET": "/run/systemd/notify", "WATCHDOG_USEC": "30000000"], pid: 7)
        #expect(env.notifySocket == "/run/systemd/notify")
        #expect(env.watchdogInterval == 15)
    }

    @Test func acceptsAnAbstractSocket() {
        #expect(SystemdEnvironment(environment: ["NOTIFY_SOCKET": "@/org/test"], pid: 1).notifySocket == "@/org/test")
    }

    @Test func ignoresWhatIsNotASocketAddress() {
        #expect(SystemdEnvironment(environment: ["NOTIFY_SOCKET": "relative"], pid: 1).notifySocket == nil)
        #expect(SystemdEnvironment(environment: ["NOTIFY_SOCKET": "@"], pid: 1).notifySocket == nil)
        #expect(SystemdEnvironment(environment: [:], pid: 1) == SystemdEnvironment())
    }

    @Test func watchdogMeantForAnotherProcessIsOff() {
        let env = SystemdEnvironment(environment: ["WATCHDOG_USEC": "1000000", "WATCHDOG_PID": "99"], pid: 7)
        #expect(env.watchdogInterval == nil)
        let ours = SystemdEnvironment(environment: ["WATCHDOG_USEC": "1000000", "WATCHDOG_PID": "7"], pid: 7)
        #expect(ours.watchdogInterval == 0.5)
    }

    @Test func zeroOrGarbageWatchdogIsOff() {
        #expect(SystemdEnvironment(environment: ["WATCHDOG_USEC": "0"], pid: 1).watchdogInterval == nil)
        #expect(SystemdEnvironment(environment: ["WATCHDOG_USEC": "soon"], pid: 1).watchdogInterval == nil)
    }
}
