/// The resolved configuration: global settings and every source with its overrides applied.
public struct Config: Sendable {
    /// The file it was read from (for messages); empty for built-in defaults.
    public var path: String
    public var stateDir: String
    /// `state`: a `postgresql://` URL of a state shared by several nodes; nil keeps the state in
    /// SQLite under `state_dir`.
    public var stateURL: String?
    /// `state_password_file`'s contents: the database password (never logged).
    public var statePassword: String?
    /// With a shared `state`: how long a node's claim on a source lasts without renewal (a dead
    /// node's sources are taken over after it), in seconds.
    public var leaseTime: Double = 60
    public var spoolDir: String
    public var spoolFormat: SpoolFormat
    /// `maildir_folders`: file each Maildir item into a Maildir++ folder named by its first tag.
    public var maildirFolders = false
    /// `[consume]`: defaults for `feedsync consume --config`.
    public var consume: ConsumeSection?
    /// Transfers in flight overall.
    public var concurrency: Int
    /// Transfers in flight per host.
    public var perHost: Int
    /// Minimum gap between request starts to one host, in seconds.
    public var hostDelay: Double
    /// Prometheus text file written after every cycle, for node_exporter's textfile collector.
    public var metricsFile: String?
    /// How long `run` waits for in-flight work on SIGTERM, in seconds.
    public var shutdownTimeout: Double
    /// How long fingerprints of delivered items are kept for cross-source duplicate detection.
    public var duplicateWindow: Double
    /// Settings every source starts from (the global values of overridable keys).
    public var defaults: SourceSettings
    public var sources: [SourceConfig]

    public init(path: String = "", stateDir: String = "/var/lib/feedsync", spoolDir: String = "/var/spool/feedsync",
                spoolFormat: SpoolFormat = .json, concurrency: Int = 64, perHost: Int = 2, hostDelay: Double = 0,
                metricsFile: String? = nil, shutdownTimeout: Double = 10, duplicateWindow: Double = 3 * 86_400,
                defaults: SourceSettings = SourceSettings(), sources: [SourceConfig] = []) {
        self.path = path; self.stateDir = stateDir; self.spoolDir = spoolDir; self.spoolFormat = spoolFormat
        self.concurrency = concurrency; self.perHost = perHost; self.hostDelay = hostDelay
        self.metricsFile = metricsFile; self.shutdownTimeout = shutdownTimeout
        self.duplicateWindow = duplicateWindow; self.defaults = defaults; self.sources = sources
    }

    public func source(named name: String) -> SourceConfig? { sources.first { $0.name == name } }
}

/// One `[[source]]`.
public struct SourceConfig: Sendable, Equatable {
    /// Unique, `[a-z0-9._-]+`: used in spool file names, state and logs.
    public var name: String
    public var url: String
    public var type: SourceType
    public var select: SelectorSpec?
    public var settings: SourceSettings
    /// Line of the `[[source]]` header.
    public var line: Int
    /// With `cookies = true`: the source's cookie jar file (`state_dir/cookies/NAME.txt`).
    public var cookieJar: String?
    /// `tags = [...]`: carried in every item of the source (`tags` in the item JSON), shown by
    /// `status`, written to OPML as `category` (and read back from it).
    public var tags: [String] = []

    public init(name: String, url: String, type: SourceType = .auto, select: SelectorSpec? = nil,
                settings: SourceSettings = SourceSettings(), line: Int = 0) {
        self.name = name; self.url = url; self.type = type; self.select = select
        self.settings = settings; self.line = line
    }

    /// A digest of what defines what and how this source is fetched (URL, type, selectors, headers,
    /// credentials): a change re-enables a source disabled by 410 Gone and lifts its backoff.
    public var fingerprint: String {
        var parts = [name, url, type.rawValue, settings.username ?? "", settings.password ?? "", settings.proxy ?? ""]
        parts += settings.headers.map { $0.name + ":" + $0.value }
        if let s = select { parts += [s.item, s.title ?? "", s.link ?? "", s.date ?? "", s.summary ?? "", s.id ?? ""] }
        return SHA256.hex(Array(parts.joined(separator: "\u{1F}").utf8)).prefix(16).description
    }
}

/// Keys that exist globally and may be overridden per source.
public struct SourceSettings: Sendable, Equatable {
    public var userAgent = "feedsync/\(FeedSyncVersion.string) (+https://github.com/feedsync/feedsync)"
    /// Poll interval in seconds; with `adaptiveInterval` the starting point of the adaptation.
    public var interval: Double = 1800
    /// `interval = "auto"`: adapt to how often the source publishes.
    public var adaptiveInterval = false
    public var minInterval: Double = 300
    public var maxInterval: Double = 86_400
    public var timeout: Double = 30
    public var connectTimeout: Double = 10
    public var maxBody = 20 << 20
    public var initial: InitialPolicy = .all
    public var duplicates: DuplicatePolicy = .mark
    public var onUpdate: UpdatePolicy = .ignore
    /// How long delivered keys are remembered (never fewer than the last 3 feed lengths).
    public var retention: Double = 180 * 86_400
    public var respectCacheHints = true
    public var maxRetryAfter: Double = 2 * 86_400
    public var denyPrivate = false
    public var tlsVerify = true
    public var caFile: String?
    public var proxy: String?
    public var cookies = false
    public var username: String?
    /// From `password` or `password_file`; never logged.
    public var password: String?
    public var headers: [Header] = []
    /// `headers_on_redirect = true`: send `headers` after a redirect to another origin too. Off by
    /// default: an API key configured for one server must not reach whatever it redirects to.
    public var headersOnRedirect = false
    public var identity: [IdentityRule] = [.guid, .link, .titlePublished, .content]
    /// At most this many items delivered per poll: the newest; the rest are recorded as seen.
    public var maxItems = 1000
    /// `[[filter]]` rules: the global ones, then the source's own.
    public var filters: [FilterRule] = []
    /// `full_text`: deliver new items with their linked article's main content.
    public var fullText: FullTextMode = .off

    public init() {}

    /// A request header as configured.
    public struct Header: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(name: String, value: String) { self.name = name; self.value = value }
    }
}

/// The program version.
public enum FeedSyncVersion {
    public static let string = "0.1.0"
}

/// Configuration problems, located as precisely as possible. The loader reports every problem it
/// finds in one go: the fields describe the first, `others` the rest, in file order.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var key: String?
    public var message: String
    /// Further problems found in the same file.
    public var others: [ConfigError] = []

    public init(file: String, line: Int? = nil, key: String? = nil, _ message: String) {
        self.file = file; self.line = line; self.key = key; self.message = message
    }

    /// Every problem, the first included, each without `others`.
    public var all: [ConfigError] {
        var first = self
        first.others = []
        return [first] + others
    }

    /// `file:line: key: message`, the shape editors and humans both read; one line per problem.
    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        s += ": "
        if let key { s += "\(key): " }
        s += message
        for other in others { s += "\n" + other.description }
        return s
    }
}
