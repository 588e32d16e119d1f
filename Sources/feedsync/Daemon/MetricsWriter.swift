import FeedSyncCore
import Foundation
import Glibc
import Logging

/// Writes `metrics_file` for node_exporter's textfile collector: the whole file is written under a
/// temporary name in the same directory, then renamed over the old one, so the collector never reads
/// a half-written file. The temporary name does not end in `.prom`, which the collector ignores.
enum MetricsWriter {
    /// Renders and writes the snapshot, carrying the failure counters over from the file it replaces
    /// (`MetricsFailureTally`); a failure is logged, never thrown: metrics must not stop syncing.
    static func write(_ snapshot: MetricsSnapshot, to path: String, logger: Logger) {
        var snapshot = snapshot
        do {
            snapshot.failuresTotal = MetricsFailureTally.totals(previous: try previous(path), sources: snapshot.sources)
            try write(MetricsRenderer.render(snapshot), to: path)
        } catch {
            logger.warning("cannot write the metrics file", metadata: ["path": "\(path)", "error": "\(error)"])
        }
    }

    /// The previous file's per-source figures; none when there is no file yet.
    static func previous(_ path: String) throws(Failure) -> [String: MetricsFailureTally.Previous] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return [:] }
            throw Failure(operation: "open", path: path, code: errno)
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(operation: "read", path: path, code: errno)
            }
            if n == 0 { break }
            bytes += chunk[0..<n]
        }
        return MetricsFailureTally.parse(String(decoding: bytes, as: UTF8.self))
    }

    struct Failure: Error, CustomStringConvertible {
        var operation: String
        var path: String
        var code: Int32
        var description: String { "\(operation) \(path): \(String(cString: strerror(code)))" }
    }

    static func write(_ text: String, to path: String) throws(Failure) {
        let dir = (path as NSString).deletingLastPathComponent
        let base = (path as NSString).lastPathComponent
        let tmp = (dir.isEmpty ? "." : dir) + "/.\(base).\(getpid()).tmp"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure(operation: "create", path: tmp, code: errno) }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                let e = errno
                close(fd); unlink(tmp)
                throw Failure(operation: "write", path: tmp, code: e)
            }
            offset += n
        }
        if close(fd) != 0 {
            let e = errno
            unlink(tmp)
            throw Failure(operation: "close", path: tmp, code: e)
        }
        if rename(tmp, path) != 0 {
            let e = errno
            unlink(tmp)
            throw Failure(operation: "rename", path: path, code: e)
        }
    }
}
