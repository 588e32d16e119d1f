import Foundation
@testable import FeedSyncCore

/// Inputs for the differential tests: random strings built from pieces chosen to hit every branch
/// of the byte paths and their fallbacks (combining marks after delimiters, prepended marks,
/// CJK, RTL, emoji ZWJ sequences, NFC and NFD Hangul, final sigma, dotted I, entities that decode
/// to marks, URLs with tracking parameters), and lines of the repository's fixture files and of
/// `../shared/corpus` (when present) as real-world text.
enum DifferentialInputs {
    static let pieces: [String] = [
        "a", "Z", "word", "Russia's", "per", "cent", "per cent", "3.5%", "UPDATE:", "KYIV:", "Lorrin (Reuters) - ",
        "LORRIN, July 3 (AP) \u{2014} ", " ", "  ", "\t", "\n", "\r\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}",
        "\u{1680}", "\u{2003}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{3000}", "<", ">", "&", ";", "#", "<b>", "</b>",
        "<a href=\"x\">", "&lt;", "&gt;", "&amp;", "&quot;", "&apos;", "&nbsp;", "&#65;", "&#x41;", "&#X263A;",
        "&#769;", "&#x600;", "&#32;", "&#0;", "&#xD800;", "&#+65;", "&#99999999999;", "&bogus;", "&toolongentityname;",
        "\u{301}", "\u{308}", "\u{20DD}", "\u{93F}", "\u{94D}", "क", "कि", "\u{E33}", "ำ", "\u{600}", "\u{6DD}",
        "\u{D4E}", "\u{110BD}", "\u{200C}", "\u{200D}", "\u{AD}", "\u{FF9E}", "\u{1F3FD}", "👍🏽", "👨‍👩‍👧", "🇺🇦",
        "中文", "日本語の記事", "한국어", "\u{AC00}", "\u{1100}\u{1161}", "مرحبا بالعالم", "שלום", "\u{200F}", "\u{202E}",
        "ΟΔΟΣ", "Σ", "ς", "İstanbul", "ß", "ﬁ", "\u{212A}", "\u{212B}", "Ǆ", "Café", "Cafe\u{301}", "Zelensky’s",
        "ʼ", "`", "'", "’", "‘", "\u{FFFD}", "\u{FFFF}", "\u{10FFFF}", "\u{0}", "\u{1B}", "\u{7F}", "½", "²", "٣",
        "http://", "https://", "HTTPS://WWW.Example.COM", ":80", ":443", ":8443", "/", "/path/a b", "?", "=", "&",
        "utm_source=rss", "UTM_Medium=x", "fbclid=1", "a=1", "b=2", "=x", "==", "user:pw@", "@", "www.", "#frag",
        "%20", "%E2%80%99", "xn--bcher-kva", "bücher", "/ñ",
    ]

    /// `count` random strings of up to `maxPieces` pieces, the same on every run.
    static func random(count: Int, maxPieces: Int = 12, seed: UInt64) -> [String] {
        var rng = SeededRandom(state: seed)
        return (0..<count).map { _ in
            (0..<rng.below(maxPieces + 1)).map { _ in pieces[rng.below(pieces.count)] }.joined()
        }
    }

    /// Random links: a scheme, a host and a path/query/fragment from the URL pieces, sometimes
    /// with any other piece in between.
    static func randomLinks(count: Int, seed: UInt64) -> [String] {
        var rng = SeededRandom(state: seed)
        let schemes = ["http://", "https://", "HTTP://", "ftp://", "", "  https://", "mailto:"]
        let hosts = ["example.org", "WWW.Example.COM", "www.x.org:80", "x.org:443", "user:pw@Host.org:8443", "bücher.de", ""]
        let tails = ["/", "/p", "/a/b?", "?b=2&a=1", "?utm_source=x&b=1&a=2", "?=x&&a", "#f", "?a=1#f?b=2", "/p?FBCLID=1&z",
                     "/ä?x=ü", "/p\r\n?q", "?a=\u{301}", "/\u{301}?b"]
        return (0..<count).map { _ in
            var s = schemes[rng.below(schemes.count)] + hosts[rng.below(hosts.count)]
            for _ in 0..<rng.below(4) {
                s += rng.below(5) == 0 ? pieces[rng.below(pieces.count)] : tails[rng.below(tails.count)]
            }
            return s
        }
    }

    /// Lines of the fixture files (feeds, pages, extraction texts) and of ../shared/corpus.
    static let fixtureLines: [String] = {
        let here = URL(fileURLWithPath: #filePath)
        let root = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var dirs = [root.appendingPathComponent("Tests/Fixtures"), root.appendingPathComponent("Tests/FeedSyncParsingTests/Fixtures"),
                    root.appendingPathComponent("Config/demo-feeds")]
        let shared = root.deletingLastPathComponent().appendingPathComponent("shared/corpus")
        if FileManager.default.fileExists(atPath: shared.path) { dirs.append(shared) }
        var lines: [String] = []
        for dir in dirs {
            guard let walker = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil) else { continue }
            for case let file as URL in walker {
                guard let data = try? Data(contentsOf: file), data.count < 2_000_000 else { continue }
                // Lossy decoding keeps files in other charsets as text with U+FFFD, still valid input.
                let text = String(decoding: data, as: UTF8.self)
                lines.append(contentsOf: text.split(separator: "\n", omittingEmptySubsequences: true).prefix(400).map(String.init))
            }
        }
        return lines
    }()
}
