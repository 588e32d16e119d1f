import FeedSyncCore
import Foundation
import Glibc

/// The instance lock, held for the process's lifetime, so a `sync` never overlaps the daemon or
/// another `sync`.
///
/// The lock is `flock` on the state directory itself: a lock file can be deleted while its holder
/// runs (`rm state/feedsync.lock`), after which a second process locked a new file of the same name
/// and wrote beside the first. A directory that holds the open database cannot be swapped that way.
/// `feedsync.lock` in it is still locked too (what versions before this one lock) and holds the
/// holder's PID for messages.
final class InstanceLock {
    let path: String
    private let directoryFD: Int32
    private let fileFD: Int32

    enum Failure: Error, CustomStringConvertible {
        case held(path: String, pid: String?)
        case timedOut(path: String, pid: String?, seconds: Double)
        case io(path: String, reason: String)

        var description: String {
            switch self {
            case let .held(path, pid):
                return "another feedsync\(pid.map { " (PID \($0))" } ?? "") holds \(path); use --wait to wait for it"
            case let .timedOut(path, pid, seconds):
                return "another feedsync\(pid.map { " (PID \($0))" } ?? "") still holds \(path) after waiting "
                    + DurationParser.format(seconds)
            case let .io(path, reason):
                return "cannot take the instance lock \(path): \(reason)"
            }
        }
    }

    /// How long to wait for a held lock.
    enum Wait {
        case no
        case forever
        case upTo(seconds: Double)
    }

    /// Takes the lock. When it is held and `wait` allows waiting, `onWait` is told the holder's PID
    /// (if known) once, before waiting.
    init(stateDir: String, wait: Wait, onWait: (String?) -> Void = { _ in }) throws {
        let lockPath = stateDir + "/feedsync.lock"
        path = stateDir
        directoryFD = open(stateDir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directoryFD >= 0 else { throw Failure.io(path: stateDir, reason: String(cString: strerror(errno))) }
        fileFD = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fileFD >= 0 else {
            let e = errno
            close(directoryFD)
            throw Failure.io(path: lockPath, reason: String(cString: strerror(e)))
        }
        do {
            // Directory first, then the file: every version takes them in this order.
            try Self.acquire(directoryFD, stateDir: stateDir, wait: wait, onWait: onWait)
            try Self.acquire(fileFD, stateDir: stateDir, wait: wait, onWait: onWait)
        } catch {
            close(fileFD)
            close(directoryFD)
            throw error
        }
        let pid = "\(getpid())\n"
        ftruncate(fileFD, 0)
        _ = pid.withCString { pwrite(fileFD, $0, strlen($0), 0) }
    }

    deinit {
        ftruncate(fileFD, 0)
        close(fileFD)
        close(directoryFD)
    }

    private static func acquire(_ fd: Int32, stateDir: String, wait: Wait, onWait: (String?) -> Void) throws {
        if try tryLock(fd, stateDir) { return }
        let holder = holderPID(stateDir: stateDir)
        let deadline: Double
        switch wait {
        case .no:
            throw Failure.held(path: stateDir, pid: holder)
        case .forever:
            onWait(holder)
            while flock(fd, LOCK_EX) != 0 {
                guard errno == EINTR else { throw Failure.io(path: stateDir, reason: String(cString: strerror(errno))) }
            }
            return
        case let .upTo(seconds):
            onWait(holder)
            deadline = Date().timeIntervalSince1970 + seconds
            // flock has no timeout: poll. 50 ms is far below any timeout a person sets.
            while Date().timeIntervalSince1970 < deadline {
                usleep(50_000)
                if try tryLock(fd, stateDir) { return }
            }
            throw Failure.timedOut(path: stateDir, pid: holderPID(stateDir: stateDir) ?? holder, seconds: seconds)
        }
    }

    /// True when taken, false when another process holds it.
    private static func tryLock(_ fd: Int32, _ stateDir: String) throws -> Bool {
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            if errno == EWOULDBLOCK { return false }
            throw Failure.io(path: stateDir, reason: String(cString: strerror(errno)))
        }
        return true
    }

    /// The holder's PID as its lock file records it; if the file is gone or empty, the process
    /// that `/proc/locks` says holds a lock on the state directory.
    static func holderPID(stateDir: String) -> String? {
        // A hint for a message only: an unreadable file falls through to /proc/locks.
        if let text = try? String(contentsOfFile: stateDir + "/feedsync.lock", encoding: .utf8) {
            let pid = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !pid.isEmpty, pid.allSatisfy(\.isNumber) { return pid }
        }
        var st = stat()
        guard stat(stateDir, &st) == 0, let locks = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else {
            return nil
        }
        // "1: FLOCK  ADVISORY  WRITE 4242 08:01:131 0 EOF": device as hex major:minor, then inode.
        let dev = UInt64(st.st_dev)
        let major = ((dev >> 8) & 0xfff) | ((dev >> 32) & ~UInt64(0xfff))  // glibc's gnu_dev_major
        let minor = (dev & 0xff) | ((dev >> 12) & ~UInt64(0xff))
        let id = String(format: "%02llx:%02llx:%llu", major, minor, UInt64(st.st_ino))
        for line in locks.split(separator: "\n") {
            let f = line.split(separator: " ", omittingEmptySubsequences: true)
            if f.count >= 6, f[1] == "FLOCK", f[5] == id { return String(f[4]) }
        }
        return nil
    }
}
