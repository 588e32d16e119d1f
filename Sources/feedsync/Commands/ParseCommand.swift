import ArgumentParser
import FeedSyncCore
import FeedSyncParsing
import Foundation

/// `feedsync parse FILE...`: prints the neutral model of local documents (no state, no network).
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse local feed documents and print one JSON object per file.")

    @Argument(help: "Files to parse.") var files: [String] = []
    @Option(help: "The document's URL, the base for relative links (default: $FEED_URL).") var url: String?
    @Option(name: .customLong("content-type"), help: "The HTTP Content-Type to assume.") var contentType: String?
    @Option(help: "auto, rss, atom, jsonfeed or html.") var type: String = "auto"
    @Option(parsing: .unconditional,
            help: "Parse one date string and print it as RFC 3339 UTC (exit 1 if unparseable).") var date: String?
    @Flag(help: .hidden) var quiet = false
    @Flag(help: .hidden) var stats = false
    @Option(name: [.customShort("j"), .long], help: "Parse this many files at a time (output keeps file order).")
    var jobs: Int = 1
    @OptionGroup var selectors: SelectorOptions
    @Option(name: .customLong("files-from"),
            help: "Also parse the files listed in this file, one path a line (- for standard input).")
    var filesFrom: String?

    /// Documents larger than this are parsed and printed entry by entry (their JSON object then
    /// lists `entries` first), so memory stays near the document's own size.
    static let streamingThreshold = 32 * 1024 * 1024

    func run() throws {
        if let date {
            guard let ts = DateParser.parse(date) else { throw ExitCode(1) }
            print(ts.rfc3339)
            return
        }
        guard var sourceType = SourceType(rawValue: type) else {
            throw ValidationError("--type must be one of auto, rss, atom, jsonfeed, html")
        }
        if selectors.spec != nil { sourceType = .html }
        var command = self
        if let filesFrom {
            guard let list = filesFrom == "-" ? FileHandle.standardInput.readDataToEndOfFile()
                    : FileManager.default.contents(atPath: filesFrom) else {
                throw ValidationError("cannot read \(filesFrom)")
            }
            command.files += String(decoding: list, as: UTF8.self).split(separator: "\n").map(String.init)
        }
        try command.parseFiles(sourceType)
    }

    private func parseFiles(_ sourceType: SourceType) throws {
        if files.isEmpty { throw ValidationError("give at least one FILE (or --date STRING)") }
        let env = ProcessInfo.processInfo.environment
        var headers: [String: String] = [:]
        if let raw = env["FEED_HTTP_HEADERS"], let data = raw.data(using: .utf8),
           let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            for (k, v) in obj { headers[k.lowercased()] = "\(v)" }
        }
        let request = ParseRequest(url: url ?? env["FEED_URL"],
                                   contentType: contentType ?? headers["content-type"],
                                   contentLocation: headers["content-location"], type: sourceType,
                                   select: selectors.spec, contentLanguage: headers["content-language"])
        if jobs > 1 && files.count > 1 {
            try runParallel(request: request)
            return
        }
        let parser = FeedParser()
        let timings: ParseTimings? = stats ? ParseTimings() : nil
        var stat = ParseStats()
        let start = ParseTimings.now()
        var failed = false
        for file in files {
            var t = ParseTimings.now()
            guard let body = FileReader.contents(file) else {
                FileHandle.standardError.write(Data("feedsync: \(file): cannot read\n".utf8))
                failed = true
                continue
            }
            stat.read += ParseTimings.now() - t
            stat.bytes += body.count
            stat.files += 1
            do {
                t = ParseTimings.now()
                if body.count > ParseCommand.streamingThreshold {
                    // A large document: entries are printed as they are parsed and not kept.
                    var streamed = 0
                    if !quiet { JSONOutput.beginStream() }
                    let doc = try parser.parse(body, request: request, timings: timings) { entry in
                        if !quiet { JSONOutput.streamEntry(entry, first: streamed == 0) }
                        streamed += 1
                    }
                    if !quiet { JSONOutput.endStream(doc) }
                    stat.entries += streamed
                    stat.parse += ParseTimings.now() - t
                } else {
                    let doc = try parser.parse(body, request: request, timings: timings)
                    stat.parse += ParseTimings.now() - t
                    stat.entries += doc.entries.count
                    if !quiet {
                        t = ParseTimings.now()
                        JSONOutput.write(doc)
                        stat.output += ParseTimings.now() - t
                    }
                }
            } catch {
                FileHandle.standardError.write(Data("feedsync: \(file): \(error.message)\n".utf8))
                failed = true
            }
        }
        JSONOutput.flush()
        if let timings { stat.report(total: ParseTimings.now() - start, timings: timings) }
        if failed { throw ExitCode(1) }
    }
}
