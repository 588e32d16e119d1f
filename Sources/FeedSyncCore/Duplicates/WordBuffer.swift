/// Normalized words as UTF-8 bytes in one growing buffer (`TextNormalizer.scan`): no `String` per
/// word. Applies the one rule that looks back a word: "per cent" is one word in every other house
/// style, so a `cent` after `per` turns that `per` into `percent`.
struct WordBuffer {
    /// The bytes of every word, back to back; the current (unfinished) word is at the end.
    var bytes: [UInt8] = []
    /// The end offset in `bytes` of each finished word.
    private(set) var ends: [Int] = []

    init() {
        bytes.reserveCapacity(1024)
        ends.reserveCapacity(128)
    }

    /// Finished words.
    var count: Int { ends.count }

    /// Byte range of word `i`.
    func range(_ i: Int) -> Range<Int> { (i == 0 ? 0 : ends[i - 1])..<ends[i] }

    func string(_ i: Int) -> String { String(decoding: bytes[range(i)], as: UTF8.self) }

    /// Ends the current word (nothing when it is empty).
    mutating func endWord() {
        let start = ends.last ?? 0
        guard bytes.count > start else { return }
        if bytes.count - start == 4, bytes[start] == 0x63, bytes[start + 1] == 0x65, bytes[start + 2] == 0x6E,
           bytes[start + 3] == 0x74, let last = ends.indices.last, range(last).count == 3 {
            let r = range(last)
            if bytes[r.lowerBound] == 0x70, bytes[r.lowerBound + 1] == 0x65, bytes[r.lowerBound + 2] == 0x72 {
                // "per" + "cent": the "cent" bytes become "cent" of "percent", one word.
                ends[last] = bytes.count
                return
            }
        }
        ends.append(bytes.count)
    }

    /// Appends a whole ASCII word (the current word must be empty).
    mutating func append(ascii word: StaticString) {
        word.withUTF8Buffer { bytes.append(contentsOf: $0) }
        ends.append(bytes.count)
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }
}
