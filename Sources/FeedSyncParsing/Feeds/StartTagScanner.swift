/// One pass over a document's bytes, before libxml2 sees them, that refuses start tags libxml2
/// would take quadratic time over (see `ParseLimits`): more attributes than
/// `maxAttributesPerElement`, or more bytes than `maxStartTagBytes`.
///
/// It errs on the side of counting: text that only looks like a tag (in a comment or CDATA it
/// does not; in a DOCTYPE's entity values it does, since an entity's text is parsed as markup
/// where it is referenced) is scanned as one. `<!ATTLIST` declarations count together, because
/// libxml2 adds every defaulted attribute to each start tag of that element. In HTML, the text of
/// `script` and `style` is skipped as the HTML parser skips it.
struct StartTagScanner {
    private let b: UnsafeBufferPointer<UInt8>
    private let limits: ParseLimits
    private let html: Bool
    /// Tokens of every `<!ATTLIST` declaration so far (name, type and default: three per attribute).
    private var declaredAttributes = 0
    /// Only the first DOCTYPE has an internal subset that counts (libxml2 refuses a second), and
    /// looking for the end of each of many would take quadratic time here.
    private var sawDoctype = false

    /// Nil when every start tag is within `limits`, else why the document is refused.
    static func check(_ bytes: UnsafeBufferPointer<UInt8>, limits: ParseLimits, html: Bool) -> String? {
        guard bytes.baseAddress != nil else { return nil }
        var scanner = StartTagScanner(b: bytes, limits: limits, html: html)
        return scanner.run()
    }

    private init(b: UnsafeBufferPointer<UInt8>, limits: ParseLimits, html: Bool) {
        self.b = b; self.limits = limits; self.html = html
    }

    private mutating func run() -> String? {
        var i = 0
        while true {
            i = ByteScan.find(UInt8(ascii: "<"), in: b, from: i)
            guard i < b.count else { return nil }
            switch markup(after: i + 1, opening: i) {
            case let .next(j): i = j
            case let .refused(why): return why
            }
        }
    }

    private enum Step { case next(Int), refused(String) }

    /// Handles the markup whose `<` (or `&#60;`) starts at `opening` and whose next byte is at `j`.
    private mutating func markup(after j: Int, opening: Int) -> Step {
        guard j < b.count else { return .next(b.count) }
        let c = b[j]
        if c == UInt8(ascii: "!") {
            if has("--", at: j + 1) { return .next(skip(past: "-->", from: j + 3)) }
            if has("[CDATA[", at: j + 1) { return .next(skip(past: "]]>", from: j + 8)) }
            if has("ATTLIST", at: j + 1) {
                let (end, count, long) = tag(from: j + 8, opening: opening,
                                             maxAttributes: limits.maxAttributesPerElement * 3 - declaredAttributes)
                declaredAttributes += count
                if long { return .refused(refusal("a declaration spans more than \(limits.maxStartTagBytes) bytes", at: opening)) }
                if declaredAttributes > limits.maxAttributesPerElement * 3 {
                    return .refused(refusal("the DTD declares more than \(limits.maxAttributesPerElement) attributes", at: opening))
                }
                return .next(end)
            }
            if !sawDoctype && has("DOCTYPE", at: j + 1) {
                sawDoctype = true
                if let refused = scanCharacterReferences(from: j + 8) { return .refused(refused) }
            }
            return .next(j + 1)
        }
        if c == UInt8(ascii: "?") { return .next(skip(past: "?>", from: j + 1)) }
        guard c >= 0x80 || StartTagScanner.isLetter(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: ":") else { return .next(j) }
        let (end, count, long) = tag(from: j, opening: opening, maxAttributes: limits.maxAttributesPerElement)
        if long { return .refused(refusal("a start tag spans more than \(limits.maxStartTagBytes) bytes", at: opening)) }
        if count > limits.maxAttributesPerElement {
            return .refused(refusal("an element has more than \(limits.maxAttributesPerElement) attributes", at: opening))
        }
        if html, let name = rawTextElement(at: j) { return .next(skipRawText(name, from: end)) }
        return .next(end)
    }

    /// Scans one tag from its name at `from` to its `>`: where scanning goes on, how many
    /// attributes (names) it has, and whether it went past `maxStartTagBytes`. Stops early once
    /// it has counted more than `maxAttributes`.
    private func tag(from: Int, opening: Int, maxAttributes: Int) -> (end: Int, attributes: Int, tooLong: Bool) {
        enum State { case elementName, between, name, afterName, afterEquals, unquoted }
        let limit = opening.addingReportingOverflow(limits.maxStartTagBytes)
        let stop = limit.overflow ? b.count : min(b.count, limit.partialValue)
        var state = State.elementName
        var count = 0
        var i = from
        while i < stop {
            let c = b[i]
            let space = c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D
            if c == UInt8(ascii: ">") { return (i + 1, count, false) }
            if count > maxAttributes { return (i, count, false) }
            switch state {
            case .elementName:
                if space || c == UInt8(ascii: "/") { state = .between }
            case .between:
                if !space && c != UInt8(ascii: "/") {
                    if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                        i = ByteScan.find(c, in: b, from: i + 1)
                    } else {
                        count += 1
                        state = c == UInt8(ascii: "=") ? .afterEquals : .name
                    }
                }
            case .name:
                if space { state = .afterName } else if c == UInt8(ascii: "=") { state = .afterEquals }
            case .afterName:
                if c == UInt8(ascii: "=") {
                    state = .afterEquals
                } else if c == UInt8(ascii: "/") {
                    state = .between
                } else if !space {
                    count += 1
                    if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                        i = ByteScan.find(c, in: b, from: i + 1)
                        state = .between
                    } else {
                        state = .name
                    }
                }
            case .afterEquals:
                if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                    i = ByteScan.find(c, in: b, from: i + 1)
                    state = .between
                } else if !space {
                    state = .unquoted
                }
            case .unquoted:
                if space { state = .between }
            }
            i += 1
        }
        return (min(i, b.count), count, i >= stop && stop < b.count)
    }

    /// In a DOCTYPE's internal subset, `&#60;` and `&#x3C;` in an entity value become `<` when
    /// the entity is declared, and markup where it is referenced: scan what follows them.
    private mutating func scanCharacterReferences(from: Int) -> String? {
        let gt = ByteScan.find(UInt8(ascii: ">"), in: b, from: from)
        let open = ByteScan.find(UInt8(ascii: "["), in: b, from: from)
        guard open < gt else { return nil }
        var end = open
        while true {
            end = ByteScan.find(UInt8(ascii: "]"), in: b, from: end + 1)
            guard end < b.count else { break }
            var k = end + 1
            while k < b.count, b[k] == 0x20 || b[k] == 0x09 || b[k] == 0x0A || b[k] == 0x0D { k += 1 }
            if k < b.count, b[k] == UInt8(ascii: ">") { break }
        }
        var i = open
        while true {
            i = ByteScan.find(UInt8(ascii: "&"), in: b, from: i)
            guard i < end else { return nil }
            guard let after = lessThanReference(at: i) else { i += 1; continue }
            switch markup(after: after, opening: i) {
            case let .next(j): i = max(j, i + 1)
            case let .refused(why): return why
            }
        }
    }

    /// The index after `&#60;` (or a hex or zero-padded form) at `i`, else nil.
    private func lessThanReference(at i: Int) -> Int? {
        guard i + 2 < b.count, b[i + 1] == UInt8(ascii: "#") else { return nil }
        var k = i + 2
        let hex = b[k] == UInt8(ascii: "x") || b[k] == UInt8(ascii: "X")
        if hex { k += 1 }
        var value = 0
        while k < b.count, k - i < 16 {
            let c = b[k]
            if c == UInt8(ascii: ";") { return value == 60 ? k + 1 : nil }
            guard let d = StartTagScanner.digit(c, hex: hex) else { return nil }
            value = value * (hex ? 16 : 10) + d
            if value > 0x10FFFF { return nil }
            k += 1
        }
        return nil
    }

    /// `script` or `style` (any case) when the tag name at `j` is one.
    private func rawTextElement(at j: Int) -> StaticString? {
        for name: StaticString in ["script", "style"] where hasCaseless(name, at: j) {
            let k = j + name.utf8CodeUnitCount
            if k >= b.count || !(StartTagScanner.isLetter(b[k]) || StartTagScanner.digit(b[k], hex: false) != nil || b[k] == UInt8(ascii: "-")) { return name }
        }
        return nil
    }

    /// The index after the `</name` that ends a raw-text element, or the end of the document.
    private func skipRawText(_ name: StaticString, from: Int) -> Int {
        var i = from
        while true {
            i = ByteScan.find(UInt8(ascii: "<"), in: b, from: i)
            guard i + 1 < b.count else { return b.count }
            if b[i + 1] == UInt8(ascii: "/"), hasCaseless(name, at: i + 2) { return i + 2 }
            i += 1
        }
    }

    private static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") }

    private static func digit(_ c: UInt8, hex: Bool) -> Int? {
        if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") { return Int(c - UInt8(ascii: "0")) }
        let l = c | 0x20
        if hex && l >= UInt8(ascii: "a") && l <= UInt8(ascii: "f") { return Int(l - UInt8(ascii: "a")) + 10 }
        return nil
    }

    private func has(_ s: StaticString, at j: Int) -> Bool {
        let n = s.utf8CodeUnitCount
        guard j >= 0, j + n <= b.count else { return false }
        return s.withUTF8Buffer { s in (0..<n).allSatisfy { b[j + $0] == s[$0] } }
    }

    private func hasCaseless(_ s: StaticString, at j: Int) -> Bool {
        let n = s.utf8CodeUnitCount
        guard j >= 0, j + n <= b.count else { return false }
        return s.withUTF8Buffer { s in (0..<n).allSatisfy { b[j + $0] | 0x20 == s[$0] } }
    }

    private func skip(past terminator: StaticString, from: Int) -> Int {
        guard from < b.count else { return b.count }
        let k = terminator.withUTF8Buffer { ByteScan.find($0, in: b, from: from) }
        return k < b.count ? k + terminator.utf8CodeUnitCount : b.count
    }

    private func refusal(_ what: String, at offset: Int) -> String {
        var line = 1
        var i = 0
        while true {
            i = ByteScan.find(0x0A, in: b, from: i)
            guard i < offset else { break }
            line += 1
            i += 1
        }
        return "line \(line): \(what) (a parse limit against documents that take libxml2 quadratic time); document refused"
    }
}
