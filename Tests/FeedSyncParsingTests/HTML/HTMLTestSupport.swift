@testable import FeedSyncParsing
import FeedSyncCore
import Foundation

/// Fixtures and small helpers shared by the HTML suites.
enum HTMLTestSupport {
    /// Strings from the seed page (and its kind) that must never appear in any item.
    static let boilerplate = [
        "Try Our AI Features", "DOWNLOAD THE APP", "Download the App", "No comments yet", "Explore what Daily8 AI",
        "app-store", "play-store", "Share on Facebook", "Share on X", "Sign up for our newsletter",
        "We use cookies", "Most read", "Privacy", "Orange background",
    ]

    /// The bytes of `Fixtures/HTML/name`, found from this file's path (no bundle lookup needed).
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/HTML/\(name)")
        return Array(try Data(contentsOf: url))
    }

    static func parse(_ name: String, url: String? = nil, contentType: String? = nil,
                      type: SourceType = .auto, select: SelectorSpec? = nil) throws -> FeedDocument {
        try HTMLSourceParser.parse(try fixture(name), request: ParseRequest(url: url, contentType: contentType,
                                                                            type: type, select: select))
    }

    /// The ids of the elements a selector matches in `html`, in document order.
    static func ids(matching selector: String, in html: String) throws -> [String] {
        let compiled = try HTMLSelector(selector)
        guard let tree = XMLTree.parseHTML(Array(html.utf8), url: nil, encoding: "utf-8") else { return [] }
        return tree.select(compiled.xpath, from: tree.documentNode).compactMap { node in
            node.isAttribute ? node.textContent : node.attribute("id")
        }
    }

    /// Every string field of every entry, for "never appears" checks.
    static func allText(_ doc: FeedDocument) -> String {
        doc.entries.flatMap { e in
            [e.title, e.link, e.id, e.summary, e.content, e.text, e.author?.name].compactMap { $0 }
        }.joined(separator: "\n")
    }
}
