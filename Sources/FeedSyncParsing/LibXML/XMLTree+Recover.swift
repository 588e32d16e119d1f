import CLibXML2

extension XMLTree {
    /// Parses UTF-8 bytes with the safe options and `XML_PARSE_RECOVER`, ignoring any encoding
    /// the document declares (the caller has already converted it). Returns nil only when not
    /// even a root element could be recovered; `errors` says what was wrong.
    static func recoverUTF8(_ bytes: UnsafeBufferPointer<UInt8>, url: String?) -> XMLTree? {
        LibXML.initialize()
        guard let base = bytes.baseAddress, bytes.count > 0, bytes.count < Int(Int32.max) else { return nil }
        let options = LibXML.recoverXMLOptions | Int32(XML_PARSE_IGNORE_ENC.rawValue)
        return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { p in
            parseXML(pointer: p, count: bytes.count, url: url, encoding: "UTF-8", options: options)
        }
    }
}
