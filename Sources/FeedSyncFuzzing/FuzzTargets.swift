import FeedSyncCore
import FeedSyncParsing
import Foundation

/// One input of each fuzz target (Fuzz/: libFuzzer binaries that call these), and of the crasher
/// regression tests that replay every input a fuzzer ever found (Tests/FeedSyncFuzzingTests).
///
/// Each takes arbitrary bytes and must return without trapping: errors are expected outcomes.
public enum FuzzTargets {
    /// The targets by name, as `scripts/fuzz` and the regression tests name them.
    public static let all: [String: @Sendable ([UInt8]) -> Void] = [
        "feed": feed, "html": html, "extract": extract, "dates": dates, "config": config, "spool": spool,
    ]

    private static let contentTypes = [
        nil, "application/rss+xml", "application/atom+xml", "text/xml", "application/xml; charset=iso-8859-1",
        "text/xml; charset=utf-16", "application/json", "application/feed+json", "text/html",
        "text/html; charset=windows-1252", "application/xhtml+xml", "text/plain; charset=shift_jis",
    ]

    /// Feed parsing. The first byte picks the Content-Type, the declared type and whether entries
    /// are streamed; the rest is the body.
    public static func feed(_ data: [UInt8]) {
        guard let first = data.first else { return }
        let body = Array(data.dropFirst())
        let types: [SourceType] = [.auto, .rss, .atom, .jsonfeed]
        let request = ParseRequest(url: "https://example.org/feed/", contentType: contentTypes[Int(first) % contentTypes.count],
                                   type: types[Int(first >> 4) % types.count])
        let parser = FeedParser()
        if first & 0x80 != 0 {
            _ = try? parser.parse(body, request: request, onEntry: { _ in })
        } else if let doc = try? parser.parse(body, request: request) {
            _ = doc.entries.count
        }
    }

    /// HTML sources. Input: five lines (item, title, link, date selectors and a date format),
    /// then the page. An empty item line parses the page in automatic mode; selectors that the
    /// config would refuse are not parsed (as a config with them never loads).
    public static func html(_ data: [UInt8]) {
        let (lines, body) = FuzzInput.lines(data, count: 5)
        var select: SelectorSpec?
        if !lines[0].isEmpty {
            let spec = SelectorSpec(item: lines[0], title: lines[1].nonEmpty, link: lines[2].nonEmpty,
                                    date: lines[3].nonEmpty, dateFormat: lines[4].nonEmpty)
            guard HTMLSourceParser.validate(spec) == nil else { return }
            select = spec
        }
        let request = ParseRequest(url: "https://example.org/news/", contentType: "text/html", type: .html, select: select)
        _ = try? FeedParser().parse(body, request: request)
    }

    /// Main-text extraction of a page.
    public static func extract(_ data: [UInt8]) {
        _ = ContentExtractor.extract(data, url: "https://example.org/a/article.html", contentType: "text/html")
    }

    /// Dates. Input: a `date_format` line, then a date. The general parser reads the date, and
    /// the format is applied to it through an HTML source, as a page's dates are read.
    public static func dates(_ data: [UInt8]) {
        let (lines, rest) = FuzzInput.lines(data, count: 1)
        let date = String(decoding: rest, as: UTF8.self)
        _ = DateParser.parse(date)
        guard !lines[0].isEmpty, HTMLSourceParser.validate(dateFormat: lines[0]) == nil else { return }
        let page = Array("<html><body><div class=i><a href=/x>t</a><time>\(escaped(date))</time></div></body></html>".utf8)
        let spec = SelectorSpec(item: ".i", title: "a", link: "a@href", date: "time", dateFormat: lines[0])
        _ = try? FeedParser().parse(page, request: ParseRequest(url: "https://example.org/", type: .html, select: spec))
    }

    /// The TOML config: the reader and every check the loader makes.
    public static func config(_ data: [UInt8]) {
        let loader = ConfigLoader(validateSelector: { key, value in
            key == "date_format" ? HTMLSourceParser.validate(dateFormat: value) : HTMLSourceParser.validate(selector: value)
        })
        _ = try? loader.load(text: String(decoding: data, as: UTF8.self), path: "/fuzz/feedsync.toml")
    }

    /// A spool file as `tail` renders it (JSON or Maildir), in both output formats.
    public static func spool(_ data: [UInt8]) {
        let d = Data(data)
        _ = ItemSummary.jsonLine(data: d, fileName: "0000000000000001.000001.src.abc.json")
        _ = ItemSummary.textLine(data: d, fileName: "0000000000000001.000001.src.abc.json")
    }

    private static func escaped(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
