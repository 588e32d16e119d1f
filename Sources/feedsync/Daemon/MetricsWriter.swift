import FeedSyncCore
import Foundation
import Glibc
import Logging

/// Writes `metrics_file` for node_exporter's textfile collector: the whole file is written under a
/// temporary name in the same directory, then renamed over the old one, so the collector never reads
/// a half-written file. The temporary name does not end in `.prom`, which the collector ignores.
enum MetricsWriter {
    /// Renders and writes the snapshot; a failure is logged, never thrown: metrics must not stop syncing.
    static func write(_ snapshot: MetricsSnapshot, to path: String, logger: Logger) {
        do {
            try write(MetricsRenderer.render(snapshot), to: path)
        } catch {
            logger.warning("cannot write the metrics file", metadata: ["path": "\(path)", "error": "\(error)"])
        }
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
