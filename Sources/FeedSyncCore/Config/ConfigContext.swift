import Foundation

/// Shared state and typed accessors while loading one file.
struct Context {
    var file: String
    var baseDir: String
    /// Every problem found so far; loading goes on after each, so one run reports them all.
    var problems: [ConfigError] = []
    /// Line of each global key, for cross-key checks on values a source inherits.
    var globalLines: [String: Int] = [:]
    /// `validateSelector`'s answer per (key, selector), so a selector many sources share is compiled once.
    var selectorVerdicts: [String: String?] = [:]

    init(file: String, baseDir: String) {
        self.file = file
        self.baseDir = baseDir
    }

    func error(_ node: TOMLNode, _ key: String, _ message: String) -> ConfigError {
        ConfigError(file: file, line: node.line, key: key, message)
    }

    mutating func report(_ error: ConfigError) { problems.append(error) }

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

    /// A duration with a unit, above zero (or zero with `allowZero`), at most `DurationParser.maximum`.
    func duration(_ node: TOMLNode, _ key: String, allowZero: Bool = false) throws(ConfigError) -> Double {
        let example = "a duration with a unit such as \"30s\", \"15m\", \"2h\", \"1d\""
        let seconds: Double
        switch node.value {
        case let .string(s):
            guard let v = DurationParser.seconds(s) else {
                let bare = !s.isEmpty && s.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
                throw error(node, key, bare ? "'\(s)' needs a unit: write \"\(s)s\" or \"\(s)m\"" : "must be \(example)")
            }
            seconds = v
        case .integer(0) where allowZero:
            seconds = 0
        case let .integer(i):
            throw error(node, key, "\(i) needs a unit: write \"\(i)s\" or \"\(i)m\"")
        default:
            throw error(node, key, "must be \(example), not a \(node.value.typeName)")
        }
        guard allowZero || seconds > 0 else { throw error(node, key, "must be above zero") }
        guard seconds <= DurationParser.maximum else { throw error(node, key, "must be at most 3650d (10 years)") }
        return seconds
    }

    /// A size above zero, at most `SizeParser.maximum`.
    func size(_ node: TOMLNode, _ key: String) throws(ConfigError) -> Int {
        let bytes: Double?
        switch node.value {
        case let .string(s): bytes = SizeParser.byteCount(s)
        case let .integer(i): bytes = Double(i)
        default: bytes = nil
        }
        guard let bytes else { throw error(node, key, "must be a size such as \"512KB\", \"20MB\", \"1GB\"") }
        guard bytes > 0 else { throw error(node, key, "must be above zero") }
        guard bytes <= Double(SizeParser.maximum) else { throw error(node, key, "must be at most 1GB") }
        return Int(bytes)
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
        guard !s.utf8.contains(0) else { throw error(node, key, "must not contain NUL") }
        return resolvePath(s)
    }

    /// A directory that must exist now (where a file named by the config will be written).
    func existingDirectory(_ dir: String, _ node: TOMLNode, _ key: String) throws(ConfigError) {
        var st = stat()
        guard stat(dir.isEmpty ? "." : dir, &st) == 0 else {
            throw error(node, key, "directory '\(dir)': \(String(cString: strerror(errno)))")
        }
        guard (st.st_mode & S_IFMT) == S_IFDIR else { throw error(node, key, "'\(dir)' is not a directory") }
    }

    /// A path that must name a readable regular file now (`ca_file`, `password_file`): a typo is
    /// reported by `check`, not by every poll afterwards.
    func existingFile(_ node: TOMLNode, _ key: String) throws(ConfigError) -> String {
        let p = try path(node, key)
        var st = stat()
        guard stat(p, &st) == 0 else {
            throw error(node, key, "'\(p)': \(String(cString: strerror(errno)))")
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw error(node, key, "'\(p)' is not a regular file") }
        guard access(p, R_OK) == 0 else { throw error(node, key, "'\(p)' is not readable: \(String(cString: strerror(errno)))") }
        return p
    }
}
