import CLibXML2

/// Finds the blocks of a page that are furniture rather than content: navigation, headers and
/// footers, asides, forms, share and follow bars, app and newsletter promos, comment widgets,
/// related-links sections, ad labels, hidden elements, scripts.
///
/// The one implementation of these decisions: it serves `ContentExtractor` (main-content extraction,
/// page-watch items, summaries of selected items that have no summary selector) and the HTML
/// sources (stripping a page before repeated-block detection with `.forItemLists`, telling a side
/// list by its `.related` findings, leaving boilerplate out of selected summaries with `findings()`).
/// `strip(_:)` removes the blocks, `mark(_:)` only labels them with
/// `data-feedsync-boilerplate="<reason>"` so XPath can skip them
/// (`not(ancestor-or-self::*[@data-feedsync-boilerplate])`).
///
/// Every rule spares the page's content markers (`main`, `itemprop=articleBody`, and any `article`
/// holding a fifth of the page's text) and anything that contains them, so a CMS that puts
/// `class="has-sidebar"` on its page wrapper does not lose the article.
struct BoilerplateFilter {
    /// Why a block was judged boilerplate.
    enum Reason: String, Sendable, CaseIterable {
        case navigation, header, footer, aside, form, role, classHint, hidden
        case shareBar, promo, appBadge, comments, related, furniture
    }

    /// Which families of rules run.
    struct Options: Sendable {
        /// `nav`, `aside`, `footer`, page-level `header`, boilerplate ARIA roles, forms with controls.
        var semanticTags = true
        /// `class`/`id` fragments such as `sidebar`, `comment`, `related` (Readability's unlikely candidates).
        var classHints = true
        /// Elements hidden with `hidden`, `aria-hidden` or inline `display:none`/`visibility:hidden`.
        var hiddenElements = true
        /// Share and follow bars, app-store badges.
        var shareBars = true
        /// Calls to action: "Download the app", "Sign up for our newsletter", "Try our AI features".
        var promos = true
        /// Comment widgets: "Comments" / "Leave a reply" sections, "No comments yet".
        var comments = true
        /// Sections under "Related articles", "Most read", "You may also like" headings.
        var relatedSections = true
        /// One-line furniture: "Advertisement", "Share this article", "Continue reading".
        var furniture = true
        /// Headers and footers (by tag or class) inside an `article`, `section`, `li` or `main`, not
        /// only the page's own. On an article page they hold its title, byline and tags, which are
        /// reported apart or are noise; in a list they are each item's headline and date (HTML §4.3.8).
        var sectionChrome = true

        public init() {}

        /// For finding a landing page's repeated item blocks: everything but related-story sections,
        /// which on a landing page are the items ("Latest news", "Most read"), and the items' own
        /// headers and footers.
        public static let forItemLists: Options = {
            var o = Options()
            o.relatedSections = false
            o.sectionChrome = false
            return o
        }()
    }

    /// One block found, outermost first in document order.
    struct Finding {
        let node: XMLNode
        let reason: Reason
    }

    let root: XMLNode
    let stats: StatsCache
    let options: Options
    /// Nodes that are, or contain, a content marker.
    private(set) var protected: Set<xmlNodePtr> = []
    private let rootChars: Int

    init(root: XMLNode, stats: StatsCache, options: Options = Options()) {
        self.root = root
        self.stats = stats
        self.options = options
        rootChars = max(1, stats.stats(root).chars)
        protected = findProtected()
    }

    // MARK: entry points

    /// Removes every boilerplate block of a page (scripts and styles included) in place.
    /// For item detection on landing pages pass `.forItemLists`.
    @discardableResult
    static func strip(_ tree: XMLTree, options: Options = Options()) -> [Finding] {
        guard let body = tree.body else { return [] }
        return strip(root: body, stats: StatsCache(), options: options)
    }

    /// Labels every boilerplate block of a page with `data-feedsync-boilerplate="<reason>"`
    /// (scripts and styles are removed).
    @discardableResult
    static func mark(_ tree: XMLTree, options: Options = Options()) -> [Finding] {
        guard let body = tree.body else { return [] }
        return mark(root: body, stats: StatsCache(), options: options)
    }

    /// Removes junk, then every boilerplate block under `root`; returns what was removed.
    @discardableResult
    static func strip(root: XMLNode, stats: StatsCache, options: Options = Options(),
                      trace: ExtractionTrace? = nil) -> [Finding] {
        removeJunk(under: root)
        stats.invalidate()
        let filter = BoilerplateFilter(root: root, stats: stats, options: options)
        let found = filter.findings()
        if let trace, trace.enabled {
            for f in found { trace.note("remove \(f.reason.rawValue): \(ExtractionTrace.describe(f.node, stats: stats))") }
        }
        // Findings are non-overlapping, so removing one cannot free another's node.
        for f in found { f.node.removeFromTree() }
        stats.invalidate()
        return found
    }

    /// Removes junk, then labels every boilerplate block with `data-feedsync-boilerplate`.
    @discardableResult
    static func mark(root: XMLNode, stats: StatsCache, options: Options = Options()) -> [Finding] {
        removeJunk(under: root)
        stats.invalidate()
        let found = BoilerplateFilter(root: root, stats: stats, options: options).findings()
        for f in found { f.node.setAttribute("data-feedsync-boilerplate", f.reason.rawValue) }
        return found
    }

    /// Drops scripts, styles, embedded objects and markup comments: nothing in them is ever text.
    static func removeJunk(under root: XMLNode) {
        var doomed: [XMLNode] = []
        var stack: [xmlNodePtr] = [root.ptr]
        while let p = stack.popLast() {
            var c = p.pointee.children
            while let k = c {
                let n = XMLNode(k)
                if n.isComment || k.pointee.type == XML_PI_NODE || k.pointee.type == XML_DTD_NODE {
                    doomed.append(n)
                } else if n.isElement {
                    if HTMLTags.junk.contains(n.name) && !StatsCache.formControls.contains(n.name) {
                        doomed.append(n)
                    } else {
                        stack.append(k)
                    }
                }
                c = k.pointee.next
            }
        }
        for d in doomed { d.removeFromTree() }
    }

    // MARK: detection

    /// Every boilerplate block, outermost only, in document order.
    func findings() -> [Finding] {
        var flagged: [xmlNodePtr: Reason] = [:]
        var order: [xmlNodePtr] = []
        func flag(_ n: XMLNode, _ r: Reason) {
            guard n.ptr != root.ptr, !protected.contains(n.ptr), flagged[n.ptr] == nil else { return }
            flagged[n.ptr] = r
            order.append(n.ptr)
        }
        let elements = root.descendantElements()
        for e in elements {
            if let r = structuralReason(e) { flag(e, r) }
        }
        if options.shareBars {
            for (n, r) in socialAndAppBars(elements) { flag(n, r) }
        }
        if options.promos || options.comments || options.furniture {
            for (n, r) in labelledBlocks(elements) { flag(n, r) }
        }
        if options.comments || options.relatedSections {
            for (n, r) in headedSections(elements) { flag(n, r) }
        }
        // Keep only the outermost flagged nodes.
        var result: [Finding] = []
        for p in order {
            var cur = p.pointee.parent
            var covered = false
            while let c = cur {
                if flagged[c] != nil { covered = true; break }
                cur = c.pointee.parent
            }
            if !covered, let r = flagged[p] { result.append(Finding(node: XMLNode(p), reason: r)) }
        }
        return result
    }

    /// Reasons that follow from the element's own tag and attributes.
    private func structuralReason(_ e: XMLNode) -> Reason? {
        let name = e.name
        if options.hiddenElements, isHidden(e) { return .hidden }
        guard options.semanticTags || options.classHints else { return nil }
        let s = stats.stats(e)
        if options.semanticTags {
            switch name {
            case "nav": return .navigation
            case "aside": return .aside
            case "footer":
                if options.sectionChrome || !isInSection(e) { return .footer }
            case "header":
                // The page's header, not an article's: it is small next to the page.
                if s.chars * 4 < rootChars, options.sectionChrome || !isInSection(e) { return .header }
            case "form":
                if s.inputs > 0 && s.chars * 3 < rootChars && s.paragraphs < 3 { return .form }
            case "div", "section":
                // A box that holds a form and only the headings over it ("Get our monthly notes" +
                // e-mail field) is the form's box: its heading goes with it.
                if s.inputs > 0 && s.chars * 3 < rootChars && s.paragraphs < 3, isFormBox(e) { return .form }
            default: break
            }
            if e.hasAttributes, let role = e.attribute("role")?.lowercased(), BoilerplateLexicon.boilerplateRoles.contains(role) {
                return .role
            }
        }
        if options.classHints, name != "body", name != "html", name != "a", name != "main", name != "article" {
            let hint = e.classAndID
            if !hint.isEmpty, s.chars * 10 < rootChars * 6,
               !BoilerplateLexicon.containsAny(hint, BoilerplateLexicon.maybeHints),
               !e.hasAncestor(named: ["table", "code", "pre"]) {
                if BoilerplateLexicon.containsAny(hint, BoilerplateLexicon.unlikelyHints) { return .classHint }
                if BoilerplateLexicon.containsAny(hint, BoilerplateLexicon.chromeHints),
                   options.sectionChrome || !isInSection(e) {
                    return .classHint
                }
                let related = options.relatedSections
                if related, BoilerplateLexicon.containsAny(hint, BoilerplateLexicon.relatedHints) { return .related }
                if !readsAsProse(s) {
                    if BoilerplateLexicon.containsAny(hint, BoilerplateLexicon.weakUnlikelyHints) { return .classHint }
                    if related, BoilerplateLexicon.containsAny(hint, BoilerplateLexicon.weakRelatedHints) { return .related }
                }
            }
        }
        return nil
    }

    /// Hidden the ways static HTML can say it (stylesheets are not evaluated).
    private func isHidden(_ e: XMLNode) -> Bool {
        guard e.hasAttributes else { return false }
        if e.hasAttribute("hidden") { return true }
        if let a = e.attribute("aria-hidden"), a.lowercased() == "true" {
            // Readability's exception: lazy-image fallbacks are hidden from screen readers only.
            return !(e.attribute("class") ?? "").contains("fallback-image") && stats.stats(e).chars > 0
                && !e.isElement("img")
        }
        if let style = e.attribute("style") {
            let compact = style.lowercased().filter { $0 != " " }
            if compact.contains("display:none") || compact.contains("visibility:hidden") { return true }
        }
        return false
    }

    /// Whether `e`'s children are one form and headings, nothing else with text.
    private func isFormBox(_ e: XMLNode) -> Bool {
        var forms = 0
        for c in e.children {
            if c.isText {
                if c.withTextBytes({ $0.contains(where: { $0 > 0x20 }) }) { return false }
            } else if c.isElement {
                if c.name == "form" { forms += 1 } else if HTMLTags.headingLevel(c.name) == nil { return false }
            }
        }
        return forms == 1
    }

    /// Several hundred characters of sentences with few links: an article section, whatever its name.
    func readsAsProse(_ s: NodeStats) -> Bool {
        s.chars >= 400 && s.linkDensity < 0.3 && (s.commas + s.stops) * 150 >= s.chars
    }

    private func isInHidden(_ e: XMLNode) -> Bool {
        var cur: XMLNode? = e
        while let c = cur, c.ptr != root.ptr {
            if isHidden(c) { return true }
            cur = c.parent
        }
        return false
    }

    /// Inside an article, section, list item or `main`, where a header or footer is the block's own.
    private func isInSection(_ e: XMLNode) -> Bool { e.hasAncestor(named: ["article", "section", "li", "main"]) }


    /// Nodes that are or contain a content marker.
    private func findProtected() -> Set<xmlNodePtr> {
        var out: Set<xmlNodePtr> = []
        // A marker inside a hidden block (schema.org microdata kept out of sight) marks a copy.
        for e in root.descendantElements() where isContentMarker(e) && !(options.hiddenElements && isInHidden(e)) {
            var cur: XMLNode? = e
            while let c = cur, !out.contains(c.ptr) {
                out.insert(c.ptr)
                cur = c.parent
            }
        }
        return out
    }

    /// `main`, `itemprop=articleBody`, or an `article` big enough to be the page's story.
    func isContentMarker(_ e: XMLNode) -> Bool {
        switch e.name {
        case "main": return stats.stats(e).chars * 5 >= rootChars
        case "article": return stats.stats(e).chars * 5 >= rootChars
        default:
            if let ip = e.attribute("itemprop")?.lowercased(), ip == "articlebody" || ip == "articletext" {
                return true
            }
            return false
        }
    }
}
