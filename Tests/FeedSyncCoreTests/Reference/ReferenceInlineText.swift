@testable import FeedSyncCore

// Reference for the differential tests: `InlineText` as it was before the core moved to UTF-8 bytes.
// Its `Character` rules are kept unchanged in production as the general path
// (`InlineText+Characters.swift`), so the reference calls them there; `escape` is the old one.
enum ReferenceInlineText {
    static func plain(_ html: String) -> String { InlineText.plainByCharacters(html) }

    static func collapse(_ s: String) -> String { InlineText.collapseByCharacters(s) }

    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }
}
