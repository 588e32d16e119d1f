/// Filters a `style` attribute down to harmless declarations: no `url(...)`, only simple values
/// of an allowlisted set of properties (colours, fonts, sizes, text layout).
enum CSSSanitizer {
    /// The cleaned declarations (`prop: value;` joined by spaces), or "" when the style holds
    /// anything suspicious.
    static func clean(_ style: String, svg: Bool) -> String {
        let s = Array(removeURLs(style).unicodeScalars)
        guard passesGauntlet(s), onlyDeclarations(s) else { return "" }
        var clean: [String] = []
        for (prop, value) in declarations(s) {
            guard !value.isEmpty else { continue }
            let p = String(String.UnicodeScalarView(prop))
            let v = String(String.UnicodeScalarView(value))
            let lower = p.lowercased()
            if HTMLSanitizer.acceptableCSSProperties.contains(lower) {
                clean.append(p + ": " + v + ";")
            } else if ["background", "border", "margin", "padding"].contains(lower.split(separator: "-", omittingEmptySubsequences: false).first.map(String.init) ?? "") {
                let keywords = v.split(whereSeparator: { $0.unicodeScalars.allSatisfy(isSpace) })
                if keywords.allSatisfy({ HTMLSanitizer.acceptableCSSKeywords.contains(String($0)) || isValidValue(String($0)) }) {
                    clean.append(p + ": " + v + ";")
                }
            } else if svg && HTMLSanitizer.acceptableSVGProperties.contains(lower) {
                clean.append(p + ": " + v + ";")
            }
        }
        return clean.joined(separator: " ")
    }

    /// `url\s*\(\s*[^\s)]+?\s*\)\s*` replaced by a space.
    static func removeURLs(_ style: String) -> String {
        let s = Array(style.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        outer: while i < s.count {
            if i + 3 <= s.count, s[i] == "u", s[i + 1] == "r", s[i + 2] == "l" {
                var j = i + 3
                while j < s.count, isSpace(s[j]) { j += 1 }
                if j < s.count, s[j] == "(" {
                    j += 1
                    while j < s.count, isSpace(s[j]) { j += 1 }
                    let start = j
                    while j < s.count, !isSpace(s[j]), s[j] != ")" { j += 1 }
                    if j > start {
                        var k = j
                        while k < s.count, isSpace(s[k]) { k += 1 }
                        if k < s.count, s[k] == ")" {
                            k += 1
                            while k < s.count, isSpace(s[k]) { k += 1 }
                            out.append(" ")
                            i = k
                            continue outer
                        }
                    }
                }
            }
            out.append(s[i])
            i += 1
        }
        return String(out)
    }

    /// `^([:,;#%.\sa-zA-Z0-9!]|\w-\w|'[\s\w]+'|"[\s\w]+"|\([\d,\s]+\))*$`
    static func passesGauntlet(_ s: [Unicode.Scalar]) -> Bool {
        let n = s.count
        var reach = [Bool](repeating: false, count: n + 1)
        reach[0] = true
        for p in 0..<n where reach[p] {
            let c = s[p]
            if isSpace(c) || (c.isASCII && (isASCIIAlnum(c) || ":,;#%.!".unicodeScalars.contains(c))) { reach[p + 1] = true }
            if p + 2 < n, isWord(c), s[p + 1] == "-", isWord(s[p + 2]) { reach[p + 3] = true }
            if c == "'" || c == "\"" {
                var q = p + 1
                while q < n, isSpace(s[q]) || isWord(s[q]) { q += 1 }
                if q > p + 1, q < n, s[q] == c { reach[q + 1] = true }
            }
            if c == "(" {
                var q = p + 1
                while q < n, isDigit(s[q]) || s[q] == "," || isSpace(s[q]) { q += 1 }
                if q > p + 1, q < n, s[q] == ")" { reach[q + 1] = true }
            }
        }
        return reach[n]
    }

    /// Nothing but `\s*[-\w]+\s*:\s*[^:;]*;?` declarations (and whitespace).
    static func onlyDeclarations(_ s: [Unicode.Scalar]) -> Bool {
        var i = 0
        let n = s.count
        while i < n {
            if let end = matchDeclaration(s, i, leadingSpace: true) {
                i = end
            } else if isSpace(s[i]) {
                i += 1
            } else {
                return false
            }
        }
        return true
    }

    private static func matchDeclaration(_ s: [Unicode.Scalar], _ i: Int, leadingSpace: Bool) -> Int? {
        let n = s.count
        var j = i
        if leadingSpace { while j < n, isSpace(s[j]) { j += 1 } }
        let nameStart = j
        while j < n, isWord(s[j]) || s[j] == "-" { j += 1 }
        guard j > nameStart else { return nil }
        while j < n, isSpace(s[j]) { j += 1 }
        guard j < n, s[j] == ":" else { return nil }
        j += 1
        while j < n, s[j] != ":", s[j] != ";" { j += 1 }
        if j < n, s[j] == ";" { j += 1 }
        return j
    }

    /// `([-\w]+)\s*:\s*([^:;]*)`, left to right.
    static func declarations(_ s: [Unicode.Scalar]) -> [([Unicode.Scalar], [Unicode.Scalar])] {
        var out: [([Unicode.Scalar], [Unicode.Scalar])] = []
        let n = s.count
        var i = 0
        while i < n {
            guard isWord(s[i]) || s[i] == "-" else { i += 1; continue }
            var j = i
            while j < n, isWord(s[j]) || s[j] == "-" { j += 1 }
            var k = j
            while k < n, isSpace(s[k]) { k += 1 }
            guard k < n, s[k] == ":" else { i += 1; continue }
            k += 1
            while k < n, isSpace(s[k]) { k += 1 }
            let vs = k
            while k < n, s[k] != ":", s[k] != ";" { k += 1 }
            out.append((Array(s[i..<j]), Array(s[vs..<k])))
            i = k
        }
        return out
    }

    /// `^(#[0-9a-f]+|rgb\(\d+%?,\d*%?,?\d*%?\)?|\d{0,2}\.?\d{0,2}(cm|em|ex|in|mm|pc|pt|px|%|,|\))?)$`
    static func isValidValue(_ v: String) -> Bool {
        let s = Array(v.unicodeScalars)
        if s.first == "#" {
            return s.count > 1 && s.dropFirst().allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
        }
        if s.count >= 4 && String(String.UnicodeScalarView(s[0..<4])) == "rgb(" {
            var i = 4
            func digits(_ min: Int) -> Bool {
                let st = i
                while i < s.count, isDigit(s[i]) { i += 1 }
                return i - st >= min
            }
            func opt(_ c: Unicode.Scalar) { if i < s.count, s[i] == c { i += 1 } }
            guard digits(1) else { return false }
            opt("%")
            guard i < s.count, s[i] == "," else { return false }
            i += 1
            _ = digits(0); opt("%"); opt(","); _ = digits(0); opt("%"); opt(")")
            return i == s.count
        }
        var i = 0
        var d = 0
        while i < s.count, d < 2, isDigit(s[i]) { i += 1; d += 1 }
        if i < s.count, s[i] == "." { i += 1 }
        d = 0
        while i < s.count, d < 2, isDigit(s[i]) { i += 1; d += 1 }
        let rest = String(String.UnicodeScalarView(s[i...]))
        return ["", "cm", "em", "ex", "in", "mm", "pc", "pt", "px", "%", ",", ")"].contains(rest)
    }

    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default: return false
        }
    }

    static func isWord(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII { return isASCIIAlnum(c) || c == "_" }
        return c.properties.isAlphabetic || c.properties.numericType != nil
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool {
        c.isASCII ? ("0"..."9").contains(c) : c.properties.numericType == .decimal
    }

    private static func isASCIIAlnum(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c)
    }
}
