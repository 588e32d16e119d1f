import FeedSyncCore
import Foundation
import Logging

/// One line per event on stderr: `text` for humans (and journald, which gets `<N>` priority prefixes
/// when `JOURNAL_STREAM` is set), or `json`, one object per line with `time`, `level`, `priority` (the
/// numeric syslog level, RFC 5424 section 6.2.1) and `msg`, then the metadata with numbers and
/// booleans typed (`LogValueTyping`).
struct FeedSyncLogHandler: LogHandler {
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    let label: String
    let json: Bool
    let journal: Bool

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var meta = self.metadata
        if let extra = event.metadata { meta.merge(extra) { $1 } }
        let line: String
        if json {
            var o = JSONObjectBuilder()
            o.add("time", Self.timestamp())
            o.add("level", event.level.rawValue)
            o.add("priority", .int(Int64(Self.syslogPriority(event.level))))
            o.add("msg", event.message.description)
            for (k, v) in meta.sorted(by: { $0.key < $1.key }) { o.add(k, LogValueTyping.json(key: k, v)) }
            line = o.value.serialized()
        } else {
            var s = journal ? "<\(Self.syslogPriority(event.level))>" : "\(Self.timestamp()) \(event.level.rawValue.uppercased()) "
            s += event.message.description
            for (k, v) in meta.sorted(by: { $0.key < $1.key }) {
                let value = URLRedaction.redact("\(v)")
                let needsQuotes = value.isEmpty || value.contains(" ") || value.contains("\"") || value.contains("=")
                s += " \(k)=" + (needsQuotes ? "\"" + value.replacingOccurrences(of: "\"", with: "\\\"") + "\"" : value)
            }
            line = s
        }
        StandardError.write(line + "\n")
    }

    static func syslogPriority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: return 7
        case .info: return 6
        case .notice: return 5
        case .warning: return 4
        case .error: return 3
        case .critical: return 2
        }
    }

    static func timestamp() -> String {
        let t = Date().timeIntervalSince1970
        let base = Timestamp(seconds: Int64(t)).rfc3339
        let ms = Int((t - t.rounded(.down)) * 1000)
        return String(base.dropLast()) + "." + String(ms).leftPadded(to: 3) + "Z"
    }
}

enum LogSetup {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var done = false

    static func bootstrap(level: Logger.Level, json: Bool) {
        lock.lock(); defer { lock.unlock() }
        guard !done else { return }
        done = true
        let journal = ProcessInfo.processInfo.environment["JOURNAL_STREAM"] != nil && !json
        LoggingSystem.bootstrap { label in
            FeedSyncLogHandler(logLevel: level, label: label, json: json, journal: journal)
        }
    }
}

/// Unbuffered, thread-safe writes to stderr/stdout (Swift 6: `stdout` is not concurrency-safe).
enum StandardError {
    static func write(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }
}

enum StandardOutput {
    private static let lock = NSLock()
    static func write(_ s: String) {
        lock.lock(); defer { lock.unlock() }
        FileHandle.standardOutput.write(Data(s.utf8))
    }
}


