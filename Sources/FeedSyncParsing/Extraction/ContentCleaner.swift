import CLibXML2

/// Cleans the chosen article blocks: drops the heading that repeats the title, lists and boxes of
/// links, image galleries without prose, forms, and empty paragraphs (Readability's "clean
/// conditionally" with its thresholds).
struct ContentCleaner {
    let stats: StatsCache
    let scorer: CandidateScorer
    /// The page title, to drop the heading that repeats it.
    let title: String?
    /// The author the metadata names, to recognize the byline line.
    let byline: String?
    /// Whether the conditional rules run (the last-resort pass turns them off).
    let conditional: Bool
    let trace: ExtractionTrace

    /// Cleans every node of the selection in place; returns the nodes still present.
    func clean(_ nodes: [XMLNode]) -> [XMLNode] {
        var kept: [XMLNode] = []
        let signature = paragraphSignature(nodes)
        if let signature { trace.note("paragraph class: \(signature)") }
        for n in nodes {
            if let t = title { removeTitleHeading(in: n, title: t) }
            removeMetadataLines(in: n, byline: byline)
            if conditional {
                for tag in ["form", "fieldset", "table", "ul", "ol", "dl", "div", "section", "aside", "header"] {
                    cleanConditionally(n, tag: tag, signature: signature)
                }
            }
            removeEmptyBlocks(n)
            stats.invalidate()
            if stats.stats(n).chars > 0 || stats.stats(n).images > 0 { kept.append(n) }
        }
        return kept
    }

    /// Removes the first `h1`/`h2` that repeats the title (it is reported as `title`): same words, or
    /// the title with a site name or page number around it.
    private func removeTitleHeading(in root: XMLNode, title: String) {
        let want = TokenBag(title)
        let titleLabel = BoilerplateLexicon.label(title)
        guard want.total > 0 else { return }
        for e in root.descendantElements() where e.name == "h1" || e.name == "h2" {
            let text = e.textContent
            let label = BoilerplateLexicon.label(text)
            let contained = !label.isEmpty && label.unicodeScalars.count * 2 >= titleLabel.unicodeScalars.count
                && titleLabel.contains(label)
            if contained || TokenBag(text).f1(against: want) >= 0.75 {
                trace.note("clean title heading: \(ExtractionTrace.describe(e))")
                e.removeFromTree()
                stats.invalidate()
                return
            }
        }
    }

    /// Removes `tag` elements under `root` (deepest first) that look like boilerplate by their
    /// counts: more links than text, more images than paragraphs, more controls than prose.
    private func cleanConditionally(_ root: XMLNode, tag: String, signature: String?) {
        let targets = root.descendantElements().filter { $0.name == tag }.reversed()
        for e in targets where shouldRemove(e, tag: tag) {
            if let signature, stats.stats(e).linkDensity <= 0.5,
               e.descendantElements().contains(where: { $0.attribute("class") == signature }) {
                continue
            }
            trace.note("clean conditionally: \(ExtractionTrace.describe(e, stats: stats))")
            let parent = e.parent
            e.removeFromTree()
            stats.invalidate(upFrom: parent)
        }
    }

    func shouldRemove(_ e: XMLNode, tag: String) -> Bool {
        if tag == "table", isDataTable(e) { return false }
        if e.hasAncestor(named: ["code", "pre"]) { return false }
        let s = stats.stats(e)
        var isList = tag == "ul" || tag == "ol" || tag == "dl"
        if !isList, s.chars > 0 { isList = Double(s.listChars) / Double(s.chars) > 0.9 }
        // Embedded posts (tweets, Instagram captions) are quotations of the story.
        if e.classAndID.contains("embed"), e.descendantElements().contains(where: { $0.name == "blockquote" }),
           s.linkDensity < 0.5 {
            return false
        }
        let weight = scorer.classWeight(e)
        let contentScore = scorer.score(e) ?? 0
        if weight + contentScore < 0 { return true }
        // Readability keeps a block with ten commas as prose. In a list, only commas outside its
        // links count: link text is headlines, and Chinese headlines are full of `，`.
        let proseCommas = s.commas - s.linkCommas
        guard (isList ? proseCommas : s.commas) < 10 else { return false }
        let p = s.paragraphs, img = s.images, li = s.listItems - 100, input = s.inputs
        let headingDensity = s.chars == 0 ? 0 : Double(s.headingChars) / Double(s.chars)
        let inFigure = e.hasAncestor(named: ["figure"])
        var remove = (img > 1 && Double(p) / Double(img) < 0.5 && !inFigure)
            || (!isList && li > p)
            || (input > p / 3)
            || (!isList && headingDensity < 0.9 && s.chars < 25 && (img == 0 || img > 2) && !inFigure)
            || (!isList && weight < 25 && s.linkDensity > 0.2)
            || (weight >= 25 && s.linkDensity > 0.5)
        // A list whose items are each just a link is a list of other stories, not of points; a list
        // of bare URLs is a list of references, which stays.
        if isList, s.listItems >= 2, s.linkDensity > 0.8, s.links >= s.listItems, proseCommas < 2,
           !e.textContent.contains("://") {
            remove = true
        }
        // Lists of images (galleries) stay when every item is one picture.
        if isList && remove {
            for c in e.elementChildren where c.elementChildren.count > 1 { return remove }
            if img == s.listItems { remove = false }
        }
        return remove
    }

    /// The `class` the article's prose paragraphs share, when one does (CMSs mark every paragraph
    /// of a story alike, `p.story-text` or `div.zn-body__paragraph`): a block that holds such a
    /// paragraph is part of the story whatever its own class says.
    func paragraphSignature(_ nodes: [XMLNode]) -> String? {
        var chars: [String: Int] = [:]
        var count: [String: Int] = [:]
        var total = 0
        for n in nodes {
            for e in [n] + n.descendantElements() where e.name == "p" || e.name == "div" {
                let s = stats.stats(e)
                guard s.chars >= 80, s.linkDensity < 0.3,
                      !e.elementChildren.contains(where: { HTMLTags.block.contains($0.name) && $0.name != "br" })
                else { continue }
                total += s.chars
                guard let c = e.attribute("class"), !c.isEmpty else { continue }
                chars[c, default: 0] += s.chars
                count[c, default: 0] += 1
            }
        }
        guard let (best, n) = chars.max(by: { $0.value < $1.value }), (count[best] ?? 0) >= 3,
              n * 2 >= total else { return nil }
        return best
    }

    /// A table of data rather than layout (after Readability's `_markDataTables`).
    func isDataTable(_ t: XMLNode) -> Bool {
        if t.attribute("role") == "presentation" { return false }
        if t.attribute("datatable") == "0" { return false }
        if t.hasAttribute("summary") { return true }
        let inner = t.descendantElements()
        if inner.contains(where: { $0.name == "caption" && stats.stats($0).chars > 0 }) { return true }
        if inner.contains(where: { ["col", "colgroup", "tfoot", "thead", "th"].contains($0.name) }) { return true }
        if inner.contains(where: { $0.name == "table" }) { return false }
        let rows = inner.filter { $0.name == "tr" }
        let cols = rows.map { r in r.elementChildren.filter { $0.name == "td" || $0.name == "th" }.count }.max() ?? 0
        if rows.count >= 10 || cols > 4 { return true }
        return rows.count * cols > 10
    }

    /// Paragraphs and wrappers left without text or pictures.
    private func removeEmptyBlocks(_ root: XMLNode) {
        stats.invalidate()
        for e in root.descendantElements().reversed() where ["p", "div", "section", "li", "ul", "ol", "span", "figure", "strong", "b", "em", "i", "a"].contains(e.name) {
            let s = stats.stats(e)
            if s.chars == 0 && s.images == 0 {
                let parent = e.parent
                e.removeFromTree()
                stats.invalidate(upFrom: parent)
            }
        }
    }

}
