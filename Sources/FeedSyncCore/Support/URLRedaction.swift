/// Removes credentials from URLs before they reach a log line, an error message or `status`.
/// Works on a URL or on a message that contains one.
public enum URLRedaction {
    /// `https://user:secret@host/x` -> `https://host/x`; anything without user-info is unchanged.
    public static func redact(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let authorityStart = scheme.upperBound
        let rest = url[authorityStart...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? url.endIndex
        guard let at = url[authorityStart..<authorityEnd].lastIndex(of: "@") else { return url }
        return String(url[..<authorityStart]) + String(url[url.index(after: at)...])
    }
}
