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
        s.paragraphs += b.paragraphs; s.images += b.images; s.listItems += b.listItems; s.links += b.links
        s.inputs += b.inputs; s.headingChars += b.headingChars; s.listChars += b.listChars
        return s
    }
}

/// Memoized `NodeStats` per element. Invalidate after mutating the tree.
final class StatsCache {
    private var cache: [xmlNodePtr: NodeStats] = [:]

    /// Elements whose text never shows (form controls); counted as inputs instead.
    static let formControls: Set<String> = ["input", "select", "textarea", "button", "option", "optgroup", "datalist"]

    func invalidate() { cache.removeAll(keepingCapacity: true) }

    /// Forgets the cached stats of `node` and its ancestors (after removing something below it).
    func invalidate(upFrom node: XMLNode?) {
        var cur = node
        while let c = cur {
            cache[c.ptr] = nil
            cur = c.parent
        }
    }

    /// Stats of an element's subtree (iterative: garbled pages nest thousands deep).
    func stats(_ node: XMLNode) -> NodeStats {
        if let s = cache[node.ptr] { return s }
        // Post-order walk with an explicit stack; children are summed into their parent's slot.
        var stack: [(ptr: xmlNodePtr, visited: Bool)] = [(node.ptr, false)]
        while let (p, visited) = stack.popLast() {
            if cache[p] != nil { continue }
            if !visited {
                stack.append((p, true))
                var c = p.pointee.children
                while let k = c {
                    if k.pointee.type == XML_ELEMENT_NODE, cache[k] == nil { stack.append((k, false)) }
                    c = k.pointee.next
                }
                continue
            }
            cache[p] = compute(XMLNode(p))
        }
        return cache[node.ptr] ?? NodeStats()
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
        for c in n.children {
            if c.isText {
                c.withTextBytes { counter.add($0) }
            } else if c.isElement {
                if let cs = cache[c.ptr] { s = s + cs }
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
        case "p": s.paragraphs += 1
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
