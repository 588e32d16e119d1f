/// Resolves relative URI references the way feed readers have done it for twenty years.
///
/// The algorithm is RFC 3986 §5.2 as implemented by Python's `urllib.parse.urljoin`, which is what
/// the conformance corpus was recorded with: schemes that are not hierarchical (`mailto:`, `tag:`)
/// are never joined, and `..` above the root is dropped. `safeAbsolute` additionally refuses
/// results whose scheme is not on an allowlist, so `javascript:` can never become a link.
public enum URLResolver {
    /// Schemes a link in a feed may use (anything else resolves to the empty string).
    static let acceptableSchemes: Set<Substring> = [
        "file", "ftp", "gopher", "h323", "hdl", "http", "https", "imap", "magnet", "mailto", "mms",
        "news", "nntp", "prospero", "rsync", "rtsp", "rtspu", "sftp", "shttp", "sip", "sips", "snews",
        "svn", "svn+ssh", "telnet", "wais", "aim", "callto", "cvs", "facetime", "feed", "git", "gtalk",
        "irc", "ircs", "irc6", "itms", "msnim", "skype", "ssh", "smb", "ymsg",
    ]
    private static let usesRelative: Set<Substring> = [
        "", "ftp", "http", "gopher", "nntp", "imap", "wais", "file", "https", "shttp", "mms",
        "prospero", "rtsp", "rtspu", "sftp", "svn", "svn+ssh", "ws", "wss",
    ]
    private static let usesNetloc: Set<Substring> = [
        "", "ftp", "http", "gopher", "nntp", "telnet", "imap", "wais", "file", "mms", "https", "shttp",
        "snews", "prospero", "rtsp", "rtspu", "rsync", "svn", "svn+ssh", "sftp", "nfs", "git", "git+ssh",
        "ws", "wss",
    ]
    private static let usesParams: Set<Substring> = [
        "", "ftp", "hdl", "prospero", "http", "imap", "https", "shttp", "rtsp", "rtspu", "sip", "sips",
        "mms", "sftp", "tel",
    ]

    /// `reference` resolved against `base` (either may be empty). Extra slashes after `scheme://`
    /// are collapsed first, a common typo in feeds (`http:///example.org`).
    public static func join(_ base: String, _ reference: String) -> String {
        if isPlainHTTPURL(reference) { return reference }
        let ref = collapseAuthoritySlashes(reference)
        if base.isEmpty { return ref }
        if ref.isEmpty { return base }
        let b = URLParts(base, defaultScheme: "")
        var r = URLParts(ref, defaultScheme: b.scheme)
        if r.scheme != b.scheme || !usesRelative.contains(Substring(r.scheme)) { return ref }
        if usesNetloc.contains(Substring(r.scheme)) {
            if r.hasNetloc { return r.unparsed }
            r.netloc = b.netloc
            r.hasNetloc = b.hasNetloc
        }
        if r.path.isEmpty && r.params.isEmpty {
            r.path = b.path
            r.params = b.params
            if r.query.isEmpty { r.query = b.query }
            return r.unparsed
        }
        var baseParts = b.path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if let last = baseParts.last, !last.isEmpty { baseParts.removeLast() }
        var segments: [String]
        if r.path.hasPrefix("/") {
            segments = r.path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        } else {
            segments = baseParts + r.path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            if segments.count > 2 {
                // Empty inner segments would re-join as redundant slashes.
                let inner = segments[1..<(segments.count - 1)].filter { !$0.isEmpty }
                segments = [segments[0]] + inner + [segments[segments.count - 1]]
            }
        }
        var resolved: [String] = []
        for seg in segments {
            if seg == ".." {
                if !resolved.isEmpty { resolved.removeLast() }
            } else if seg != "." {
                resolved.append(seg)
            }
        }
        if let last = segments.last, last == "." || last == ".." { resolved.append("") }
        let joined = resolved.joined(separator: "/")
        r.path = joined.isEmpty ? "/" : joined
        return r.unparsed
    }

    /// `rel` resolved against `base`, or "" when the result's scheme is not acceptable.
    /// With no base, `rel` is returned as is; with no `rel`, `base` is checked alone.
    public static func safeAbsolute(_ base: String, _ rel: String?) -> String {
        if base.isEmpty { return rel ?? "" }
        guard let rel, !rel.isEmpty else {
            let scheme = URLParts(base, defaultScheme: "").scheme
            return scheme.isEmpty || acceptableSchemes.contains(Substring(scheme)) ? base : ""
        }
        if isPlainHTTPURL(rel) { return rel }
        let uri = join(base, rel)
        let trimmed = uri.trimmingASCIIWhitespace()
        let scheme = trimmed.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return acceptableSchemes.contains(scheme) ? uri : ""
    }

    /// Whether a URL (absolute or not) is safe to keep as a link target: no scheme, or an allowed one.
    public static func isSafe(_ url: String) -> Bool {
        let scheme = URLParts(url, defaultScheme: "").scheme
        return scheme.isEmpty || acceptableSchemes.contains(Substring(scheme))
    }

    /// An absolute `http:`/`https:` URL that joining would return unchanged: lower-case scheme,
    /// a host right after `//`, no parameters, no empty query or fragment, no tabs or newlines.
    /// (The common case, decided without splitting the URL.)
    static func isPlainHTTPURL(_ s: String) -> Bool {
        var s = s
        return s.withUTF8(isPlainHTTPURL)
    }

    static func isPlainHTTPURL(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        do {
            let n = u.count
            var i: Int
            if n > 8, u[0] == 0x68, u[1] == 0x74, u[2] == 0x74, u[3] == 0x70 {
                i = 4
                if u[i] == 0x73 { i += 1 }
                guard u[i] == 0x3A, u[i + 1] == 0x2F, u[i + 2] == 0x2F else { return false }
                i += 3
            } else {
                return false
            }
            guard i < n, u[i] != 0x2F else { return false }
            let last = u[n - 1]
            if last == 0x3F || last == 0x23 { return false }
            var previous: UInt8 = 0
            var inQuery = false
            // Eight bytes at a time while none is a control, a space, DEL or one of `;[]?#`:
            // the byte loop below would pass them all without changing its state.
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            func has(_ w: UInt64, _ b: UInt8) -> Bool {
                let x = w ^ (ones &* UInt64(b))
                return (x &- ones) & ~x & highs != 0
            }
            while i + 8 <= n {
                let w = UnsafeRawPointer(u.baseAddress! + i).loadUnaligned(as: UInt64.self)
                // A byte below 0x21 (the high bit of w excludes bytes >= 0x80, allowed here).
                if (w &- ones &* 0x21) & ~w & highs != 0 { break }
                if has(w, 0x7F) || has(w, 0x3B) || has(w, 0x5B) || has(w, 0x5D) || has(w, 0x3F) || has(w, 0x23) { break }
                previous = u[i + 7]
                i += 8
            }
            while i < n {
                let c = u[i]
                if c <= 0x20 || c == 0x7F || (c == 0x23 && previous == 0x3F) { return false }
                if !inQuery {
                    // Parameters (`;`) and IPv6 brackets only matter before the query.
                    if c == 0x3B || c == 0x5B || c == 0x5D { return false }
                    if c == 0x3F || c == 0x23 { inQuery = true }
                }
                previous = c
                i += 1
            }
            return true
        }
    }

    static func collapseAuthoritySlashes(_ s: String) -> String {
        // ^([A-Za-z][A-Za-z0-9+,.-]*://)/+  ->  the scheme and exactly two slashes
        let u = Array(s.utf8)
        guard let first = u.first, isAlpha(first) else { return s }
        var i = 1
        while i < u.count, isSchemeFixChar(u[i]) { i += 1 }
        guard i + 2 < u.count, u[i] == 0x3A, u[i + 1] == 0x2F, u[i + 2] == 0x2F else { return s }
        var j = i + 3
        while j < u.count, u[j] == 0x2F { j += 1 }
        if j == i + 3 { return s }
        return String(decoding: u[0..<(i + 3)] + u[j...], as: UTF8.self)
    }

    @inline(__always) static func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    private static func isSchemeFixChar(_ c: UInt8) -> Bool {
        isAlpha(c) || isDigit(c) || (c >= 0x2B && c <= 0x2E)
    }
    static func isSchemeChar(_ c: UInt8) -> Bool {
        isAlpha(c) || isDigit(c) || c == 0x2B || c == 0x2D || c == 0x2E
    }

    /// scheme://netloc/path;params?query#fragment, split as `urllib.parse.urlparse` does.
    struct URLParts {
        var scheme: String
        var netloc = ""
        var hasNetloc = false
        var path = ""
        var params = ""
        var query = ""
        var fragment = ""

        init(_ input: String, defaultScheme: String) {
            var url = Substring(input.trimmingLeadingC0ControlOrSpace())
            if url.contains(where: { $0 == "\t" || $0 == "\r" || $0 == "\n" }) {
                url = Substring(url.filter { $0 != "\t" && $0 != "\r" && $0 != "\n" })
            }
            scheme = defaultScheme
            if let colon = url.firstIndex(of: ":"), colon > url.startIndex {
                let candidate = url[url.startIndex..<colon]
                let bytes = Array(candidate.utf8)
                if isAlpha(bytes[0]) && bytes.allSatisfy(isSchemeChar) {
                    scheme = candidate.lowercased()
                    url = url[url.index(after: colon)...]
                }
            }
            if url.hasPrefix("//") {
                let rest = url.dropFirst(2)
                let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
                netloc = String(rest[rest.startIndex..<end])
                hasNetloc = true
                url = rest[end...]
            }
            if let hash = url.firstIndex(of: "#") {
                fragment = String(url[url.index(after: hash)...])
                url = url[url.startIndex..<hash]
            }
            if let q = url.firstIndex(of: "?") {
                query = String(url[url.index(after: q)...])
                url = url[url.startIndex..<q]
            }
            path = String(url)
            if URLResolver.usesParams.contains(Substring(scheme)), path.contains(";") {
                let searchFrom = path.lastIndex(of: "/") ?? path.startIndex
                if let semi = path[searchFrom...].firstIndex(of: ";") {
                    params = String(path[path.index(after: semi)...])
                    path = String(path[path.startIndex..<semi])
                }
            }
        }

        var unparsed: String {
            var url = path
            if !params.isEmpty { url += ";" + params }
            if !netloc.isEmpty || (!scheme.isEmpty && URLResolver.usesNetloc.contains(Substring(scheme))
                                   && !url.hasPrefix("//")) {
                if !url.isEmpty && !url.hasPrefix("/") { url = "/" + url }
                url = "//" + netloc + url
            }
            if !scheme.isEmpty { url = scheme + ":" + url }
            if !query.isEmpty { url += "?" + query }
            if !fragment.isEmpty { url += "#" + fragment }
            return url
        }
    }
}
