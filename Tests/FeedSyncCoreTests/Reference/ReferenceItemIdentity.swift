import Foundation
@testable import FeedSyncCore

// Reference implementation for the differential tests (DifferentialTests.swift): `ItemIdentity` as it
// was before the core moved to UTF-8 bytes (Foundation trimming, Character-based canonical links and
// title keys, the pure-Swift SHA-256), kept verbatim but for its names.
enum ReferenceItemIdentity {
    static func identities(for entries: [FeedEntry], source: String,
                           rules: [IdentityRule]) -> [ItemIdentity] {
        var guidCounts: [String: Int] = [:]
        for e in entries { if let g = nonEmpty(e.id) { guidCounts[g, default: 0] += 1 } }
        return entries.enumerated().map { index, e in
            let link = nonEmpty(e.link).flatMap(ReferenceLinkCanonicalizer.canonical)
            let titleDate = titleDateKey(e)
            var chosen: (IdentityRule, String)?
            for rule in rules {
                switch rule {
                case .guid:
                    if let g = nonEmpty(e.id) {
                        chosen = (.guid, guidCounts[g, default: 0] > 1 ? g + "\u{1F}" + (link ?? "#\(index)") : g)
                    }
                case .link:
                    if let link { chosen = (.link, link) }
                case .titlePublished:
                    if let titleDate { chosen = (.titlePublished, titleDate) }
                case .content:
                    chosen = (.content, contentHash(e))
                }
                if chosen != nil { break }
            }
            let (rule, value) = chosen ?? (.content, contentHash(e))
            let key = String(ReferenceSHA256.hex(source + "\u{1F}" + rule.rawValue + "\u{1F}" + value).prefix(32))
            return ItemIdentity(key: key, rule: rule, linkCanonical: link, titleDate: titleDate,
                                contentHash: contentHash(e))
        }
    }

    static func titleDateKey(_ e: FeedEntry) -> String? {
        guard let title = nonEmpty(e.title), let date = e.published ?? e.updated else { return nil }
        var folded = String.UnicodeScalarView()
        for s in title.lowercased().unicodeScalars {
            if s.properties.isWhitespace { folded.append(" ") } else if isWordish(s) { folded.append(s) }
        }
        let normalized = String(folded).split(separator: " ").joined(separator: " ")
        guard !normalized.isEmpty else { return nil }
        return normalized + "|" + String(date.seconds)
    }

    static func contentHash(_ e: FeedEntry) -> String {
        let parts = [e.title ?? "", e.link ?? "", e.summary ?? "", e.content ?? ""]
        return String(ReferenceSHA256.hex(parts.joined(separator: "\u{1F}")).prefix(16))
    }

    static func nonEmpty(_ s: String?) -> String? {
        guard let s else { return nil }
        let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
        return t.isEmpty ? nil : t
    }

    static func isWordish(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII {
            let v = s.value
            return v == 0x20 || (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        if s.properties.isWhitespace { return false }
        return s.properties.isAlphabetic || s.properties.numericType != nil
    }
}
