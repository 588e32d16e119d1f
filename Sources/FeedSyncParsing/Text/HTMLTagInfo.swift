/// Everything the sanitizer and the plain-text writer need to know about an element name, found
/// with one hash lookup per tag instead of one per question.
///
/// A class: the rewriter passes a tag's info from the lexer to the handlers and the plain-text
/// writer, and a reference is one retain where the struct (a set and a string inside) was
/// several per tag. The instances are made once, when the tables are built, and never change
/// after that.
final class HTMLTagInfo: @unchecked Sendable {
    /// How an element shapes plain text.
    enum TextRole { case inline, lineBreak, paragraph, hidden, cell }

    private(set) var acceptable = false
    private(set) var isVoid = false
    /// `script`, `style`, `applet`: dropped with their content.
    private(set) var dropsContent = false
    private(set) var isMathML = false
    /// The SVG element's name in its proper case, if it is one.
    private(set) var svgName: String?
    /// Attributes whose values are URIs to resolve, for this element.
    private(set) var uriAttributes: Set<String> = []
    private(set) var textRole = TextRole.inline
    private(set) var isPre = false

    private init() {}

    static let unknown = HTMLTagInfo()

    static func lookup(_ name: String) -> HTMLTagInfo { table[name] ?? unknown }

    /// The lower-case name and the info of a tag name spelled by bytes (any case); nil when the
    /// element is not one the tables know.
    static func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> (name: String, info: HTMLTagInfo)? {
        byteTable.lookup(bytes)
    }

    private static let byteTable = ByteKeyTable(table.map { ($0.key, ($0.key, $0.value)) }, caseInsensitive: true)

    private static let table: [String: HTMLTagInfo] = {
        var t: [String: HTMLTagInfo] = [:]
        func update(_ name: String, _ f: (HTMLTagInfo) -> Void) {
            let info = t[name] ?? HTMLTagInfo()
            f(info)
            t[name] = info
        }
        for n in HTMLSanitizer.acceptableElements { update(n) { $0.acceptable = true } }
        for n in HTMLSanitizer.voidElements { update(n) { $0.isVoid = true } }
        for n in HTMLSanitizer.unacceptableWithContent { update(n) { $0.dropsContent = true } }
        for n in HTMLSanitizer.mathMLElements { update(n) { $0.isMathML = true } }
        for n in HTMLSanitizer.svgElements { update(n.lowercased()) { $0.svgName = n } }
        for (n, attrs) in HTMLSanitizer.uriAttributesByTag { update(n) { $0.uriAttributes = attrs } }
        for n in PlainText.lineBreaks { update(n) { $0.textRole = .lineBreak } }
        for n in PlainText.paragraphs { update(n) { $0.textRole = .paragraph } }
        for n in PlainText.hidden { update(n) { $0.textRole = .hidden } }
        for n in ["td", "th"] { update(n) { $0.textRole = .cell } }
        update("pre") { $0.isPre = true }
        return t
    }()
}

/// What the sanitizer knows about an attribute name, in one lookup.
struct HTMLAttributeInfo {
    var html = false
    var mathML = false
    /// The SVG attribute's name in its proper case, if it is one.
    var svgName: String?
    /// A URI a browser may load or follow.
    var isURI = false

    static let unknown = HTMLAttributeInfo()

    static func lookup(_ name: String) -> HTMLAttributeInfo { table[name] ?? unknown }

    /// The lower-case name of an attribute spelled by bytes (any case), if the tables know it.
    static func name(_ bytes: UnsafeBufferPointer<UInt8>) -> String? { byteTable.lookup(bytes)?.0 }

    /// The lower-case name and the info of an attribute spelled by bytes (any case).
    static func entry(_ bytes: UnsafeBufferPointer<UInt8>) -> (name: String, info: HTMLAttributeInfo)? {
        byteTable.lookup(bytes)
    }

    /// The info of a lower-case attribute name (by its bytes: no SipHash of a `String`).
    static func info(_ name: String) -> HTMLAttributeInfo {
        var name = name
        return name.withUTF8 { byteTable.lookup($0)?.1 } ?? unknown
    }

    private static let byteTable = ByteKeyTable(table.map { ($0.key, ($0.key, $0.value)) }, caseInsensitive: true)

    private static let table: [String: HTMLAttributeInfo] = {
        var t: [String: HTMLAttributeInfo] = [:]
        func update(_ name: String, _ f: (inout HTMLAttributeInfo) -> Void) {
            var info = t[name] ?? HTMLAttributeInfo()
            f(&info)
            t[name] = info
        }
        for n in HTMLSanitizer.acceptableAttributes { update(n) { $0.html = true } }
        for n in HTMLSanitizer.mathMLAttributes { update(n) { $0.mathML = true } }
        for n in HTMLSanitizer.svgAttributes { update(n.lowercased()) { $0.svgName = n } }
        for n in HTMLSanitizer.uriAttributeNames { update(n) { $0.isURI = true } }
        return t
    }()
}
