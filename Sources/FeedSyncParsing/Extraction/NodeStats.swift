import CLibXML2

/// Text and markup counts of one element's subtree, the raw material of every heuristic.
struct NodeStats {
    /// Visible characters (Unicode scalars, each whitespace run counted once).
    var chars = 0
    /// Characters inside links; same-page anchors (`href="#..."`) weigh 0.3, as Readability does,
    /// because tables of contents and footnote marks are part of the text.
    var linkChars = 0.0
    /// Commas in any script (`,` `،` `，` `、`): prose has them, menus do not.
    var commas = 0
    /// Commas inside links: a headline's commas are not prose (Chinese headlines join clauses with
    /// `，` as often as English ones use a dash).
    var linkCommas = 0
    /// Sentence ends (`.` `!` `?` `。` `！` `？`).
    var stops = 0
    var paragraphs = 0
    var images = 0
    var listItems = 0
    var links = 0
    /// Form controls (`input`, `select`, `textarea`, `button`).
    var inputs = 0
    var headingChars = 0
    /// Characters inside `ul`/`ol` lists.
    var listChars = 0

    var linkDensity: Double { chars == 0 ? 0 : min(1, linkChars / Double(chars)) }

    static func + (a: NodeStats, b: NodeStats) -> NodeStats {
        var s = a
        s.chars += b.chars; s.linkChars += b.linkChars; s.commas += b.commas; s.stops += b.stops
        s.linkCommas += b.linkCommas
        s.paragraphs += b.paragraphs; s.images += b.images; s.listItems += b.listItems; s.links += b.links
        s.inputs += b.inputs; s.headingChars += b.headingChars; s.listChars += b.listChars
        return s
    }
}

/// Memoized `NodeStats` per element. Invalidate after mutating the tree.
///
/// The memo lives in an array indexed through libxml2's per-node `_private` slot (a hash lookup per
/// node visit cost more than all the counting). The extractor owns its trees, so nothing else uses
/// the slot; a generation number makes `invalidate()` O(1).
final class StatsCache {
    private struct Entry {
        var node: xmlNodePtr
        var generation: Int
        var stats: NodeStats
    }
    private var entries: [Entry] = []
    private var generation = 0

    /// Elements whose text never shows (form controls); counted as inputs instead.
    static let formControls: Set<String> = ["input", "select", "textarea", "button", "option", "optgroup", "datalist"]

    func invalidate() {
        generation += 1
        if entries.count > 1_000_000 { entries.removeAll(keepingCapacity: true) }
    }

    /// Forgets the cached stats of `node` and its ancestors (after removing something below it).
    func invalidate(upFrom node: XMLNode?) {
        var cur = node
        while let c = cur {
            if let i = index(c.ptr) { entries[i].generation = -1 }
            cur = c.parent
        }
    }

    private func index(_ p: xmlNodePtr) -> Int? {
        guard let raw = p.pointee._private else { return nil }
        let i = Int(bitPattern: raw) - 1
        guard i >= 0, i < entries.count, entries[i].node == p else { return nil }
        return i
    }

    private func cached(_ p: xmlNodePtr) -> NodeStats? {
        guard let i = index(p), entries[i].generation == generation else { return nil }
        return entries[i].stats
    }

    private func store(_ p: xmlNodePtr, _ s: NodeStats) {
        if let i = index(p) {
            entries[i].generation = generation
            entries[i].stats = s
        } else {
            entries.append(Entry(node: p, generation: generation, stats: s))
            p.pointee._private = UnsafeMutableRawPointer(bitPattern: entries.count)
        }
    }

    /// Stats of an element's subtree (iterative: garbled pages nest thousands deep).
    func stats(_ node: XMLNode) -> NodeStats {
        if let s = cached(node.ptr) { return s }
        // Post-order walk with an explicit stack; children are summed into their parent's slot.
        var stack: [(ptr: xmlNodePtr, visited: Bool)] = [(node.ptr, false)]
        while let (p, visited) = stack.popLast() {
            if !visited {
                if cached(p) != nil { continue }
                stack.append((p, true))
                var c = p.pointee.children
                while let k = c {
                    if k.pointee.type == XML_ELEMENT_NODE, cached(k) == nil { stack.append((k, false)) }
                    c = k.pointee.next
                }
                continue
            }
            store(p, compute(XMLNode(p)))
        }
        return cached(node.ptr) ?? NodeStats()
    }

    /// One element's stats from its text children and its (already computed) element children.
    private func compute(_ n: XMLNode) -> NodeStats {
        let name = n.name
        var s = NodeStats()
        if StatsCache.formControls.contains(name) {
            s.inputs = 1
            return s
        }
        var counter = TextCounter()
        var hasBlockChild = false
        for c in n.children {
            if c.isText {
                c.withTextBytes { counter.add($0) }
            } else if c.isElement {
                if let cs = cached(c.ptr) { s = s + cs }
                if !hasBlockChild, HTMLTags.block.contains(c.name), !c.isElement("br") { hasBlockChild = true }
            }
        }
        s.chars += counter.chars
        s.commas += counter.commas
        s.stops += counter.stops
        switch name {
        case "a":
            s.links += 1
            let href = n.attribute("href") ?? ""
            s.linkChars = Double(s.chars) * (href.hasPrefix("#") ? 0.3 : 1)
            s.linkCommas = s.commas
        case "p": s.paragraphs += 1
        case "div", "section", "center":
            // A container of phrasing content only is a paragraph (Readability rewrites it to one).
            if !hasBlockChild { s.paragraphs += 1 }
        case "img", "picture": s.images += 1
        case "li": s.listItems += 1
        case "h1", "h2", "h3", "h4", "h5", "h6": s.headingChars = s.chars
        case "ul", "ol": s.listChars = s.chars
        default: break
        }
        return s
    }
}

/// Counts characters and punctuation in UTF-8 text without decoding it into a String.
struct TextCounter {
    var chars = 0
    var commas = 0
    var stops = 0
    private var inSpace = true

    mutating func add(_ b: UnsafeBufferPointer<UInt8>) {
        let n = b.count
        var i = 0
        while i < n {
            let c = b[i]
            if c < 0x80 {
                if c <= 0x20 {
                    if !inSpace { chars += 1; inSpace = true }
                } else {
                    chars += 1; inSpace = false
                    if c == 0x2C { commas += 1 } else if c == 0x2E || c == 0x21 || c == 0x3F { stops += 1 }
                }
                i += 1
                continue
            }
            // Multi-byte scalar: classify the few that matter, count the rest as letters.
            let len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1
            var space = false
            if len == 2, i + 1 < n {
                let d = b[i + 1]
                if c == 0xC2 && d == 0xA0 { space = true }
                if c == 0xD8 && d == 0x8C { commas += 1 }
            } else if len == 3, i + 2 < n {
                let d = b[i + 1], e = b[i + 2]
                if c == 0xE3 && d == 0x80 {
                    if e == 0x80 { space = true } else if e == 0x81 { commas += 1 } else if e == 0x82 { stops += 1 }
                } else if c == 0xE2 && d == 0x80 && (e == 0x8B || e == 0xA8 || e == 0xA9) {
                    space = true
                } else if c == 0xEF && d == 0xBC {
                    if e == 0x8C { commas += 1 } else if e == 0x81 || e == 0x9F { stops += 1 }
                }
            }
            if space {
                if !inSpace { chars += 1; inSpace = true }
            } else {
                chars += 1; inSpace = false
            }
            i += len
        }
    }
}
