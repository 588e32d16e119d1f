import CLibXML2

/// Rules that read what the page shows rather than how it is marked up: they work on sites whose
/// class names say nothing (`div.x7f3a`), which is most of them.
extension BoilerplateFilter {
    /// Largest text a share bar, app badge block or promo may hold.
    static let shortBlockChars = 200

    /// Share and follow bars (two or more links to social networks and little else) and app-store
    /// badges (links to the app stores in a short block).
    func socialAndAppBars(_ elements: [XMLNode]) -> [(XMLNode, Reason)] {
        var out: [(XMLNode, Reason)] = []
        var social: [xmlNodePtr: Int] = [:]
        var socialOrder: [XMLNode] = []
        for e in elements where e.isElement("a") {
            guard let href = e.attribute("href")?.lowercased(), !href.isEmpty else { continue }
            if BoilerplateLexicon.containsAny(href, BoilerplateLexicon.appStoreHosts) {
                // A badge: climb to the short block that holds it (never out of a real paragraph).
                var target = e
                guard let block = nearestBlock(e), stats.stats(block).chars <= 150 else { continue }
                while let p = target.parent, p.ptr != root.ptr, stats.stats(p).chars <= 150,
                      !protected.contains(p.ptr) {
                    target = p
                }
                out.append((target, .appBadge))
            } else if BoilerplateLexicon.containsAny(href, BoilerplateLexicon.socialHosts) {
                var cur = e.parent
                var level = 0
                while let c = cur, level < 6, c.ptr != root.ptr {
                    if social[c.ptr] == nil { socialOrder.append(c) }
                    social[c.ptr, default: 0] += 1
                    cur = c.parent
                    level += 1
                }
            }
        }
        for c in socialOrder {
            guard let n = social[c.ptr], n >= 2 else { continue }
            let s = stats.stats(c)
            let plain = Double(s.chars) - s.linkChars
            if s.chars <= Self.shortBlockChars, n * 2 >= s.links, plain <= 80 {
                out.append((c, .shareBar))
            }
        }
        return out
    }

    /// Short blocks whose whole text is furniture ("Advertisement", "Share this article"), a
    /// comment-widget notice ("No comments yet...") or a call to action ("Download the app").
    func labelledBlocks(_ elements: [XMLNode]) -> [(XMLNode, Reason)] {
        var out: [(XMLNode, Reason)] = []
        for e in elements where HTMLTags.block.contains(e.name) {
            let s = stats.stats(e)
            guard s.chars > 0, s.chars <= Self.shortBlockChars else { continue }
            let label = BoilerplateLexicon.label(e.textContent)
            if label.isEmpty { continue }
            if options.furniture, s.chars <= 40, BoilerplateLexicon.furnitureLabels.contains(label) {
                out.append((e, .furniture))
            } else if options.comments, BoilerplateLexicon.commentNotices.contains(label) {
                out.append((climbShort(e, limit: 150), .comments))
            } else if options.promos, !inList(e), BoilerplateLexicon.isPromo(label) {
                out.append((climbShort(e, limit: 250), .promo))
            }
        }
        return out
    }

    /// Steps of instructions ("1. Download the app...") are content, not calls to action.
    private func inList(_ e: XMLNode) -> Bool {
        var cur: XMLNode? = e
        var level = 0
        while let c = cur, level < 4 {
            if c.name == "li" || c.name == "ol" { return true }
            cur = c.parent
            level += 1
        }
        return false
    }

    /// The largest ancestor (or the node) whose text stays under `limit` characters.
    private func climbShort(_ e: XMLNode, limit: Int) -> XMLNode {
        var target = e
        while let p = target.parent, p.ptr != root.ptr, stats.stats(p).chars <= limit, !protected.contains(p.ptr),
              p.name != "body" {
            target = p
        }
        return target
    }

    private func nearestBlock(_ e: XMLNode) -> XMLNode? {
        var cur = e.parent
        while let c = cur {
            if HTMLTags.block.contains(c.name) { return c }
            cur = c.parent
        }
        return nil
    }

    // MARK: sections opened by a heading

    /// Sections opened by a "Related articles" or "Comments" heading: the heading's container when
    /// the heading opens it, else the heading and what follows it up to the next heading of the same
    /// rank. The section's own text is not consulted: on aggregator pages the related stories are
    /// printed in full and outweigh the article.
    func headedSections(_ elements: [XMLNode]) -> [(XMLNode, Reason)] {
        var out: [(XMLNode, Reason)] = []
        for e in elements {
            guard let (level, reason) = sectionHeading(e) else { continue }
            var h = e
            // Climb wrappers that hold nothing but the heading.
            let hChars = stats.stats(e).chars
            while let p = h.parent, p.ptr != root.ptr, p.name != "body", stats.stats(p).chars == hChars,
                  !protected.contains(p.ptr) {
                h = p
            }
            guard let parent = h.parent else { continue }
            if parent.ptr != root.ptr, parent.name != "body", !protected.contains(parent.ptr),
               opensContainer(h, parent) {
                out.append((parent, reason))
                continue
            }
            out.append((h, reason))
            var section: [XMLNode] = []
            var sib = h.nextSibling
            while let s = sib {
                if s.isElement, let l = HTMLTags.headingLevel(s.name), l <= level { break }
                section.append(s)
                sib = s.nextSibling
            }
            if looksLikeLinkedItems(section) { out += section.map { ($0, reason) } }
        }
        return out
    }

    /// Whether the blocks after a mid-container heading are a list of linked items (teasers,
    /// comments with author links) rather than more of the article's prose: half of the blocks with
    /// text hold a link, or links make up a seventh of the text.
    private func looksLikeLinkedItems(_ blocks: [XMLNode]) -> Bool {
        var withText = 0, withLink = 0, chars = 0
        var linkChars = 0.0
        for b in blocks where b.isElement {
            let s = stats.stats(b)
            guard s.chars > 0 else { continue }
            withText += 1
            if s.links > 0 { withLink += 1 }
            chars += s.chars
            linkChars += s.linkChars
        }
        if withText == 0 { return true }
        return withLink * 2 >= withText || linkChars * 7 >= Double(chars)
    }

    /// The heading rank (7 for non-`h` headings) and the kind of section a heading opens, if any.
    private func sectionHeading(_ e: XMLNode) -> (Int, Reason)? {
        let name = e.name
        let level = HTMLTags.headingLevel(name)
        if level == nil {
            // Headings in disguise: a short block of phrasing content ("<div class=title>Related</div>").
            guard HTMLTags.block.contains(name), name != "li", name != "td", name != "th" else { return nil }
            if e.elementChildren.contains(where: { HTMLTags.block.contains($0.name) }) { return nil }
        }
        let s = stats.stats(e)
        guard s.chars > 0, s.chars <= 60 else { return nil }
        let label = BoilerplateLexicon.label(e.textContent)
        if options.comments, BoilerplateLexicon.commentLabels.contains(label) { return (level ?? 7, .comments) }
        guard options.relatedSections else { return nil }
        if BoilerplateLexicon.relatedLabels.contains(label) { return (level ?? 7, .related) }
        let words = label.split(separator: " ")
        // "Most popular diets", "Related articles on climate": a two-word label and a little more.
        if words.count >= 3, words.count <= 5 {
            for n in 2...3 where n < words.count {
                if BoilerplateLexicon.relatedLabels.contains(words.prefix(n).joined(separator: " ")) {
                    return (level ?? 7, .related)
                }
            }
        }
        if words.count <= 6, BoilerplateLexicon.relatedPrefixes.contains(where: { label.hasPrefix($0) }) {
            return (level ?? 7, .related)
        }
        // "More great WIRED stories", "Latest tech news", "Other posts you may enjoy".
        if words.count >= 2, words.count <= 6, let first = words.first, let last = words.last,
           BoilerplateLexicon.listOpeners.contains(first), BoilerplateLexicon.listNouns.contains(last) {
            return (level ?? 7, .related)
        }
        return nil
    }

    /// Whether `h` is the first thing with text in `parent`.
    private func opensContainer(_ h: XMLNode, _ parent: XMLNode) -> Bool {
        var cur = h.previousSibling
        while let c = cur {
            if c.isText {
                if c.withTextBytes({ $0.contains(where: { $0 > 0x20 }) }) { return false }
            } else if c.isElement, stats.stats(c).chars > 0 {
                return false
            }
            cur = c.previousSibling
        }
        return true
    }
}
