import CLibXML2

/// The blocks chosen as the article: the best container and those of its siblings that belong with it.
struct ContentSelection {
    /// The winning container.
    var top: XMLNode
    /// The winning container and its kept siblings, in document order.
    var nodes: [XMLNode]
    /// `top` is the ancestor that joins an article split over sections (`SplitBodyMerger`).
    var joinedSplitBody = false
}

/// Picks the article container from the scores, after Readability: prefer a common ancestor when
/// several near-equal candidates share one (articles split into many `div`s), climb while the parent
/// scores higher, skip wrappers with a single child, then keep siblings that score at least a fifth
/// of the winner or read like prose.
enum ContentSelector {
    static let topCandidateCount = 5

    static func select(scorer: CandidateScorer, stats: StatsCache, hint: TokenBag?) -> ContentSelection? {
        let root = scorer.root
        let ranked = scorer.ranked()
        guard var top = ranked.first?.node, ranked[0].score > 0 else { return nil }
        if let hint, let best = bestMatch(for: hint, ranked: ranked, stats: stats) {
            top = best
            return ContentSelection(top: top, nodes: [top])
        }
        var topScore = ranked[0].score
        let alternatives = ranked.dropFirst().prefix(topCandidateCount - 1).filter { $0.score / topScore >= 0.75 }
        if alternatives.count >= 3 {
            var parent = top.parent
            while let p = parent, p.ptr != root.ptr {
                let containing = alternatives.filter { p.contains($0.node) }.count
                if containing >= 3 { top = p; break }
                parent = p.parent
            }
        }
        topScore = scorer.score(top) ?? topScore
        // Climb while the parent is a better container.
        var lastScore = topScore
        let threshold = topScore / 3
        var parent = top.parent
        while let p = parent, p.ptr != root.ptr {
            guard let ps = scorer.score(p) else { parent = p.parent; continue }
            if ps < threshold { break }
            if ps > lastScore { top = p; break }
            lastScore = ps
            parent = p.parent
        }
        // A wrapper with one child says nothing the child does not.
        while top.ptr != root.ptr, let p = top.parent, p.elementChildren.count == 1 {
            top = p
            if p.ptr == root.ptr { break }
        }
        topScore = scorer.score(top) ?? topScore
        let peers = splitPeers(of: top, stats: stats)
        if peers.count > 1 { return ContentSelection(top: top, nodes: peers) }
        if let merged = SplitBodyMerger.ancestor(joining: top, score: topScore, ranked: ranked, root: root, stats: stats) {
            return ContentSelection(top: merged, nodes: [merged], joinedSplitBody: true)
        }
        return ContentSelection(top: top, nodes: siblings(of: top, score: topScore, scorer: scorer, stats: stats))
    }

    /// Articles cut into chunks between ad rails (`div.article__body` ... ad ... `div.article__body`):
    /// the winner and the prose blocks of the same tag and class near it, in document order.
    static func splitPeers(of top: XMLNode, stats: StatsCache) -> [XMLNode] {
        guard let cls = top.attribute("class"), !cls.isEmpty else { return [top] }
        // The nearest ancestor (up to four levels) under which other blocks of the same kind live.
        var scope = top.parent
        var level = 0
        while let sc = scope, level < 4 {
            let peers = sc.descendantElements().filter {
                $0.name == top.name && $0.attribute("class") == cls
            }
            let outermost = peers.filter { p in !peers.contains { $0.ptr != p.ptr && $0.contains(p) } }
            let prose = outermost.filter { p in
                if p.ptr == top.ptr { return true }
                let s = stats.stats(p)
                return s.chars >= 100 && s.linkDensity < 0.3
            }
            if prose.count > 1 { return prose }
            if sc.name == "body" { break }
            scope = sc.parent
            level += 1
        }
        return [top]
    }

    /// The winner plus siblings scoring a fifth of it (with a bonus for sharing its class) and
    /// sibling paragraphs of prose.
    static func siblings(of top: XMLNode, score topScore: Double, scorer: CandidateScorer,
                         stats: StatsCache) -> [XMLNode] {
        guard top.ptr != scorer.root.ptr, let parent = top.parent else { return [top] }
        let threshold = max(10, topScore * 0.2)
        let topClass = top.attribute("class") ?? ""
        var out: [XMLNode] = []
        for s in parent.elementChildren {
            if s.ptr == top.ptr { out.append(s); continue }
            var bonus = 0.0
            if !topClass.isEmpty, s.attribute("class") == topClass { bonus = topScore * 0.2 }
            if let sc = scorer.score(s), sc + bonus >= threshold {
                out.append(s)
                continue
            }
            guard s.isElement("p") || isPhrasingOnly(s) else { continue }
            let st = stats.stats(s)
            if st.chars > 80 && st.linkDensity < 0.25 {
                out.append(s)
            } else if st.chars > 0, st.chars <= 80, st.linkChars == 0, endsSentence(s.textContent) {
                out.append(s)
            }
        }
        return out
    }

    private static func isPhrasingOnly(_ e: XMLNode) -> Bool {
        HTMLTags.divLike.contains(e.name) && !e.elementChildren.contains { HTMLTags.block.contains($0.name) && $0.name != "br" }
    }

    private static func endsSentence(_ text: String) -> Bool {
        let t = text.trimmingWhitespace()
        guard let last = t.last else { return false }
        return ".!?。！？".contains(last) || t.contains(". ")
    }

    /// The scored container whose words best match the page's own `articleBody` (JSON-LD), when
    /// the match is good; `nil` leaves the choice to the scores.
    static func bestMatch(for hint: TokenBag, ranked: [(node: XMLNode, score: Double)], stats: StatsCache) -> XMLNode? {
        var seen: Set<xmlNodePtr> = []
        var pool: [XMLNode] = []
        for (node, _) in ranked.prefix(10) {
            var cur: XMLNode? = node
            var level = 0
            while let c = cur, level < 4 {
                if seen.insert(c.ptr).inserted { pool.append(c) }
                cur = c.parent
                level += 1
            }
        }
        var best: XMLNode?
        var bestF1 = 0.0
        // A container far shorter or longer than the declared body cannot match it well.
        for n in pool {
            let chars = stats.stats(n).chars
            if chars * 2 < hint.chars || chars > hint.chars * 5 { continue }
            let f1 = TokenBag(n.textContent).f1(against: hint)
            if f1 > bestF1 + 1e-9 { best = n; bestF1 = f1 }
        }
        return bestF1 >= 0.6 ? best : nil
    }
}
