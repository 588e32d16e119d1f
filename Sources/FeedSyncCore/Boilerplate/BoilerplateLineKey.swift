/// How a text line is compared for learned boilerplate: whitespace runs collapsed to one space,
/// case-folded, and hashed (the state keeps only the hash). The key is persisted, so it is defined
/// by the `Character` code (`normalize`); lines of ASCII take a byte path that gives the same
/// string (`DifferentialTests` holds it to the general one).
enum BoilerplateLineKey {
    /// The line as compared, or nil when it is blank or longer than `LearnedBoilerplate.maxLineLength`.
    static func normalize<S: StringProtocol>(_ line: S) -> String? {
        if let ascii = asciiNormalize(line.utf8) { return ascii.value }
        let collapsed = line.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        guard !collapsed.isEmpty, collapsed.count <= LearnedBoilerplate.maxLineLength else { return nil }
        return collapsed.lowercased()
    }

    /// The key of a normalized line.
    static func hash(_ normalized: String) -> String { String(SHA256.hex(normalized).prefix(16)) }

    /// The key of a raw line, or nil when it is not compared.
    static func key<S: StringProtocol>(_ line: S) -> String? { normalize(line).map(hash) }

    /// `normalize` for a line of ASCII bytes, or nil (not `.some(nil)`) when the line has a byte
    /// over 0x7F. In ASCII every `Character` is one byte but "\r\n", and both of its bytes are
    /// whitespace; `Character.isWhitespace` holds for exactly 0x09-0x0D and 0x20; `lowercased()`
    /// maps only A-Z. So the collapsed line's length in bytes is its length in `Character`s.
    private static func asciiNormalize(_ bytes: some Collection<UInt8>) -> Box? {
        let limit = LearnedBoilerplate.maxLineLength
        var out: [UInt8] = []
        out.reserveCapacity(min(bytes.count, limit + 1))
        var pendingSpace = false
        var tooLong = false
        for b in bytes {
            if b >= 0x80 { return nil }
            if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                pendingSpace = !out.isEmpty
                continue
            }
            if tooLong { continue }  // still read on: a later non-ASCII byte sends the line to the general path
            if pendingSpace { out.append(0x20); pendingSpace = false }
            out.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
            if out.count > limit { tooLong = true }
        }
        if out.isEmpty || tooLong { return Box(value: nil) }
        return Box(value: String(decoding: out, as: UTF8.self))
    }

    /// An answer of the ASCII path (the line's normalized form, or nil for "not compared").
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
