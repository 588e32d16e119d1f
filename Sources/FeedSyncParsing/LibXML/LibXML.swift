import CLibXML2

/// Process-wide libxml2 set-up. Call `LibXML.initialize()` before any parse (idempotent).
///
/// - `xmlInitParser()` once, so later parses from any thread are safe (C-INTEROP.md).
/// - An external entity loader that refuses everything: with it, `XML_PARSE_NOENT` (needed to reject
///   quadratic entity blow-ups at parse time) can never read a local file or fetch a URL (XXE).
/// - Errors are silenced globally; each parse collects its own through `ParseErrors`.
enum LibXML {
    private static let once: Void = {
        xmlInitParser()
        xmlSetExternalEntityLoader { _, _, _ in nil }
        xmlSetGenericErrorFunc(nil, nil)
        xmlSetStructuredErrorFunc(nil) { _, _ in }
    }()

    static func initialize() { _ = once }

    static var version: String { String(cString: CLibXML2_dotted_version()) }

    /// Safe options for untrusted XML: substitute internal entities (so expansion limits apply at
    /// parse time), never touch the network, never load a DTD, never `XML_PARSE_HUGE`.
    static let safeXMLOptions: Int32 = Int32(XML_PARSE_NOENT.rawValue | XML_PARSE_NONET.rawValue
        | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue)
    static let recoverXMLOptions: Int32 = safeXMLOptions | Int32(XML_PARSE_RECOVER.rawValue)
    static let htmlOptions: Int32 = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
        | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOIMPLIED.rawValue
        | HTML_PARSE_COMPACT.rawValue)
}
