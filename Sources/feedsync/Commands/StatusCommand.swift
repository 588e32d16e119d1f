import ArgumentParser
import FeedSyncCore
import Foundation

/// `feedsync status`: what the state knows about every configured source.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Per source: last attempt and success, failures, items delivered, validators, next due.")

    @OptionGroup var config: ConfigOption
    @Flag(help: "Print one JSON object per source.") var json = false
    @OptionGroup var global: GlobalOptions

    func run() throws {
        _ = global.makeLogger()
        let c = try Runtime.loadConfig(config)
        let store = try Runtime.openStore(c)
        let states: [String: SourceState]
        do { states = try store.sourceStates() } catch {
            StandardError.write("feedsync: state: \(error)\n")
            throw ExitCode(ExitStatus.ioError)
        }
        let now = Timestamp(seconds: Int64(Date().timeIntervalSince1970))
        var out = ""
        for source in c.sources {
            let st = states[source.name] ?? SourceState(name: source.name)
            let skip = SkipRule.reason(state: states[source.name], source: source, now: now, options: .init())
            if json {
                var o = JSONObjectBuilder()
                o.add("source", source.name)
                o.add("url", URLRedaction.redact(source.url))
                o.add("effective_url", st.movedFrom == source.url ? st.movedTo.map(URLRedaction.redact) : nil)
                o.add("effective_url_reason", st.movedFrom == source.url ? (st.movedReason ?? "permanent redirect") : nil)
                o.add("status", st.disabledReason != nil && st.disabledFingerprint == source.fingerprint ? "disabled" : (st.lastStatus ?? "never polled"))
                o.add("last_attempt", st.lastAttempt)
                o.add("last_success", st.lastSuccess)
                o.add("last_error", st.lastError.map(URLRedaction.redact))
                if let h = st.lastHTTPStatus { o.add("http_status", .int(Int64(h))) }
                o.add("consecutive_failures", .int(Int64(st.consecutiveFailures)))
                o.add("items_delivered", .int(st.itemsDelivered))
                o.add("etag", st.etag)
                o.add("last_modified", st.lastModified)
                o.add("next_due", st.nextDue)
                o.add("retry_after_until", st.retryAfterUntil)
                o.add("skip_reason", skip)
                o.add("polls", .int(st.polls))
                o.add("not_modified", .int(st.notModified))
                o.add("feed_title", st.feedTitle)
                out += o.value.serialized() + "\n"
            } else {
                out += "\(source.name)\n"
                out += "  url:             \(URLRedaction.redact(source.url))\n"
                if let moved = st.movedTo, st.movedFrom == source.url {
                    out += "  polling instead: \(URLRedaction.redact(moved)) (\(st.movedReason ?? "permanent redirect"))\n"
                }
                out += "  status:          \(st.lastStatus ?? "never polled")\(st.lastHTTPStatus.map { " (HTTP \($0))" } ?? "")\n"
                if let e = st.lastError { out += "  last error:      \(URLRedaction.redact(e))\n" }
                out += "  last attempt:    \(st.lastAttempt?.rfc3339 ?? "-")\n"
                out += "  last success:    \(st.lastSuccess?.rfc3339 ?? "-")\n"
                out += "  failures:        \(st.consecutiveFailures) consecutive\n"
                out += "  items delivered: \(st.itemsDelivered)\n"
                out += "  validators:      etag \(st.etag ?? "-"), last-modified \(st.lastModified ?? "-")\n"
                out += "  next due:        \(st.nextDue?.rfc3339 ?? "now")\n"
                if let skip { out += "  skipped:         \(skip)\n" }
            }
        }
        StandardOutput.write(out)
    }
}
