import Foundation

/// How feedsync tells items apart (documented in README, "Item identity").
///
/// The key of an item is `SHA-256(source, rule, value)` (first 32 hex digits) for the first identity
/// rule that yields a value: by default the guid/id, else the canonical link, else the normalized
/// title with the published date, else a hash of the content. A guid used by several different
/// entries of one feed is disambiguated with the entry's canonical link (or its position).
public struct ItemIdentity: Sendable, Equatable {
    /// The per-source item key (stable across polls).
    public var key: String
    /// Which rule produced it, for `feedsync test` and logs.
    public var rule: IdentityRule
    public var linkCanonical: String?
    /// Normalized title + published date, for recognizing a re-keyed item.
    public var titleDate: String?
    /// Hash of what a reader sees (title, link, summary, content): a change is an update.
    public var contentHash: String

    /// Identities for every entry of one document, in order.
    public static func identities(for entries: [FeedEntry], source: String,
                                  rules: [IdentityRule]) -> [ItemIdentity] {
        let guids = entries.map { nonEmpty($0.id) }
        var guidCounts: [String: Int] = [:]
        for g in guids { if let g { guidCounts[g, default: 0] += 1 } }
        return entries.indices.map { index in
            let e = entries[index]
            let link = nonEmpty(e.link).flatMap(LinkCanonicalizer.canonical)
            let titleDate = titleDateKey(e)
            let content = contentHash(e)
            var chosen: (IdentityRule, String)?
            for rule in rules {
                switch rule {
                case .guid:
                    if let g = guids[index] {
                        chosen = (.guid, guidCounts[g, default: 0] > 1 ? g + "\u{1F}" + (link ?? "#\(index)") : g)
                    }
                case .link:
                    if let link { chosen = (.link, link) }
                case .titlePublished:
                    if let titleDate { chosen = (.titlePublished, titleDate) }
                case .content:
                    chosen = (.content, content)
                }
                if chosen != nil { break }
            }
            let (rule, value) = chosen ?? (.content, content)
            var hash = SHA256()
            hash.update(source)
            hash.update(byte: 0x1F)
            hash.update(rule.rawValue)
            hash.update(byte: 0x1F)
            hash.update(value)
            return ItemIdentity(key: hash.finalizeHex(prefix: 32), rule: rule, linkCanonical: link, titleDate: titleDate,
                                contentHash: content)
        }
    }

    /// Normalized title (case-folded, punctuation and extra spaces removed) + published date; nil
    /// without both, since a title alone ("Update") is too weak to identify an item.
    public static func titleDateKey(_ e: FeedEntry) -> String? {
        guard let title = nonEmpty(e.title), let date = e.published ?? e.updated else { return nil }
        let normalized = normalizedTitle(title)
        guard !normalized.isEmpty else { return nil }
        return normalized + "|" + String(date.seconds)
    }

    public static func contentHash(_ e: FeedEntry) -> String {
        var hash = SHA256()
        hash.update(e.title ?? "")
        hash.update(byte: 0x1F)
        hash.update(e.link ?? "")
        hash.update(byte: 0x1F)
        hash.update(e.summary ?? "")
        hash.update(byte: 0x1F)
        hash.update(e.content ?? "")
        return hash.finalizeHex(prefix: 16)
    }

    static func nonEmpty(_ s: String?) -> String? {
        guard let s else { return nil }
        let t = s.trimmedOfWhitespace()
        return t.isEmpty ? nil : t
    }
}

/// Character classes without Foundation's CharacterSet bridging cost.
enum CharacterSetLite {
    /// Letters, digits and spaces survive normalization; punctuation becomes nothing.
    static func isWordish(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII {
            let v = s.value
            return v == 0x20 || (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        if s.properties.isWhitespace { return false }
        return s.properties.isAlphabetic || s.properties.numericType != nil
    }
}
