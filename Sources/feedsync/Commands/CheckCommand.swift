import ArgumentParser
import FeedSyncCore
import Foundation

/// `feedsync check`: validate the config and print the resolved sources.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the configuration and print the resolved sources (secrets redacted).")

    @OptionGroup var config: ConfigOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
        _ = global.makeLogger()
        let c = try Runtime.loadConfig(config)
        var out = "config \(c.path): OK, \(c.sources.count) source(s)\n"
        out += "state_dir = \(c.stateDir)\nspool_dir = \(c.spoolDir) (\(c.spoolFormat.rawValue))\n"
        out += "concurrency = \(c.concurrency), per_host = \(c.perHost), host_delay = \(DurationParser.format(c.hostDelay))\n"
        for s in c.sources {
            let st = s.settings
            out += "\n[\(s.name)] line \(s.line)\n  url = \(URLRedaction.redact(s.url))\n  type = \(s.type.rawValue)\n"
            out += "  interval = \(st.adaptiveInterval ? "auto" : DurationParser.format(st.interval))"
            out += ", timeout = \(DurationParser.format(st.timeout)), max_body = \(SizeParser.format(st.maxBody))\n"
            out += "  initial = \(st.initial), duplicates = \(st.duplicates.rawValue), on_update = \(st.onUpdate.rawValue)\n"
            out += "  identity = \(st.identity.map(\.rawValue).joined(separator: ", "))\n"
            if let sel = s.select {
                out += "  select.item = \(sel.item)\n"
                for (k, v) in [("title", sel.title), ("link", sel.link), ("date", sel.date), ("summary", sel.summary)] {
                    if let v { out += "  select.\(k) = \(v)\n" }
                }
            }
            if st.username != nil { out += "  username = \(st.username!)\n" }
            if st.password != nil { out += "  password = (redacted)\n" }
            for h in st.headers {
                let secret = ["authorization", "cookie", "proxy-authorization"].contains(h.name.lowercased())
                    || h.name.lowercased().contains("token") || h.name.lowercased().contains("key")
                out += "  headers.\(h.name) = \(secret ? "(redacted)" : h.value)\n"
            }
            if st.headersOnRedirect && !st.headers.isEmpty { out += "  headers_on_redirect = true (headers follow redirects to other hosts)\n" }
            if !st.tlsVerify { out += "  tls_verify = false (WARNING: certificates are not checked)\n" }
        }
        StandardOutput.write(out)
    }
}
