import Foundation

/// Canonical form of a link for matching items across cosmetic URL changes.
///
/// Two links that a reader would call "the same article" map to one string: the scheme is dropped
/// (an http -> https move is not news), the host is lower-cased and loses `www.`, default ports and
/// the fragment go, tracking parameters (`utm_*`, `fbclid`, `gclid`, ...) are removed and the rest of
/// the query is sorted. The result is for comparison only, never for fetching.
///
/// ASCII links (nearly all: servers percent-encode) are canonicalized on bytes; a link with other
/// characters takes the `Character` path the rules were written on (`LinkCanonicalizer+Characters`).
/// Item keys depend on this output, so DifferentialTests hold both paths to the same bytes.
public enum LinkCanonicalizer {
    static let trackingParameters: Set<String> = [
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "mc_cid", "mc_eid", "igshid",
        "_hsenc", "_hsmi", "mkt_tok", "ref_src", "cmpid", "ncid", "sr_share", "spm", "__twitter_impression",
    ]

    public static func canonical(_ link: String) -> String? {
        let trimmed = link.trimmedOfWhitespace()
        guard !trimmed.isEmpty else { return nil }
        var t = trimmed
        // nil: not ASCII (the general path); .some(result) otherwise.
        let fast: String?? = t.withUTF8 { p -> String?? in UTF8Scan.isASCII(p) ? .some(canonicalASCII(p)) : .none }
        if let fast { return fast }
        return canonicalByCharacters(trimmed)
    }

    /// The rules on the bytes of an ASCII link (whose `Character`s are its bytes, but for CR LF,
    /// which holds no delimiter).
    private static func canonicalASCII(_ p: UnsafeBufferPointer<UInt8>) -> String? {
        let end = p.firstIndex(of: 0x23) ?? p.count // '#'
        guard let sep = find(p, "://", before: end) else {
            return String(decoding: UnsafeBufferPointer(rebasing: p[0..<end]), as: UTF8.self)
        }
        let scheme = lowercased(p[0..<sep])
        let authorityStart = sep + 3
        var authorityEnd = authorityStart
        while authorityEnd < end, p[authorityEnd] != 0x2F, p[authorityEnd] != 0x3F { authorityEnd += 1 }
        var host = lowercased(p[authorityStart..<authorityEnd])
        if let at = host.lastIndex(of: 0x40) { host.removeSubrange(...at) }
        if scheme == Array("http".utf8), host.suffix(3).elementsEqual(":80".utf8) {
            host.removeLast(3)
        } else if scheme == Array("https".utf8), host.suffix(4).elementsEqual(":443".utf8) {
            host.removeLast(4)
        }
        if host.prefix(4).elementsEqual("www.".utf8) { host.removeFirst(4) }
        var out: [UInt8] = Array("//".utf8) + host
        var pathEnd = authorityEnd
        while pathEnd < end, p[pathEnd] != 0x3F { pathEnd += 1 }
        if pathEnd == authorityEnd { out.append(0x2F) } else { out.append(contentsOf: p[authorityEnd..<pathEnd]) }
        // Query parameters: non-empty runs between '&', kept unless tracking, sorted by bytes (the
        // order of ASCII strings).
        var params: [ArraySlice<UInt8>] = []
        if pathEnd < end {
            let query = Array(p[(pathEnd + 1)..<end])
            for param in query.split(separator: 0x26) where keeps(param) { params.append(param) }
        }
        if !params.isEmpty {
            params.sort { $0.lexicographicallyPrecedes($1) }
            out.append(0x3F)
            for (i, param) in params.enumerated() {
                if i > 0 { out.append(0x26) }
                out.append(contentsOf: param)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether a query parameter stays: its name (the first non-empty run before or between `=`,
    /// lower-cased) is not empty, not `utm_*` and not a known tracking parameter.
    private static func keeps(_ param: ArraySlice<UInt8>) -> Bool {
        guard let rawName = param.split(separator: 0x3D, maxSplits: 1).first else { return false }
        let name = String(decoding: rawName.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
        return !name.isEmpty && !name.hasPrefix("utm_") && !trackingParameters.contains(name)
    }

    private static func lowercased(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> [UInt8] {
        bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
    }

    private static func find(_ p: UnsafeBufferPointer<UInt8>, _ needle: StaticString, before end: Int) -> Int? {
        let n = needle.utf8CodeUnitCount
        guard end >= n else { return nil }
        let needleStart = needle.utf8Start
        for i in 0...(end - n) {
            var matches = true
            for j in 0..<n where p[i + j] != needleStart[j] { matches = false; break }
            if matches { return i }
        }
        return nil
    }
}
