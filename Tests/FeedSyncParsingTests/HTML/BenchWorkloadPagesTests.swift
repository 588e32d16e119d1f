@testable import FeedSyncParsing
import FeedSyncCore
import Foundation
import Testing

/// Runs over the benchmark generator's HTML pages (`../shared/bench/gen.py`, run here into a temporary
/// folder; `FEEDSYNC_BENCH_HTML_DIR` names a round folder generated beforehand instead): every page
/// must give exactly the generated items, titles and links equal to an independent reading of the page
/// (Foundation decoding by the declared charset plus a pattern over the generator's fixed markup).
/// Skipped on a plain clone (SharedFolder).
@Suite("Benchmark workload HTML pages")
struct BenchWorkloadPagesTests {
    static let given = ProcessInfo.processInfo.environment["FEEDSYNC_BENCH_HTML_DIR"]

    @Test(given != nil ? .enabled(if: true) : SharedFolder.trait("bench/gen.py"))
    func everyPageYieldsExactlyTheGeneratedItems() throws {
        let generated = Self.given == nil ? try Self.generateWorkload() : nil
        defer { if let generated { try? FileManager.default.removeItem(at: generated) } }
        let dir = try Self.given ?? #require(generated).appendingPathComponent("r1").path
        let pages = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".html") }.sorted()
        #expect(!pages.isEmpty)
        for page in pages {
            let data = try Data(contentsOf: URL(fileURLWithPath: dir).appendingPathComponent(page))
            let doc = try HTMLSourceParser.parse(Array(data), request: ParseRequest(
                url: "http://127.0.0.1:8080/\(page)", type: .html, select: HTMLSelectorExtractionTests.benchSpec))
            let truth = try Self.expectedItems(data)
            #expect(truth.count > 0, "\(page)")
            #expect(doc.entries.map(\.title) == truth.map(\.title), "\(page)")
            #expect(doc.entries.map(\.link) == truth.map(\.link), "\(page)")
            #expect(doc.entries.allSatisfy { $0.summary?.isEmpty == false }, "\(page)")
        }
    }

    /// A 600-feed workload (round 1 holds about 30 HTML pages), generated into a temporary folder.
    static func generateWorkload() throws -> URL {
        let generator = try SharedFolder.require("bench/gen.py")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("feedsync-bench-\(UUID().uuidString)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", generator.path, "--n", "600", "--k", "20", "--out", out.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "gen.py exited \(process.terminationStatus)")
        return out
    }

    /// Titles and links as the generator wrote them.
    static func expectedItems(_ data: Data) throws -> [(title: String?, link: String?)] {
        let head = String(decoding: data.prefix(300), as: UTF8.self)
        let encoding: String.Encoding = head.contains("windows-1251") ? .windowsCP1251
            : head.contains("iso-8859-1") ? .isoLatin1 : .utf8
        let text = try #require(String(data: data, encoding: encoding))
        let pattern = try NSRegularExpression(pattern: #"<a class="item-link" href="([^"]*)">(.*?)</a></h2>"#)
        let ns = text as NSString
        return pattern.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { m in
            (unescape(ns.substring(with: m.range(at: 2))), unescape(ns.substring(with: m.range(at: 1))))
        }
    }

    /// The generator escapes `& < >` and writes unencodable characters as decimal references.
    static func unescape(_ s: String) -> String {
        var out = s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"")
        while let r = out.range(of: #"&#[0-9]+;"#, options: .regularExpression) {
            let code = UInt32(out[r].dropFirst(2).dropLast()) ?? 0xFFFD
            out.replaceSubrange(r, with: String(Unicode.Scalar(code).map(Character.init) ?? "\u{FFFD}"))
        }
        return out.replacingOccurrences(of: "&amp;", with: "&")
    }
}
