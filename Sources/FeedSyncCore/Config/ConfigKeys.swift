import Foundation

/// How each configuration key is read. One table per scope, so the loader, `check` and the README's
/// reference stay in step.
typealias KeyHandler<T> = @Sendable (inout T, TOMLNode, inout Context) throws(ConfigError) -> Void

extension ConfigLoader {
    /// Process-wide keys: only at the top level.
    static let globalKeys: [String: KeyHandler<Config>] = [
        "state_dir": { c, n, ctx throws(ConfigError) in c.stateDir = try ctx.path(n, "state_dir") },
        "state": { c, n, ctx throws(ConfigError) in
            let v = try ctx.string(n, "state")
            guard v.hasPrefix("postgresql://") || v.hasPrefix("postgres://") else {
                throw ctx.error(n, "state", "must be a postgresql:// URL (leave it out for SQLite in state_dir)")
            }
            c.stateURL = v
        },
        "state_password_file": { c, n, ctx throws(ConfigError) in
            let p = try ctx.existingFile(n, "state_password_file")
            guard let data = FileManager.default.contents(atPath: p) else { throw ctx.error(n, "state_password_file", "cannot read '\(p)'") }
            guard let text = String(data: data, encoding: .utf8) else { throw ctx.error(n, "state_password_file", "'\(p)' is not valid UTF-8") }
            c.statePassword = text.trimmingCharacters(in: .newlines)
        },
        "lease_time": { c, n, ctx throws(ConfigError) in c.leaseTime = try ctx.duration(n, "lease_time") },
        "spool_dir": { c, n, ctx throws(ConfigError) in c.spoolDir = try ctx.path(n, "spool_dir") },
        "spool_format": { c, n, ctx throws(ConfigError) in
            guard let v = SpoolFormat(rawValue: try ctx.string(n, "spool_format")) else {
                throw ctx.error(n, "spool_format", "must be \"json\" or \"maildir\"")
            }
            c.spoolFormat = v
        },
        "consume": { c, n, ctx throws(ConfigError) in c.consume = try ConsumeSection.load(n, &ctx) },
        "maildir_folders": { c, n, ctx throws(ConfigError) in c.maildirFolders = try ctx.bool(n, "maildir_folders") },
        "concurrency": { c, n, ctx throws(ConfigError) in c.concurrency = try ctx.positiveInt(n, "concurrency") },
        "per_host": { c, n, ctx throws(ConfigError) in c.perHost = try ctx.positiveInt(n, "per_host") },
        "host_delay": { c, n, ctx throws(ConfigError) in c.hostDelay = try ctx.duration(n, "host_delay", allowZero: true) },
        "metrics_file": { c, n, ctx throws(ConfigError) in
            let p = try ctx.path(n, "metrics_file")
            // Written as a temporary file beside it, then renamed: the directory must exist.
            try ctx.existingDirectory(PathUtil.directory(of: p), n, "metrics_file")
            c.metricsFile = p
        },
        "shutdown_timeout": { c, n, ctx throws(ConfigError) in c.shutdownTimeout = try ctx.duration(n, "shutdown_timeout") },
        "duplicate_window": { c, n, ctx throws(ConfigError) in c.duplicateWindow = try ctx.duration(n, "duplicate_window") },
    ]
}

extension SourceSettings {
    /// Keys valid globally and per source.
    static let keys: [String: KeyHandler<SourceSettings>] = [
        "user_agent": { s, n, ctx throws(ConfigError) in
            let v = try ctx.string(n, "user_agent")
            guard !v.isEmpty, !v.contains("\n"), !v.contains("\r") else { throw ctx.error(n, "user_agent", "must be one non-empty line") }
            s.userAgent = v
        },
        "interval": { s, n, ctx throws(ConfigError) in
            if case .string("auto") = n.value { s.adaptiveInterval = true; return }
            s.interval = try ctx.duration(n, "interval")
            s.adaptiveInterval = false
        },
        "min_interval": { s, n, ctx throws(ConfigError) in s.minInterval = try ctx.duration(n, "min_interval") },
        "max_interval": { s, n, ctx throws(ConfigError) in s.maxInterval = try ctx.duration(n, "max_interval") },
        "timeout": { s, n, ctx throws(ConfigError) in s.timeout = try ctx.duration(n, "timeout") },
        "connect_timeout": { s, n, ctx throws(ConfigError) in s.connectTimeout = try ctx.duration(n, "connect_timeout") },
        "max_body": { s, n, ctx throws(ConfigError) in s.maxBody = try ctx.size(n, "max_body") },
        "max_items": { s, n, ctx throws(ConfigError) in s.maxItems = try ctx.positiveInt(n, "max_items") },
        "filter": { s, n, ctx throws(ConfigError) in try FilterRules.load(&s, n, &ctx) },
        "initial": { s, n, ctx throws(ConfigError) in
            guard let v = InitialPolicy(try ctx.string(n, "initial")) else {
                throw ctx.error(n, "initial", "must be \"all\", \"none\" or \"latest:N\"")
            }
            s.initial = v
        },
        "duplicates": { s, n, ctx throws(ConfigError) in
            guard let v = DuplicatePolicy(rawValue: try ctx.string(n, "duplicates")) else {
                throw ctx.error(n, "duplicates", "must be \"off\", \"mark\" or \"drop\"")
            }
            s.duplicates = v
        },
        "on_update": { s, n, ctx throws(ConfigError) in
            guard let v = UpdatePolicy(rawValue: try ctx.string(n, "on_update")) else {
                throw ctx.error(n, "on_update", "must be \"ignore\" or \"emit\"")
            }
            s.onUpdate = v
        },
        "full_text": { s, n, ctx throws(ConfigError) in
            switch n.value {
            case let .bool(b): s.fullText = b ? .always : .off
            case .string("auto"): s.fullText = .auto
            default: throw ctx.error(n, "full_text", "must be true, false or \"auto\"")
            }
        },
        "retention": { s, n, ctx throws(ConfigError) in s.retention = try ctx.duration(n, "retention") },
        "respect_cache_hints": { s, n, ctx throws(ConfigError) in s.respectCacheHints = try ctx.bool(n, "respect_cache_hints") },
        "max_retry_after": { s, n, ctx throws(ConfigError) in s.maxRetryAfter = try ctx.duration(n, "max_retry_after") },
        "deny_private": { s, n, ctx throws(ConfigError) in s.denyPrivate = try ctx.bool(n, "deny_private") },
        "tls_verify": { s, n, ctx throws(ConfigError) in s.tlsVerify = try ctx.bool(n, "tls_verify") },
        "ca_file": { s, n, ctx throws(ConfigError) in s.caFile = try ctx.existingFile(n, "ca_file") },
        "proxy": { s, n, ctx throws(ConfigError) in
            let v = try ctx.string(n, "proxy")
            if let problem = ProxyURL.problem(v) { throw ctx.error(n, "proxy", problem) }
            s.proxy = v
        },
        "cookies": { s, n, ctx throws(ConfigError) in s.cookies = try ctx.bool(n, "cookies") },
        "username": { s, n, ctx throws(ConfigError) in s.username = try ctx.string(n, "username") },
        "password": { s, n, ctx throws(ConfigError) in s.password = try ctx.string(n, "password") },
        "password_file": { s, n, ctx throws(ConfigError) in
            let p = try ctx.existingFile(n, "password_file")
            guard let data = FileManager.default.contents(atPath: p) else { throw ctx.error(n, "password_file", "cannot read '\(p)'") }
            guard let text = String(data: data, encoding: .utf8) else { throw ctx.error(n, "password_file", "'\(p)' is not valid UTF-8") }
            s.password = text.trimmingCharacters(in: .newlines)
        },
        "headers": { s, n, ctx throws(ConfigError) in
            guard case let .table(t) = n.value else { throw ctx.error(n, "headers", "must be a table, e.g. { Authorization = \"...\" }") }
            var out: [SourceSettings.Header] = []
            for (k, v) in t.entries {
                let value = try ctx.string(v, "headers.\(k)")
                // RFC 9110 §5.1: a field name is a token.
                guard k.utf8.allSatisfy({ HeaderName.tokenBytes.contains($0) }) else {
                    throw ctx.error(v, "headers.\(k)", "'\(k)' is not a valid header name")
                }
                guard !k.isEmpty, !k.contains(":"), !k.contains(" "), !value.contains("\n"), !value.contains("\r") else {
                    throw ctx.error(v, "headers.\(k)", "invalid header")
                }
                out.append(.init(name: k, value: value))
            }
            s.headers = out
        },
        "headers_on_redirect": { s, n, ctx throws(ConfigError) in s.headersOnRedirect = try ctx.bool(n, "headers_on_redirect") },
        "identity": { s, n, ctx throws(ConfigError) in
            guard case let .array(elems) = n.value, !elems.isEmpty else {
                throw ctx.error(n, "identity", "must be a non-empty array such as [\"guid\", \"link\"]")
            }
            var rules: [IdentityRule] = []
            for e in elems {
                let raw = try ctx.string(e, "identity")
                guard let r = IdentityRule(rawValue: raw) else {
                    throw ctx.error(e, "identity", "'\(raw)' is not one of guid, link, title+published, content")
                }
                rules.append(r)
            }
            s.identity = rules
        },
    ]
}

/// Checks of a `proxy` value: libcurl would take almost any string and fail every poll later.
enum ProxyURL {
    static let schemes: Set<String> = ["http", "https", "socks4", "socks4a", "socks5", "socks5h"]

    /// Nil when `value` is a usable proxy URL, else what is wrong with it.
    static func problem(_ value: String) -> String? {
        let example = "must be a URL such as \"http://proxy.example:3128\" or \"socks5h://127.0.0.1:1080\""
        guard let c = URLComponents(string: value), let scheme = c.scheme?.lowercased() else { return "'\(value)' \(example)" }
        guard schemes.contains(scheme) else {
            return "'\(scheme)' is not a proxy scheme (use \(schemes.sorted().joined(separator: ", ")))"
        }
        guard let host = c.host, !host.isEmpty else { return "'\(value)' has no host; it \(example)" }
        return nil
    }
}

/// Header names as RFC 9110 §5.6.2 defines them (tokens).
enum HeaderName {
    static let tokenBytes = Set(Array("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8))
}
