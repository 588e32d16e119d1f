/// Guesses about text whose type a feed did not declare.
enum HTMLHeuristics {
    /// Whether nominally plain text (an RSS title, say) is really HTML: it has an end tag or an
    /// entity reference, every tag is one the sanitizer allows, and every named entity is an HTML
    /// one. Errs towards "plain text", as a false positive would silently drop text that looks
    /// like markup.
    static func looksLikeHTML(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer(looksLikeHTML)
    }

    static func looksLikeHTML(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        do {
            let n = p.count
            var hasEndTagOrEntity = false
            var i = 0
            while i < n {
                let c = p[i]
                if c == UInt8(ascii: "<") {
                    var j = i + 1
                    let isEnd = j < n && p[j] == UInt8(ascii: "/")
                    if isEnd { j += 1 }
                    let nameStart = j
                    while j < n, isWordByte(p[j]) { j += 1 }
                    if j > nameStart {
                        let name = String(decoding: UnsafeBufferPointer(rebasing: p[nameStart..<j]), as: UTF8.self)
                        if !HTMLSanitizer.acceptableElements.contains(name.lowercased()) { return false }
                        if isEnd && j < n && p[j] == UInt8(ascii: ">") { hasEndTagOrEntity = true }
                    }
                    i = max(j, i + 1)
                } else if c == UInt8(ascii: "&") {
                    var j = i + 1
                    let numeric = j < n && p[j] == UInt8(ascii: "#")
                    if numeric { j += 1 }
                    let nameStart = j
                    while j < n, isWordByte(p[j]) { j += 1 }
                    if j > nameStart && j < n && p[j] == UInt8(ascii: ";") {
                        hasEndTagOrEntity = true
                        if !numeric {
                            let name = UnsafeBufferPointer(rebasing: p[nameStart..<j])
                            if HTMLEntities.codePoint(named: name) == nil { return false }
                        }
                    }
                    i = max(j, i + 1)
                } else {
                    i += 1
                }
            }
            return hasEndTagOrEntity
        }
    }

    /// A byte of a `\w` run: ASCII letters, digits, `_`, and any non-ASCII byte.
    @inline(__always)
    static func isWordByte(_ c: UInt8) -> Bool {
        URLResolver.isAlpha(c) || URLResolver.isDigit(c) || c == 0x5F || c >= 0x80
    }
}
