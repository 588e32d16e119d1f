/// Fetches one URL. Implemented over libcurl multi by `FeedSyncHTTP`; the sync engine depends only
/// on this protocol.
///
/// Expected outcomes (a 304, an HTTP error status, a timeout) are values, never thrown.
public protocol Fetcher: Sendable {
    func fetch(_ request: FetchRequest) async -> FetchResult
}

/// What to fetch and how politely.
public struct FetchRequest: Sendable {
    /// The source this request is for (logs, per-source cookie jar).
    public var source: String
    /// `http`, `https` or `file` URL. Redirects may only lead to `http`/`https`.
    public var url: String
    /// Extra request headers, in order, exactly as configured.
    public var headers: [(String, String)]
    /// Validators exactly as the server last sent them (RFC 9110 §13.1): never our own clock.
    public var etag: String?
    public var lastModified: String?
    public var userAgent: String
    /// Total time allowed for the transfer, in seconds.
    public var timeout: Double
    public var connectTimeout: Double
    /// Largest body accepted, counted after content decoding.
    public var maxBody: Int
    public var maxRedirects: Int
    public var username: String?
    public var password: String?
    public var proxy: String?
    public var tlsVerify: Bool
    public var caFile: String?
    /// Refuse loopback, link-local, private and unique-local peers after DNS resolution.
    public var denyPrivate: Bool
    /// Path of a per-source cookie jar, or nil for no cookies.
    public var cookieJar: String?
    /// Minimum seconds between the starts of two requests to this request's host, across all
    /// sources; nil uses the fetcher's default. The larger of the two applies.
    public var hostDelay: Double?
    /// A transfer slower than `lowSpeedLimit` bytes/s for `lowSpeedTime` seconds is cut off
    /// (a server dribbling bytes), even before `timeout`.
    public var lowSpeedLimit: Int
    public var lowSpeedTime: Double

    public init(source: String, url: String, headers: [(String, String)] = [], etag: String? = nil,
                lastModified: String? = nil, userAgent: String = "feedsync/1.0", timeout: Double = 30,
                connectTimeout: Double = 10, maxBody: Int = 20 << 20, maxRedirects: Int = 5,
                username: String? = nil, password: String? = nil, proxy: String? = nil,
                tlsVerify: Bool = true, caFile: String? = nil, denyPrivate: Bool = false,
                cookieJar: String? = nil, hostDelay: Double? = nil, lowSpeedLimit: Int = 16,
                lowSpeedTime: Double = 20) {
        self.source = source; self.url = url; self.headers = headers; self.etag = etag
        self.lastModified = lastModified; self.userAgent = userAgent; self.timeout = timeout
        self.connectTimeout = connectTimeout; self.maxBody = maxBody; self.maxRedirects = maxRedirects
        self.username = username; self.password = password; self.proxy = proxy
        self.tlsVerify = tlsVerify; self.caFile = caFile; self.denyPrivate = denyPrivate
        self.cookieJar = cookieJar; self.hostDelay = hostDelay; self.lowSpeedLimit = lowSpeedLimit
        self.lowSpeedTime = lowSpeedTime
    }
}

/// One redirect hop seen while fetching.
public struct RedirectHop: Sendable, Equatable {
    public var status: Int
    public var from: String
    public var to: String
    public init(status: Int, from: String, to: String) { self.status = status; self.from = from; self.to = to }
}

/// A completed HTTP exchange (any status), or a read file.
public struct FetchResponse: Sendable {
    public var status: Int
    /// The URL the body came from, after redirects.
    public var effectiveURL: String
    /// Headers of the final response, names as sent; look up with `header(_:)`.
    public var headers: [(String, String)]
    /// Decoded body (content-encoding removed).
    public var body: [UInt8]
    public var redirects: [RedirectHop]
    /// Seconds from start to end of the transfer.
    public var duration: Double

    public init(status: Int, effectiveURL: String, headers: [(String, String)] = [], body: [UInt8] = [],
                redirects: [RedirectHop] = [], duration: Double = 0) {
        self.status = status; self.effectiveURL = effectiveURL; self.headers = headers; self.body = body
        self.redirects = redirects; self.duration = duration
    }

    /// The last value of a header, case-insensitive.
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.last { $0.0.lowercased() == lower }?.1
    }

    /// The URL this source should be polled at from now on: the target of a chain of permanent
    /// redirects (301/308) from the start, or nil when the first hop was not permanent.
    public var permanentRedirectTarget: String? {
        var target: String?
        for hop in redirects {
            guard hop.status == 301 || hop.status == 308 else { break }
            target = hop.to
        }
        return target
    }
}

/// Why a fetch produced no usable document.
public struct FetchFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The server answered with an error status (see `status`).
        case httpStatus
        case timeout
        case connect
        case dns
        case tls
        /// The body exceeded `max_body` (after decoding).
        case tooLarge
        case tooManyRedirects
        /// A scheme we refuse (e.g. a redirect to `file:`), or a private address under `deny_private`.
        case forbidden
        /// The awaiting task was cancelled; the transfer was stopped.
        case cancelled
        case other
    }

    public var kind: Kind
    public var message: String
    public var status: Int?
    /// Raw `Retry-After` value of a 429/503 response.
    public var retryAfter: String?
    public var headers: [(String, String)]

    public init(kind: Kind, message: String, status: Int? = nil, retryAfter: String? = nil,
                headers: [(String, String)] = []) {
        self.kind = kind; self.message = message; self.status = status; self.retryAfter = retryAfter
        self.headers = headers
    }

    public static func == (a: FetchFailure, b: FetchFailure) -> Bool {
        a.kind == b.kind && a.message == b.message && a.status == b.status && a.retryAfter == b.retryAfter
    }

    public var description: String { message }
}

/// The outcome of a fetch.
public enum FetchResult: Sendable {
    /// 2xx with a body.
    case fetched(FetchResponse)
    /// 304: the validators still hold; the response carries the headers (possibly new validators).
    case notModified(FetchResponse)
    case failed(FetchFailure)
}
