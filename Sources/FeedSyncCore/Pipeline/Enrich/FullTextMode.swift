/// `full_text`: whether new items are delivered with the main content of their linked article.
public enum FullTextMode: String, Sendable, Equatable {
    /// Deliver what the feed carries (the default).
    case off
    /// Fetch every new item's article.
    case always
    /// Fetch the article when the feed carries only a short summary.
    case auto

    /// Below this many characters of text (whitespace collapsed) a feed's content counts as a
    /// summary under `auto`: a teaser paragraph, not the story.
    public static let summaryLimit = 500

    /// Whether an item whose feed text is `text` should be delivered with its article.
    public func wants(text: String?) -> Bool {
        switch self {
        case .off: return false
        case .always: return true
        case .auto: return Self.isShort(text ?? "")
        }
    }

    /// Whether `text` has fewer than `summaryLimit` characters once runs of whitespace count as
    /// one; stops counting at the limit, so a long article costs no more than a short one.
    static func isShort(_ text: String) -> Bool {
        var count = 0
        var inSpace = true
        for ch in text {
            if ch.isWhitespace {
                if !inSpace { count += 1; inSpace = true }
            } else {
                count += 1; inSpace = false
            }
            if count > summaryLimit { return false }
        }
        // A trailing run of whitespace was counted as a separator it does not separate.
        if inSpace && count > 0 { count -= 1 }
        return count < summaryLimit
    }
}
