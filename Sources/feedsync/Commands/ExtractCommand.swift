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

    func run() throws {
        if files.isEmpty { throw ValidationError("give at least one FILE") }
        let base = url ?? ProcessInfo.processInfo.environment["FEED_URL"]
        var failed = false
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                FileHandle.standardError.write(Data("feedsync: \(file): cannot read\n".utf8))
                failed = true
                continue
            }
            let page = ContentExtractor.extract(Array(data), url: base, contentType: nil)
            var o = JSONObjectBuilder()
            o.add("title", page.title)
            o.add("byline", page.byline)
            o.add("published", page.published)
            o.add("text", page.text)
            o.add("html", page.html)
            print(o.value.serialized())
        }
        if failed { throw ExitCode(1) }
    }
}
