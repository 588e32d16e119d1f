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

    public func load(path: String) throws(ConfigError) -> Config {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw ConfigError(file: path, exists ? "cannot read the file (permissions?)" : "no such file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, "not valid UTF-8")
        }
        return try load(text: text, path: path)
    }

    public func load(text: String, path: String) throws(ConfigError) -> Config {
        let root: TOMLTable
        do { root = try TOMLParser.parse(text) } catch {
            throw ConfigError(file: path, line: error.line, error.message)
        }
        var ctx = Context(file: path, baseDir: PathUtil.directory(of: path))
        var config = Config(path: path)

        for (key, node) in root.entries where key != "source" {
            if let apply = Self.globalKeys[key] {
                try apply(&config, node, &ctx)
            } else if let apply = SourceSettings.keys[key] {
                try apply(&config.defaults, node, &ctx)
            } else {
                throw ConfigError(file: path, line: node.line, key: key, "unknown key" + Self.suggestion(for: key))
            }
        }

        if let sourcesNode = root["source"] {
            guard case let .array(elems) = sourcesNode.value else {
                throw ConfigError(file: path, line: sourcesNode.line, key: "source", "must be written as [[source]] tables")
            }
            var seen: [String: Int] = [:]
            for elem in elems {
                guard case let .table(t) = elem.value else {
                    throw ConfigError(file: path, line: elem.line, key: "source", "must be written as [[source]] tables")
                }
                var source = try loadSource(t, defaults: config.defaults, ctx: &ctx)
                if source.settings.cookies {
                    source.cookieJar = config.stateDir + "/cookies/" + source.name + ".txt"
                }
                if let first = seen[source.name] {
                    throw ConfigError(file: path, line: t.line, key: "name",
                                      "duplicate source name '\(source.name)' (first defined on line \(first))")
                }
                seen[source.name] = t.line
                config.sources.append(source)
            }
        }
        return config
    }

    private func loadSource(_ t: TOMLTable, defaults: SourceSettings, ctx: inout Context) throws(ConfigError) -> SourceConfig {
        var settings = defaults
        var name: String?
        var url: String?
        var type = SourceType.auto
        var select: SelectorSpec?
        for (key, node) in t.entries {
            switch key {
            case "name":
                let n = try ctx.string(node, key)
                guard !n.isEmpty, n.utf8.allSatisfy({ Self.nameChars.contains($0) }), n.first != ".", n.first != "-" else {
                    throw ctx.error(node, key, "'\(n)' is not a valid name (use a-z, 0-9, '.', '_', '-'; start with a letter or digit)")
                }
                name = n
            case "url":
                url = try resolveURL(try ctx.string(node, key), node: node, ctx: ctx)
            case "type":
                let s = try ctx.string(node, key)
                guard let v = SourceType(rawValue: s) else {
                    throw ctx.error(node, key, "must be one of \(SourceType.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                type = v
            case "select":
                select = try loadSelect(node, ctx: ctx)
            default:
                if let apply = SourceSettings.keys[key] {
                    try apply(&settings, node, &ctx)
                } else if Self.globalKeys[key] != nil {
                    throw ctx.error(node, key, "is a global setting (process-wide); it cannot be set per source")
                } else {
                    throw ctx.error(node, key, "unknown key in [[source]]" + Self.suggestion(for: key))
                }
            }
        }
        guard let name else { throw ConfigError(file: ctx.file, line: t.line, key: "name", "every [[source]] needs a name") }
        guard let url else { throw ConfigError(file: ctx.file, line: t.line, key: "url", "source '\(name)' needs a url") }
        if select != nil && type != .html && type != .auto {
            throw ConfigError(file: ctx.file, line: t.line, key: "select", "source '\(name)': selectors need type = \"html\"")
        }
        return SourceConfig(name: name, url: url, type: select != nil ? .html : type, select: select,
                            settings: settings, line: t.line)
    }

    private func loadSelect(_ node: TOMLNode, ctx: Context) throws(ConfigError) -> SelectorSpec {
        guard case let .table(t) = node.value else { throw ctx.error(node, "select", "must be a table ([source.select])") }
        var fields: [String: String] = [:]
        for (key, n) in t.entries {
            let allowed = ["item", "title", "link", "date", "date_format", "summary", "author", "id"]
            guard allowed.contains(key) else {
                throw ctx.error(n, "select.\(key)", "unknown selector key (expected one of \(allowed.joined(separator: ", ")))")
            }
            let v = try ctx.string(n, "select.\(key)")
            if let validateSelector, let problem = validateSelector(key, v) {
                throw ctx.error(n, "select.\(key)", problem)
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
        let all = Array(globalKeys.keys) + Array(SourceSettings.keys.keys) + ["name", "url", "type", "select", "source"]
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

/// Shared state and typed accessors while loading one file.
struct Context {
    var file: String
    var baseDir: String

    func error(_ node: TOMLNode, _ key: String, _ message: String) -> ConfigError {
        ConfigError(file: file, line: node.line, key: key, message)
    }

    func string(_ node: TOMLNode, _ key: String) throws(ConfigError) -> String {
        guard case let .string(s) = node.value else { throw error(node, key, "must be a string, not a \(node.value.typeName)") }
        return s
    }

    func bool(_ node: TOMLNode, _ key: String) throws(ConfigError) -> Bool {
        guard case let .bool(b) = node.value else { throw error(node, key, "must be true or false, not a \(node.value.typeName)") }
        return b
    }

    func positiveInt(_ node: TOMLNode, _ key: String) throws(ConfigError) -> Int {
        guard case let .integer(i) = node.value, i > 0, i <= 100_000 else {
            throw error(node, key, "must be a whole number from 1 to 100000")
        }
        return Int(i)
    }

    func duration(_ node: TOMLNode, _ key: String, allowZero: Bool = false) throws(ConfigError) -> Double {
        let seconds: Double?
        switch node.value {
        case let .string(s): seconds = DurationParser.seconds(s)
        case let .integer(i): seconds = i >= 0 ? Double(i) : nil
        default: seconds = nil
        }
        guard let seconds, allowZero || seconds > 0 else {
            throw error(node, key, "must be a duration such as \"30s\", \"15m\", \"2h\", \"1d\"\(allowZero ? "" : " (above zero)")")
        }
        return seconds
    }

    func size(_ node: TOMLNode, _ key: String) throws(ConfigError) -> Int {
        let bytes: Int?
        switch node.value {
        case let .string(s): bytes = SizeParser.bytes(s)
        case let .integer(i): bytes = i > 0 ? Int(i) : nil
        default: bytes = nil
        }
        guard let bytes, bytes > 0 else { throw error(node, key, "must be a size such as \"512KB\", \"20MB\", \"1GB\"") }
        return bytes
    }

    /// A path relative to the config file's directory, made absolute.
    func resolvePath(_ p: String) -> String {
        if p.hasPrefix("/") { return PathUtil.normalize(p) }
        var base = baseDir
        if !base.hasPrefix("/") { base = FileManager.default.currentDirectoryPath + "/" + base }
        return PathUtil.normalize(base + "/" + p)
    }

    func path(_ node: TOMLNode, _ key: String) throws(ConfigError) -> String {
        let s = try string(node, key)
        guard !s.isEmpty else { throw error(node, key, "must not be empty") }
        return resolvePath(s)
    }
}
