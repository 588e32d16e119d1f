import CLibXML2

/// Scores blocks as article containers from the paragraphs they hold, after Readability: every
/// paragraph of 25+ characters gives `1 + commas + min(chars / 100, 3)` to its parent, half of that
/// to its grandparent and a third-per-level beyond, up to five levels; each container starts from a
/// weight for its tag and its `class`/`id` hints and ends scaled by `1 - link density`.
///
/// Runs of phrasing content directly inside a container (text separated by `<br><br>`) count as
/// paragraphs of that container, and a container holding only phrasing content counts as a paragraph
/// itself, which is what Readability gets by rewriting the DOM, without rewriting it.
final class CandidateScorer {
    let root: XMLNode
    let stats: StatsCache
    /// Whether `class`/`id` hints move scores (the last-resort pass turns this off).
    let weightClasses: Bool
    private(set) var scores: [xmlNodePtr: Double] = [:]
    private var order: [xmlNodePtr] = []

    init(root: XMLNode, stats: StatsCache, weightClasses: Bool) {
        self.root = root
        self.stats = stats
        self.weightClasses = weightClasses
    }

    /// Shortest text that counts as a paragraph.
    static let minParagraphChars = 25

    /// Scores every container below the root.
    func run() {
        var stack: [xmlNodePtr] = [root.ptr]
        while let p = stack.popLast() {
            let e = XMLNode(p)
            let name = e.name
            let hasBlock = e.children.contains { $0.isElement && HTMLTags.block.contains($0.name) && !$0.isElement("br") }
            if CandidateScorer.scoredTags.contains(name) || (!hasBlock && HTMLTags.divLike.contains(name)) {
                scoreParagraph(e, text: stats.stats(e))
            } else if hasBlock {
                for run in inlineRuns(of: e) { scoreParagraph(nil, parent: e, text: run) }
            }
            // Descend into everything but paragraphs' insides (a <p> in a <td> is still scored).
            var c = p.pointee.last
            while let k = c {
                if k.pointee.type == XML_ELEMENT_NODE { stack.append(k) }
                c = k.pointee.prev
            }
        }
        for p in order {
            let s = stats.stats(XMLNode(p))
            scores[p] = (scores[p] ?? 0) * (1 - s.linkDensity)
        }
    }

    /// Tags scored as paragraphs whatever they contain.
    static let scoredTags: Set<String> = ["p", "pre", "td", "h2", "h3", "h4", "h5", "h6"]

    private func scoreParagraph(_ e: XMLNode?, parent: XMLNode? = nil, text s: NodeStats) {
        guard s.chars >= CandidateScorer.minParagraphChars else { return }
        let contentScore = 1.0 + Double(s.commas) + Double(min(s.chars / 100, 3))
        var cur = parent ?? e?.parent
        var level = 0
        while let c = cur, level < 5 {
            if scores[c.ptr] == nil {
                scores[c.ptr] = initialScore(c)
                order.append(c.ptr)
            }
            let divider: Double = level == 0 ? 1 : level == 1 ? 2 : Double(level * 3)
            scores[c.ptr, default: 0] += contentScore / divider
            if c.ptr == root.ptr { break }
            cur = c.parent
            level += 1
        }
    }

    /// Runs of phrasing content among a container's children, split at `<br><br>` and at blocks.
    private func inlineRuns(of e: XMLNode) -> [NodeStats] {
        var runs: [NodeStats] = []
        var current = NodeStats()
        var counter = TextCounter()
        var brs = 0
        func flush() {
            current.chars += counter.chars
            current.commas += counter.commas
            current.stops += counter.stops
            if current.chars > 0 { runs.append(current) }
            current = NodeStats()
            counter = TextCounter()
        }
        for c in e.children {
            if c.isText {
                let blank = c.withTextBytes { !$0.contains(where: { $0 > 0x20 }) }
                if !blank { brs = 0 }
                c.withTextBytes { counter.add($0) }
            } else if c.isElement {
                let name = c.name
                if name == "br" {
                    brs += 1
                    if brs >= 2 { flush() }
                } else if HTMLTags.block.contains(name) {
                    brs = 0
                    flush()
                } else {
                    brs = 0
                    current = current + stats.stats(c)
                }
            }
        }
        flush()
        return runs
    }

    /// A container's starting score: its tag's weight plus its class weight.
    func initialScore(_ e: XMLNode) -> Double {
        var score: Double
        switch e.name {
        case "div", "article", "main": score = 5
        case "pre", "td", "blockquote": score = 3
        case "address", "ol", "ul", "dl", "dd", "dt", "li", "form": score = -3
        case "h1", "h2", "h3", "h4", "h5", "h6", "th": score = -5
        default: score = 0
        }
        return score + classWeight(e)
    }

    /// +25 / -25 for positive / negative hints in `class`, and again in `id`; +25 for schema.org's
    /// `articleBody`.
    func classWeight(_ e: XMLNode) -> Double {
        guard weightClasses else { return 0 }
        var w = 0.0
        for attr in ["class", "id"] {
            guard let v = e.attribute(attr)?.lowercased(), !v.isEmpty else { continue }
            if BoilerplateLexicon.containsAny(v, BoilerplateLexicon.negativeHints) { w -= 25 }
            if BoilerplateLexicon.containsAny(v, BoilerplateLexicon.positiveHints) { w += 25 }
        }
        if let ip = e.attribute("itemprop")?.lowercased(), ip == "articlebody" { w += 25 }
        return w
    }

    /// Scored containers, best first.
    func ranked() -> [(node: XMLNode, score: Double)] {
        order.map { (XMLNode($0), scores[$0] ?? 0) }.sorted { $0.score > $1.score }
    }

    func score(_ e: XMLNode) -> Double? { scores[e.ptr] }
}
