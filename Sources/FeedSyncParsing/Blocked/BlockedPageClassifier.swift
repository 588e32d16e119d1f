import FeedSyncCore

/// What an HTML page that stands in for the content is: a wall in front of it, not the content.
public struct BlockedPage: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        /// A bot check: "Just a moment...", "Checking your browser", a captcha to solve.
        case botChallenge
        /// A sign-in form and little else.
        case loginWall
        /// A parked domain: "This domain is for sale".
        case parkedDomain
    }

    public var kind: Kind
    /// The page's `<title>`, or the phrase that gave it away when it has no title.
    public var evidence: String

    public init(kind: Kind, evidence: String) {
        self.kind = kind
        self.evidence = evidence
    }

    /// A short human description: `a bot challenge page ("Just a moment...")`.
    public var description: String {
        let what: String
        switch kind {
        case .botChallenge: what = "a bot challenge page"
        case .loginWall: what = "a login page"
        case .parkedDomain: what = "a parked domain page"
        }
        return evidence.isEmpty ? what : "\(what) (\"\(evidence)\")"
    }
}

/// Recognises pages that stand between a client and the content it asked for: bot challenges,
/// login walls and parked domains. Pure: page text in, classification out.
///
/// It goes by what such pages have in common, not by one vendor's bytes: a challenge page names
/// the check it runs ("checking your browser", "verify you are human", a captcha widget or a
/// challenge script), a login wall is a password form with little else, a parked domain offers the
/// domain for sale. All of them are short: a page with an article's worth of text that happens to
/// mention a captcha is not a wall.
public enum BlockedPageClassifier {
    /// Visible text longer than this is content, whatever else the page says.
    static let maxWallText = 2_500

    /// Classifies a parsed page: its `<title>`, its visible text, and its markup (scripts, forms
    /// and attributes, lower-cased), each as the caller extracted them.
    public static func classify(title: String?, visibleText: String, markup: String) -> BlockedPage? {
        let title = InlineText.collapse(title ?? "")
        let lowerTitle = title.lowercased()
        let text = InlineText.collapse(visibleText).lowercased()
        guard text.unicodeScalars.count <= maxWallText else { return nil }
        let markup = markup.lowercased()
        func evidence(_ phrase: String) -> String { title.isEmpty ? phrase : title }

        if let phrase = BlockedPageLexicon.challengeTitles.first(where: { lowerTitle.hasPrefix($0) })
            ?? BlockedPageLexicon.challengePhrases.first(where: { text.contains($0) || lowerTitle.contains($0) }) {
            return BlockedPage(kind: .botChallenge, evidence: evidence(phrase))
        }
        if let marker = BlockedPageLexicon.challengeMarkers.first(where: { markup.contains($0) }),
           text.unicodeScalars.count <= maxWallText / 2 {
            return BlockedPage(kind: .botChallenge, evidence: evidence(marker))
        }
        if let phrase = BlockedPageLexicon.parkedPhrases.first(where: { text.contains($0) || lowerTitle.contains($0) })
            ?? BlockedPageLexicon.parkingMarkers.first(where: { markup.contains($0) }) {
            return BlockedPage(kind: .parkedDomain, evidence: evidence(phrase))
        }
        if markup.contains("type=\"password\"") || markup.contains("type='password'") || markup.contains("type=password"),
           let phrase = BlockedPageLexicon.loginPhrases.first(where: { lowerTitle.contains($0) || text.contains($0) }),
           text.unicodeScalars.count <= maxWallText / 2 {
            return BlockedPage(kind: .loginWall, evidence: evidence(phrase))
        }
        return nil
    }
}
