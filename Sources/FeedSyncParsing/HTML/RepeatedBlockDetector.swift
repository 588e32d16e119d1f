import CLibXML2

/// One block of a repeated list (a card, a list item) and the link that makes it an item.
struct DetectedBlock {
    let node: XMLNode
    let link: XMLNode
    let href: String
    let title: String
}

/// The list chosen on a page.
struct DetectedList {
    var blocks: [DetectedBlock]
    /// Total visible text of the blocks (to weigh the list against an article on the same page).
    var textLength: Int
}

/// Finds a page's repeated item blocks without selectors: sibling elements of the same shape (tag and
/// class) that each carry exactly one headline link, i.e. what a person would call "the stories".
///
/// Run on a page whose boilerplate is already stripped (`BoilerplateFilter.strip` with
/// `.forItemLists`), so menus and footer link lists are gone; link lists that remain (tags, topics)
/// fail the headline test (short texts).
enum RepeatedBlockDetector {
    /// Fewer than three similar blocks is not a list.
    static let minimumItems = 3
    static let headingTags: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]
    /// The best list on the page, or nil when nothing repeats.
    ///
    /// Blocks are grouped by their tag and their parent's shape (tag and classes), across the page, so
    /// cards split over several sections of one grid form one list. Within one parent, at least half of
    /// the children with that tag must be items, so a wrapper whose children are mostly other things
    /// does not count.
    static func detect(in body: XMLNode) -> DetectedList? {
        var groups: [String: [DetectedBlock]] = [:]
        var order: [String] = []
        func visit(_ parent: XMLNode) {
            let parentSignature = signature(parent)
            var members: [String: Int] = [:]
            var blocks: [String: [DetectedBlock]] = [:]
            for child in parent.children where child.isElement {
                members[child.tag, default: 0] += 1
                if let block = headlineBlock(child) { blocks[child.tag, default: []].append(block) }
            }
            for child in parent.children where child.isElement {
                let tag = child.tag
                guard let found = blocks.removeValue(forKey: tag), found.count * 2 >= (members[tag] ?? 0) else { continue }
                let key = tag + " < " + parentSignature
                if groups[key] == nil { order.append(key) }
                groups[key, default: []].append(contentsOf: found)
            }
            for child in parent.children where child.isElement { visit(child) }
        }
        visit(body)

        var best: (score: Double, list: DetectedList)?
        for key in order {
            guard let blocks = groups[key], blocks.count >= minimumItems,
                  Set(blocks.map(\.href)).count >= minimumItems else { continue }
            let lengths = blocks.map(\.node.visibleTextLength)
            let score = Double(blocks.count) * 2 + Double(lengths.map { min($0, 600) }.reduce(0, +)) / 150
            // Among equally good groups the first (outermost) wins: it holds the whole card.
            if let current = best, score <= current.score + 0.001 { continue }
            best = (score, DetectedList(blocks: blocks, textLength: lengths.reduce(0, +)))
        }
        return best?.list
    }

    /// Tag plus the class tokens that do not carry numbers (`card item-3` and `card item-4` are alike).
    static func signature(_ node: XMLNode) -> String {
        let classes = (node.attribute("class") ?? "").lowercased().split(separator: " ")
            .filter { !$0.contains(where: \.isNumber) }.sorted()
        return node.tag + "." + classes.joined(separator: ".")
    }

    /// The block's headline link, when the block is an item: it has one or two distinct story links
    /// (a card often links its image and its title to the same story) and one reads like a headline.
    static func headlineBlock(_ node: XMLNode) -> DetectedBlock? {
        var links: [XMLNode] = node.tag == "a" ? [node] : []
        node.forEachElement { if $0.tag == "a" { links.append($0) } }
        var candidates: [(link: XMLNode, href: String, text: String, inHeading: Bool)] = []
        for a in links {
            guard let href = a.attribute("href").map(storyHref), !href.isEmpty else { continue }
            var text = a.inlineText
            if text.isEmpty, let img = a.firstDescendant(named: ["img"]) {
                text = XMLNode.collapseWhitespace(img.attribute("alt") ?? "")
            }
            let inHeading = a.ancestor(named: headingTags).map { node.contains($0) } ?? false
                || a.firstDescendant(named: headingTags) != nil
            // Headlines are sentences; "Terms of Service" and "Advertise with Us" are not. Lengths in
            // columns and words as `TextMeasure` counts them, so that the same holds in Chinese or Thai.
            let words = TextMeasure.words(text)
            let length = TextMeasure.columns(text)
            guard (length >= 20 && words >= 4) || (inHeading && length >= 12 && words >= 2) else { continue }
            guard !BoilerplateLexicon.isFurnitureText(text) else { continue }
            candidates.append((a, href, text, inHeading))
        }
        let distinct = Set(candidates.map(\.href))
        guard !distinct.isEmpty, distinct.count <= 2 else { return nil }
        guard let primary = candidates.first(where: \.inHeading) ?? candidates.max(by: { $0.text.count < $1.text.count })
        else { return nil }
        return DetectedBlock(node: node, link: primary.link, href: primary.href, title: title(of: node, link: primary))
    }

    /// Links within the page (`#top`), scripts and mail links are not stories.
    private static func storyHref(_ raw: String) -> String {
        let h = raw.trimmingSpaces
        let lower = h.lowercased()
        if h.hasPrefix("#") || lower.hasPrefix("javascript:") || lower.hasPrefix("mailto:") || lower.hasPrefix("tel:") {
            return ""
        }
        return h.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? h
    }

    /// The heading that holds the link, or the block's first heading, or the link's own text.
    private static func title(of block: XMLNode, link: (link: XMLNode, href: String, text: String, inHeading: Bool)) -> String {
        if let h = link.link.ancestor(named: headingTags), block.contains(h) {
            let t = h.inlineText
            if !t.isEmpty { return t }
        }
        if let h = block.firstDescendant(named: headingTags) {
            let t = h.inlineText
            if t.count >= 8 { return t }
        }
        return link.text
    }
}

extension String {
    /// Trimmed of ASCII spaces, tabs and line breaks (HTML attribute values).
    fileprivate var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\n" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" || l == "\r" { s = s.dropLast() }
        return String(s)
    }
}
