/// Rewrites the references XML does not define but feeds use anyway, before libxml2 sees them:
/// HTML entities (`&nbsp;`, `&eacute;`) become numeric references, and an `&` that starts no
/// reference at all (`AT&T`, `?a=1&b=2`) becomes `&amp;`. Either makes the document not
/// well-formed, so a repaired document is reported as `bozo`; but its text is what a human reads.
///
/// CDATA sections, comments, processing instructions and the DOCTYPE are left alone, and entities
/// the internal DTD subset declares are kept for libxml2 to expand (under its limits).
struct EntityRepair {
    /// Names declared with `<!ENTITY name ...>` in the internal subset.
    private(set) var declared: Set<String> = []
    /// How many references were rewritten.
    private(set) var repairs = 0
    /// "netscape" appeared in the DOCTYPE (RSS 0.91 as Netscape published it).
    private(set) var netscapeDoctype = false

    /// The repaired document, or nil when nothing needed repair.
    mutating func repair(_ p: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        var repairing = false
        var copied = 0  // bytes of p already copied to out
        let n = p.count
        var i = 0
        while i < n {
            i = ByteScan.find(UInt8(ascii: "<"), UInt8(ascii: "&"), in: p, from: i)
            guard i < n else { break }
            if p[i] == UInt8(ascii: "<") {
                i = skipMarkupDeclaration(p, i)
                continue
            }
            let (replacement, consumed) = classifyReference(p, i)
            guard let replacement else { i += consumed; continue }
            if !repairing { repairing = true; out.reserveCapacity(n + n / 16) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: p[copied..<i]))
            out.append(contentsOf: replacement)
            repairs += 1
            i += consumed
            copied = i
        }
        guard repairing else { return nil }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: p[copied..<n]))
        return out
    }

    /// At `<`: skips a CDATA section, comment, PI or DOCTYPE (collecting entity names); for
    /// anything else, just the `<`.
    private mutating func skipMarkupDeclaration(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let n = p.count
        // Element tags, by far the most frequent `<`, open none of these.
        guard i + 1 < n, p[i + 1] == UInt8(ascii: "!") || p[i + 1] == UInt8(ascii: "?") else { return i + 1 }
        func has(_ s: StaticString, at j: Int) -> Bool {
            let count = s.utf8CodeUnitCount
            guard j + count <= n else { return false }
            return s.withUTF8Buffer { b in (0..<count).allSatisfy { p[j + $0] == b[$0] } }
        }
        func find(_ s: StaticString, from j: Int) -> Int {
            let k = s.withUTF8Buffer { ByteScan.find($0, in: p, from: min(j, n)) }
            return k < n ? k + s.utf8CodeUnitCount : n
        }
        if has("<![CDATA[", at: i) { return find("]]>", from: i + 9) }
        if has("<!--", at: i) { return find("-->", from: i + 4) }
        if has("<?", at: i) { return find("?>", from: i + 2) }
        if has("<!DOCTYPE", at: i) { return skipDoctype(p, i + 9) }
        return i + 1
    }

    private mutating func skipDoctype(_ p: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
        let n = p.count
        var i = start
        var inSubset = false
        var quote: UInt8 = 0
        var headEnd = n
        while i < n {
            let c = p[i]
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if c == 0x22 || c == 0x27 {
                quote = c
            } else if c == UInt8(ascii: "[") && !inSubset {
                inSubset = true
                headEnd = min(headEnd, i)
            } else if c == UInt8(ascii: "]") && inSubset {
                inSubset = false
            } else if inSubset && c == UInt8(ascii: "<") && i + 8 < n
                        && String(decoding: UnsafeBufferPointer(rebasing: p[i..<(i + 8)]), as: UTF8.self) == "<!ENTITY" {
                var j = i + 8
                while j < n, p[j].isASCIIWhitespace { j += 1 }
                if j < n, p[j] != UInt8(ascii: "%") {
                    let s = j
                    while j < n, !p[j].isASCIIWhitespace, p[j] != UInt8(ascii: ">") { j += 1 }
                    declared.insert(String(decoding: UnsafeBufferPointer(rebasing: p[s..<j]), as: UTF8.self))
                }
            } else if inSubset && c == UInt8(ascii: "<") && i + 3 < n && p[i + 1] == UInt8(ascii: "!")
                        && p[i + 2] == UInt8(ascii: "-") && p[i + 3] == UInt8(ascii: "-") {
                // A comment in the internal subset may hold quotes and brackets.
                var j = i + 4
                while j + 2 < n, !(p[j] == UInt8(ascii: "-") && p[j + 1] == UInt8(ascii: "-") && p[j + 2] == UInt8(ascii: ">")) { j += 1 }
                i = j + 3
                continue
            } else if c == UInt8(ascii: ">") && !inSubset {
                headEnd = min(headEnd, i)
                let head = String(decoding: UnsafeBufferPointer(rebasing: p[start..<headEnd]), as: UTF8.self)
                if head.lowercased().utf8.firstRange(of: "netscape".utf8) != nil { netscapeDoctype = true }
                return i + 1
            }
            i += 1
        }
        return n
    }

    /// At `&`: nil replacement if the reference is fine for XML (with the bytes to skip), else the
    /// bytes to write instead of the `consumed` input bytes.
    private static let ampersand: [UInt8] = [0x26, 0x61, 0x6D, 0x70, 0x3B]  // &amp;

    private func classifyReference(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> ([UInt8]?, Int) {
        let n = p.count
        var j = i + 1
        // `&lt;`, `&gt;`, `&amp;`: most references in feeds (escaped HTML), fine for XML.
        if i + 3 < n, p[i + 3] == 0x3B, p[i + 2] == 0x74, p[i + 1] == 0x6C || p[i + 1] == 0x67 { return (nil, 4) }
        if i + 4 < n, p[i + 4] == 0x3B, p[i + 1] == 0x61, p[i + 2] == 0x6D, p[i + 3] == 0x70 { return (nil, 5) }
        let ampersand = EntityRepair.ampersand
        if j < n, p[j] == UInt8(ascii: "#") {
            j += 1
            var value: UInt32 = 0
            var digits = 0
            let hex = j < n && (p[j] == UInt8(ascii: "x") || p[j] == UInt8(ascii: "X"))
            let upperX = hex && p[j] == UInt8(ascii: "X")
            if hex { j += 1 }
            while j < n, digits < 8 {
                let d = p[j]
                if URLResolver.isDigit(d) {
                    value = value &* (hex ? 16 : 10) &+ UInt32(d - 48)
                } else if hex, let h = EntityRepair.hexValue(d) {
                    value = value &* 16 &+ h
                } else {
                    break
                }
                digits += 1
                j += 1
            }
            if digits > 0, j < n, p[j] == UInt8(ascii: ";"), EntityRepair.isXMLChar(value) {
                // `&#X41;` is HTML, not XML: write the x in lower case.
                return upperX ? (Array("&#x".utf8), 3) : (nil, j + 1 - i)
            }
            return (ampersand, 1)
        }
        let nameStart = j
        while j < n, j - nameStart < 64, EntityRepair.isNameByte(p[j], first: j == nameStart) { j += 1 }
        guard j > nameStart, j < n, p[j] == UInt8(ascii: ";") else { return (ampersand, 1) }
        let name = UnsafeBufferPointer(rebasing: p[nameStart..<j])
        if HTMLEntities.isXMLPredefined(name) { return (nil, j + 1 - i) }
        let nameString = String(decoding: name, as: UTF8.self)
        if declared.contains(nameString) { return (nil, j + 1 - i) }
        if let cp = HTMLEntities.codePoint(named: nameString) {
            return (Array("&#\(cp);".utf8), j + 1 - i)
        }
        return (ampersand, 1)
    }

    private static func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(c - 87)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(c - 55)
        default: return nil
        }
    }

    private static func isNameByte(_ c: UInt8, first: Bool) -> Bool {
        if URLResolver.isAlpha(c) || c == 0x5F || c == 0x3A || c >= 0x80 { return true }
        return !first && (URLResolver.isDigit(c) || c == 0x2D || c == 0x2E)
    }

    /// XML 1.0 `Char`: what a character reference may denote.
    static func isXMLChar(_ v: UInt32) -> Bool {
        v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD)
            || (v >= 0x10000 && v <= 0x10FFFF)
    }
}
