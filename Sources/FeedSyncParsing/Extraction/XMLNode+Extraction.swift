import CLibXML2
import Foundation

/// Tree navigation and mutation the extractor needs on top of `XMLNode`.
extension XMLNode {
    /// The first child of any type.
    var firstChild: XMLNode? { ptr.pointee.children.map(XMLNode.init) }
    /// The last child of any type.
    var lastChild: XMLNode? { ptr.pointee.last.map(XMLNode.init) }
    /// The previous sibling of any type.
    var previousSibling: XMLNode? { ptr.pointee.prev.map(XMLNode.init) }

    /// Whether this is an element with this (lower-case) name, compared without allocating.
    func isElement(_ lowerName: StaticString) -> Bool {
        guard ptr.pointee.type == XML_ELEMENT_NODE, let n = ptr.pointee.name else { return false }
        return lowerName.withUTF8Buffer { want in
            var i = 0
            while i < want.count {
                if n[i] != want[i] { return false }
                i += 1
            }
            return n[i] == 0
        }
    }

    /// The raw bytes of a text node's content (no copy; valid while the node lives).
    func withTextBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard let c = ptr.pointee.content else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return body(UnsafeBufferPointer(start: c, count: strlen(UnsafeRawPointer(c).assumingMemoryBound(to: CChar.self))))
    }

    /// A text node's content as a String.
    var textValue: String {
        guard let c = ptr.pointee.content else { return "" }
        return String(cString: c)
    }

    /// Whether the element carries any attribute at all (a cheap test before looking one up).
    var hasAttributes: Bool { ptr.pointee.properties != nil }

    /// Lower-cased `class` and `id` joined by a space ("" when both are absent).
    var classAndID: String {
        guard hasAttributes else { return "" }
        let c = attribute("class") ?? ""
        let i = attribute("id") ?? ""
        if c.isEmpty && i.isEmpty { return "" }
        return (c + " " + i).lowercased()
    }

    /// Whether an attribute is present (no copy of its value).
    func hasAttribute(_ name: String) -> Bool { xmlHasProp(ptr, name) != nil }

    /// The nearest element ancestors, closest first, at most `limit` of them.
    func ancestors(limit: Int = .max) -> [XMLNode] {
        var out: [XMLNode] = []
        var cur = parent
        while let c = cur, out.count < limit {
            out.append(c)
            cur = c.parent
        }
        return out
    }

    /// Whether an element above this one has one of these (local, lower-case) names.
    func hasAncestor(named names: Set<String>) -> Bool {
        var cur = parent
        while let c = cur {
            if names.contains(c.name) { return true }
            cur = c.parent
        }
        return false
    }

    /// Whether `other` is this node or one of its descendants.
    func contains(_ other: XMLNode) -> Bool {
        var cur: xmlNodePtr? = other.ptr
        while let c = cur {
            if c == ptr { return true }
            cur = c.pointee.parent
        }
        return false
    }

    /// Elements below this one in document order, depth first (this node excluded).
    func descendantElements() -> [XMLNode] {
        var out: [XMLNode] = []
        var stack: [xmlNodePtr] = []
        var c = ptr.pointee.last
        while let n = c { stack.append(n); c = n.pointee.prev }
        while let n = stack.popLast() {
            guard n.pointee.type == XML_ELEMENT_NODE else { continue }
            out.append(XMLNode(n))
            var k = n.pointee.last
            while let m = k { stack.append(m); k = m.pointee.prev }
        }
        return out
    }

    /// Detaches the node from its tree and frees it with its subtree. Any other `XMLNode` that
    /// refers into the subtree becomes invalid: callers collect first, then remove.
    func removeFromTree() {
        xmlUnlinkNode(ptr)
        xmlFreeNode(ptr)
    }

    /// Renames an element (e.g. a `div` that only holds phrasing content becomes a `p`).
    func rename(_ newName: String) { xmlNodeSetName(ptr, newName) }

    /// Removes an attribute if present.
    func removeAttribute(_ name: String) {
        if let a = xmlHasProp(ptr, name) { xmlRemoveProp(a) }
    }

    /// Sets an attribute's value.
    func setAttribute(_ name: String, _ value: String) { xmlSetProp(ptr, name, value) }
}
