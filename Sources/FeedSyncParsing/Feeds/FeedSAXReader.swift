import CLibXML2

/// Streams a UTF-8 document through libxml2's SAX2 push parser into a `FeedBuilder`, in 64 KB
/// chunks (libxml2 rejects a single chunk over 10 MB, and chunks keep memory flat for any size).
///
/// Stops at the first well-formedness error: the caller then rebuilds the document with the
/// recovering tree parser. Entities are substituted by libxml2 with its expansion limits
/// (`XML_PARSE_NOENT` + the refusing entity loader: no XXE, no billion laughs).
final class FeedSAXReader {
    /// The longest text one element may collect; beyond it the parse stops (a bounded result for
    /// a hostile 100 MB text node). libxml2's own tree builder refuses text nodes over 10 MB.
    static let maxElementText = 10 * 1024 * 1024
    static let chunkSize = 64 * 1024

    let builder: FeedBuilder
    /// Time and cancellation: looked at every few hundred callbacks and between chunks.
    let budget: ParseBudget?
    private let names = FeedNameTable()
    private(set) var errors: [String] = []
    private(set) var stoppedForSize = false
    private var ctxt: xmlParserCtxtPtr?
    private var attributeScratch: FeedBuilder.Attributes = []

    init(builder: FeedBuilder, budget: ParseBudget? = nil) { self.builder = builder; self.budget = budget }

    /// Parses `bytes`; returns true if the document was well-formed (namespaces included).
    func parse(_ bytes: UnsafeBufferPointer<UInt8>, url: String?) -> Bool {
        LibXML.initialize()
        var sax = xmlSAXHandler()
        xmlSAXVersion(&sax, 2)
        sax.startElementNs = { ctx, local, prefix, uri, nbNs, namespaces, nbAttrs, _, attrs in
            FeedSAXReader.with(ctx) { $0.startElement(local, prefix, uri, nbNs, namespaces, nbAttrs, attrs) }
        }
        sax.endElementNs = { ctx, local, prefix, uri in
            FeedSAXReader.with(ctx) { $0.endElement(local, prefix, uri) }
        }
        sax.characters = { ctx, ch, len in FeedSAXReader.with(ctx) { $0.characters(ch, len) } }
        sax.cdataBlock = { ctx, ch, len in FeedSAXReader.with(ctx) { $0.characters(ch, len) } }
        sax.ignorableWhitespace = { ctx, ch, len in FeedSAXReader.with(ctx) { $0.characters(ch, len) } }
        sax.comment = nil
        sax.processingInstruction = nil
        sax.serror = { userData, error in
            guard let userData, let error else { return }
            let ctxt = userData.assumingMemoryBound(to: xmlParserCtxt.self)
            guard let priv = ctxt.pointee._private else { return }
            let reader = Unmanaged<FeedSAXReader>.fromOpaque(priv).takeUnretainedValue()
            reader.record(error)
        }
        guard let ctxt = xmlCreatePushParserCtxt(&sax, nil, nil, 0, url) else { return false }
        self.ctxt = ctxt
        defer {
            if let doc = ctxt.pointee.myDoc { xmlFreeDoc(doc) }
            ctxt.pointee.myDoc = nil
            ctxt.pointee._private = nil
            xmlFreeParserCtxt(ctxt)
            self.ctxt = nil
        }
        ctxt.pointee._private = Unmanaged.passUnretained(self).toOpaque()
        FeedSAXReader.push(bytes, to: ctxt, budget: budget)
        guard bytes.baseAddress != nil else { return false }
        return ctxt.pointee.wellFormed != 0 && ctxt.pointee.nsWellFormed != 0 && !stoppedForSize
            && errors.isEmpty
    }

    /// Sets the options and the encoding, then feeds `bytes` in chunks until the end, the first
    /// well-formedness error, or a stop.
    private static func push(_ bytes: UnsafeBufferPointer<UInt8>, to ctxt: xmlParserCtxtPtr, budget: ParseBudget? = nil) {
        _ = xmlCtxtUseOptions(ctxt, LibXML.safeXMLOptions | Int32(XML_PARSE_IGNORE_ENC.rawValue))
        _ = xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8)
        guard let base = bytes.baseAddress else {
            _ = xmlParseChunk(ctxt, nil, 0, 1)
            return
        }
        var offset = 0
        repeat {
            let n = min(chunkSize, bytes.count - offset)
            let last = offset + n >= bytes.count
            let rc = base.advanced(by: offset).withMemoryRebound(to: CChar.self, capacity: n) {
                xmlParseChunk(ctxt, $0, Int32(n), last ? 1 : 0)
            }
            offset += n
            if rc != 0 || ctxt.pointee.wellFormed == 0 || ctxt.pointee.disableSAX != 0 { break }
            if let budget, budget.stopsNow() != nil { break }
        } while offset < bytes.count
    }

    /// Nanoseconds libxml2 alone takes to parse `bytes` as `parse` does (same options, same
    /// chunks) with no callbacks: the baseline `parse --stats` reports beside the model.
    static func timeBareParse(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        LibXML.initialize()
        var sax = xmlSAXHandler()
        xmlSAXVersion(&sax, 2)
        sax.startElementNs = nil
        sax.endElementNs = nil
        sax.characters = nil
        sax.cdataBlock = nil
        sax.ignorableWhitespace = nil
        sax.comment = nil
        sax.processingInstruction = nil
        sax.serror = { _, _ in }
        let t0 = ParseTimings.now()
        guard let ctxt = xmlCreatePushParserCtxt(&sax, nil, nil, 0, nil) else { return 0 }
        defer {
            if let doc = ctxt.pointee.myDoc { xmlFreeDoc(doc) }
            xmlFreeParserCtxt(ctxt)
        }
        push(bytes, to: ctxt)
        return ParseTimings.now() - t0
    }

    /// Runs `body` on the reader a callback's parser context belongs to. The reader outlives the
    /// parse (it owns the context), so no reference counting is needed per callback.
    @inline(__always)
    private static func with(_ ctx: UnsafeMutableRawPointer?, _ body: (FeedSAXReader) -> Void) {
        guard let ctx else { return }
        let ctxt = ctx.assumingMemoryBound(to: xmlParserCtxt.self)
        guard let priv = ctxt.pointee._private else { return }
        Unmanaged<FeedSAXReader>.fromOpaque(priv)._withUnsafeGuaranteedRef(body)
    }

    private func record(_ error: UnsafePointer<xmlError>) {
        // Warnings (an external DTD not loaded, say) do not make a document malformed.
        guard error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        if errors.count < 5 {
            let msg = error.pointee.message.map { String(cString: $0) } ?? "error"
            errors.append("line \(error.pointee.line): \(msg.trimmingASCIIWhitespace())")
        }
    }

    private func startElement(_ local: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?,
                              _ uri: UnsafePointer<xmlChar>?, _ nbNs: Int32,
                              _ namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
                              _ nbAttrs: Int32, _ attrs: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        if let budget, budget.tick() { stopForBudget(); return }
        if let namespaces {
            for i in 0..<Int(nbNs) {
                let p = namespaces[2 * i].map { String(cString: $0) }
                let u = namespaces[2 * i + 1].map { String(cString: $0) } ?? ""
                builder.declareNamespace(prefix: p, uri: u)
            }
        }
        // The array is reused from element to element (taken out and put back, so that it stays
        // uniquely referenced): no allocation per element with attributes.
        var attributes: FeedBuilder.Attributes = []
        swap(&attributes, &attributeScratch)
        defer {
            if !attributes.isEmpty { attributes.removeAll(keepingCapacity: true) }
            swap(&attributes, &attributeScratch)
        }
        if let attrs, nbAttrs > 0 {
            attributes.reserveCapacity(Int(nbAttrs))
            for i in 0..<Int(nbAttrs) {
                let base = 5 * i
                let (name, qualified) = names.attribute(uri: attrs[base + 2], prefix: attrs[base + 1], local: attrs[base])
                var value = ""
                if let start = attrs[base + 3], let end = attrs[base + 4] {
                    value = String(checkedUTF8: UnsafeBufferPointer(start: start, count: end - start))
                }
                attributes.set(name, value)
                if let qualified { attributes.set(qualified, value) }
            }
        }
        let element = names.element(uri: uri, prefix: prefix, local: local)
        builder.startElement(element, attributes: attributes)
    }

    /// Stops libxml2 at once; `parse` then reports the document as not well-formed and the
    /// caller reads the budget's reason.
    private func stopForBudget() {
        if let ctxt { xmlStopParser(ctxt) }
    }

    private func endElement(_ local: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?,
                            _ uri: UnsafePointer<xmlChar>?) {
        let element = names.element(uri: uri, prefix: prefix, local: local)
        builder.endElement(element)
    }

    private func characters(_ ch: UnsafePointer<xmlChar>?, _ len: Int32) {
        guard let ch, len > 0 else { return }
        if let budget, budget.tick() { stopForBudget(); return }
        if builder.openTextCount + Int(len) > FeedSAXReader.maxElementText {
            stoppedForSize = true
            errors.append("an element's text exceeds \(FeedSAXReader.maxElementText / 1_048_576) MB; parsing stopped")
            if let ctxt { xmlStopParser(ctxt) }
            return
        }
        builder.characters(UnsafeBufferPointer(start: ch, count: Int(len)))
    }
}
