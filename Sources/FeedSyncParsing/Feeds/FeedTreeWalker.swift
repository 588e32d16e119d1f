import CLibXML2

/// Replays a (recovered) libxml2 tree as the same events the SAX reader produces, so a broken
/// document is read by exactly the same rules as a well-formed one.
struct FeedTreeWalker {
    let builder: FeedBuilder
    /// Time and cancellation, as in the SAX reader: once spent, the walk skips what is left.
    let budget: ParseBudget?
    private let names = FeedNameTable()

    init(builder: FeedBuilder, budget: ParseBudget? = nil) { self.builder = builder; self.budget = budget }

    func walk(_ tree: XMLTree) {
        var child = tree.doc.pointee.children
        while let node = child {
            if node.pointee.type == XML_ELEMENT_NODE { walkElement(node, depth: 0) }
            child = node.pointee.next
        }
    }

    private func walkElement(_ node: xmlNodePtr, depth: Int) {
        guard depth < 512 else { return }
        if let budget, budget.stop != nil || budget.tick() { return }
        var ns = node.pointee.nsDef
        while let decl = ns {
            let prefix = decl.pointee.prefix.map { String(cString: $0) }
            let uri = decl.pointee.href.map { String(cString: $0) } ?? ""
            builder.declareNamespace(prefix: prefix, uri: uri)
            ns = decl.pointee.next
        }
        var attributes: FeedBuilder.Attributes = []
        var attr = node.pointee.properties
        while let a = attr {
            let (name, qualified) = names.attribute(uri: a.pointee.ns?.pointee.href,
                                                    prefix: a.pointee.ns?.pointee.prefix, local: a.pointee.name)
            let value = FeedTreeWalker.text(of: a.pointee.children)
            attributes.set(name, value)
            if let qualified { attributes.set(qualified, value) }
            attr = a.pointee.next
        }
        let element = names.element(uri: node.pointee.ns?.pointee.href, prefix: node.pointee.ns?.pointee.prefix,
                                    local: node.pointee.name)
        builder.startElement(element, attributes: attributes)
        var child = node.pointee.children
        while let c = child {
            switch c.pointee.type {
            case XML_ELEMENT_NODE: walkElement(c, depth: depth + 1)
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = c.pointee.content {
                    builder.characters(UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
                }
            case XML_ENTITY_REF_NODE:
                // Only left when an entity could not be substituted: use its text, if any.
                let text = Array(FeedTreeWalker.text(of: c.pointee.children).utf8)
                text.withUnsafeBufferPointer { builder.characters($0) }
            default: break
            }
            child = c.pointee.next
        }
        builder.endElement(element)
    }

    /// Concatenated text of a node list (attribute values, entity contents).
    static func text(of first: xmlNodePtr?) -> String {
        var out = [UInt8]()
        var node = first
        while let n = node {
            if n.pointee.type == XML_TEXT_NODE || n.pointee.type == XML_CDATA_SECTION_NODE, let c = n.pointee.content {
                out.append(contentsOf: UnsafeBufferPointer(start: c, count: Int(xmlStrlen(c))))
            } else if n.pointee.type == XML_ENTITY_REF_NODE {
                out.append(contentsOf: text(of: n.pointee.children).utf8)
            }
            node = n.pointee.next
        }
        return String(checkedUTF8: out)
    }
}
