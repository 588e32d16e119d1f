import FeedSyncCore
import Foundation
import Glibc

/// One consumer's claims on a spool: `spool/work/NAME/`, guarded by a `flock` on `.lock` held for
/// the consumer's lifetime.
///
/// - Claim: `rename(new/X, work/NAME/X)`. Rename is atomic, so of several consumers exactly one
///   gets each item, and a claimed item is never lost: it is in `new/`, in a work area, in `cur/`
///   or in `failed/` at every instant.
/// - Done: `rename(work/NAME/X, cur/X)` after the handler exited 0.
/// - Parked: `rename(work/NAME/X, failed/X)`, then the error file `failed/X.error`.
/// - Beside each claimed item, hidden: `.X.error` (failed attempts and the last error, so a restart
///   keeps counting) and `.X.stderr` (the running handler's standard error).
/// - A work area whose lock is free belongs to a consumer that is not running (killed, or stopped
///   with items waiting for a retry): its items are re-run by the next consumer of that name, or
///   taken over by any consumer that starts (`adoptAbandoned`).
final class WorkArea {
    let spoolRoot: String
    let name: String
    let dir: String
    var newDir: String { spoolRoot + "/new" }
    /// `new/` of the spool and of each Maildir++ folder (`maildir_folders`).
    var newDirs: [String] { [newDir] + Spool.maildirFolders(spoolRoot).map { spoolRoot + "/" + $0 + "/new" } }
    /// Where each item seen in a `new/` was (its Maildir: the spool or a folder), for the claim.
    private var origins: [String: String] = [:]
    var curDir: String { spoolRoot + "/cur" }
    var failedDir: String { spoolRoot + "/failed" }
    var workRoot: String { spoolRoot + "/work" }
    private let lockFD: Int32

    enum Failure: Error, CustomStringConvertible {
        case held(path: String, pid: String?)
        case io(SpoolError)

        var description: String {
            switch self {
            case let .held(path, pid):
                return "another consumer\(pid.map { " (PID \($0))" } ?? "") holds \(path); give this one its own --name"
            case let .io(error):
                return error.description
            }
        }
    }

    /// Opens (creating) the work area of consumer `name` and takes its lock. Waits up to
    /// `waitSeconds` for a consumer that is recovering this area to let go.
    init(spoolRoot: String, name: String, waitSeconds: Double = 3) throws(Failure) {
        self.spoolRoot = spoolRoot
        self.name = name
        dir = spoolRoot + "/work/" + name
        for d in [spoolRoot + "/cur", spoolRoot + "/failed", spoolRoot + "/work", dir] {
            if mkdir(d, 0o775) != 0 && errno != EEXIST { throw .io(SpoolError(path: d, operation: "mkdir", errno: errno)) }
        }
        let lockPath = dir + "/.lock"
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o664)
        guard fd >= 0 else { throw .io(SpoolError(path: lockPath, operation: "open", errno: errno)) }
        let deadline = Self.monotonic() + waitSeconds
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let e = errno
            if e == EINTR { continue }
            if e == EWOULDBLOCK && Self.monotonic() < deadline {
                usleep(50_000)
                continue
            }
            let pid = (try? String(contentsOfFile: lockPath, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            close(fd)
            if e == EWOULDBLOCK { throw .held(path: dir, pid: pid?.isEmpty == false ? pid : nil) }
            throw .io(SpoolError(path: lockPath, operation: "flock", errno: e))
        }
        lockFD = fd
        ftruncate(fd, 0)
        let pid = "\(getpid())\n"
        _ = pid.withCString { Glibc.write(fd, $0, strlen($0)) }
    }

    deinit {
        ftruncate(lockFD, 0)
        close(lockFD)
    }

    static func monotonic() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    func path(_ item: String) -> String { dir + "/" + item }
    func stderrPath(_ item: String) -> String { dir + "/." + item + ".stderr" }
    private func errorPath(_ item: String) -> String { dir + "/." + item + ".error" }

    /// Items claimed in this area (by this consumer or an earlier run of it), unsorted.
    func claimedItems() throws(Failure) -> [String] {
        try Self.list(dir)
    }

    /// The items waiting in every `new/`, unsorted; remembers which Maildir each is in.
    func newItems() throws(Failure) -> [String] {
        var out: [String] = []
        for dir in newDirs {
            let maildir = String(dir.dropLast(4))
            for item in try Self.list(dir) {
                origins[item] = maildir
                out.append(item)
            }
        }
        return out
    }

    /// Where `item`, last seen in a `new/`, is.
    func newPath(_ item: String) -> String { (origins[item] ?? spoolRoot) + "/new/" + item }

    /// Claims `item` from its `new/`; false when it is no longer there (another consumer took it).
    func claim(_ item: String) throws(Failure) -> Bool {
        let from = origins.removeValue(forKey: item).map { $0 + "/new" } ?? newDir
        if rename(from + "/" + item, path(item)) == 0 { return true }
        if errno == ENOENT { return false }
        throw .io(SpoolError(path: from + "/" + item, operation: "rename into " + dir, errno: errno))
    }

    /// The Maildir a claimed file belongs to: its tag's Maildir++ folder when the spool has that
    /// folder (`maildir_folders`), else the spool itself.
    func maildir(ofFile path: String) -> String {
        guard let data = FileManager.default.contents(atPath: path),
              let folder = MaildirFolder.folder(ofItem: Array(data.prefix(256 * 1024))) else { return spoolRoot }
        var st = stat()
        return stat(spoolRoot + "/" + folder + "/cur", &st) == 0 ? spoolRoot + "/" + folder : spoolRoot
    }

    /// The handler succeeded: the item moves to `cur/` of its Maildir, its side files go.
    func complete(_ item: String) throws(Failure) {
        let cur = maildir(ofFile: path(item)) + "/cur"
        guard rename(path(item), cur + "/" + item) == 0 else {
            throw .io(SpoolError(path: path(item), operation: "rename into " + cur, errno: errno))
        }
        unlink(errorPath(item))
        unlink(stderrPath(item))
    }

    /// Records a failed attempt beside the item (written to a temporary name, then renamed, so a
    /// kill never leaves half a record).
    func recordFailure(_ item: String, report: String) throws(Failure) {
        let tmp = dir + "/.tmp." + item + ".error"
        try Self.writeFile(Array(report.utf8), to: tmp)
        guard rename(tmp, errorPath(item)) == 0 else {
            throw .io(SpoolError(path: errorPath(item), operation: "rename", errno: errno))
        }
        unlink(stderrPath(item))
    }

    static func writeFile(_ bytes: [UInt8], to path: String) throws(Failure) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o664)
        guard fd >= 0 else { throw .io(SpoolError(path: path, operation: "create", errno: errno)) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { buf in Glibc.write(fd, buf.baseAddress! + offset, buf.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                let e = errno
                close(fd)
                throw .io(SpoolError(path: path, operation: "write", errno: e))
            }
            offset += n
        }
        guard close(fd) == 0 else { throw .io(SpoolError(path: path, operation: "close", errno: errno)) }
    }

    /// Failed attempts recorded for a claimed item (0 when none is recorded).
    func failures(of item: String) throws(Failure) -> Int {
        guard let text = try Self.readFile(errorPath(item)) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix("attempts: ") {
            return Int(line.dropFirst(10).trimmingCharacters(in: .whitespaces)) ?? 0
        }
        return 0
    }

    /// The last `limit` bytes of a file as text; nil when the file does not exist.
    static func readFile(_ path: String, lastBytes limit: Int = 64 * 1024) throws(Failure) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw .io(SpoolError(path: path, operation: "open", errno: errno))
        }
        defer { close(fd) }
        let size = lseek(fd, 0, SEEK_END)
        guard size >= 0, lseek(fd, max(0, size - off_t(limit)), SEEK_SET) >= 0 else {
            throw .io(SpoolError(path: path, operation: "seek", errno: errno))
        }
        var bytes = [UInt8](repeating: 0, count: limit)
        var count = 0
        while count < limit {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + count, limit - count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(SpoolError(path: path, operation: "read", errno: errno))
            }
            if n == 0 { break }
            count += n
        }
        return String(decoding: bytes[..<count], as: UTF8.self)
    }

    /// Gives up on an item: it moves to `failed/`, its last error to `failed/ITEM.error`.
    func park(_ item: String) throws(Failure) {
        guard rename(path(item), failedDir + "/" + item) == 0 else {
            throw .io(SpoolError(path: path(item), operation: "rename into failed/", errno: errno))
        }
        if rename(errorPath(item), failedDir + "/" + item + ".error") != 0 && errno != ENOENT {
            throw .io(SpoolError(path: errorPath(item), operation: "rename into failed/", errno: errno))
        }
        unlink(stderrPath(item))
    }

    /// Removes side files whose item is gone (a kill between moving an item and its side files);
    /// an error record whose item was parked goes to `failed/` after it.
    func removeOrphanSideFiles() throws(Failure) {
        let all = Set(try Self.list(dir))
        for hidden in try Self.list(dir, hidden: true) where hidden != ".lock" {
            for suffix in [".error", ".stderr"] where hidden.hasSuffix(suffix) {
                var item = String(hidden.dropFirst().dropLast(suffix.count))
                if item.hasPrefix("tmp.") { unlink(dir + "/" + hidden); item = "" }
                guard !item.isEmpty, !all.contains(item) else { continue }
                if suffix == ".error", access(failedDir + "/" + item, F_OK) == 0,
                   access(failedDir + "/" + item + ".error", F_OK) != 0 {
                    rename(dir + "/" + hidden, failedDir + "/" + item + ".error")
                } else {
                    unlink(dir + "/" + hidden)
                }
            }
        }
    }

    /// Takes over the claims of consumers that are not running (their lock is free): items that
    /// `keep` accepts move into this area with their failure records; the others go back to `new/`
    /// for any consumer. Returns the items taken.
    func adoptAbandoned(keep: (_ item: String, _ path: String) -> Bool) throws(Failure) -> [String] {
        var taken: [String] = []
        for other in try Self.list(workRoot) where other != name {
            let otherDir = workRoot + "/" + other
            let fd = open(otherDir + "/.lock", O_RDWR | O_CLOEXEC)
            guard fd >= 0 else { continue }   // not a work area (or just being created: its owner makes the lock)
            defer { close(fd) }
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { continue }   // its consumer is running
            for item in try Self.list(otherDir) {
                let from = otherDir + "/" + item
                let record = otherDir + "/." + item + ".error"
                if keep(item, from) {
                    guard rename(from, path(item)) == 0 else {
                        if errno == ENOENT { continue }
                        throw .io(SpoolError(path: from, operation: "rename into " + dir, errno: errno))
                    }
                    if rename(record, errorPath(item)) != 0 { unlink(record) }
                    taken.append(item)
                } else {
                    guard rename(from, maildir(ofFile: from) + "/new/" + item) == 0 else {
                        if errno == ENOENT { continue }
                        throw .io(SpoolError(path: from, operation: "rename into new/", errno: errno))
                    }
                    unlink(record)
                }
                unlink(otherDir + "/." + item + ".stderr")
            }
            for hidden in try Self.list(otherDir, hidden: true) where hidden != ".lock" { unlink(otherDir + "/" + hidden) }
        }
        return taken
    }

    /// Names in a directory: the visible ones (items) or the hidden ones (side files), unsorted.
    /// Unlike a failed `opendir` read as "empty", an unreadable directory is an error.
    static func list(_ dir: String, hidden: Bool = false) throws(Failure) -> [String] {
        guard let d = opendir(dir) else { throw .io(SpoolError(path: dir, operation: "opendir", errno: errno)) }
        defer { closedir(d) }
        var out: [String] = []
        while let entry = readdir(d) {
            let n = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if n == "." || n == ".." { continue }
            if n.hasPrefix(".") == hidden { out.append(n) }
        }
        return out
    }
}
