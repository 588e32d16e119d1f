import ArgumentParser
import FeedSyncCore
import Foundation
import Glibc

/// Reads a spool as consumers see it: complete files in `new/` and `cur/`, in delivery order.
struct SpoolReader {
    let root: String
    var newDir: String { root + "/new" }
    var curDir: String { root + "/cur" }

    struct Entry {
        var name: String
        var path: String
        var inNew: Bool
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

    func entries(includeCur: Bool) -> [Entry] {
        var out = Spool.listDirectory(newDir).map { Entry(name: $0, path: newDir + "/" + $0, inNew: true, baseName: Self.baseName($0)) }
        if includeCur {
            out += Spool.listDirectory(curDir).map { Entry(name: $0, path: curDir + "/" + $0, inNew: false, baseName: Self.baseName($0)) }
        }
        return out.sorted { $0.baseName < $1.baseName }
    }

    /// Moves an item from `new/` to `cur/`; nil if another consumer moved it first (rename is atomic,
    /// so exactly one consumer succeeds).
    func consume(_ e: Entry) -> String? {
        let target = curDir + "/" + e.name
        return rename(e.path, target) == 0 ? target : nil
    }
}

/// Waits for files to arrive in a directory (inotify `IN_MOVED_TO`: the spool publishes by rename).
final class DirectoryWatcher {
    private let fd: Int32

    init(path: String) throws {
        fd = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard fd >= 0 else {
            StandardError.write("feedsync: inotify: \(String(cString: strerror(errno)))\n")
            throw ExitCode(ExitStatus.ioError)
        }
        let mask = UInt32(IN_MOVED_TO | IN_CREATE | IN_CLOSE_WRITE)
        guard inotify_add_watch(fd, path, mask) >= 0 else {
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

/// Rendering of one spool file for `tail`.
enum ItemSummary {
    static func object(_ data: Data) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    static func jsonLine(data: Data, fileName: String) -> String {
        if let s = String(data: data, encoding: .utf8), s.hasPrefix("{") {
            return s.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        // Maildir message: the X-Feedsync headers and the subject.
        let h = MailHeaders(data)
        var o = JSONObjectBuilder()
        o.add("id", h["X-Feedsync-Id"])
        o.add("event", h["X-Feedsync-Event"])
        o.add("source", h["X-Feedsync-Source"])
        o.add("title", h["Subject"].map(MailHeaders.decodeWords))
        o.add("link", h["X-Feedsync-Link"])
        o.add("date", h["Date"])
        o.add("file", fileName)
        return o.value.serialized()
    }

    static func textLine(data: Data, fileName: String) -> String {
        if let o = object(data) {
            let time = (o["published"] as? String) ?? (o["updated"] as? String) ?? (o["fetched_at"] as? String) ?? "-"
            let title = ((o["title"] as? String) ?? "(no title)").replacingOccurrences(of: "\n", with: " ")
            return "\(time) \(o["source"] as? String ?? "-") \(title) \(o["link"] as? String ?? "")"
        }
        let h = MailHeaders(data)
        return "\(h["Date"] ?? "-") \(h["X-Feedsync-Source"] ?? "-") \(h["Subject"].map(MailHeaders.decodeWords) ?? "(no title)") \(h["X-Feedsync-Link"] ?? "")"
    }
}

/// Just enough RFC 5322 header reading for the spool's own Maildir messages.
struct MailHeaders {
    var fields: [(String, String)] = []

    init(_ data: Data) {
        let text = String(decoding: data.prefix(64 * 1024), as: UTF8.self)
        let head = text.components(separatedBy: "\r\n\r\n").first ?? ""
        for line in head.components(separatedBy: "\r\n") {
            if line.hasPrefix(" ") || line.hasPrefix("\t"), !fields.isEmpty {
                fields[fields.count - 1].1 += line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                fields.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
        }
    }

    subscript(name: String) -> String? { fields.first { $0.0.lowercased() == name.lowercased() }?.1 }

    /// Decodes `=?UTF-8?B?...?=` words (the only kind feedsync writes).
    static func decodeWords(_ s: String) -> String {
        var out = ""
        var rest = Substring(s)
        while let start = rest.range(of: "=?UTF-8?B?"), let end = rest[start.upperBound...].range(of: "?=") {
            out += rest[..<start.lowerBound].trimmingCharacters(in: .whitespaces)
            let b64 = String(rest[start.upperBound..<end.lowerBound])
            if let d = Data(base64Encoded: b64) { out += String(decoding: d, as: UTF8.self) }
            rest = rest[end.upperBound...]
        }
        return out + rest
    }
}
