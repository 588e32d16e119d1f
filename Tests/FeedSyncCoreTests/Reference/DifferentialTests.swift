import Foundation
@testable import FeedSyncCore
import Testing

/// The byte-level core held to its general form: every function that moved from `Character`s to
/// UTF-8 bytes gives byte-for-byte the output of its reference (the old code, in this folder) on
/// fixture text and on random Unicode. Item keys, content hashes and fingerprints are persisted,
/// so any difference would re-deliver or re-key items.
@Suite("Differential: byte core against the Character reference")
struct DifferentialTests {
    static let random = DifferentialInputs.random(count: 6000, seed: 20)
    static let inputs = random + DifferentialInputs.fixtureLines

    private func sameBytes(_ a: String?, _ b: String?) -> Bool {
        a.map { Array($0.utf8) } == b.map { Array($0.utf8) }
    }

    /// Undoes `escape` on bytes (the four entities it writes).
    private func unescape(_ b: [UInt8]) -> [UInt8] {
        let entities: [([UInt8], UInt8)] = [(Array("&amp;".utf8), 0x26), (Array("&lt;".utf8), 0x3C),
                                            (Array("&gt;".utf8), 0x3E), (Array("&quot;".utf8), 0x22)]
        var out: [UInt8] = []
        var i = 0
        outer: while i < b.count {
            for (name, byte) in entities where b[i...].starts(with: name) {
                out.append(byte); i += name.count; continue outer
            }
            out.append(b[i]); i += 1
        }
        return out
    }

    @Test func fixtureTextIsThere() {
        #expect(DifferentialInputs.fixtureLines.count > 1000)
    }

    @Test func sha256MatchesTheReference() {
        var rng = SeededRandom(state: 256)
        for length in Array(0...300) + [1000, 4095, 4096, 4097, 65_536, 100_003] {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            #expect(SHA256.digest(bytes) == ReferenceSHA256.digest(bytes), "length \(length)")
            // Fed in pieces, the same digest.
            var h = SHA256()
            var i = 0
            while i < bytes.count {
                let n = min(bytes.count - i, 1 + rng.below(97))
                bytes[i..<(i + n)].withUnsafeBytes { h.update($0) }
                i += n
            }
            #expect(h.finalizeHex() == ReferenceSHA256.hex(bytes), "length \(length) in pieces")
        }
        for s in Self.inputs.prefix(3000) { #expect(SHA256.hex(s) == ReferenceSHA256.hex(s)) }
    }

    @Test func wordsMatchTheReference() {
        for s in Self.inputs {
            #expect(TextNormalizer.words(s) == ReferenceTextNormalizer.words(s), "\(Array(s.unicodeScalars))")
            #expect(TextNormalizer.words(s, limit: 3, stripDateline: true) ==
                    ReferenceTextNormalizer.words(s, limit: 3, stripDateline: true), "\(Array(s.unicodeScalars))")
        }
        // String equality is canonical equivalence: compare the bytes too.
        for s in Self.inputs {
            #expect(TextNormalizer.words(s).map { Array($0.utf8) } == ReferenceTextNormalizer.words(s).map { Array($0.utf8) })
        }
    }

    @Test func simHashMatchesTheReference() {
        var rng = SeededRandom(state: 64)
        // Weights as the fingerprint uses them (lead decay, 1) and arbitrary ones, whose sums round.
        let weights: [Double] = (0..<80).map { 1 / (1 + Double($0) / 40) } + [1, 0.1, 1e-9, 3.7, 1e12]
        for features in [1, 2, 7, 79, 80, 300] {
            for _ in 0..<40 {
                var hash = SimHash(), reference = ReferenceSimHash()
                for i in 0..<features {
                    let h = rng.next(), w = rng.below(3) == 0 ? weights[rng.below(weights.count)] : weights[i % 80]
                    hash.add(hash: h, weight: w)
                    reference.add(hash: h, weight: w)
                }
                #expect(hash.fingerprint == reference.fingerprint, "\(features) features")
                #expect(!hash.isEmpty)
            }
        }
        #expect(SimHash().isEmpty && SimHash().fingerprint == 0)
    }

    @Test func boilerplateLinesMatchTheReference() {
        // Whitespace, CR/LF and case at the edges of the ASCII path, and lines around its length limit.
        var rng = SeededRandom(state: 160)
        let pieces = [" ", "\t", "\r", "\n", "\r\n", "\u{0B}", "\u{0C}", "\u{1C}", "\u{85}", "\u{A0}", "\u{2028}",
                      "A", "z", "Read", "MORE", "\u{301}", "é", "İ", "ß", "x", String(repeating: "ab ", count: 53),
                      "ΟΔΟΣ", "Σ", "Ελλάδα", "Köln", "Über", "ʼ", "’", "—", "\u{AD}", "\u{200D}", "\u{200C}", "\u{2029}",
                      "\u{1100}\u{1161}", "\u{11A8}", "क्ष", "\u{94D}", "ก", "\u{E33}", "\u{600}", "Ǆ", "ǅ", "ﬀ",
                      String(repeating: "Ü", count: 80)]
        let lines = (0..<4000).map { _ in (0..<rng.below(12)).map { _ in pieces[rng.below(pieces.count)] }.joined() }
        let long = [160, 161].flatMap { n in [String(repeating: "a", count: n), String(repeating: "a", count: n - 1) + "\u{301}",
                                             " " + String(repeating: "B", count: n) + " ", String(repeating: "a", count: n) + "é"] }
        for s in Self.inputs + lines + long {
            let got = LearnedBoilerplate.normalize(s), want = ReferenceBoilerplateLine.normalize(s)
            #expect(got.map { Array($0.utf8) } == want.map { Array($0.utf8) }, "\(Array(s.unicodeScalars))")
            #expect(KeyedLines(s).lines.map { Array($0.utf8) } == ReferenceBoilerplateLine.lines(s).map { Array($0.utf8) },
                    "\(Array(s.unicodeScalars))")
        }
        let text = lines.joined(separator: "\n")
        #expect(KeyedLines(text).lines == ReferenceBoilerplateLine.lines(text))
    }

    @Test func fingerprintsMatchTheReference() {
        let titles = DifferentialInputs.random(count: 3000, maxPieces: 8, seed: 21)
        let texts = DifferentialInputs.random(count: 3000, maxPieces: 60, seed: 22)
        for (title, text) in zip(titles, texts) {
            #expect(DuplicateFingerprint.make(title: title, text: text) ==
                    ReferenceDuplicateFingerprint.make(title: title, text: text))
            #expect(DuplicateFingerprint.make(title: title, text: nil) == ReferenceDuplicateFingerprint.make(title: title, text: nil))
        }
        let lines = DifferentialInputs.fixtureLines
        for i in stride(from: 0, to: lines.count - 1, by: 2) {
            #expect(DuplicateFingerprint.make(title: lines[i], text: lines[i + 1]) ==
                    ReferenceDuplicateFingerprint.make(title: lines[i], text: lines[i + 1]))
        }
    }

    @Test func inlineTextMatchesTheReference() {
        for s in Self.inputs {
            #expect(sameBytes(InlineText.plain(s), ReferenceInlineText.plain(s)), "\(Array(s.unicodeScalars))")
            #expect(sameBytes(InlineText.collapse(s), ReferenceInlineText.collapse(s)), "\(Array(s.unicodeScalars))")
            // Escaping: the same output where no scalar joins a delimiter; where one does, the byte
            // version still escapes the delimiter (the Character version let `>\u{301}` through raw,
            // which was a bug: escaped text must hold no raw `<`, `>`, `"` and decode back to itself).
            let escaped = InlineText.escape(s)
            if !s.utf8.withContiguousStorageIfAvailable(UTF8Scan.hasJoiningScalar)! {
                #expect(sameBytes(escaped, ReferenceInlineText.escape(s)))
            }
            #expect(!escaped.utf8.contains { $0 == 0x3C || $0 == 0x3E || $0 == 0x22 })
            #expect(unescape(Array(escaped.utf8)) == Array(s.utf8))
        }
    }

    @Test func canonicalLinksMatchTheReference() {
        for s in DifferentialInputs.randomLinks(count: 6000, seed: 23) + Self.inputs {
            #expect(sameBytes(LinkCanonicalizer.canonical(s), ReferenceLinkCanonicalizer.canonical(s)),
                    "\(Array(s.unicodeScalars))")
        }
    }

    @Test func identitiesMatchTheReference() {
        var rng = SeededRandom(state: 24)
        let links = DifferentialInputs.randomLinks(count: 2000, seed: 25)
        let texts = Self.inputs
        let ruleSets: [[IdentityRule]] = [[.guid, .link, .titlePublished, .content], [.link, .guid], [.titlePublished], [.content]]
        for round in 0..<400 {
            let entries: [FeedEntry] = (0..<(1 + rng.below(8))).map { _ in
                var e = FeedEntry()
                if rng.below(4) > 0 { e.id = rng.below(3) == 0 ? "dup" : texts[rng.below(texts.count)] }
                if rng.below(4) > 0 { e.link = links[rng.below(links.count)] }
                if rng.below(5) > 0 { e.title = texts[rng.below(texts.count)] }
                if rng.below(2) > 0 { e.summary = texts[rng.below(texts.count)] }
                if rng.below(3) == 0 { e.content = texts[rng.below(texts.count)] }
                if rng.below(3) > 0 { e.published = Timestamp(seconds: Int64(rng.below(2_000_000_000))) }
                return e
            }
            let rules = ruleSets[round % ruleSets.count]
            let fast = ItemIdentity.identities(for: entries, source: "src-\(round)", rules: rules)
            let reference = ReferenceItemIdentity.identities(for: entries, source: "src-\(round)", rules: rules)
            #expect(fast.map(\.key) == reference.map(\.key))
            #expect(fast.map(\.rule) == reference.map(\.rule))
            #expect(fast.map { $0.linkCanonical.map { Array($0.utf8) } } == reference.map { $0.linkCanonical.map { Array($0.utf8) } })
            #expect(fast.map { $0.titleDate.map { Array($0.utf8) } } == reference.map { $0.titleDate.map { Array($0.utf8) } })
            #expect(fast.map(\.contentHash) == reference.map(\.contentHash))
        }
        for s in Self.inputs {
            var e = FeedEntry()
            e.title = s
            e.published = Timestamp(seconds: 1)
            #expect(sameBytes(ItemIdentity.titleDateKey(e), ReferenceItemIdentity.titleDateKey(e)), "\(Array(s.unicodeScalars))")
            #expect(sameBytes(ItemIdentity.nonEmpty(s), ReferenceItemIdentity.nonEmpty(s)), "\(Array(s.unicodeScalars))")
        }
    }

    /// The facts about Unicode the byte paths rely on, checked over every scalar against the
    /// standard library of this toolchain (a Unicode update that breaks one fails here).
    @Test func scalarTableHoldsTheLookupsItReplaces() {
        let table = ScalarTable.shared
        var wrong: [UInt32] = []
        var simple: [Unicode.Scalar] = []
        for v in ScalarTable.range {
            guard let s = Unicode.Scalar(v) else { continue }
            let p = s.properties, kind = table.kind(v)
            var folded: [UInt8] = [], tableFolded: [UInt8] = []
            if p.isAlphabetic || p.numericType != nil { TextNormalizer.appendFoldedWordCharacter(s, to: &folded) }
            table.appendFolded(v, to: &tableFolded)
            let facts = [(kind & ScalarTable.Kind.nonspacingMark != 0) == (p.generalCategory == .nonspacingMark),
                         (kind & ScalarTable.Kind.alphabetic != 0) == p.isAlphabetic,
                         (kind & ScalarTable.Kind.wordCharacter != 0) == (p.isAlphabetic || p.numericType != nil),
                         tableFolded == folded,
                         Array(table.lowercase(v)) == Array(String(s).lowercased().utf8)]
            if facts.contains(false) { wrong.append(v) }
            if kind & ScalarTable.Kind.simple != 0 { simple.append(s) }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(20))")
        // Simple scalars are one Character each next to ASCII and to each other: every simple
        // scalar between two others, and between ASCII letters and controls.
        #expect(simple.count > 2000)
        var rng = SeededRandom(state: 0x2070)
        var joined: [[UInt32]] = []
        let ascii: [Unicode.Scalar] = ["a", " ", "\r", "\n", "\u{7F}", "\u{01}"]
        for s in simple {
            for neighbours in [(simple[rng.below(simple.count)], simple[rng.below(simple.count)]),
                               (ascii[rng.below(ascii.count)], simple[rng.below(simple.count)]),
                               (simple[rng.below(simple.count)], ascii[rng.below(ascii.count)])] {
                var view = String.UnicodeScalarView()
                view.append(neighbours.0); view.append(s); view.append(neighbours.1)
                if String(view).count != 3 { joined.append([neighbours.0.value, s.value, neighbours.1.value]) }
            }
        }
        #expect(joined.isEmpty, "simple scalars that join: \(joined.prefix(10))")
    }

    @Test func unicodeFactsHoldForEveryScalar() {
        var joinMissed: [UInt32] = []
        var whitespaceWrong: [UInt32] = []
        var lowercaseWrong: [UInt32] = []
        for v in UInt32(0)...0x10FFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            if UTF8Scan.isWhitespace(v) != s.properties.isWhitespace { whitespaceWrong.append(v) }
            if !s.properties.changesWhenLowercased, s.properties.lowercaseMapping != String(s) { lowercaseWrong.append(v) }
            var after = String.UnicodeScalarView(), before = String.UnicodeScalarView()
            after.append("<"); after.append(s)
            before.append(s); before.append(" ")
            if v >= 0x80, String(after).count == 1 || String(before).count == 1, !UTF8Scan.mayJoinNeighbour(v) {
                joinMissed.append(v)
            }
        }
        #expect(joinMissed.isEmpty, "scalars that join an ASCII neighbour but mayJoinNeighbour misses: \(joinMissed.prefix(20))")
        #expect(whitespaceWrong.isEmpty, "\(whitespaceWrong.prefix(20))")
        #expect(lowercaseWrong.isEmpty, "\(lowercaseWrong.prefix(20))")
    }
}
