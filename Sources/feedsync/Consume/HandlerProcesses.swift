import FeedSyncCore
import Foundation
import Glibc

/// Starts handler processes and reports their exits on a pipe the consumer's loop polls.
///
/// Each child is waited for by a thread of its own (`waitpid` blocks), which writes the pid and
/// wait status to the pipe: the loop then sleeps in one `poll` on that pipe and the spool's
/// inotify descriptor instead of waking on a timer to reap children.
final class HandlerProcesses: @unchecked Sendable {
    /// Read end: 8 bytes per event (pid, wait status); pid 0 asks the loop to stop.
    let eventFD: Int32
    private let writeFD: Int32

    struct Exit: Sendable {
        var pid: pid_t
        var status: Int32

        var succeeded: Bool { status == 0 }
        var signal: Int32? { status & 0x7f == 0 ? nil : status & 0x7f }
        var code: Int32 { (status >> 8) & 0xff }

        var description: String {
            if let signal { return "killed by signal \(signal) (\(String(cString: strsignal(signal))))" }
            return "exit status \(code)"
        }
    }

    init() throws(SpoolError) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw SpoolError(path: "pipe", operation: "pipe", errno: errno) }
        eventFD = fds[0]
        writeFD = fds[1]
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        _ = fcntl(eventFD, F_SETFL, fcntl(eventFD, F_GETFL) | O_NONBLOCK)
    }

    deinit { close(eventFD); close(writeFD) }

    /// Wakes the loop with a stop request (called from a signal relay).
    func requestStop() { post(pid: 0, status: 0) }

    private func post(pid: pid_t, status: Int32) {
        var event: (Int32, Int32) = (pid, status)
        _ = withUnsafeBytes(of: &event) { write(writeFD, $0.baseAddress, 8) }
    }

    /// Starts `command` with `stdinPath` as standard input, standard error into `stderrPath`,
    /// standard output inherited, and `extraEnvironment` over the consumer's environment.
    /// Signals are reset to their defaults in the child (the consumer ignores SIGTERM and SIGINT
    /// to handle them itself, and ignored signals would stay ignored across exec).
    func start(command: [String], stdinPath: String, stderrPath: String,
               extraEnvironment: [String: String]) -> Result<pid_t, SpoolError> {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdinPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o664)
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var all = sigset_t(), none = sigset_t()
        sigfillset(&all)
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attr, &all)
        posix_spawnattr_setsigmask(&attr, &none)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var env: [String] = []
        var i = 0
        while let entry = environ[i] {
            let s = String(cString: entry)
            let key = s.prefix { $0 != "=" }
            if extraEnvironment[String(key)] == nil { env.append(s) }
            i += 1
        }
        for (k, v) in extraEnvironment.sorted(by: { $0.key < $1.key }) { env.append(k + "=" + v) }

        let argv = command.map { strdup($0) } + [nil]
        let envp = env.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, command[0], &actions, &attr, argv, envp)
        guard rc == 0 else { return .failure(SpoolError(path: command[0], operation: "spawn", errno: rc)) }
        let fd = writeFD
        let child = pid
        Thread.detachNewThread {
            let pid = child
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            var event: (Int32, Int32) = (pid, status)
            _ = withUnsafeBytes(of: &event) { write(fd, $0.baseAddress, 8) }
        }
        return .success(pid)
    }

    /// Waits up to `timeoutMillis` for an exit (or stop request), also waking when `watcher`'s
    /// directory changes. Returns the events read and whether the directory changed.
    func wait(timeoutMillis: Int32, watcher: DirectoryWatcher?) -> (exits: [Exit], stop: Bool, changed: Bool) {
        var changed = false
        if let watcher {
            changed = watcher.waitForChange(timeoutMillis: timeoutMillis, orReadable: eventFD)
        } else {
            var p = pollfd(fd: eventFD, events: Int16(POLLIN), revents: 0)
            _ = poll(&p, 1, timeoutMillis)
        }
        var exits: [Exit] = []
        var stop = false
        var event: (Int32, Int32) = (0, 0)
        while withUnsafeMutableBytes(of: &event, { read(eventFD, $0.baseAddress, 8) }) == 8 {
            if event.0 == 0 { stop = true } else { exits.append(Exit(pid: event.0, status: event.1)) }
        }
        return (exits, stop, changed)
    }

    /// Whether `name` can be started: a path to an executable, or a name found on `PATH`.
    static func resolvable(_ name: String) -> Bool {
        if name.contains("/") { return access(name, X_OK) == 0 }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").contains { access("\($0)/\(name)", X_OK) == 0 }
    }
}
