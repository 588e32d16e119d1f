extension FeedBuilder {
    /// Records one part (name, e-mail, URI) of the author being read.
    func saveAuthor(_ key: PersonKey, _ value: String) {
        let ctx = context
        if ctx.authorDetail == nil { ctx.authorDetail = PersonBuilder() }
        ctx.authorDetail?[key] = value
        syncAuthorDetail()
        if ctx.authors.isEmpty { ctx.authors.append(PersonBuilder()) }
        ctx.authors[ctx.authors.count - 1][key] = value
    }

    /// Keeps the author string and the structured author in step. An RSS author is one string,
    /// commonly `e-mail (Name)` or `Name <e-mail>`: split it into its parts.
    func syncAuthorDetail() {
        let ctx = context
        let detail = ctx.authors.last ?? PersonBuilder()
        if !detail.isEmpty {
            if let name = detail.name, let email = detail.email {
                ctx.values[.author] = "\(name) (\(email))"
            } else if let name = detail.name {
                ctx.values[.author] = name
            } else if let email = detail.email {
                ctx.values[.author] = email
            }
            return
        }
        guard let author = ctx.values[.author], !author.isEmpty else { return }
        let (name, email) = FeedBuilder.splitAuthor(author)
        if !name.isEmpty || email != nil {
            if ctx.authorDetail == nil { ctx.authorDetail = detail }
        }
        if !name.isEmpty { detail.name = name }
        if let email { detail.email = email }
    }

    /// An RSS author string split into the name and the first e-mail address: every copy of the
    /// address is removed, then every `()`, `<>` and `&lt;&gt;` left empty, then one bracket
    /// around what remains (`editor@example.org (Editor)` -> `Editor`). Done on the bytes: every
    /// item of most RSS feeds has such a string.
    static func splitAuthor(_ author: String) -> (name: String, email: String?) {
        var bytes = Array(author.utf8)
        guard let at = bytes.withUnsafeBufferPointer({ findEmail(in: $0) }) else { return (author, nil) }
        let email = Array(bytes[at])
        email.withUnsafeBufferPointer { bytes.removeAll(occurrencesOf: $0) }
        for empty: StaticString in ["()", "<>", "&lt;&gt;"] {
            bytes.removeAll(occurrencesOf: UnsafeBufferPointer(start: empty.utf8Start, count: empty.utf8CodeUnitCount))
        }
        let name = bytes.withUnsafeBufferPointer { b -> String in
            var rest = stripped(b)
            // One bracket each side, when it is a character of its own: a bracket next to an
            // ASCII character (or nothing) is; next to anything else, `String` decides.
            if rest.first == 0x28 {
                guard rest.count == 1 || rest[1] < 0x80 else { return String(checkedUTF8: rest).droppingBrackets() }
                rest = UnsafeBufferPointer(rebasing: rest.dropFirst())
            }
            if rest.last == 0x29 {
                guard rest.count == 1 || rest[rest.count - 2] < 0x80 else {
                    return String(checkedUTF8: rest).droppingBrackets(leading: false)
                }
                rest = UnsafeBufferPointer(rebasing: rest.dropLast())
            }
            return String(checkedUTF8: stripped(rest))
        }
        return (name, String(checkedUTF8: email))
    }

    private static func stripped(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: b[TextCleanup.strippedRange(b)])
    }

    /// Where the first e-mail address in `u` is (with an IP-literal or dotted domain, an optional
    /// `?subject=` suffix), as authors write them in RSS.
    static func findEmail(in u: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        func isLocal(_ c: UInt8) -> Bool {
            URLResolver.isAlpha(c) || URLResolver.isDigit(c) || c == 0x5F || c == 0x2E || c == 0x2B || c == 0x2D
        }
        let subject: StaticString = "?subject="
        var at = ByteScan.find(0x40, in: u)
        while at < u.count {
            defer { at = ByteScan.find(0x40, in: u, from: at + 1) }
            var start = at
            while start > 0, isLocal(u[start - 1]) { start -= 1 }
            guard start < at else { continue }
            guard var end = matchDomain(u, from: at + 1) else { continue }
            if end < u.count, u[end] == 0x5D { end += 1 }
            let s = subject.utf8Start, sn = subject.utf8CodeUnitCount
            if end + sn < u.count, (0..<sn).allSatisfy({ u[end + $0] == s[$0] }), !u[end + sn].isASCIIWhitespace {
                end += sn
                while end < u.count, !u[end].isASCIIWhitespace { end += 1 }
            }
            return start..<end
        }
        return nil
    }

    /// Matches `(\[d.d.d.|(label\.)+)(alpha{2,63}|digit{1,3})` at `from`; returns the end.
    /// feedparser's pattern allows 2 to 4 letters in the top-level domain, which cuts addresses
    /// under today's longer ones in two (`pr@brand.example` read as `pr@brand.exam`); a DNS label
    /// has up to 63.
    private static func matchDomain(_ u: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        func isLabel(_ c: UInt8) -> Bool { URLResolver.isAlpha(c) || URLResolver.isDigit(c) || c == 0x2D }
        func tld(_ i: Int) -> Int? {
            var j = i
            while j < u.count, j - i < 63, URLResolver.isAlpha(u[j]) { j += 1 }
            if j - i >= 2 { return j }
            j = i
            while j < u.count, j - i < 3, URLResolver.isDigit(u[j]) { j += 1 }
            return j > i ? j : nil
        }
        if from < u.count, u[from] == 0x5B {
            var i = from + 1
            for _ in 0..<3 {
                let s = i
                while i < u.count, i - s < 3, URLResolver.isDigit(u[i]) { i += 1 }
                guard i > s, i < u.count, u[i] == 0x2E else { return nil }
                i += 1
            }
            return tld(i)
        }
        var labelEnds: [Int] = []
        var i = from
        while true {
            let s = i
            while i < u.count, isLabel(u[i]) { i += 1 }
            guard i > s, i < u.count, u[i] == 0x2E else { break }
            i += 1
            labelEnds.append(i)
        }
        for end in labelEnds.reversed() {
            if let t = tld(end) { return t }
        }
        return nil
    }
}

extension String {
    /// The string without one leading `(` and one trailing `)` (whole characters), stripped.
    fileprivate func droppingBrackets(leading: Bool = true) -> String {
        var s = self
        if leading && s.hasPrefix("(") { s.removeFirst() }
        if s.hasSuffix(")") { s.removeLast() }
        return s.pythonStripped()
    }
}

extension Array where Element == UInt8 {
    /// Removes every non-overlapping occurrence of `needle`, left to right.
    mutating func removeAll(occurrencesOf needle: UnsafeBufferPointer<UInt8>) {
        let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        if let out = withUnsafeBufferPointer({ ByteScan.replacingAll(needle, in: $0, with: empty) }) { self = out }
    }
}
