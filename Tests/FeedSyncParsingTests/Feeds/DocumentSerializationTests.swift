import FeedSyncCore
import FeedSyncParsing
import Foundation
import Testing

/// `feedsync parse` writes a document entry by entry (`FeedDocument.writeJSON`); its JSON must be
/// the model's full serialization (`jsonValue`) for every kind of document: feeds, pages read with
/// selectors, item blocks, watched pages and pages that advertise a feed.
@Suite struct DocumentSerializationTests {
    /// Every fixture file, parsed as `feedsync parse` would.
    static func documents() throws -> [(String, FeedDocument)] {
        let dir = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let files = FileManager.default.enumerator(atPath: dir.path)?.compactMap { $0 as? String } ?? []
        var out: [(String, FeedDocument)] = []
        for name in files.sorted() where !name.hasSuffix(".json") || !name.contains(".expected") {
            let path = dir.path + "/" + name
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue,
                  let data = FileManager.default.contents(atPath: path) else { continue }
            let request = ParseRequest(url: "https://example.org/" + name)
            if let doc = try? FeedParser().parse(Array(data), request: request) { out.append((name, doc)) }
            if name.hasSuffix(".html") {
                let select = ParseRequest(url: "https://example.org/" + name, type: .html,
                                          select: SelectorSpec(item: "a", title: "a", link: "a@href"))
                if let doc = try? FeedParser().parse(Array(data), request: select) { out.append((name + " (selectors)", doc)) }
            }
        }
        return out
    }

    static func object(_ bytes: [UInt8]) throws -> NSDictionary {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? NSDictionary)
    }

    static func streamed(_ doc: FeedDocument, entriesFirst: Bool) -> [UInt8] {
        var out: [UInt8] = []
        doc.writeJSON(into: &out, entriesFirst: entriesFirst) { out in
            for (i, e) in doc.entries.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                e.jsonValue.write(into: &out)
            }
        }
        return out
    }

    @Test func everyFixtureStreamsToItsFullSerialization() throws {
        let docs = try Self.documents()
        let kinds = Set(docs.compactMap { $0.1.htmlExtraction })
        #expect(kinds == Set(HTMLExtraction.allCases), "the fixtures cover every kind of HTML reading")
        #expect(docs.contains { $0.1.htmlExtraction == nil && !$0.1.entries.isEmpty })
        for (name, doc) in docs {
            var whole: [UInt8] = []
            doc.jsonValue.write(into: &whole)
            let expected = try Self.object(whole)
            #expect(try Self.object(Self.streamed(doc, entriesFirst: false)) == expected, "\(name)")
            #expect(try Self.object(Self.streamed(doc, entriesFirst: true)) == expected, "\(name)")
            #expect(Self.streamed(doc, entriesFirst: false) == whole, "\(name): same bytes in the same order")
        }
    }
}
