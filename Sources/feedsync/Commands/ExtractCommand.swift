import ArgumentParser
import FeedSyncCore
import FeedSyncParsing
import Foundation

/// `feedsync extract FILE...`: the main content of each HTML page as one JSON object.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Print each HTML page's main content (title, byline, published, text, html) as JSON.")

    @Argument(help: "HTML files.") var files: [String] = []
    @Option(help: "The page's URL, the base for relative links (default: $FEED_URL).") var url: String?
    @Option(name: .customLong("content-type"),
            help: "The HTTP Content-Type the page was served with; its charset outranks <meta> (default: the Content-Type in $FEED_HTTP_HEADERS).")
    var contentType: String?
    @Flag(help: "Also print, on stderr, which blocks were removed and why, and which container won.")
    var trace = false

    func run() throws {
        if files.isEmpty { throw ValidationError("give at least one FILE") }
        let env = ProcessInfo.processInfo.environment
        let base = url ?? env["FEED_URL"]
        // FEED_HTTP_HEADERS (a JSON object of response headers) acts as it does for `parse`.
        var served = contentType
        if served == nil, let raw = env["FEED_HTTP_HEADERS"], let data = raw.data(using: .utf8),
           let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            served = obj.first(where: { $0.key.lowercased() == "content-type" }).map { "\($0.value)" }
        }
        var failed = false
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                FileHandle.standardError.write(Data("feedsync: \(file): cannot read\n".utf8))
                failed = true
                continue
            }
            let page: ExtractedContent
            if trace {
                let (p, lines) = ContentExtractor.explain(Array(data), url: base, contentType: served)
                page = p
                FileHandle.standardError.write(Data(lines.map { $0 + "\n" }.joined().utf8))
            } else {
                page = ContentExtractor.extract(Array(data), url: base, contentType: served)
            }
            var o = JSONObjectBuilder()
            o.add("title", page.title)
            o.add("byline", page.byline)
            o.add("published", page.published)
            o.add("text", page.text)
            o.add("html", page.html)
            o.add("next_page", page.nextPage)
            print(o.value.serialized())
        }
        if failed { throw ExitCode(1) }
    }
}
