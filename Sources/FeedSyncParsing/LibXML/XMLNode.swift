import CLibXML2

/// A borrowed view of one node of an `XMLTree`. Valid only while its tree is alive.
struct XMLNode {
    let ptr: xmlNodePtr

    init(_ ptr: xmlNodePtr) { self.ptr = ptr }

    var isElement: Bool { ptr.pointee.type == XML_ELEMENT_NODE }
    var isText: Bool { ptr.pointee.type == XML_TEXT_NODE || ptr.pointee.type == XML_CDATA_SECTION_NODE }
    var isAttribute: Bool { ptr.pointee.type == XML_ATTRIBUTE_NODE }
    var isComment: Bool { ptr.pointee.type == XML_COMMENT_NODE }

    /// Local name (without prefix); for HTML, lower-case as the parser produced it.
    var name: String { ptr.pointee.name.map { String(cString: $0) } ?? "" }

    /// Namespace URI of an element or attribute, if any.
    var namespaceURI: String? { ptr.pointee.ns?.pointee.href.map { String(cString: $0) } }

    var parent: XMLNode? {
        guard let p = ptr.pointee.parent, p.pointee.type == XML_ELEMENT_NODE else { return nil }
        return XMLNode(p)
    }

    /// Child nodes of every type, in order.
    var children: XMLChildren { XMLChildren(first: ptr.pointee.children) }

    /// Element children only.
    var elementChildren: [XMLNode] { children.filter(\.isElement) }

    var nextSibling: XMLNode? { ptr.pointee.next.map(XMLNode.init) }

    /// Text of this node and all descendants (entity references substituted by the parser).
    var textContent: String {
        guard let c = xmlNodeGetContent(ptr) else { return "" }
        defer { CLibXML2_free(c) }
        return String(cString: c)
    }

    /// Attribute value by local name (no namespace).
    func attribute(_ name: String) -> String? {
        guard let v = xmlGetProp(ptr, name) else { return nil }
        defer { CLibXML2_free(v) }
        return String(cString: v)
    }

    /// Attribute value in a namespace (e.g. `xml:base` is `http://www.w3.org/XML/1998/namespace`).
    func attribute(_ name: String, namespace: String) -> String? {
        guard let v = xmlGetNsProp(ptr, name, namespace) else { return nil }
        defer { CLibXML2_free(v) }
        return String(cString: v)
    }

    /// All attributes as (namespace URI, local name, value), in document order.
    var attributes: [(ns: String?, name: String, value: String)] {
        var out: [(String?, String, String)] = []
        var a = ptr.pointee.properties
        while let attr = a {
            let n = attr.pointee.name.map { String(cString: $0) } ?? ""
            let ns = attr.pointee.ns?.pointee.href.map { String(cString: $0) }
            var value = ""
            if let v = xmlNodeListGetString(ptr.pointee.doc, attr.pointee.children, 1) {
                value = String(cString: v)
                CLibXML2_free(v)
            }
            out.append((ns, n, value))
            a = attr.pointee.next
        }
        return out
    }

    /// The node serialized back to markup (HTML serializer for HTML documents).
    func outerMarkup(html: Bool) -> String {
        guard let buf = xmlBufferCreate() else { return "" }
        defer { xmlBufferFree(buf) }
        if html {
            htmlNodeDump(buf, ptr.pointee.doc, ptr)
        } else {
            xmlNodeDump(buf, ptr.pointee.doc, ptr, 0, 0)
        }
        guard let content = xmlBufferContent(buf) else { return "" }
        return String(cString: content)
    }

    /// The children serialized back to markup.
    func innerMarkup(html: Bool) -> String {
        children.map { $0.outerMarkup(html: html) }.joined()
    }
}

/// Iterates a sibling chain without building an array.
struct XMLChildren: Sequence {
    let first: xmlNodePtr?

    func makeIterator() -> AnyIterator<XMLNode> {
        var cur = first
        return AnyIterator {
            guard let c = cur else { return nil }
            cur = c.pointee.next
            return XMLNode(c)
        }
    }
}
