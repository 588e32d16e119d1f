import Foundation

/// The general path of `LinkCanonicalizer`: the rules on `Character`s, for links with non-ASCII
/// characters (an IRI pasted as is). Its output is the contract item keys were built on.
extension LinkCanonicalizer {
    static func canonicalByCharacters(_ trimmed: String) -> String? {
        var s = Substring(trimmed)
        guard !s.isEmpty else { return nil }
        if let hash = s.firstIndex(of: "#") { s = s[..<hash] }
        var scheme = ""
        if let r = s.range(of: "://") {
            scheme = s[..<r.lowerBound].lowercased()
            s = s[r.upperBound...]
        } else {
            return String(s)
        }
        let authorityEnd = s.firstIndex { $0 == "/" || $0 == "?" } ?? s.endIndex
        var host = s[..<authorityEnd].lowercased()
        if let at = host.lastIndex(of: "@") { host = String(host[host.index(after: at)...]) }
        if (scheme == "http" && host.hasSuffix(":80")) || (scheme == "https" && host.hasSuffix(":443")) {
            host = String(host.dropLast(scheme == "http" ? 3 : 4))
        }
        if host.hasPrefix("www.") { host = String(host.dropFirst(4)) }
        let rest = s[authorityEnd...]
        var path = rest
        var query = Substring("")
        if let q = rest.firstIndex(of: "?") {
            path = rest[..<q]
            query = rest[rest.index(after: q)...]
        }
        var out = "//" + host + (path.isEmpty ? "/" : String(path))
        let params = query.split(separator: "&").filter { p in
            let name = (p.split(separator: "=", maxSplits: 1).first.map(String.init) ?? "").lowercased()
            return !name.isEmpty && !name.hasPrefix("utm_") && !trackingParameters.contains(name)
        }.sorted()
        if !params.isEmpty { out += "?" + params.joined(separator: "&") }
        return out
    }
}
