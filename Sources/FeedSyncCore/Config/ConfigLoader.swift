import Foundation

/// Reads a TOML configuration file into a `Config`, rejecting unknown keys, wrong types and bad
/// values with file:line and key.
public struct ConfigLoader: Sendable {
    /// Checks one `[source.select]` value (the key, e.g. `title` or `date_format`, and the value);
    /// returns an error message, or nil if valid. The parsing module provides it; the core cannot
    /// see libxml2.
    public var validateSelector: (@Sendable (_ key: String, _ value: String) -> String?)?

    public init(validateSelector: (@Sendable (_ key: String, _ value: String) -> String?)? = nil) {
        self.validateSelector = validateSelector
    }

    /// The default path: `$FEEDSYNC_CONFIG`, else `/etc/feedsync/feedsync.toml`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let p = environment["FEEDSYNC_CONFIG"], !p.isEmpty { return p }
        return "/etc/feedsync/feedsync.toml"
    }

    /// The longest source name: spool file names are `<16 digits>.<6 digits>.<name>.<16 hex>.json`
    /// (46 bytes besides the name), a mail client may append `:2,FLAGS`, and a file system allows
    /// 255 bytes per name (NAME_MAX). 128 leaves room for all of it.
    public static let maxNameLength = 128

    public func load(path: String) throws(ConfigError) -> Config {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw ConfigError(file: path, exists ? "cannot read the file (permissions?)" : "no such file")
        }
        let bytes = [UInt8](data)
        if String(validating: bytes, as: UTF8.self) == nil, let bad = UTF8Position.firstInvalid(bytes) {
            throw ConfigError(file: path, line: bad.line, "not valid UTF-8 (byte \(bad.column) of the line)")
        }
        return try load(text: String(decoding: bytes, as: UTF8.self), path: path)
    }

    /// Reads the whole file and throws every problem at once (see `ConfigError.others`).
    public func load(text: String, path: String) throws(ConfigError) -> Config {
        let (root, syntaxErrors) = TOMLParser.parseAll(text)
        var ctx = Context(file: path, baseDir: PathUtil.directory(of: path))
        for e in syntaxErrors { ctx.report(ConfigError(file: path, line: e.line, e.message)) }
        var config = Config(path: path)

        for (key, node) in root.entries where key != "source" {
            ctx.globalLines[key] = node.line
            do throws(ConfigError) {
                if let apply = Self.globalKeys[key] {
                    try apply(&config, node, &ctx)
                } else if let apply = SourceSettings.keys[key] {
                    try apply(&config.defaults, node, &ctx)
                } else {
                    throw ConfigError(file: path, line: node.line, key: key, "unknown key" + Self.suggestion(for: key))
                }
            } catch {
                ctx.report(error)
            }
        }
        checkIntervals(config.defaults, lines: ctx.globalLines, fallbackLine: nil, ctx: &ctx)
        if config.maildirFolders && config.spoolFormat != .maildir, let line = ctx.globalLines["maildir_folders"] {
            ctx.report(ConfigError(file: path, line: line, key: "maildir_folders", "needs spool_format = \"maildir\""))
        }

        if let sourcesNode = root["source"] {
            loadSources(sourcesNode, into: &config, ctx: &ctx)
        }
        guard var first = ctx.problems.first else { return config }
        // File order, so the output reads top to bottom; the sort is stable for one line.
        let sorted = ctx.problems.enumerated().sorted { ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset) }
        first = sorted[0].element
        first.others = sorted.dropFirst().map(\.element)
        throw first
    }

    private func loadSources(_ sourcesNode: TOMLNode, into config: inout Config, ctx: inout Context) {
        guard case let .array(elems) = sourcesNode.value else {
            ctx.report(ConfigError(file: ctx.file, line: sourcesNode.line, key: "source", "must be written as [[source]] tables"))
            return
        }
        var seen: [String: Int] = [:]
        seen.reserveCapacity(elems.count)
        // Sized once: grown by doubling, 50,000 sources of ~720 bytes held two buffers at the peak.
        config.sources.reserveCapacity(config.sources.count + elems.count)
        for elem in elems {
            guard case let .table(t) = elem.value else {
                ctx.report(ConfigError(file: ctx.file, line: elem.line, key: "source", "must be written as [[source]] tables"))
                continue
            }
            guard var source = loadSource(t, defaults: config.defaults, ctx: &ctx) else { continue }
            if let first = seen[source.name] {
                ctx.report(ConfigError(file: ctx.file, line: t.line, key: "name",
                                       "duplicate source name '\(source.name)' (first defined on line \(first))"))
                continue
            }
            seen[source.name] = t.line
            if source.settings.cookies {
                source.cookieJar = config.stateDir + "/cookies/" + source.name + ".txt"
            }
            config.sources.append(source)
        }
    }

    /// `min_interval <= max_interval`, reported on the line that set one of them (the source's own
    /// when it set one, else the global one).
    private func checkIntervals(_ s: SourceSettings, lines: [String: Int], fallbackLine: Int?, ctx: inout Context) {
        guard s.minInterval > s.maxInterval else { return }
        let key = lines["min_interval"] != nil ? "min_interval" : "max_interval"
        guard let line = lines[key] ?? fallbackLine else { return }
        ctx.report(ConfigError(file: ctx.file, line: line, key: key,
                               "min_interval (\(DurationParser.format(s.minInterval))) is above max_interval (\(DurationParser.format(s.maxInterval)))"))
    }

    /// One `[[source]]`, or nil when it has problems (all of them reported).
    private func loadSource(_ t: TOMLTable, defaults: SourceSettings, ctx: inout Context) -> SourceConfig? {
        let before = ctx.problems.count
        var settings = defaults
        var name: String?
        var url: String?
        var type = SourceType.auto
        var select: SelectorSpec?
        var tags: [String] = []
        var lines: [String: Int] = [:]
        for (key, node) in t.entries {
            lines[key] = node.line
            do throws(ConfigError) {
                switch key {
                case "name":
                    name = try Self.validName(try ctx.string(node, key), node: node, ctx: ctx)
                case "url":
                    url = try resolveURL(try ctx.string(node, key), node: node, ctx: ctx)
                case "type":
                    let s = try ctx.string(node, key)
                    guard let v = SourceType(rawValue: s) else {
                        throw ctx.error(node, key, "must be one of \(SourceType.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    type = v
                case "select":
                    select = try loadSelect(node, ctx: &ctx)
                case "tags":
                    tags = try Self.loadTags(node, ctx: ctx)
                default:
                    if let apply = SourceSettings.keys[key] {
                        try apply(&settings, node, &ctx)
                    } else if Self.globalKeys[key] != nil {
                        throw ctx.error(node, key, "is a global setting (process-wide); it cannot be set per source")
                    } else {
                        throw ctx.error(node, key, "unknown key in [[source]]" + Self.suggestion(for: key))
                    }
                }
            } catch {
                ctx.report(error)
            }
        }
        let shown = name.map { "source '\($0)'" } ?? "this source"
        if name == nil && lines["name"] == nil {
            ctx.report(ConfigError(file: ctx.file, line: t.line, key: "name", "every [[source]] needs a name"))
        }
        if url == nil && lines["url"] == nil {
            ctx.report(ConfigError(file: ctx.file, line: t.line, key: "url", "\(shown) needs a url"))
        }
        if select != nil && type != .html && type != .auto {
            ctx.report(ConfigError(file: ctx.file, line: lines["select"] ?? t.line, key: "select", "\(shown): selectors need type = \"html\""))
        }
        if lines["min_interval"] != nil || lines["max_interval"] != nil {
            checkIntervals(settings, lines: lines, fallbackLine: t.line, ctx: &ctx)
        }
        guard ctx.problems.count == before, let name, let url else { return nil }
        var source = SourceConfig(name: name, url: url, type: select != nil ? .html : type, select: select,
                                  settings: settings, line: t.line)
        source.tags = tags
        return source
    }

    /// A name the spool, the state and file systems can all hold (see `maxNameLength`).
    static func validName(_ n: String, node: TOMLNode, ctx: Context) throws(ConfigError) -> String {
        guard !n.isEmpty, n.utf8.allSatisfy({ nameChars.contains($0) }), n.first != ".", n.first != "-" else {
            throw ctx.error(node, "name", "'\(n)' is not a valid name (use a-z, 0-9, '.', '_', '-'; start with a letter or digit)")
        }
        guard n.utf8.count <= maxNameLength else {
            throw ctx.error(node, "name", "is \(n.utf8.count) characters long; at most \(maxNameLength) fit in spool file names")
        }
        return n
    }

    /// `tags = ["news", "local"]`: non-empty one-line strings without commas (OPML's separator).
    static func loadTags(_ node: TOMLNode, ctx: Context) throws(ConfigError) -> [String] {
        guard case let .array(elems) = node.value else { throw ctx.error(node, "tags", "must be an array of strings, e.g. [\"news\"]") }
        var out: [String] = []
        for e in elems {
            let tag = try ctx.string(e, "tags")
            guard !tag.isEmpty, tag.count <= 64, !tag.contains(","), !tag.contains(where: \.isNewline) else {
                throw ctx.error(e, "tags", "a tag is 1 to 64 characters on one line, without commas")
            }
            if !out.contains(tag) { out.append(tag) }
        }
        return out
    }

    private func loadSelect(_ node: TOMLNode, ctx: inout Context) throws(ConfigError) -> SelectorSpec {
        guard case let .table(t) = node.value else { throw ctx.error(node, "select", "must be a table ([source.select])") }
        var fields: [String: String] = [:]
        for (key, n) in t.entries {
            let allowed = ["item", "title", "link", "date", "date_format", "summary", "author", "id"]
            guard allowed.contains(key) else {
                throw ctx.error(n, "select.\(key)", "unknown selector key (expected one of \(allowed.joined(separator: ", ")))")
            }
            let v = try ctx.string(n, "select.\(key)")
            if let validateSelector {
                // Thousands of sources of one site share their selectors: each is compiled once.
                let memo = key + "\u{0}" + v
                let problem: String?
                if let known = ctx.selectorVerdicts[memo] {
                    problem = known
                } else {
                    problem = validateSelector(key, v)
                    ctx.selectorVerdicts[memo] = problem
                }
                if let problem { throw ctx.error(n, "select.\(key)", problem) }
            }
            fields[key] = v
        }
        guard let item = fields["item"] else { throw ctx.error(node, "select.item", "selectors need an item selector") }
        return SelectorSpec(item: item, title: fields["title"], link: fields["link"], date: fields["date"],
                            dateFormat: fields["date_format"], summary: fields["summary"],
                            author: fields["author"], id: fields["id"])
    }

    private func resolveURL(_ raw: String, node: TOMLNode, ctx: Context) throws(ConfigError) -> String {
        let lower = raw.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            guard let u = URLComponents(string: raw), let host = u.host, !host.isEmpty else {
                throw ctx.error(node, "url", "'\(raw)' is not a valid URL")
            }
            return raw
        }
        if lower.hasPrefix("file:") {
            // file:///abs/path, or file:relative/path resolved against the config file's directory.
            var path = String(raw.dropFirst(5))
            if path.hasPrefix("//") { path = String(path.dropFirst(2)); if !path.hasPrefix("/") { path = "/" + path } }
            if !path.hasPrefix("/") { path = ctx.resolvePath(path) }
            return "file://" + (path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path)
        }
        throw ctx.error(node, "url", "'\(raw)' must be an http, https or file URL")
    }

    static let nameChars = Set(Array("abcdefghijklmnopqrstuvwxyz0123456789._-".utf8))

    static func suggestion(for key: String) -> String {
        let all = Array(globalKeys.keys) + Array(SourceSettings.keys.keys) + ["name", "url", "type", "select", "tags", "source"]
        let close = all.filter { editDistance($0, key) <= 2 }.sorted()
        return close.isEmpty ? "" : " (did you mean '\(close[0])'?)"
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var prev = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var cur = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            prev = cur
        }
        return prev[b.count]
    }
}
