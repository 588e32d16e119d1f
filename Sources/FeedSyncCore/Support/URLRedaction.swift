/// Removes credentials from URLs before they reach a log line, an error message or `status`.
/// Works on a URL or on a message that contains one.
public enum URLRedaction {
    /// `https://user:secret@host/x` -> `https://host/x`; anything without user-info is unchanged.
    public static func redact(_ url: String) -> String {
        redactASCII(url) ?? redactCharacters(url)
    }

    /// `redact` on `Character`s: the definition, and the path of non-ASCII text.
    static func redactCharacters(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let authorityStart = scheme.upperBound
        let rest = url[authorityStart...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? url.endIndex
        guard let at = url[authorityStart..<authorityEnd].lastIndex(of: "@") else { return url }
        return String(url[..<authorityStart]) + String(url[url.index(after: at)...])
    }

    /// `redact` on the bytes of an ASCII URL (every `Character` one byte), or nil for any other.
    private static func redactASCII(_ url: String) -> String? {
        var url = url
        return url.withUTF8 { p -> String? in
            guard !p.contains(where: { $0 >= 0x80 }) else { return nil }
            var i = 0
            while i + 2 < p.count, !(p[i] == 0x3A && p[i + 1] == 0x2F && p[i + 2] == 0x2F) { i += 1 }
            guard i + 2 < p.count else { return String(decoding: p, as: UTF8.self) }
            let authorityStart = i + 3
            var at: Int?
            var j = authorityStart
            while j < p.count, p[j] != 0x2F, p[j] != 0x3F, p[j] != 0x23 {
                if p[j] == 0x40 { at = j }
                j += 1
            }
            guard let at else { return String(decoding: p, as: UTF8.self) }
            return String(decoding: UnsafeBufferPointer(rebasing: p[..<authorityStart]), as: UTF8.self)
                + String(decoding: UnsafeBufferPointer(rebasing: p[(at + 1)...]), as: UTF8.self)
        }
    }
}
