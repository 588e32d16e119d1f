/// Boilerplate an HTML source teaches by repetition: short lines of entries' plain `text` (a
/// byline with a relative time, "Read more", "Sponsored") that recur across different items.
///
/// A line is learned once it was seen in at least `minOccurrences` distinct (item key, poll)
/// occurrences involving at least `minItems` distinct item keys. Requiring two different items
/// is what keeps a watched article's unchanged paragraphs safe: a page watch has one item, so it
/// never learns (by design), however often it is polled.
public struct LearnedBoilerplate: Sendable {
    /// Longer lines are content, never boilerplate.
    public static let maxLineLength = 160
    public static let minItems = 2
    public static let minOccurrences = 3
    /// Lines kept per source; the least recently seen are evicted beyond it.
    public static let defaultCapacity = 500

    /// The counters by line hash.
    public private(set) var lines: [String: BoilerplateLine]
    public let capacity: Int

    public init(lines: [BoilerplateLine], capacity: Int = Self.defaultCapacity) {
        self.lines = Dictionary(lines.map { ($0.hash, $0) }, uniquingKeysWith: { a, b in a.lastSeen >= b.lastSeen ? a : b })
        self.capacity = max(capacity, 0)
    }

    /// One poll of a source: counts this poll's entries (`key` is the item identity key), then
    /// returns their text with learned lines removed (nil stays nil) and the updated counters.
    public static func apply(previous: [BoilerplateLine], entries: [(key: String, text: String?)], now: Timestamp,
                             capacity: Int = Self.defaultCapacity) -> (texts: [String?], lines: [BoilerplateLine]) {
        var learned = LearnedBoilerplate(lines: previous, capacity: capacity)
        let keyed = entries.map { $0.text.map(KeyedLines.init) }
        var counted = Set<String>()  // one occurrence per (item key, poll), even if an entry repeats
        for (e, lines) in zip(entries, keyed) where counted.insert(e.key).inserted {
            if let lines { learned.observe(key: e.key, lines: lines, now: now) }
        }
        learned.evict()
        let texts = zip(entries, keyed).map { e, lines in lines.map { learned.strip(e.text ?? "", lines: $0) } }
        return (texts, learned.lines.values.sorted { $0.hash < $1.hash })
    }

    /// The line as compared: whitespace collapsed and case-folded; nil when empty or too long.
    public static func normalize<S: StringProtocol>(_ line: S) -> String? { BoilerplateLineKey.normalize(line) }

    /// Counts one item's text as one occurrence of each distinct short line in it.
    public mutating func observe(key: String, text: String?, now: Timestamp) {
        guard let text else { return }
        observe(key: key, lines: KeyedLines(text), now: now)
    }

    mutating func observe(key: String, lines: KeyedLines, now: Timestamp) {
        let item = BoilerplateLineKey.hash(key)
        var seen = Set<String>()
        for case let h? in lines.keys where seen.insert(h).inserted {
            if var c = self.lines[h] {
                c.occurrences += 1
                if c.items < Self.minItems, c.firstItem != item { c.items += 1 }
                c.lastSeen = now
                self.lines[h] = c
            } else {
                self.lines[h] = BoilerplateLine(hash: h, firstItem: item, items: 1, occurrences: 1, lastSeen: now)
            }
        }
    }

    /// Whether the (raw) line is learned boilerplate.
    public func isLearned<S: StringProtocol>(_ line: S) -> Bool { isLearned(key: BoilerplateLineKey.key(line)) }

    private func isLearned(key: String?) -> Bool {
        guard let key, let c = lines[key] else { return false }
        return c.items >= Self.minItems && c.occurrences >= Self.minOccurrences
    }

    /// The text without learned lines. Untouched text comes back byte for byte; when lines go,
    /// the blank lines around them are collapsed so no gap is left.
    public func strip(_ text: String) -> String { strip(text, lines: KeyedLines(text)) }

    func strip(_ text: String, lines: KeyedLines) -> String {
        guard lines.keys.contains(where: isLearned) else { return text }
        var kept: [Substring] = []
        for (line, key) in zip(lines.lines, lines.keys) where !isLearned(key: key) {
            let blank = line.allSatisfy(\.isWhitespace)
            if blank, kept.last.map({ $0.allSatisfy(\.isWhitespace) }) ?? true { continue }
            kept.append(line)
        }
        while let last = kept.last, last.allSatisfy(\.isWhitespace) { kept.removeLast() }
        return kept.joined(separator: "\n")
    }

    /// Keeps the `capacity` most recently seen lines (ties: more occurrences first, then hash, so
    /// eviction is deterministic).
    mutating func evict() {
        guard lines.count > capacity else { return }
        let keep = lines.values.sorted {
            ($0.lastSeen, $0.occurrences, $1.hash) > ($1.lastSeen, $1.occurrences, $0.hash)
        }.prefix(capacity)
        lines = Dictionary(uniqueKeysWithValues: keep.map { ($0.hash, $0) })
    }
}
