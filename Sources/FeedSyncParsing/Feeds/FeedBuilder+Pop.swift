extension FeedBuilder {
    /// Closes the innermost open element if it is `element`, turns its text into a value and stores
    /// it where it belongs. Returns the value (nil if the element was not the innermost one).
    @discardableResult
    func pop(other name: String) -> String? {
        let n = stack.count
        guard n > 0, stack[n - 1].slot == .other, stack[n - 1].name == name else { return nil }
        return pop(.other)
    }

    @discardableResult
    func pop(_ element: Slot) -> String? {
        lastPlainText = nil
        guard !stack.isEmpty, stack[stack.count - 1].slot == element else { return nil }
        let open = stack.removeLast()
        openTextStart = stack.last?.textStart ?? 0
        defer {
            textArena.count = open.textStart
            if pieceArena.count > open.pieceStart { pieceArena.removeSubrange(open.pieceStart...) }
        }
        // Structural or unused elements: their text is dropped without being made a value.
        if element.isDiscarded { return nil }
        var output: String
        // Atom 1.0 `type="xhtml"` content is wrapped in a div that is not part of it (RFC 4287
        // 3.1.1.3). Atom 0.3 has no such wrapper: with `mode="xml"` the div is content.
        if version == "atom10" && (content?.type ?? "text") == "application/xhtml+xml" {
            output = unwrapXHTMLDiv(open).withUnsafeBufferPointer { value(of: element, open, $0) }
        } else {
            // The element's text is read where it lies, in the arena: no copy per element.
            output = value(of: element, open, textArena.slice(open.textStart..<textArena.count))
        }
        if !open.expectingText { return output }

        switch element {
        case .category, .tags, .itunesKeywords, .mediaKeywords: return output
        case .title where titleDepth > -1 && titleDepth <= depth: return output
        default: break
        }

        if inEntry && !inSource, let entry = entries.last {
            if element == .content {
                if entry.contents.isEmpty { entry.contentText = lastPlainText }
                entry.contents.append(output)
            } else if element == .link {
                if !inImage {
                    output = FeedBuilder.repairQueryAmpersands(output.replacingAll("&amp;", with: "&"))
                    // Only an alternate link is the entry's link (an enclosure written as text is not).
                    let rel = entry.links.last?.rel ?? "alternate"
                    if rel == "alternate" { entry.values[.link] = output }
                    if !output.isEmpty, !entry.links.isEmpty { entry.links[entry.links.count - 1].href = output }
                }
            } else {
                let key = element == .description ? .summary : element
                guard let kept = key.keptIndex else { return output }
                let old = Int(entry.depths[kept])
                if old >= 0 && depth > old { return output }
                entry.depths[kept] = Int16(clamping: depth)
                entry.values[key] = output
                if key == .summary { entry.summaryText = lastPlainText }
            }
        } else if inFeed || inSource {
            let ctx = context
            let key = element == .description ? .subtitle : element
            if element == .content {
                ctx.contents.append(output)
            } else if element == .link {
                output = FeedBuilder.repairQueryAmpersands(output)
                ctx.values[.link] = output
                if !ctx.links.isEmpty { ctx.links[ctx.links.count - 1].href = output }
            } else {
                ctx.values[key] = output
            }
        }
        return output
    }

    /// The value of an element's text (surrounding whitespace removed): decoded from Base64,
    /// resolved when it is a URI, sanitized when it is HTML; sets `lastPlainText` for summaries
    /// and content.
    private func value(of element: Slot, _ open: OpenElement, _ raw: UnsafeBufferPointer<UInt8>) -> String {
        let text = UnsafeBufferPointer(rebasing: raw[TextCleanup.strippedRange(raw)])
        if !open.expectingText { return String(checkedUTF8: text) }
        var owned: [UInt8]?
        if content?.base64 == true, let decoded = TextCleanup.decodeBase64(text) { owned = decoded }
        if element.isURI && (element != .id || guidIsLink) {
            let current = owned.map { String(checkedUTF8: $0) } ?? String(checkedUTF8: text)
            if !current.isEmpty { owned = Array(URLResolver.join(baseURI, current).utf8) }
        }
        if let owned { return owned.withUnsafeBufferPointer { typedValue(of: element, $0) } }
        return typedValue(of: element, text)
    }

    private func typedValue(of element: Slot, _ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if !isAtom && content?.type == "text/plain" && HTMLHeuristics.looksLikeHTML(bytes) {
            content?.type = "text/html"
        }
        content?.base64 = false
        let type = FeedBuilder.mapContentType(content?.type ?? "text/html")
        let wantsText = inEntry && !inSource && (element == .description || element == .summary || element == .content)
        let isHTML = FeedBuilder.isHTMLType(type)
        var result = bytes
        var textReady = false
        if isHTML && element.isMarkup {
            let t0 = timings == nil ? 0 : ParseTimings.now()
            let xhtml = (content?.type ?? "text/html") == "application/xhtml+xml"
            let r = HTMLSanitizer.rewrite(bytes, baseURL: baseURI, xhtml: xhtml, withText: wantsText, into: sanitizerBuffers)
            result = sanitizerBuffers.html.slice(r)
            textReady = wantsText
            if let timings { timings.sanitize += ParseTimings.now() - t0 }
        }
        // Both repairs need a C2 byte (U+0080-U+00BF), which most values do not have.
        var repaired: [UInt8]?
        if ByteScan.find(0xC2, in: result) < result.count {
            if let fixed = TextCleanup.repairDoubleEncodedUTF8(result) {
                repaired = fixed.withUnsafeBufferPointer(TextCleanup.mapC1ToWindows1252) ?? fixed
            } else {
                repaired = TextCleanup.mapC1ToWindows1252(result)
            }
        }
        let output = repaired.map { String(checkedUTF8: $0) } ?? String(checkedUTF8: result)
        if wantsText {
            let t0 = timings == nil ? 0 : ParseTimings.now()
            if textReady && repaired == nil {
                lastPlainText = String(checkedUTF8: sanitizerBuffers.text.slice(0..<sanitizerBuffers.text.count))
            } else {
                let plain = { (b: UnsafeBufferPointer<UInt8>) -> [UInt8] in
                    if isHTML { return PlainText.render(b) }
                    var w = PlainTextWriter()
                    w.literal(b)
                    return w.bytes
                }
                let text = repaired.map { $0.withUnsafeBufferPointer(plain) } ?? plain(result)
                lastPlainText = String(checkedUTF8: text)
            }
            if let timings { timings.plainText += ParseTimings.now() - t0 }
        }
        return output
    }

    /// `?a=1&b;=2` (an undefined reference a broken parser left behind) back to `?a=1&b=2`.
    static func repairQueryAmpersands(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: "&")) else { return s }
        var out = [UInt8]()
        let u = Array(s.utf8)
        var i = 0
        while i < u.count {
            if u[i] == UInt8(ascii: "&") {
                var j = i + 1
                while j < u.count, URLResolver.isAlpha(u[j]) || URLResolver.isDigit(u[j]) || u[j] == 0x5F { j += 1 }
                if j > i + 1, j < u.count, u[j] == UInt8(ascii: ";") {
                    out.append(contentsOf: u[i..<j])
                    i = j + 1
                    continue
                }
            }
            out.append(u[i])
            i += 1
        }
        return String(checkedUTF8: out)
    }

    /// Atom's inline XHTML is wrapped in one `<div>` that is not part of the content: drop it
    /// when it encloses everything (surrounding whitespace aside).
    private func unwrapXHTMLDiv(_ open: OpenElement) -> [UInt8] {
        let text = Array(textArena.slice(open.textStart..<textArena.count))
        var starts = pieceArena[open.pieceStart...].map { $0 - open.textStart }
        if starts.first != 0 { starts.insert(0, at: 0) }
        var ranges: [Range<Int>] = []
        for (i, s) in starts.enumerated() {
            let e = i + 1 < starts.count ? starts[i + 1] : text.count
            if e > s { ranges.append(s..<e) }
        }
        func blank(_ r: Range<Int>) -> Bool { text.withUnsafeBufferPointer { TextCleanup.isBlank(UnsafeBufferPointer(rebasing: $0[r])) } }
        func piece(_ r: Range<Int>) -> ArraySlice<UInt8> { text[r] }
        while ranges.count > 1, let last = ranges.last, blank(last) { ranges.removeLast() }
        while ranges.count > 1, let first = ranges.first, blank(first) { ranges.removeFirst() }
        guard let first = ranges.first, let last = ranges.last, ranges.count >= 2 else { return text }
        let firstPiece = piece(first)
        let isDiv = firstPiece.elementsEqual("<div>".utf8) || firstPiece.starts(with: "<div ".utf8)
        guard isDiv, piece(last).elementsEqual("</div>".utf8) else { return joined(text, ranges) }
        var level = 0
        for r in ranges.dropLast() {
            let p = piece(r)
            if p.starts(with: "</".utf8) {
                level -= 1
                if level == 0 { return joined(text, ranges) }
            } else if p.first == UInt8(ascii: "<") && !p.reversed().starts(with: ">/".utf8) {
                level += 1
            }
        }
        return joined(text, Array(ranges.dropFirst().dropLast()))
    }

    private func joined(_ text: [UInt8], _ ranges: [Range<Int>]) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(text.count)
        for r in ranges { out.append(contentsOf: text[r]) }
        return out
    }
}

extension String {
    /// Every occurrence of `target` replaced (byte-wise; no Foundation).
    func replacingAll(_ target: String, with replacement: String) -> String {
        var target = target, replacement = replacement, me = self
        let replaced = target.withUTF8 { t in
            replacement.withUTF8 { r in me.withUTF8 { ByteScan.replacingAll(t, in: $0, with: r) } }
        }
        return replaced.map { String(checkedUTF8: $0) } ?? self
    }
}
