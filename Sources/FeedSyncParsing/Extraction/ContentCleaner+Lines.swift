import CLibXML2

/// Short lines inside an article that are about it rather than of it: bylines, datelines, tag
/// lists, "Related: ..." and "Read more: ..." links. The page's metadata already reports author and
/// date; in the text they are noise.
extension ContentCleaner {
    /// Longest line these rules may remove.
    static let lineChars = 200

    /// Removes metadata lines under `root`; `byline` is the author the metadata names, if any.
    func removeMetadataLines(in root: XMLNode, byline: String?) {
        var doomed: [XMLNode] = []
        var seen: Set<xmlNodePtr> = []
        func doom(_ e: XMLNode, _ why: String) {
            guard e.ptr != root.ptr, !seen.contains(e.ptr) else { return }
            // Skip nodes inside something already doomed, and drop doomed nodes inside this one.
            var cur = e.parent
            while let c = cur { if seen.contains(c.ptr) { return }; cur = c.parent }
            seen.insert(e.ptr)
            doomed.append(e)
            trace.note("clean \(why): \(ExtractionTrace.describe(e, stats: stats))")
        }
        let author = byline.map { BoilerplateLexicon.label($0) }.flatMap { $0.isEmpty ? nil : $0 }
        for e in root.descendantElements() {
            let s = stats.stats(e)
            guard s.chars > 0, s.chars <= ContentCleaner.lineChars, s.paragraphs <= 1 else { continue }
            let name = e.name
            if let ip = e.attribute("itemprop")?.lowercased(), ContentCleaner.metadataItemprops.contains(ip) {
                doom(e, "itemprop \(ip)"); continue
            }
            if name == "time" {
                if let block = lineBlock(e, in: root) { doom(block, "time line") }
                continue
            }
            if name == "a", let rel = e.attribute("rel")?.lowercased(), rel.split(separator: " ").contains("tag") {
                doom(tagBlock(e, in: root), "tag list")
                continue
            }
            guard HTMLTags.block.contains(name) || name == "span" else { continue }
            // Table cells and list items are data (release tables, schedules), not lines about the article.
            if ["tr", "td", "th", "li", "dt", "dd", "tbody", "table"].contains(name) || isInTable(e, root) { continue }
            let hint = e.classAndID
            if !hint.isEmpty, s.chars <= 150, !readsAsSentences(s),
               BoilerplateLexicon.containsAny(hint, ContentCleaner.bylineHints) {
                doom(e, "byline class"); continue
            }
            guard HTMLTags.block.contains(name) || !hint.isEmpty, s.chars <= 120 else { continue }
            let text = e.textContent
            if DateLine.isDateLine(text, author: author) {
                // Weak hints (`author`, `entry-meta`) confirm; a plain block must be a whole line.
                if HTMLTags.block.contains(name)
                    || (BoilerplateLexicon.containsAny(hint, ContentCleaner.weakBylineHints) && isWholeLine(e, root)) {
                    doom(e, "dateline"); continue
                }
            }
            guard HTMLTags.block.contains(name) else { continue }
            let label = BoilerplateLexicon.label(text)
            if s.linkDensity >= 0.5, startsWithRelatedLabel(label) { doom(e, "related link line") }
        }
        for d in doomed {
            let parent = d.parent
            d.removeFromTree()
            stats.invalidate(upFrom: parent)
        }
    }

    static let metadataItemprops: Set<String> = [
        "datepublished", "datemodified", "datecreated", "author", "publisher", "dateline", "uploaddate",
        "keywords",
    ]

    /// `class`/`id` fragments of byline and dateline blocks.
    static let bylineHints = [
        "byline", "dateline", "timestamp", "posted-on", "post-date", "postdate", "entry-date", "pubdate",
        "article-date", "story-date", "submitted", "writtenby", "p-author", "fecha", "datum",
    ]

    /// Fragments that also name author boxes and standfirsts: they need the text to agree.
    static let weakBylineHints = [
        "author", "autor", "auteur", "publish", "entry-meta", "post-meta", "article-meta", "article__meta",
        "meta-info", "data-publica", "date", "time", "meta",
    ]

    /// Whether an inline element is all the text of the block it sits in.
    private func isWholeLine(_ e: XMLNode, _ root: XMLNode) -> Bool {
        var cur = e
        while let p = cur.parent, p.ptr != root.ptr, !HTMLTags.block.contains(cur.name) { cur = p }
        return stats.stats(cur).chars == stats.stats(e).chars
    }

    private func isInTable(_ e: XMLNode, _ root: XMLNode) -> Bool {
        var cur = e.parent
        while let c = cur, c.ptr != root.ptr {
            if c.name == "table" { return true }
            cur = c.parent
        }
        return false
    }

    /// More than one sentence: a paragraph, not a label.
    private func readsAsSentences(_ s: NodeStats) -> Bool { s.stops >= 2 && s.chars >= 80 }

    /// The short block a `<time>` sits in, if the block is little more than the date.
    private func lineBlock(_ e: XMLNode, in root: XMLNode) -> XMLNode? {
        var cur = e
        while let p = cur.parent, p.ptr != root.ptr, !HTMLTags.block.contains(cur.name) {
            cur = p
        }
        let s = stats.stats(cur)
        return s.chars <= 120 && !readsAsSentences(s) ? cur : nil
    }

    /// The largest block around a tag link made mostly of links (the "Tags: a, b, c" line).
    private func tagBlock(_ e: XMLNode, in root: XMLNode) -> XMLNode {
        var target = e
        while let p = target.parent, p.ptr != root.ptr {
            let s = stats.stats(p)
            guard s.linkDensity >= 0.5, s.chars <= 600 else { break }
            target = p
        }
        return target
    }

    private func startsWithRelatedLabel(_ label: String) -> Bool {
        let words = label.split(separator: " ")
        guard !words.isEmpty else { return false }
        for n in 1...min(4, words.count) {
            let head = words.prefix(n).joined(separator: " ")
            if BoilerplateLexicon.relatedLabels.contains(head) || ContentCleaner.inlineRelatedLabels.contains(head) {
                return true
            }
        }
        return false
    }

    /// Labels that introduce a link to another story inside an article ("Read more: ...").
    static let inlineRelatedLabels: Set<String> = Set([
        "read more", "see also", "more", "also", "watch", "listen", "related", "leia mais", "lesen sie mehr",
        "mehr dazu", "lire", "voir aussi", "ver más", "ver mais", "leggi", "читайте", "baca", "xem",
    ].map { BoilerplateLexicon.label($0) })
}
