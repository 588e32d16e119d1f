import FeedSyncCore

/// The main content of an HTML page, boilerplate removed.
public struct ExtractedContent: Sendable, Equatable {
    public var title: String?
    public var byline: String?
    public var published: Timestamp?
    public var text: String
    /// Sanitized HTML of the main content.
    public var html: String
    public init(title: String? = nil, byline: String? = nil, published: Timestamp? = nil, text: String = "",
                html: String = "") {
        self.title = title; self.byline = byline; self.published = published; self.text = text; self.html = html
    }
}

/// Main-content extraction over libxml2's HTML parser.
public enum ContentExtractor {
    public static func extract(_ body: [UInt8], url: String?, contentType: String?) -> ExtractedContent {
        ExtractedContent()
    }
}
