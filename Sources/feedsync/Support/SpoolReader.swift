import ArgumentParser
import FeedSyncCore
import Foundation
import Glibc

/// Reads a spool as consumers see it: complete files in `new/` and `cur/` (of the top level and of
/// each Maildir++ folder, with `maildir_folders`), in delivery order.
struct SpoolReader {
    let root: String
    var newDir: String { root + "/new" }
    var curDir: String { root + "/cur" }

    struct Entry {
        var name: String
        var path: String
        var inNew: Bool
        /// The Maildir holding it: the spool, or one of its Maildir++ folders.
        var maildir: String
        /// The name without a Maildir info suffix (`:2,S`): what delivery order sorts on.
        var baseName: String
    }

    var exists: Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: newDir, isDirectory: &isDir) && isDir.boolValue
    }

    static func baseName(_ name: String) -> String {
        name.firstIndex(of: ":").map { String(name[..<$0]) } ?? name
    }

    /// The spool and its Maildir++ folders.
    var maildirs: [String] { [root] + Spool.maildirFolders(root).map { root + "/" + $0 } }

    /// Every `new/` to watch for deliveries.
    var newDirs: [String] { maildirs.map { $0 + "/new" } }

    func entries(includeCur: Bool) -> [Entry] {
        var out: [Entry] = []
        for maildir in maildirs {
            let new = maildir + "/new", cur = maildir + "/cur"
            out += Spool.listDirectory(new).map { Entry(name: $0, path: new + "/" + $0, inNew: true, maildir: maildir, baseName: Self.baseName($0)) }
            if includeCur {
                out += Spool.listDirectory(cur).map { Entry(name: $0, path: cur + "/" + $0, inNew: false, maildir: maildir, baseName: Self.baseName($0)) }
            }
        }
        return out.sorted { $0.baseName < $1.baseName }
    }

    /// Moves an item from `new/` to `cur/` of its Maildir; nil if another consumer moved it first
    /// (rename is atomic, so exactly one consumer succeeds).
    func consume(_ e: Entry) -> String? {
        let target = e.maildir + "/cur/" + e.name
        return rename(e.path, target) == 0 ? target : nil
    }
}

/// Waits for files to arrive in a directory (inotify `IN_MOVED_TO`: the spool publishes by rename).
final class DirectoryWatcher {
    private let fd: Int32

    convenience init(path: String) throws { try self.init(paths: [path]) }

    /// Watches every directory of `paths` (a spool's `new/` and its Maildir++ folders' `new/`).
    init(paths: [String]) throws {
        fd = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard fd >= 0 else {
            StandardError.write("feedsync: inotify: \(String(cString: strerror(errno)))\n")
            throw ExitCode(ExitStatus.ioError)
        }
        let mask = UInt32(IN_MOVED_TO | IN_CREATE | IN_CLOSE_WRITE)
        for path in paths where inotify_add_watch(fd, path, mask) < 0 {
            StandardError.write("feedsync: inotify on \(path): \(String(cString: strerror(errno)))\n")
            throw ExitCode(ExitStatus.ioError)
        }
    }

    deinit { close(fd) }

    /// Returns after a change or the timeout (a periodic rescan also catches anything missed).
    func waitForChange(timeoutMillis: Int32) {
        _ = waitForChange(timeoutMillis: timeoutMillis, orReadable: -1)
    }

    /// Returns after a change, the timeout, or when `other` (a descriptor, or -1) becomes readable;
    /// true when the directory changed.
    func waitForChange(timeoutMillis: Int32, orReadable other: Int32) -> Bool {
        var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0), pollfd(fd: other, events: Int16(POLLIN), revents: 0)]
        _ = poll(&fds, other >= 0 ? 2 : 1, timeoutMillis)
        var changed = false
        var buf = [UInt8](repeating: 0, count: 64 * 1024)
        while read(fd, &buf, buf.count) > 0 { changed = true }
        return changed
    }
}
