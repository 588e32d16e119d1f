import CLibXML2

/// Serializes part of a parsed page back to HTML, leaving out chosen subtrees, without touching the
/// document (selectors evaluated later on the same page still see it whole). The output feeds the
/// sanitizer, which decides what survives; this only has to be well-formed and faithful.
enum HTMLFragmentWriter {
    /// HTML void elements: no end tag (HTML §13.1.2).
    static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    ]

    /// The markup of `node`'s children, skipping `skip` subtrees.
    static func innerHTML(of node: XMLNode, skipping skip: Set<xmlNodePtr> = []) -> String {
        var out = ""
        for child in node.children { write(child, skip: skip, into: &out) }
        return out
    }

    /// The markup of `node` itself and its subtree, skipping `skip` subtrees.
    static func outerHTML(of node: XMLNode, skipping skip: Set<xmlNodePtr> = []) -> String {
        var out = ""
        write(node, skip: skip, into: &out)
        return out
    }

    private static func write(_ node: XMLNode, skip: Set<xmlNodePtr>, into out: inout String) {
        if skip.contains(node.ptr) { return }
        if node.isText {
            out += escape(node.textContent, attribute: false)
            return
        }
        guard node.isElement else { return }
        let tag = node.tag
        out += "<" + tag
        for (_, name, value) in node.attributes {
            out += " " + name + "=\"" + escape(value, attribute: true) + "\""
        }
        out += ">"
        if voidElements.contains(tag) { return }
        for child in node.children { write(child, skip: skip, into: &out) }
        out += "</" + tag + ">"
    }

    /// Escapes text for element content or a double-quoted attribute value.
    static func escape(_ s: String, attribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
