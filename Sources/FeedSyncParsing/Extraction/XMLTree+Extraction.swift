import CLibXML2

extension XMLTree {
    /// Parses an HTML page as served: charset from the `Content-Type` header, a byte-order mark or
    /// `<meta>` (`CharsetSniffer`), converted to clean UTF-8 first (`Transcoder`), fragments gathered
    /// under one root (`wholeDocumentRoot()`). What every reader of web pages should call.
    static func parseHTMLPage(_ bytes: [UInt8], url: String?, contentType: String?) -> XMLTree? {
        let encoding = CharsetSniffer.sniff(bytes, contentType: contentType).encoding
        guard let tree = parseHTML(Transcoder.toUTF8(bytes, from: encoding), url: url, encoding: "UTF-8") else {
            return nil
        }
        _ = tree.wholeDocumentRoot()
        return tree
    }

    /// The `body` element, or the root when the page has none.
    var body: XMLNode? {
        guard let r = root else { return nil }
        if r.isElement("body") { return r }
        return r.elementChildren.first(where: { $0.isElement("body") }) ?? r
    }

    /// The document's root element, made to hold the whole document.
    ///
    /// The HTML parser runs with `HTML_PARSE_NOIMPLIED`, so a fragment (`<meta ...><p>...`, a
    /// truncated download, tag soup) can leave several elements and text nodes at the top level, and
    /// `root` would see only the first. Such top-level siblings are moved under a new `html` element.
    /// In that mode the parser also nests what follows a void element (`<meta ...><p>`) inside it;
    /// those children are moved out to follow it, where a browser puts them.
    func wholeDocumentRoot() -> XMLNode? {
        let r = wrappedRoot()
        if let r { hoistChildrenOfVoidElements(under: r) }
        return r
    }

    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                                            "meta", "param", "source", "track", "wbr", "basefont", "frame", "keygen"]

    private func hoistChildrenOfVoidElements(under root: XMLNode) {
        var found: [XMLNode] = []
        var stack: [xmlNodePtr] = [root.ptr]
        while let p = stack.popLast() {
            let n = XMLNode(p)
            if p.pointee.children != nil, XMLTree.voidElements.contains(n.name) { found.append(n) }
            var c = p.pointee.children
            while let k = c {
                if k.pointee.type == XML_ELEMENT_NODE { stack.append(k) }
                c = k.pointee.next
            }
        }
        // Innermost first, so each move only ever lifts nodes one level.
        for v in found.reversed() {
            while let last = v.ptr.pointee.last {
                xmlUnlinkNode(last)
                if xmlAddNextSibling(v.ptr, last) == nil { xmlFreeNode(last) }
            }
        }
    }

    private func wrappedRoot() -> XMLNode? {
        var topLevel: [xmlNodePtr] = []
        var elements = 0
        var hasText = false
        // An xmlDoc's children list starts at the same offset as an xmlNode's.
        var c = doc.pointee.children
        while let k = c {
            switch k.pointee.type {
            case XML_ELEMENT_NODE: elements += 1; topLevel.append(k)
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: hasText = true; topLevel.append(k)
            default: break
            }
            c = k.pointee.next
        }
        if elements == 1 && !hasText && root?.name == "html" { return root }
        guard !topLevel.isEmpty, let wrapper = xmlNewDocNode(doc, nil, "html", nil) else { return root }
        for n in topLevel {
            xmlUnlinkNode(n)
            if xmlAddChild(wrapper, n) == nil { xmlFreeNode(n) }
        }
        // With every element moved out, there is no old root for this call to displace.
        _ = xmlDocSetRootElement(doc, wrapper)
        return root
    }
}
