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
        guard var author = ctx.values[.author], !author.isEmpty else { return }
        let email = FeedBuilder.findEmail(in: author)
        if let email {
            author = author.replacingAll(email, with: "")
                .replacingAll("()", with: "")
                .replacingAll("<>", with: "")
                .replacingAll("&lt;&gt;", with: "")
                .pythonStripped()
            if author.hasPrefix("(") { author.removeFirst() }
            if author.hasSuffix(")") { author.removeLast() }
            author = author.pythonStripped()
        }
        if !author.isEmpty || email != nil {
            if ctx.authorDetail == nil { ctx.authorDetail = detail }
        }
        if !author.isEmpty { detail.name = author }
        if let email { detail.email = email }
    }

    /// The first e-mail address in `text` (with an IP-literal or dotted domain, an optional
    /// `?subject=` suffix), as authors write them in RSS.
    static func findEmail(in text: String) -> String? {
        guard text.utf8.contains(0x40) else { return nil }
        let u = Array(text.utf8)
        func isLocal(_ c: UInt8) -> Bool {
            URLResolver.isAlpha(c) || URLResolver.isDigit(c) || c == 0x5F || c == 0x2E || c == 0x2B || c == 0x2D
        }
        func isLabel(_ c: UInt8) -> Bool { URLResolver.isAlpha(c) || URLResolver.isDigit(c) || c == 0x2D }
        var at = 0
        while at < u.count {
            defer { at += 1 }
            guard u[at] == 0x40 else { continue }
            var start = at
            while start > 0, isLocal(u[start - 1]) { start -= 1 }
            guard start < at else { continue }
            guard var end = matchDomain(u, from: at + 1, isLabel: isLabel) else { continue }
            if end < u.count, u[end] == 0x5D { end += 1 }
            let subject = Array("?subject=".utf8)
            if end + subject.count < u.count, Array(u[end..<(end + subject.count)]) == subject,
               !u[end + subject.count].isASCIIWhitespace {
                end += subject.count
                while end < u.count, !u[end].isASCIIWhitespace { end += 1 }
            }
            return String(decoding: u[start..<end], as: UTF8.self)
        }
        return nil
    }

    /// Matches `(\[d.d.d.|(label\.)+)(alpha{2,4}|digit{1,3})` at `from`; returns the end.
    private static func matchDomain(_ u: [UInt8], from: Int, isLabel: (UInt8) -> Bool) -> Int? {
        func tld(_ i: Int) -> Int? {
            var j = i
            while j < u.count, j - i < 4, URLResolver.isAlpha(u[j]) { j += 1 }
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
