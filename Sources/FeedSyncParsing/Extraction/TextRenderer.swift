import CLibXML2

/// Renders extracted blocks as plain text: paragraphs (and headings, lists, tables) separated by a
/// blank line, other block boundaries and `<br>` by a newline, inline markup by nothing (so
/// `<b>foo</b>bar` stays one word), whitespace collapsed except inside `<pre>`.
struct TextRenderer {
    private var out = ""
    /// 0: nothing pending; 1: a newline; 2: a blank line.
    private var pendingBreak = 0
    private var pendingSpace = false

    static func render(_ nodes: [XMLNode]) -> String {
        var r = TextRenderer()
        for n in nodes {
            r.visit(n, pre: false)
            r.breakLine(2)
        }
        return r.out
    }

    private mutating func breakLine(_ strength: Int) {
        pendingBreak = max(pendingBreak, strength)
        pendingSpace = false
    }

    private mutating func visit(_ node: XMLNode, pre: Bool) {
        if node.isText {
            append(node.textValue, pre: pre)
            return
        }
        guard node.isElement else { return }
        let name = node.name
        if HTMLTags.junk.contains(name) || StatsCache.formControls.contains(name) { return }
        if name == "br" { breakLine(1); return }
        let strength = HTMLTags.paragraphBreaking.contains(name) ? 2 : HTMLTags.block.contains(name) ? 1 : 0
        let cell = name == "td" || name == "th"
        if strength > 0 { breakLine(strength) } else if cell { pendingSpace = !out.isEmpty && pendingBreak == 0 }
        let inPre = pre || name == "pre"
        for c in node.children { visit(c, pre: inPre) }
        if strength > 0 { breakLine(strength) } else if cell { pendingSpace = !out.isEmpty && pendingBreak == 0 }
    }

    private mutating func append(_ text: String, pre: Bool) {
        for ch in text {
            if ch == "\n" && pre {
                breakLine(1)
                continue
            }
            // Control characters (C0/C1, e.g. undefined windows-1252 bytes) never show.
            if let u = ch.unicodeScalars.first, ch.unicodeScalars.count == 1,
               u.properties.generalCategory == .control, !ch.isWhitespace {
                continue
            }
            if ch.isWhitespace || ch == "\u{200B}" {
                if !out.isEmpty && pendingBreak == 0 { pendingSpace = true }
                continue
            }
            if pendingBreak > 0 {
                if !out.isEmpty { out += pendingBreak == 2 ? "\n\n" : "\n" }
                pendingBreak = 0
                pendingSpace = false
            } else if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            out.append(ch)
        }
    }
}
