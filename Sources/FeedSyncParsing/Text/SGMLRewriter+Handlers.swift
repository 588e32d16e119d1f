/// What the rewriter does with each construct: the URI-resolving pass writes everything back,
/// the sanitizing pass keeps what the allowlists allow (and feeds the plain-text writer).
extension SGMLRewriter {
    /// Text. `plainText`: the run holds no `&` (the driver stopped before it), so the plain
    /// text needs no references decoded.
    mutating func handleData(_ raw: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, plainText: Bool = false) {
        if sanitizing && unacceptableDepth != 0 { return }
        let chunk = UnsafeBufferPointer(rebasing: raw[r])
        out.append(contentsOf: chunk)
        if plainText { plain?.literal(chunk) } else { plain?.text(chunk) }
    }

    mutating func handleComment(_ raw: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) {
        out.appendASCII("<!--")
        out.append(contentsOf: UnsafeBufferPointer(rebasing: raw[r]))
        out.appendASCII("-->")
    }

    /// `&#65;`, `&#x41;`: written back with a lower-case `x`; windows-1252's C1 meanings as hex.
    mutating func handleCharRef(_ ref: UnsafeBufferPointer<UInt8>) {
        let hex = ref.first == 0x78 || ref.first == 0x58
        var value: UInt32 = 0
        var overflow = false
        for c in (hex ? UnsafeBufferPointer(rebasing: ref.dropFirst()) : ref) {
            let d = URLResolver.isDigit(c) ? UInt32(c - 0x30) : UInt32((c | 0x20) - 0x61 + 10)
            let (m, o1) = value.multipliedReportingOverflow(by: hex ? 16 : 10)
            let (a, o2) = m.addingReportingOverflow(d)
            overflow = overflow || o1 || o2
            value = a
        }
        if plain != nil && !overflow { plain?.scalar(HTMLEntities.windows1252(value) ?? (value == 0 ? 0xFFFD : value)) }
        if !overflow, let mapped = HTMLEntities.windows1252(value) {
            out.appendASCII("&#x")
            out.append(String(mapped, radix: 16))
            out.append(0x3B)
        } else {
            out.appendASCII("&#")
            for c in ref { out.append(c >= 0x41 && c <= 0x5A ? c | 0x20 : c) }
            out.append(0x3B)
        }
    }

    /// `&name;`: kept when HTML defines it, else written as text (`&amp;name`).
    mutating func handleEntityRef(_ name: UnsafeBufferPointer<UInt8>) {
        let isApos = name.count == 4 && name[0] == 0x61 && name[1] == 0x70 && name[2] == 0x6F && name[3] == 0x73
        if let cp = HTMLEntities.codePoint(named: name) ?? (isApos ? 0x27 : nil) {
            out.append(0x26)
            out.append(contentsOf: name)
            out.append(0x3B)
            plain?.scalar(cp)
        } else {
            out.appendASCII("&amp;")
            out.append(contentsOf: name)
            if plain != nil {
                plain?.scalar(0x26)
                plain?.literal(name)
            }
        }
    }

    mutating func unknownStartTag(_ tag: String, _ info: HTMLTagInfo, _ attrs: [Attribute]) {
        switch mode {
        case .resolveURIs(let base):
            writeStartTag(tag, info, SGMLRewriter.resolved(info, SGMLRewriter.normalize(attrs), base: base))
        case .sanitize(let base):
            if let base, !attrs.isEmpty {
                sanitizeStartTag(tag, info, SGMLRewriter.resolved(info, SGMLRewriter.normalize(attrs), base: base))
            } else {
                sanitizeStartTag(tag, info, attrs)
            }
        }
    }

    mutating func unknownEndTag(_ tagIn: String, _ info: HTMLTagInfo) {
        var tag = tagIn
        if sanitizing && !info.acceptable {
            if info.dropsContent { unacceptableDepth -= 1 }
            if mathMLDepth > 0 && info.isMathML {
                if tag == "math" { mathMLDepth -= 1 }
            } else if svgDepth > 0, let proper = info.svgName {
                tag = proper
                if tag == "svg" { svgDepth -= 1 }
            } else {
                return
            }
        }
        if !info.isVoid {
            out.appendASCII("</")
            out.append(tag)
            out.append(0x3E)
            plain?.tag(info, closing: true)
        }
    }

    enum AttributeSet { case html, mathML, svg }

    mutating func sanitizeStartTag(_ tagIn: String, _ info: HTMLTagInfo, _ attrsIn: [Attribute]) {
        var tag = tagIn
        var attrs = attrsIn
        var allowed = AttributeSet.html
        if !info.acceptable || svgDepth > 0 {
            if info.dropsContent { unacceptableDepth += 1 }
            if !xhtml, attrs.last(where: { $0.name == "xmlns" })?.value.isEmpty ?? true {
                if tag == "svg" { attrs.append(("xmlns", HTMLSanitizer.svgNamespace)) }
                if tag == "math" { attrs.append(("xmlns", HTMLSanitizer.mathMLNamespace)) }
            }
            if tag == "math" && attrs.contains(where: { $0.name == "xmlns" && $0.value == HTMLSanitizer.mathMLNamespace }) {
                mathMLDepth += 1
            }
            if tag == "svg" && attrs.contains(where: { $0.name == "xmlns" && $0.value == HTMLSanitizer.svgNamespace }) {
                svgDepth += 1
            }
            if mathMLDepth > 0 && info.isMathML {
                allowed = .mathML
            } else if svgDepth > 0, let proper = info.svgName {
                allowed = .svg
                tag = proper
            } else if !info.acceptable {
                return
            }
        }
        if mathMLDepth > 0 || svgDepth > 0 {
            if attrs.contains(where: { $0.name.hasPrefix("xlink:") })
                && !attrs.contains(where: { $0.name == "xmlns:xlink" && $0.value == HTMLSanitizer.xlinkNamespace }) {
                attrs.append(("xmlns:xlink", HTMLSanitizer.xlinkNamespace))
            }
        }
        var clean: [Attribute] = []
        clean.reserveCapacity(attrs.count)
        for (key, value) in SGMLRewriter.normalize(attrs) {
            let a = HTMLAttributeInfo.info(key)
            let name: String
            switch allowed {
            case .html:
                guard a.html else { continue }
                name = key
            case .mathML:
                guard a.mathML else { continue }
                name = key
            case .svg:
                guard let proper = a.svgName else { continue }
                name = proper
            }
            if key == "style" {
                let css = CSSSanitizer.clean(value, svg: svgDepth > 0)
                if !css.isEmpty { clean.append((key, css)) }
                continue
            }
            var v = value
            if a.isURI && !URLResolver.isPlainHTTPURL(value) {
                if name == "href" { v = URLResolver.safeAbsolute(value, nil) }
                if !HTMLSanitizer.isSafeURIAttribute(v) { v = "" }
            }
            clean.append((name, v))
        }
        writeStartTag(tag, info, clean)
    }

    /// Attributes with URI values made absolute (an unsafe result keeps the value as written:
    /// the sanitizer decides about it).
    static func resolved(_ info: HTMLTagInfo, _ attrs: [Attribute], base: String) -> [Attribute] {
        if info.uriAttributes.isEmpty { return attrs }
        var attrs = attrs
        for i in attrs.indices where info.uriAttributes.contains(attrs[i].name) {
            let value = attrs[i].value
            // Absolute http(s) URLs resolve to themselves: skip the work (and the copy).
            if URLResolver.isPlainHTTPURL(value) { continue }
            let resolved = URLResolver.safeAbsolute(base, value.pythonStripped())
            if !resolved.isEmpty && resolved != value { attrs[i].value = resolved }
        }
        return attrs
    }

    mutating func writeStartTag(_ tag: String, _ info: HTMLTagInfo, _ attrs: [Attribute]) {
        openStartTag(tag, info)
        for (k, v) in attrs {
            var v = v
            v.withUTF8 { writeAttribute(k, $0) }
        }
        closeStartTag(info)
    }

    /// `<tag` (and the tag's effect on the plain text).
    mutating func openStartTag(_ tag: String, _ info: HTMLTagInfo) {
        plain?.tag(info, closing: false, selfClosing: info.isVoid)
        out.append(0x3C)
        out.append(tag)
    }

    /// ` name="value"`, the value escaped.
    func writeAttribute(_ name: String, _ value: UnsafeBufferPointer<UInt8>) {
        out.append(0x20)
        out.append(name)
        out.appendASCII("=\"")
        SGMLRewriter.appendAttributeValue(value, to: out)
        out.append(0x22)
    }

    /// `>`, or ` />` for a void element.
    func closeStartTag(_ info: HTMLTagInfo) {
        if info.isVoid {
            out.appendASCII(" />")
        } else {
            out.append(0x3E)
        }
    }
}
