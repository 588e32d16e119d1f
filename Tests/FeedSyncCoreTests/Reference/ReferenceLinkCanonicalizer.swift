import Foundation
@testable import FeedSyncCore

// Reference for the differential tests: `LinkCanonicalizer` as it was before the core moved to UTF-8
// bytes: Foundation's trimming, then the rules on `Character`s. Those rules are kept unchanged in
// production as the general path (`LinkCanonicalizer+Characters.swift`, non-ASCII links), so the
// reference calls them there rather than holding a second copy.
enum ReferenceLinkCanonicalizer {
    static func canonical(_ link: String) -> String? {
        LinkCanonicalizer.canonicalByCharacters(link.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
