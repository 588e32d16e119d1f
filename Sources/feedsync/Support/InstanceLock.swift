import FeedSyncCore
import Foundation
import Glibc

/// The instance lock: `flock` on `state_dir/feedsync.lock`, held for the process's lifetime, so a
/// `sync` never overlaps the daemon or another `sync`. The file holds the holder's PID for messages.
final class InstanceLock {
    let path: String
    private let fd: Int32

    enum Failure: Error, CustomStringConvertible {
        case held(path: String, pid: String?)
        case io(path: String, reason: String)

        var description: String {
            switch self {
            case let .held(path, pid):
                return "another feedsync\(pid.map { " (PID \($0))" } ?? "") holds \(path); use --wait to wait for it"
            case let .io(path, reason):
                return "cannot open lock file \(path): \(reason)"
            }
        }
    }

    /// Takes the lock; with `wait`, blocks until it is free.
    init(stateDir: String, wait: Bool) throws {
        path = stateDir + "/feedsync.lock"
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure.io(path: path, reason: String(cString: strerror(errno))) }
        while flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0 {
            if errno == EINTR { continue }
            let e = errno
            if e == EWOULDBLOCK {
                let pid = (try? String(contentsOfFile: path, encoding: .utf8))?
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                close(fd)
                throw Failure.held(path: path, pid: pid?.isEmpty == false ? pid : nil)
            }
            close(fd)
            throw Failure.io(path: path, reason: String(cString: strerror(e)))
        }
        let pid = "\(getpid())\n"
        ftruncate(fd, 0)
        _ = pid.withCString { write(fd, $0, strlen($0)) }
    }

    deinit {
        ftruncate(fd, 0)
        close(fd)
    }
}
