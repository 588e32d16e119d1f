import FeedSyncCore

/// Parses RSS 0.9x/1.0/2.0, Atom 0.3/1.0, CDF, JSON Feed and HTML (selectors) into the neutral model.
///
/// Pipeline: charset detection and conversion to UTF-8 (`CharsetDetector`); JSON Feed or HTML
/// pages are handed to their parsers; HTML entities and stray `&` repaired (`EntityRepair`); then
/// a streaming SAX2 parse into `FeedBuilder`, or, if the document is not well-formed, libxml2's
/// recovering tree parser replayed into a fresh builder (`bozo`).
public struct FeedParser: FeedParsing {
    /// Documents larger than this are not re-parsed into a recovered tree when malformed (a tree
    /// costs about ten times the document): what the streaming pass read is kept.
    public static let maxRecoverBytes = 32 * 1024 * 1024

    /// Limits per document against hostile input (attributes per element, bytes per start tag,
    /// time); a document over them is refused with a `ParseError` that names the limit.
    public var limits: ParseLimits

    public init(limits: ParseLimits = ParseLimits()) { self.limits = limits }

    public func parse(_ body: [UInt8], request: ParseRequest) throws(ParseError) -> FeedDocument {
        try parse(body, request: request, timings: nil)
    }

    /// `parse`, accumulating where the time went into `timings`.
    public func parse(_ body: [UInt8], request: ParseRequest, timings: ParseTimings?) throws(ParseError) -> FeedDocument {
        try parse(body, request: request, timings: timings, onEntry: nil)
    }

    /// Parses a feed handing each entry to `onEntry` as soon as it is complete, instead of
    /// collecting entries in the result (`entries` comes back empty): memory stays at the size of
    /// the document plus one entry, however many entries it has. A malformed document is not
    /// re-read by the recovering parser in this mode (its entries have already been handed out):
    /// what was read before the error is kept, and the result is `bozo`. JSON Feeds and HTML pages
    /// are parsed whole and their entries handed out at the end.
    public func parse(_ body: [UInt8], request: ParseRequest, timings: ParseTimings? = nil,
                      onEntry: ((FeedEntry) -> Void)?) throws(ParseError) -> FeedDocument {
        let budget = ParseBudget(limits)
        guard let onEntry else { return try parseDocument(body, request: request, timings: timings, sink: nil, budget: budget) }
        var doc = try parseDocument(body, request: request, timings: timings, sink: onEntry, budget: budget)
        for entry in doc.entries { onEntry(entry) }
        doc.entries = []
        return doc
    }

    /// `validateFirst`: check the body's encoding and repair its references before parsing.
    /// Without it, a body expected to be UTF-8 goes straight to libxml2 (which checks UTF-8 as it
    /// reads), a body without a DOCTYPE is not repaired first, and only a failed parse leads to
    /// a second, careful one.
    private func parseDocument(_ body: [UInt8], request: ParseRequest, timings: ParseTimings?,
                               sink: ((FeedEntry) -> Void)?, budget: ParseBudget,
                               validateFirst: Bool = false) throws(ParseError) -> FeedDocument {
        if request.type == .html {
            timings?.delegated += 1
            try refuseOverLimits(body[...], html: true)
            return try HTMLSourceParser.parse(body, request: request)
        }
        var t0 = timings == nil ? 0 : ParseTimings.now()
        let detector = CharsetDetector(body, contentType: request.contentType)
        if request.type == .jsonfeed || (request.type == .auto && detector.isJSON) {
            timings?.delegated += 1
            return try JSONFeedParser.parse(body, detector: detector, request: request)
        }
        if request.type == .auto && DocumentSniffer.looksLikeHTMLPage(body, mediaType: detector.mediaType) {
            timings?.delegated += 1
            try refuseOverLimits(body[...], html: true)
            if request.expectsFeed {
                throw ParseError(FeedParser.unexpectedPageMessage(body, contentType: request.contentType))
            }
            return try HTMLSourceParser.parse(body, request: request)
        }
        var problems: [String] = []
        var encoding = ""
        var text: [UInt8]
        var start: Int
        // Streamed entries cannot be taken back: a streaming parse validates first.
        let optimistic = !validateFirst && sink == nil
        if optimistic, let expected = detector.expectedUTF8 {
            text = body
            start = expected.start
            encoding = expected.encoding
            if let p = expected.problem { problems.append(p) }
        } else if let decoded = detector.decode(body) {
            text = decoded.bytes
            start = decoded.start
            encoding = decoded.encoding
            if let p = decoded.problem { problems.append(p) }
        } else {
            // Nothing fits: read it as UTF-8 with replacement characters.
            text = Array(String(decoding: body[detector.bomLength...], as: UTF8.self).utf8)
            start = 0
            problems.append("document encoding unknown")
        }
        if let timings { let t = ParseTimings.now(); timings.charset += t - t0; t0 = t }
        var repair = EntityRepair()
        // A document without a DOCTYPE that needs repair is not well-formed (libxml2 refuses every
        // reference XML does not define), so it can be parsed as it is and repaired only if the
        // parse fails. With a DOCTYPE, XML makes an undefined entity a validity problem, which a
        // parser may only warn about (libxml2 2.9 reports it as an error): repair first.
        let repairsFirst = !optimistic
            || text.withUnsafeBufferPointer { DocumentSniffer.mayHaveDoctype(UnsafeBufferPointer(rebasing: $0[start...])) }
        if repairsFirst, let repaired = text.withUnsafeBufferPointer({ repair.repair(UnsafeBufferPointer(rebasing: $0[start...])) }) {
            text = repaired
            start = 0
            problems.append("undefined entity or bare & (\(repair.repairs) repaired)")
        }
        try refuseOverLimits(text[start...], html: false)
        if let timings { let t = ParseTimings.now(); timings.entityRepair += t - t0; t0 = t }
        let base = FeedParser.baseURI(request)
        var builder = FeedBuilder(baseURI: base, language: request.contentLanguage)
        builder.timings = timings
        builder.entrySink = sink
        let reader = FeedSAXReader(builder: builder, budget: budget)
        let wellFormed = text.withUnsafeBufferPointer { reader.parse(UnsafeBufferPointer(rebasing: $0[start...]), url: nil) }
        if let timings {
            timings.xml += ParseTimings.now() - t0
            timings.libxml2Alone += text.withUnsafeBufferPointer {
                FeedSAXReader.timeBareParse(UnsafeBufferPointer(rebasing: $0[start...]))
            }
            t0 = ParseTimings.now()
        }
        if let stop = budget.stop { throw ParseError(stop.message) }
        if !wellFormed && optimistic {
            // A parse stopped for size (an element's text too long) read what came before the
            // stop as a careful parse would (had anything there needed repair, libxml2 would
            // have refused it first), and a careful parse would stop at the same place: only the
            // encoding is left to confirm.
            let stoppedAsCarefulWould = reader.stoppedForSize && (detector.expectedUTF8 == nil
                || body.withUnsafeBufferPointer { UTF8Validator.isValid(UnsafeBufferPointer(rebasing: $0[detector.bomLength...])) })
            if !stoppedAsCarefulWould {
                // Not UTF-8 after all, or in need of repair, or malformed: start again the careful
                // way (encoding checked, references repaired, then the parse and its recovery).
                return try parseDocument(body, request: request, timings: timings, sink: sink, budget: budget,
                                         validateFirst: true)
            }
        }
        if !wellFormed {
            problems.append(reader.errors.first ?? "not well-formed")
            if !reader.stoppedForSize && sink == nil && text.count - start <= FeedParser.maxRecoverBytes {
                let tree = text.withUnsafeBufferPointer { XMLTree.recoverUTF8(UnsafeBufferPointer(rebasing: $0[start...]), url: nil) }
                if let stop = budget.stopsNow() { throw ParseError(stop.message) }
                if let tree, tree.root != nil {
                    builder = FeedBuilder(baseURI: base, language: request.contentLanguage)
                    builder.timings = timings
                    FeedTreeWalker(builder: builder, budget: budget).walk(tree)
                    if let stop = budget.stop { throw ParseError(stop.message) }
                }
            }
            if let timings { let t = ParseTimings.now(); timings.recover += t - t0; t0 = t }
        }
        problems.append(contentsOf: builder.problems)
        if builder.rootName == nil { problems.insert("no root element: empty or not an XML document", at: 0) }
        var doc = builder.document(encoding: encoding)
        if let timings { timings.xml += ParseTimings.now() - t0 }
        if repair.netscapeDoctype { doc.version = "rss091n" }
        if doc.version.isEmpty && builder.rootName == "channel" { doc.version = "cdf" }
        doc.bozo = !problems.isEmpty
        doc.bozoReason = problems.first
        return doc
    }

    /// Throws when a start tag in `bytes` is over `limits` (see `StartTagScanner`).
    private func refuseOverLimits(_ bytes: ArraySlice<UInt8>, html: Bool) throws(ParseError) {
        let refusal = bytes.withUnsafeBufferPointer { StartTagScanner.check($0, limits: limits, html: html) }
        if let refusal { throw ParseError(refusal) }
    }

    /// What to say when a feed URL answered with an HTML page: what kind of page it is (a bot
    /// challenge, a login wall, a parked domain), else its title.
    static func unexpectedPageMessage(_ body: [UInt8], contentType: String?) -> String {
        let encoding = CharsetSniffer.sniff(body, contentType: contentType).encoding
        guard let tree = XMLTree.parseHTML(body, url: nil, encoding: encoding) else {
            return "expected a feed, got an HTML page"
        }
        if let blocked = BlockedPageClassifier.classify(tree) {
            return "expected a feed, got an HTML page: \(blocked.description)"
        }
        if let title = tree.pageTitle {
            return "expected a feed, got an HTML page (\"\(title.prefix(120))\")"
        }
        return "expected a feed, got an HTML page"
    }

    /// The document's base URI: Content-Location resolved against the URL, when it is safe.
    static func baseURI(_ request: ParseRequest) -> String {
        let href = request.url ?? ""
        let location = request.contentLocation ?? ""
        let joined = URLResolver.safeAbsolute(href, location)
        if !joined.isEmpty { return joined }
        let alone = URLResolver.safeAbsolute(location, nil)
        return alone.isEmpty ? href : alone
    }
}
