import CLibXML2
import Foundation

/// Owns one libxml2 document (`xmlDocPtr`), freed in `deinit`. Nodes handed out by it are valid only
/// while the tree is alive; keep the tree in scope while you use them.
final class XMLTree {
    let doc: xmlDocPtr
    /// Problems libxml2 reported while parsing (first few), for `bozo` reasons and logs.
    let errors: [String]

    private init(doc: xmlDocPtr, errors: [String]) {
        self.doc = doc
        self.errors = errors
    }

    deinit { xmlFreeDoc(doc) }

    var root: XMLNode? { xmlDocGetRootElement(doc).map(XMLNode.init) }

    /// Parses XML with the safe options; `recover` rebuilds broken documents (bozo).
    /// `encoding` overrides the document's own declaration (an IANA name libxml2 knows).
    static func parseXML(_ bytes: [UInt8], url: String?, encoding: String?, recover: Bool) -> XMLTree? {
        LibXML.initialize()
        let options = recover ? LibXML.recoverXMLOptions : LibXML.safeXMLOptions
        return bytes.withUnsafeBufferPointer { buf in
            // An empty document has no buffer to point at (and is no document).
            guard let base = buf.baseAddress, buf.count > 0, buf.count < Int(Int32.max) else { return nil }
            return base.withMemoryRebound(to: CChar.self, capacity: buf.count) { p in
                parseXML(pointer: p, count: buf.count, url: url, encoding: encoding, options: options,
                         requireWellFormed: !recover)
            }
        }
    }

    /// Parses `count` bytes at `pointer` with explicit libxml2 options (the buffer is not copied).
    /// With `requireWellFormed`, a malformed document gives nil; otherwise the recovered tree,
    /// whose `errors` say what was wrong.
    static func parseXML(pointer: UnsafePointer<CChar>, count: Int, url: String?, encoding: String?,
                         options: Int32, requireWellFormed: Bool = false) -> XMLTree? {
        let collector = ErrorCollector()
        guard let ctxt = xmlNewParserCtxt() else { return nil }
        defer { xmlFreeParserCtxt(ctxt) }
        let box = Unmanaged.passRetained(collector)
        defer { box.release() }
        xmlCtxtSetStructuredErrorHandler(ctxt, box.toOpaque())
        guard let doc = xmlCtxtReadMemory(ctxt, pointer, Int32(count), url, encoding, options) else { return nil }
        let wellFormed = ctxt.pointee.wellFormed != 0 && ctxt.pointee.nsWellFormed != 0
        if requireWellFormed && ctxt.pointee.wellFormed == 0 {
            xmlFreeDoc(doc)
            return nil
        }
        if !wellFormed && collector.messages.isEmpty { collector.messages.append("not well-formed") }
        return XMLTree(doc: doc, errors: collector.messages)
    }

    /// Parses HTML the way browsers forgive it (unclosed tags, unquoted attributes, upper case).
    static func parseHTML(_ bytes: [UInt8], url: String?, encoding: String?) -> XMLTree? {
        LibXML.initialize()
        let bytes = bytes.isEmpty ? Array("<html></html>".utf8) : bytes
        let doc: htmlDocPtr? = bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { p in
                htmlReadMemory(p, Int32(buf.count), url, encoding, LibXML.htmlOptions)
            }
        }
        guard let doc else { return nil }
        return XMLTree(doc: doc, errors: [])
    }

    /// Evaluates an XPath 1.0 expression; returns matching element/attribute/text nodes in document order.
    func select(_ xpath: String, from context: XMLNode? = nil,
                namespaces: [(String, String)] = []) -> [XMLNode] {
        guard let ctx = xmlXPathNewContext(doc) else { return [] }
        defer { xmlXPathFreeContext(ctx) }
        for (prefix, uri) in namespaces { xmlXPathRegisterNs(ctx, prefix, uri) }
        if let context { ctx.pointee.node = context.ptr }
        guard let result = xmlXPathEvalExpression(xpath, ctx) else { return [] }
        defer { xmlXPathFreeObject(result) }
        guard let set = result.pointee.nodesetval, set.pointee.nodeNr > 0 else { return [] }
        return (0..<Int(set.pointee.nodeNr)).compactMap { set.pointee.nodeTab[$0].map(XMLNode.init) }
    }

    /// Whether an XPath expression compiles (for config validation).
    static func isValidXPath(_ xpath: String) -> Bool {
        LibXML.initialize()
        guard let comp = xmlXPathCompile(xpath) else { return false }
        xmlXPathFreeCompExpr(comp)
        return true
    }
}

/// Collects structured errors of one parser context.
final class ErrorCollector {
    var messages: [String] = []
}

private func xmlCtxtSetStructuredErrorHandler(_ ctxt: xmlParserCtxtPtr, _ data: UnsafeMutableRawPointer) {
    // libxml2 2.9 has no per-context structured handler setter. `__xmlRaiseError` calls the SAX
    // handler's `serror` with `ctxt->userData`, which is the context itself by default; the collector
    // rides in `_private`.
    ctxt.pointee.sax.pointee.initialized = XML_SAX2_MAGIC
    ctxt.pointee._private = data
    ctxt.pointee.sax.pointee.serror = { userData, error in
        guard let userData, let error else { return }
        let ctxt = userData.assumingMemoryBound(to: xmlParserCtxt.self)
        guard let priv = ctxt.pointee._private else { return }
        let collector = Unmanaged<ErrorCollector>.fromOpaque(priv).takeUnretainedValue()
        guard collector.messages.count < 5 else { return }
        let msg = error.pointee.message.map { String(cString: $0) }?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "error"
        collector.messages.append("line \(error.pointee.line): \(msg)")
    }
}
