import FeedSyncCore

/// Builds the neutral model from the element events of a feed document (start, text, end), in
/// document order. Two drivers feed it: a streaming SAX2 parse for well-formed documents and a walk
/// over libxml2's recovered tree for broken ones, so both give identical results.
///
/// The rules are those feed readers settled on over the years (and the conformance corpus checks):
/// RSS, RDF, Atom and CDF elements share one vocabulary; text constructs are plain text, HTML
/// (sanitized, relative links resolved against `xml:base`) or inline XHTML; a shallower element
/// wins over a nested one of the same name; the first non-empty title wins.
final class FeedBuilder {
    /// One element's attributes: lower-cased names (`xml:base`, `rdf:about`), values as written
    /// (`rel` and `type` lower-cased).
    typealias Attributes = [(name: String, value: String)]

    /// An element on the open-element stack that collects text. Only the innermost open element
    /// receives text, so every element's text is one contiguous tail of `textArena` (and its piece
    /// offsets one tail of `pieceArena`): no buffer per element.
    struct OpenElement {
        var slot: Slot
        /// The element's name, for `.other` only.
        var name: String
        var expectingText: Bool
        var textStart: Int
        var pieceStart: Int
    }

    /// The content parameters of the text construct being read.
    struct ContentParams {
        var type: String
        var base64: Bool
    }

    var version = "" {
        didSet { isAtom = version.hasPrefix("atom") }
    }
    /// `version` is an Atom one (asked for every value).
    private(set) var isAtom = false
    let feed = FeedContext()
    var entries: [FeedContext] = []
    var sourceData = FeedContext()
    var feedImage: FeedContext?
    var feedTextInput: FeedContext?
    /// Problems found while building (undeclared prefixes), for `bozo`.
    var problems: [String] = []

    var inFeed = false, inEntry = false, inImage = false, inTextInput = false
    var inAuthor = false, inContributor = false, inPublisher = false, inSource = false
    var inContent = 0
    var content: ContentParams? {
        didSet { xhtmlContent = content?.type == "application/xhtml+xml" }
    }
    /// `content?.type` is inline XHTML (text is then escaped as it arrives).
    private(set) var xhtmlContent = false
    var summaryIsContent = false
    var stack: [OpenElement] = []
    /// Text of the open elements (see `OpenElement`).
    let textArena = ByteSink(capacity: 4096)
    /// Where the innermost open element's text starts in `textArena` (its `textStart`), kept
    /// apart for the size check every piece of text makes.
    var openTextStart = 0
    /// Offsets into `textArena` where each text piece or serialized tag began (inline XHTML
    /// unwrapping needs them).
    var pieceArena: [Int] = []
    /// The base URI and the language in effect, per open element (`xml:base`, `xml:lang`).
    var bases: InheritedValues<String>
    var langs: InheritedValues<String?>
    var baseURI: String { bases.value }
    var lang: String? { langs.value }
    var namespacesInUse: [String: String] = [:]
    var svgOK = 0
    var titleDepth = -1
    var depth = 0
    var hasContent = false
    var guidIsLink = false
    var isEntryLink = false
    /// Declarations (`xmlns:xlink`) to add to the next element's attributes.
    var pendingDeclarations: Attributes = []
    /// The channel's `webMaster` (RSS 2.0): who answers for the feed when it names no author.
    var webMaster: String?
    /// Publisher hints for the poll interval.
    var ttl: String?
    /// The document element's name (`rss`, `feed`, `rdf:rdf`, `channel` for CDF).
    var rootName: String?
    var updatePeriod: String?
    var updateFrequency: String?
    /// Plain text of the value the last `pop` produced, for summaries and content.
    var lastPlainText: String?
    /// When set, each entry is handed here when its element closes, and not kept.
    var entrySink: ((FeedEntry) -> Void)?
    /// Reused by every sanitized value.
    let sanitizerBuffers = SanitizerBuffers()
    /// Where to account sanitizing and plain-text time, when measuring.
    var timings: ParseTimings?

    init(baseURI: String, language: String?) {
        bases = InheritedValues(baseURI)
        langs = InheritedValues(language)
        if let language, !language.isEmpty { feed.values[.language] = language.replacingUnderscores() }
    }

    // MARK: - Events

    /// A namespace declaration, reported before the start of the element that carries it.
    func declareNamespace(prefix: String?, uri: String) {
        guard !uri.isEmpty else { return }
        let lower = uri.lowercased()
        if version.isEmpty {
            if prefix == nil && lower == "http://my.netscape.com/rdf/simple/0.9/" {
                version = "rss090"
            } else if lower == "http://purl.org/rss/1.0/" {
                version = "rss10"
            } else if lower == "http://www.w3.org/2005/atom" {
                version = "atom10"
            }
        }
        var uri = uri
        if FeedNamespaces.isUserland(lower) { uri = "http://backend.userland.com/rss" }
        if let canonical = FeedNamespaces.prefix(for: uri) {
            namespacesInUse[canonical] = uri
        } else {
            namespacesInUse[prefix ?? ""] = uri
        }
        if let prefix, uri == FeedNamespaces.xlink { pendingDeclarations.append(("xmlns:" + prefix, uri)) }
    }

    /// The start of an element.
    func startElement(_ name: ElementName, attributes rawAttributes: Attributes) {
        depth += 1
        if rootName == nil { rootName = name.key }
        var attrs: Attributes
        let local = name.local
        if pendingDeclarations.isEmpty && local != "math" && local != "svg" {
            attrs = rawAttributes
        } else {
            attrs = pendingDeclarations
            pendingDeclarations = []
            if local == "math" && name.namespaceURI == FeedNamespaces.mathML { attrs.append(("xmlns", FeedNamespaces.mathML)) }
            if local == "svg" && name.namespaceURI == FeedNamespaces.svg { attrs.append(("xmlns", FeedNamespaces.svg)) }
            if attrs.isEmpty {
                attrs = rawAttributes
            } else {
                for (k, v) in rawAttributes { attrs.set(k, v) }
            }
        }
        for i in attrs.indices where attrs[i].name == "rel" || attrs[i].name == "type" {
            if attrs[i].value.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A || $0 >= 0x80 }) {
                attrs[i].value = attrs[i].value.lowercased()
            }
        }
        if !attrs.isEmpty || depth == 1 { trackBaseAndLanguage(name: name.key, attrs) } else { inheritBaseAndLanguage() }

        if inContent > 0, let type = content?.type, !type.hasSuffix("xml") {
            if local == "div" { return }  // a wrapper div in escaped HTML (TypePad does this)
            content?.type = "application/xhtml+xml"
        }
        if inContent > 0, content?.type == "application/xhtml+xml" {
            var attrs = attrs
            if !name.prefix.isEmpty {
                let ns = namespacesInUse[name.prefix] ?? ""
                if local == "math" && ns == FeedNamespaces.mathML { attrs.append(("xmlns", ns)) }
                if local == "svg" && ns == FeedNamespaces.svg { attrs.append(("xmlns", ns)) }
            }
            if local == "svg" { svgOK += 1 }
            appendMarkup(startTag: local, attrs)
            return
        }
        if name.endsTextInput { inTextInput = false }
        if name.endsImage { inImage = false }
        if let element = name.element {
            start(element, attrs)
        } else if attrs.isEmpty && !(stack.last.map { $0.slot.keepsChildText && $0.expectingText } ?? false) {
            push(other: name.key)
        }
    }

    /// Character data (entities already replaced, CDATA sections included).
    func characters(_ text: UnsafeBufferPointer<UInt8>) {
        guard !stack.isEmpty else { return }
        if xhtmlContent {
            // Pieces matter to inline XHTML only (`unwrapXHTMLDiv`). Text read before content
            // turned out to be XHTML is one piece there: it is either blank or keeps the div.
            pieceArena.append(textArena.count)
            textArena.appendEscapingMarkup(text)
        } else {
            textArena.append(text)
        }
    }

    /// Bytes of text the innermost open element holds.
    var openTextCount: Int {
        let n = stack.count
        return n == 0 ? 0 : textArena.count - openTextStart
    }

    func endElement(_ name: ElementName) {
        let suffix = name.local
        if suffix == "svg" && svgOK > 0 { svgOK -= 1 }
        if svgOK == 0, let element = name.element {
            end(element, key: name.key)
        } else {
            pop(other: name.key)
        }
        if inContent > 0, let type = content?.type, !type.hasSuffix("xml") {
            if suffix == "div" { return }
            content?.type = "application/xhtml+xml"
        }
        if inContent > 0, content?.type == "application/xhtml+xml" {
            appendMarkup(endTag: suffix)
        }
        // Back to the parent's values (the base only if the parent's is not empty).
        if let parent = bases.close(), !bases.value(at: parent).isEmpty { bases.restore(parent) }
        if let parent = langs.close() { langs.restore(parent) }
        depth -= 1
    }

    // MARK: - Helpers

    /// An element without attributes keeps the base and language of its parent.
    private func inheritBaseAndLanguage() {
        bases.open()
        langs.open()
    }

    private func trackBaseAndLanguage(name: String, _ attrs: Attributes) {
        let declared = attrs.first { $0.name == "xml:base" }?.value ?? attrs.first { $0.name == "base" }?.value
        if let declared, !declared.isEmpty {
            if !baseURI.isEmpty {
                let resolved = URLResolver.safeAbsolute(baseURI, declared)
                if !resolved.isEmpty { bases.set(resolved) }
            } else {
                bases.set(URLResolver.join(baseURI, declared))
            }
        }
        var newLang: String?? = attrs.first { $0.name == "xml:lang" }.map { Optional($0.value) }
            ?? attrs.first { $0.name == "lang" }.map { Optional($0.value) }
        if case .some(.some("")) = newLang { newLang = .some(nil) }
        let effective: String? = newLang ?? lang
        if let effective, !effective.isEmpty, name == "feed" || name == "rss" {
            feed.values[.language] = effective.replacingUnderscores()
        }
        if let newLang { langs.set(newLang) }
        bases.open()
        langs.open()
    }

    func push(_ slot: Slot, expectingText: Bool) {
        openTextStart = textArena.count
        stack.append(OpenElement(slot: slot, name: "", expectingText: expectingText, textStart: textArena.count,
                                 pieceStart: pieceArena.count))
    }

    /// An element without meaning: its text is collected (and dropped) so that it does not leak
    /// into the element around it.
    func push(other name: String) {
        openTextStart = textArena.count
        stack.append(OpenElement(slot: .other, name: name, expectingText: true, textStart: textArena.count,
                                 pieceStart: pieceArena.count))
    }

    /// The context new values go to: a `<source>`, the feed's `<image>` or `<textinput>`, the
    /// current entry, or the feed.
    var context: FeedContext {
        if inSource { return sourceData }
        if inImage, let feedImage { return feedImage }
        if inTextInput, let feedTextInput { return feedTextInput }
        if inEntry, let last = entries.last { return last }
        return feed
    }

    private func appendMarkup(startTag tag: String, _ attrs: Attributes) {
        guard !stack.isEmpty else { return }
        pieceArena.append(textArena.count)
        textArena.append(UInt8(ascii: "<"))
        textArena.append(tag)
        for (k, v) in attrs {
            textArena.append(UInt8(ascii: " "))
            textArena.append(k)
            textArena.append(0x3D)  // =
            textArena.append(0x22)
            var v = v
            v.withUTF8 { textArena.appendEscapingMarkup($0, quotes: true) }
            textArena.append(0x22)
        }
        textArena.append(UInt8(ascii: ">"))
    }

    private func appendMarkup(endTag tag: String) {
        guard !stack.isEmpty else { return }
        pieceArena.append(textArena.count)
        textArena.append(0x3C)  // <
        textArena.append(0x2F)  // /
        textArena.append(tag)
        textArena.append(UInt8(ascii: ">"))
    }
}

extension ByteSink {
    /// Appends text escaped for markup: `&`, `<`, `>` (and `"` when `quotes`).
    func appendEscapingMarkup(_ text: UnsafeBufferPointer<UInt8>, quotes: Bool = false) {
        for b in text {
            switch b {
            case UInt8(ascii: "&"): appendASCII("&amp;")
            case UInt8(ascii: "<"): appendASCII("&lt;")
            case UInt8(ascii: ">"): appendASCII("&gt;")
            case UInt8(ascii: "\"") where quotes: appendASCII("&quot;")
            default: append(b)
            }
        }
    }
}

extension String {
    func replacingUnderscores() -> String {
        contains("_") ? String(map { $0 == "_" ? "-" : $0 }) : self
    }
}
