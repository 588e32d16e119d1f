import FeedSyncCore
import Testing

/// The state document of `feedsync state export|import`: every record survives the writer and the
/// parser unchanged, and every kind of bad document is refused with its line and cause.
@Suite struct StateDocumentTests {
    static let header = StateDocumentHeader(feedsyncVersion: "1.2.3", store: "sqlite", schema: 5, exported: Timestamp(seconds: 1_767_225_600))

    /// A source with every field set to something other than its default.
    static var fullSource: SourceState {
        var s = SourceState(name: "news \"quoted\" \u{1}")
        s.etag = "W/\"abc\""; s.lastModified = "Tue, 01 Dec 2026 10:00:00 GMT"; s.validatorsURL = "https://example.org/feed"
        s.movedTo = "https://example.org/new"; s.movedFrom = "https://example.org/feed"; s.movedReason = "permanent redirect"
        s.lastAttempt = Timestamp(seconds: 10); s.lastSuccess = Timestamp(seconds: 9); s.lastStatus = "error"
        s.lastError = "HTTP 503\nretry"; s.lastHTTPStatus = 503; s.consecutiveFailures = 3
        s.nextDue = Timestamp(seconds: 20); s.retryAfterUntil = Timestamp(seconds: 21); s.backoffUntil = Timestamp(seconds: 22)
        s.disabledReason = "gone"; s.disabledAt = Timestamp(seconds: -5); s.disabledFingerprint = "f00d"
        s.itemsDelivered = 1 << 40; s.itemsFiltered = 7; s.feedLength = 30; s.polls = 100; s.notModified = 60
        s.lastDuration = 0.125; s.feedTitle = "Nouvelles — été"; s.feedLink = "https://example.org/"; s.documentVersion = "rss20"
        return s
    }

    static var records: [StateRecord] {
        [
            .source(fullSource),
            .source(SourceState(name: "bare")),
            .item(source: "news", item: KnownItem(key: "guid:1", linkCanonical: "https://example.org/1", titleDate: "t|2026-12-01",
                                                  contentHash: "h1", firstSeen: Timestamp(seconds: 1), lastSeen: Timestamp(seconds: 2),
                                                  file: "1767225600.000001.news.json"), revision: 4),
            .item(source: "news", item: KnownItem(key: "guid:2", linkCanonical: nil, titleDate: nil, contentHash: "h2",
                                                  firstSeen: Timestamp(seconds: 3), lastSeen: Timestamp(seconds: 3), file: nil), revision: 0),
            .fingerprint(DuplicateRecord(id: "guid:1", source: "news", fingerprint: UInt64.max - 1, time: Timestamp(seconds: 5))),
            .fingerprint(DuplicateRecord(id: "guid:9", source: "news", fingerprint: 1, time: Timestamp(seconds: 6))),
            .pageText(source: "page", key: "page:https://example.org/", text: "line one\nline \"two\"\t\u{7F}"),
            .boilerplate(source: "page", line: BoilerplateLine(hash: "ab12", firstItem: "cd34", items: 2, occurrences: 9,
                                                               lastSeen: Timestamp(seconds: 8))),
            .spoolName("1767225600.000002.news.json"),
        ]
    }

    static func document(_ records: [StateRecord] = records) -> [String] {
        var writer = StateDocumentWriter()
        return [writer.header(header)] + records.map { writer.line($0) } + [writer.end()]
    }

    /// Parses whole lines (each ending in "\n", as written), then checks the end.
    static func parse(_ lines: [String]) throws(StateDocumentError) -> (StateDocumentHeader?, [StateRecord]) {
        var parser = StateDocumentParser()
        var out: [StateRecord] = []
        for line in lines {
            if let r = try parser.parse(line.utf8.dropLast()) { out.append(r) }
        }
        try parser.finish()
        return (parser.header, out)
    }

    static func error(_ lines: [String]) -> StateDocumentError? {
        do { _ = try parse(lines); return nil } catch { return error }
    }

    @Test func everyRecordSurvivesWritingAndReading() throws {
        let (header, records) = try Self.parse(Self.document())
        #expect(header == Self.header)
        #expect(records == Self.records)
    }

    @Test func eachLineIsOneJSONObjectEndingInANewline() {
        let lines = Self.document()
        #expect(lines.allSatisfy { $0.hasSuffix("}\n") && $0.dropLast().firstIndex(of: "\n") == nil })
        #expect(lines[0].hasPrefix("{\"format\":\"feedsync-state\",\"version\":1,"))
        #expect(lines.last == "{\"type\":\"end\",\"records\":\(Self.records.count)}\n")
    }

    @Test func fingerprintsAreSixteenHexDigits() {
        let line = Self.document([.fingerprint(DuplicateRecord(id: "i", source: "s", fingerprint: 255, time: Timestamp(seconds: 0)))])[1]
        #expect(line.contains("\"fingerprint\":\"00000000000000ff\""))
    }

    @Test func anotherFormatIsRefusedOnItsFirstLine() {
        let e = Self.error(["{\"format\":\"something-else\",\"version\":1}\n"])
        #expect(e?.line == 1)
        #expect(e?.message.contains("not a feedsync state document") == true)
    }

    @Test func aNewerVersionIsRefusedBeforeItsRecordsAreRead() {
        var lines = Self.document()
        lines[0] = lines[0].replacingOccurrences(of: "\"version\":1", with: "\"version\":2")
        lines[1] = "not json at all\n"
        let e = Self.error(lines)
        #expect(e?.line == 1)
        #expect(e?.message.contains("format version 2, newer than this feedsync reads (1)") == true)
    }

    /// Bad record lines, each put in place of the document's fourth line, and what is said about it.
    static let badLines: [(line: String, message: String)] = [
        (#"{"type":"item","#, "not valid JSON"),
        ("", "an empty line"),
        ("[1, 2]", "not a JSON object"),
        (#"{"source":"s"}"#, #""type" is missing"#),
        (#"{"type":"lease","name":"s"}"#, #"unknown record type "lease""#),
        (#"{"type":"item","source":"s","key":"k","first_seen":1,"last_seen":1}"#, #"item: "content_hash" is missing"#),
        (#"{"type":"item","source":"s","key":"k","content_hash":"h","first_seen":"1","last_seen":1}"#,
         #"item: "first_seen" is not an integer"#),
        (#"{"type":"item","source":"s","key":"k","content_hash":"h","first_seen":1.5,"last_seen":1}"#,
         #"item: "first_seen" is not an integer"#),
        (#"{"type":"item","source":7,"key":"k","content_hash":"h","first_seen":1,"last_seen":1}"#, #"item: "source" is not a string"#),
        (#"{"type":"source","name":"s","colour":"red"}"#, #"source: "colour" is not a field of a source record"#),
        (#"{"type":"fingerprint","source":"s","id":"i","fingerprint":"12345","time":1}"#,
         #"fingerprint: "fingerprint" is not 16 hex digits"#),
    ]

    @Test(arguments: badLines)
    func aBadLineIsRefusedWithItsNumberAndCause(_ bad: (line: String, message: String)) {
        var lines = Self.document()
        lines[3] = bad.line + "\n"
        #expect(Self.error(lines) == StateDocumentError(line: 4, bad.message))
    }

    @Test func aDocumentCutOffBeforeItsEndLineIsRefused() {
        let e = Self.error(Array(Self.document().dropLast()))
        #expect(e?.line == nil)
        #expect(e?.message.contains("without its \"end\" line") == true)
    }

    @Test func anEndLineWhoseCountDiffersIsRefused() {
        var lines = Self.document()
        lines.remove(at: 2)
        #expect(Self.error(lines)?.message.contains("counts \(Self.records.count) records, but \(Self.records.count - 1)") == true)
    }

    @Test func nothingMayFollowTheEndLine() {
        let lines = Self.document() + ["{\"type\":\"spool_name\",\"name\":\"x\"}\n"]
        #expect(Self.error(lines) == StateDocumentError(line: lines.count, "a line after the \"end\" line"))
    }

    @Test func anEmptyDocumentIsRefused() {
        #expect(Self.error([])?.message.contains("empty") == true)
    }
}
