/// How a text line is compared for learned boilerplate: whitespace runs collapsed to one space,
/// case-folded, and hashed (the state keeps only the hash). The key is persisted, so it is defined
/// by the `Character` code (`normalize`); lines of ASCII and of `ScalarTable`'s simple scalars take
/// a byte path that gives the same string (`DifferentialTests` holds it to the general one).
enum BoilerplateLineKey {
    /// The line as compared, or nil when it is blank or longer than `LearnedBoilerplate.maxLineLength`.
    static func normalize<S: StringProtocol>(_ line: S) -> String? {
        let fast = line.utf8.withContiguousStorageIfAvailable(byteNormalize) ?? Array(line.utf8).withUnsafeBufferPointer(byteNormalize)
        if let fast { return fast.value }
        let collapsed = line.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        guard !collapsed.isEmpty, collapsed.count <= LearnedBoilerplate.maxLineLength else { return nil }
        return collapsed.lowercased()
    }

    /// The key of a normalized line.
    static func hash(_ normalized: String) -> String { String(SHA256.hex(normalized).prefix(16)) }

    /// The key of a raw line, or nil when it is not compared.
    static func key<S: StringProtocol>(_ line: S) -> String? { normalize(line).map(hash) }

    /// `normalize` on bytes, or nil (not `.some(nil)`) when the line has a scalar that is not ASCII
    /// or `ScalarTable`'s simple. Among such scalars every `Character` is one scalar but "\r\n",
    /// whose scalars are both whitespace; `Character.isWhitespace` of one scalar is its White_Space
    /// property; `lowercased()` maps scalar by scalar. So the collapsed line's length in scalars is
    /// its length in `Character`s, and the lower-cased scalars are `lowercased()`.
    private static func byteNormalize(_ bytes: UnsafeBufferPointer<UInt8>) -> Box? {
        let limit = LearnedBoilerplate.maxLineLength
        let table = ScalarTable.shared
        var out: [UInt8] = []
        out.reserveCapacity(min(bytes.count, 2 * limit))
        var characters = 0
        var pendingSpace = false
        var tooLong = false
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let (v, n) = b < 0x80 ? (UInt32(b), 1) : UTF8Scan.decode(bytes, at: i)
            i += n
            if v >= 0x80, table.kind(v) & ScalarTable.Kind.simple == 0 { return nil }
            if UTF8Scan.isWhitespace(v) {
                pendingSpace = characters > 0
                continue
            }
            if tooLong { continue }  // read on: a later scalar may send the line to the general path
            if pendingSpace { out.append(0x20); characters += 1; pendingSpace = false }
            if v < 0x80 {
                out.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
            } else {
                out.append(contentsOf: table.lowercase(v))
            }
            characters += 1
            if characters > limit { tooLong = true }
        }
        if characters == 0 || tooLong { return Box(value: nil) }
        return Box(value: String(decoding: out, as: UTF8.self))
    }

    /// An answer of the byte path (the line's normalized form, or nil for "not compared").
    private struct Box { let value: String? }
}

/// A text cut into lines as `split(separator: "\n", omittingEmptySubsequences: false)` cuts it,
/// each line with its key computed once: one poll both counts and strips the same lines.
struct KeyedLines {
    let lines: [Substring]
    let keys: [String?]

    init(_ text: String) {
        // A "\n" `Character` is every LF byte but the one after a CR ("\r\n" is one `Character`):
        // grapheme breaking always breaks around LF otherwise (UAX #29, GB3-GB5).
        var lines: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex, previous: UInt8 = 0
        var i = start
        while i < utf8.endIndex {
            let b = utf8[i]
            if b == 0x0A, previous != 0x0D {
                lines.append(text[start..<i])
                start = utf8.index(after: i)
            }
            previous = b
            i = utf8.index(after: i)
        }
        lines.append(text[start..<utf8.endIndex])
        self.lines = lines
        self.keys = lines.map(BoilerplateLineKey.key)
    }
}
