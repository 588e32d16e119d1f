import FeedSyncCore
import Foundation

/// Main-content extraction over libxml2's HTML parser: what `feedsync extract` prints, what a watched
/// page's item carries, and the summary of a selector-based item that has none.
///
/// The pipeline: sniff the charset; parse; read the page's metadata (JSON-LD, OpenGraph, `<time>`);
/// strip boilerplate (`BoilerplateFilter`); score containers by their paragraphs
/// (`CandidateScorer`); pick the article container and its sibling paragraphs (`ContentSelector`);
/// clean link lists, galleries and forms out of it (`ContentCleaner`); render text and HTML.
/// When the result is shorter than `minimumChars` the page is read again with fewer rules, the way
/// Readability does; a looser pass wins only with clearly more text (`retryGain`). A page whose
/// markup holds under a third of the `articleBody` its JSON-LD declares (a script-rendered shell)
/// yields that declared body instead.
public enum ContentExtractor {
    /// Below this many columns (`TextMeasure.columns`: CJK characters count two) a pass is suspected
    /// of having thrown the article away.
    static let minimumChars = 500
    /// How much longer a looser pass's text must be to replace a stricter pass's.
    static let retryGain = 1.5

    /// One pass's strictness.
    struct Pass {
        var hidden = true
        var classHints: Bool
        var weightClasses: Bool
        var conditional: Bool
    }

    static let passes = [
        Pass(classHints: true, weightClasses: true, conditional: true),
        Pass(classHints: false, weightClasses: true, conditional: true),
        Pass(classHints: false, weightClasses: false, conditional: true),
        Pass(hidden: false, classHints: false, weightClasses: false, conditional: false),
    ]

    /// Extracts the main content of an HTML page.
    /// - Parameters:
    ///   - body: the page's bytes as served.
    ///   - url: the page's URL (base for relative links; `<base href>` wins when present).
    ///   - contentType: the HTTP `Content-Type` header, whose charset outranks `<meta>`.
    public static func extract(_ body: [UInt8], url: String?, contentType: String?) -> ExtractedContent {
        extract(body, url: url, contentType: contentType, trace: ExtractionTrace(enabled: false))
    }

    /// Extracts and also returns an account of the decisions made (blocks removed, container chosen).
    public static func explain(_ body: [UInt8], url: String?, contentType: String?) -> (ExtractedContent, [String]) {
        let trace = ExtractionTrace(enabled: true)
        let result = extract(body, url: url, contentType: contentType, trace: trace)
        return (result, trace.lines)
    }

    /// The main content of a fragment of a page (a selected item's markup, UTF-8), read as a page of
    /// its own whose title is `title`, so that the heading repeating the title goes as on a page.
    static func extract(fragment: String, title: String?, url: String?) -> ExtractedContent {
        let page = "<html><head><meta charset=\"utf-8\"><title>" + InlineText.escape(title ?? "") + "</title></head><body>"
            + fragment + "</body></html>"
        return extract(Array(page.utf8), url: url, contentType: "text/html; charset=utf-8")
    }

    static func extract(_ body: [UInt8], url: String?, contentType: String?, trace: ExtractionTrace) -> ExtractedContent {
        let (encoding, source) = CharsetSniffer.sniff(body, contentType: contentType)
        trace.note("charset \(encoding) (\(source))")
        // libxml2 only ever sees clean UTF-8 (see `Transcoder`).
        let utf8 = Transcoder.toUTF8(body, from: encoding)
        var metadata: PageMetadata?
        var best: (chars: Int, text: String, html: String)?
        for pass in passes {
            guard let tree = XMLTree.parseHTML(utf8, url: url, encoding: "UTF-8"),
                  let root = tree.wholeDocumentRoot() else { break }
            if metadata == nil { metadata = PageMetadata.read(root: root) }
            trace.note("pass \(pass)")
            let result = run(pass, root: root, metadata: metadata ?? PageMetadata(), trace: trace)
            trace.note("pass result: \(result.chars) chars")
            // A looser pass must find clearly more text to win: a short article read strictly beats
            // the same article read loosely with the sidebar widgets around it.
            if best == nil || Double(result.chars) > Double(best?.chars ?? 0) * retryGain { best = result }
            if result.chars >= minimumChars { break }
        }
        let meta = metadata ?? PageMetadata()
        // `<base href>` outranks the URL the page came from (HTML §4.2.3).
        let base = meta.baseHref.flatMap { resolve($0, against: url) } ?? url
        if let declared = meta.articleBody, let fallback = declaredBodyFallback(declared, extracted: best?.chars ?? 0) {
            // Script-rendered pages ship an empty shell and the story only in JSON-LD.
            trace.note("using the JSON-LD articleBody: the page's markup holds much less text")
            best = fallback
        }
        return ExtractedContent(
            title: meta.title, byline: meta.byline, published: meta.published,
            text: best?.text ?? "",
            html: HTMLSanitizer.sanitize(best?.html ?? "", baseURL: base),
            siteName: meta.siteName,
            nextPage: meta.nextPage.flatMap { resolve($0, against: base) })
    }

    /// One pass over a freshly parsed tree.
    static func run(_ pass: Pass, root: XMLNode, metadata: PageMetadata,
                    trace: ExtractionTrace) -> (chars: Int, text: String, html: String) {
        let body = root.isElement("body") ? root : root.elementChildren.first(where: { $0.isElement("body") }) ?? root
        // (Same rule as `XMLTree.body`, on the root `wholeDocumentRoot()` returned.)
        trace.note("root <\(root.name)>, body <\(body.name)> with \(body.elementChildren.count) element children")
        let stats = StatsCache()
        var options = BoilerplateFilter.Options()
        options.classHints = pass.classHints
        options.hiddenElements = pass.hidden
        let removed = BoilerplateFilter.strip(root: body, stats: stats, options: options, trace: trace)
        trace.note("boilerplate: \(removed.count) blocks removed")

        let scorer = CandidateScorer(root: body, stats: stats, weightClasses: pass.weightClasses)
        scorer.run()
        let hint = metadata.articleBody.flatMap { $0.unicodeScalars.count >= 200 ? TokenBag($0) : nil }
        var nodes: [XMLNode]
        if let selection = ContentSelector.select(scorer: scorer, stats: stats, hint: hint) {
            nodes = selection.nodes
            trace.note("top: \(ExtractionTrace.describe(selection.top, stats: stats)) score \(scorer.score(selection.top) ?? 0)"
                       + (selection.joinedSplitBody ? " (joins a body split over sections)" : ""))
            for n in nodes where n.ptr != selection.top.ptr {
                trace.note("sibling: \(ExtractionTrace.describe(n, stats: stats))")
            }
        } else {
            nodes = [body]
        }
        let cleaner = ContentCleaner(stats: stats, scorer: scorer, title: metadata.title, byline: metadata.byline,
                                     conditional: pass.conditional,
                                     trace: trace)
        nodes = cleaner.clean(nodes)
        let text = TextRenderer.render(nodes)
        // The page's own body or html element, when chosen whole, contributes its children.
        let html = "<div>" + nodes.map {
            $0.name == "body" || $0.name == "html" ? $0.innerMarkup(html: true) : $0.outerMarkup(html: true)
        }.joined() + "</div>"
        // Measured in columns: a Chinese or Japanese character says about what two Latin ones do, so
        // "too short, read again more loosely" asks the same of an article in any script.
        return (TextMeasure.columns(text), text, html)
    }

    /// The page's declared `articleBody` as the result, when the markup yielded under a third of it.
    static func declaredBodyFallback(_ declared: String, extracted: Int) -> (chars: Int, text: String, html: String)? {
        let paragraphs = declared.split(whereSeparator: { $0 == "\n" || $0 == "\r" })
            .map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }.map { String($0).collapsingWhitespace() }
        let text = paragraphs.joined(separator: "\n\n")
        let chars = TextMeasure.columns(text)
        guard chars >= 200, extracted * 3 < chars else { return nil }
        let html = "<div>" + paragraphs.map { "<p>" + InlineText.escape($0) + "</p>" }.joined() + "</div>"
        return (chars, text, html)
    }


    static func resolve(_ href: String, against base: String?) -> String? {
        guard let base, let b = URL(string: base) else { return href }
        return URL(string: href, relativeTo: b)?.absoluteString ?? href
    }
}
