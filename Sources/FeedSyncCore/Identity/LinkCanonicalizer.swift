import Foundation

/// Canonical form of a link for matching items across cosmetic URL changes.
///
/// Two links that a reader would call "the same article" map to one string: the scheme is dropped
/// (an http -> https move is not news), the host is lower-cased and loses `www.`, default ports and
/// the fragment go, tracking parameters (`utm_*`, `fbclid`, `gclid`, ...) are removed and the rest of
/// the query is sorted. The result is for comparison only, never for fetching.
public enum LinkCanonicalizer {
    static let trackingParameters: Set<String> = [
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "mc_cid", "mc_eid", "igshid",
        "_hsenc", "_hsmi", "mkt_tok", "ref_src", "cmpid", "ncid", "sr_share", "spm", "__twitter_impression",
    ]

    public static func canonical(_ link: String) -> String? {
        var s = Substring(link.trimmingCharacters(in: .whitespacesAndNewlines))
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
