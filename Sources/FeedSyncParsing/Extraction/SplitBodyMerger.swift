import CLibXML2

/// Joins an article whose body is split over blocks that share neither a parent nor a class.
///
/// Page builders and block editors wrap every text block of a post in its own section, column
/// and widget (`section > div.container > div.column > div.widget > p`), each with its own
/// generated class; the sections are siblings far above the paragraphs, beyond the levels that
/// paragraph scores reach. The winner is then one section, and the sibling and same-class rules
/// cannot see the others. The body is the nearest ancestor of the winner that also holds the
/// other prose blocks that score like it and are built like it (the same tags up to that
/// ancestor), as long as those blocks are most of its text (so the climb never swallows a page
/// whose other candidates are a sidebar, a comment list or a footer).
enum SplitBodyMerger {
    /// Another block joins when it scores at least this share of the winner.
    static let minShareOfWinner = 0.4
    /// The prose blocks must be at least this share of the ancestor's text.
    static let minProseShare = 0.6
    /// How far above the winner the common ancestor may be.
    static let maxLevels = 8

    static func ancestor(joining top: XMLNode, score topScore: Double, ranked: [(node: XMLNode, score: Double)],
                         root: XMLNode, stats: StatsCache) -> XMLNode? {
        guard topScore > 0 else { return nil }
        let others = ranked.filter { c in
            guard c.score >= topScore * minShareOfWinner, c.node.ptr != top.ptr,
                  !top.contains(c.node), !c.node.contains(top) else { return false }
            return readsAsProse(stats.stats(c.node))
        }.map(\.node)
        guard !others.isEmpty else { return nil }
        // Shapes are compared from the best scored block inside the winner (the winner itself may
        // be a wrapper the selector climbed to, which nothing scored).
        let anchor = ranked.first { top.contains($0.node) }?.node ?? top
        let topChars = stats.stats(top).chars
        var best: XMLNode?
        var joined = 0
        var current = top.parent
        var level = 0
        while let a = current, a.ptr != root.ptr, level < maxLevels {
            // Only blocks built like the winner count: the same tags on the way up to `a`
            // (a page builder nests every text block alike; a sidebar or a comment list is built
            // differently).
            let path = shape(of: anchor, below: a)
            let inside = others.filter { a.contains($0) && shape(of: $0, below: a) == path }
            if inside.count > joined {
                let outermost = inside.filter { n in !inside.contains { $0.ptr != n.ptr && $0.contains(n) } }
                let prose = topChars + outermost.reduce(0) { $0 + stats.stats($1).chars }
                guard Double(prose) >= minProseShare * Double(stats.stats(a).chars) else { break }
                best = a
                joined = inside.count
            }
            current = a.parent
            level += 1
        }
        return best
    }

    /// The tag names from `node` up to, not including, its ancestor `top`.
    private static func shape(of node: XMLNode, below top: XMLNode) -> [String] {
        var names: [String] = []
        var cur: XMLNode? = node
        while let c = cur, c.ptr != top.ptr, names.count <= maxLevels {
            names.append(c.name)
            cur = c.parent
        }
        return names
    }

    /// A block of text with few links (not by its punctuation: Thai has none).
    private static func readsAsProse(_ s: NodeStats) -> Bool {
        s.chars >= 200 && s.linkDensity < 0.2
    }
}
