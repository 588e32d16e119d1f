import FeedSyncCore

extension FeedBuilder {
    /// What the start of a known element does.
    func start(_ element: FeedElement, _ attrs: Attributes) {
        switch element {
        case .rss:
            if version.isEmpty || !version.hasPrefix("rss") {
                let v = attrs.value("version") ?? ""
                switch v {
                case "0.91": version = "rss091u"
                case "0.92": version = "rss092"
                case "0.93": version = "rss093"
                case "0.94": version = "rss094"
                default: version = v.hasPrefix("2.") ? "rss20" : "rss"
                }
            }
        case .channel:
            inFeed = true
            cdfCommon(attrs)
        case .feed:
            inFeed = true
            if version.isEmpty {
                switch attrs.value("version") {
                case "0.1": version = "atom01"
                case "0.2": version = "atom02"
                case "0.3": version = "atom03"
                default: version = "atom"
                }
            }
        case .image:
            if !inEntry && !inSource && feedImage == nil { feedImage = FeedContext() }
            inImage = true
            titleDepth = -1
            push(.image, expectingText: false)
        case .textInput:
            if feedTextInput == nil { feedTextInput = FeedContext() }
            inTextInput = true
            titleDepth = -1
            push(.textInput, expectingText: false)
        case .author:
            inAuthor = true
            push(.author, expectingText: true)
            context.authors.append(PersonBuilder())
        case .contributor:
            inContributor = true
            push(.contributor, expectingText: false)
        case .dcContributor:
            inContributor = true
            push(.name, expectingText: false)
        case .name: push(.name, expectingText: false)
        case .imageDimension: push(.dimension, expectingText: false)
        case .url: push(.href, expectingText: true)
        case .email: push(.email, expectingText: false)
        case .subtitle: pushContent(.subtitle, attrs, defaultType: "text/plain", expectingText: true)
        case .rights: pushContent(.rights, attrs, defaultType: "text/plain", expectingText: true)
        case .item:
            entries.append(FeedContext())
            push(.item, expectingText: false)
            inEntry = true
            guidIsLink = false
            titleDepth = -1
            if let about = attrs.value("rdf:about"), !about.isEmpty { context.values[.id] = about }
            cdfCommon(attrs)
        case .language: push(.language, expectingText: true)
        case .publisher: push(.publisher, expectingText: true)
        case .published: push(.published, expectingText: true)
        case .updated: push(.updated, expectingText: true)
        case .created: push(.created, expectingText: true)
        case .expired: push(.expired, expectingText: true)
        case .category:
            addTag(attrs.value("term"), attrs.value("scheme") ?? attrs.value("domain"), attrs.value("label"))
            push(.category, expectingText: true)
        case .itunesCategory:
            addTag(attrs.value("text"), "http://www.itunes.com/", nil)
            push(.category, expectingText: true)
        case .mediaCategory:
            addTag(attrs.value("term"), attrs.value("scheme") ?? attrs.value("domain")
                   ?? "http://search.yahoo.com/mrss/category_schema", attrs.value("label"))
            push(.category, expectingText: true)
        case .itunesKeywords: if attrs.isEmpty { push(.itunesKeywords, expectingText: true) }
        case .mediaKeywords: if attrs.isEmpty { push(.mediaKeywords, expectingText: true) }
        case .mediaTitle, .title:
            pushContent(.title, attrs, defaultType: "text/plain", expectingText: inFeed || inEntry || inSource)
        case .mediaGroup: break
        case .mediaThumbnail: push(.url, expectingText: true)
        case .link: startLink(attrs)
        case .guid:
            guidIsLink = (attrs.value("ispermalink") ?? "true") == "true"
            push(.id, expectingText: true)
        case .description:
            // An entry's second summary-like element is its content. A channel's `description`
            // after an `itunes:summary` is still its description.
            if inEntry && context.values[.summary] != nil && !hasContent {
                summaryIsContent = true
                startContent(attrs)
            } else {
                pushContent(.description, attrs, defaultType: "text/html", expectingText: inFeed || inEntry || inSource)
            }
        case .abstract:
            pushContent(.description, attrs, defaultType: "text/plain", expectingText: inFeed || inEntry || inSource)
        case .info: pushContent(.info, attrs, defaultType: "text/plain", expectingText: true)
        case .generator: push(.generator, expectingText: true)
        case .summary:
            if context.values[.summary] != nil && !hasContent {
                summaryIsContent = true
                startContent(attrs)
            } else {
                pushContent(.summary, attrs, defaultType: "text/plain", expectingText: true)
            }
        case .enclosure:
            var link = LinkBuilder()
            link.href = (attrs.value("url") ?? attrs.value("uri") ?? attrs.value("href"))?.pythonStripped()
            link.rel = "enclosure"
            link.type = attrs.value("type")
            link.length = attrs.value("length")
            link.title = attrs.value("title")
            context.links.append(link)
        case .source:
            push(.source, expectingText: true)
            inSource = true
            titleDepth = -1
        case .content: startContent(attrs)
        case .body: pushContent(.content, attrs, defaultType: "application/xhtml+xml", expectingText: true)
        case .contentEncoded:
            hasContent = true
            pushContent(.content, attrs, defaultType: "text/html", expectingText: true)
        case .itunesImage: push(.itunesImage, expectingText: false)
        case .itunesOwner:
            inPublisher = true
            push(.publisher, expectingText: false)
        case .tags: push(.tags, expectingText: true)
        case .mediaContent:
            // Not a text element; news feeds carry their images and videos here.
            if let url = attrs.value("url"), !url.isEmpty, inEntry {
                context.mediaEnclosures.append(Enclosure(url: URLResolver.join(baseURI, url), type: attrs.value("type"),
                                                         length: attrs.value("filesize").flatMap { Int64($0) }))
            }
        case .ttl: push(.ttl, expectingText: true)
        case .webMaster: push(.webMaster, expectingText: true)
        case .updatePeriod: push(.updatePeriod, expectingText: true)
        case .updateFrequency: push(.updateFrequency, expectingText: true)
        }
    }

    /// What the end of a known element does. `key` is the element's name.
    func end(_ element: FeedElement, key: String) {
        switch element {
        case .channel, .feed: inFeed = false
        case .image:
            pop(.image)
            inImage = false
        case .textInput:
            pop(.textInput)
            inTextInput = false
        case .author:
            pop(.author)
            inAuthor = false
            syncAuthorDetail()
        case .contributor:
            pop(.contributor)
            inContributor = false
        case .dcContributor:
            endName()
            inContributor = false
        case .name: endName()
        case .imageDimension: pop(.dimension)
        case .url:
            let value = pop(.href)
            if inAuthor, let value { saveAuthor(.href, value) }
        case .email:
            let value = pop(.email)
            if !inPublisher && inAuthor, let value { saveAuthor(.email, value) }
        case .subtitle: popContent(.subtitle)
        case .rights: popContent(.rights)
        case .item:
            pop(.item)
            inEntry = false
            hasContent = false
            if let entrySink, !inSource, let entry = entries.popLast() { entrySink(FeedBuilder.entry(entry)) }
        case .language:
            if let value = pop(.language) { langs.set(value) }
        case .publisher: pop(.publisher)
        case .published:
            let value = pop(.published)
            context.published = .some(value.flatMap(DateParser.parse))
        case .updated:
            let value = pop(.updated)
            context.updated = .some(value.flatMap(DateParser.parse))
        case .created: pop(.created)
        case .expired: pop(.expired)
        case .category, .itunesCategory, .mediaCategory: endCategory()
        case .itunesKeywords:
            for term in (pop(.itunesKeywords) ?? "").split(separator: ",") {
                let t = String(term).pythonStripped()
                if !t.isEmpty { addTag(t, "http://www.itunes.com/", nil) }
            }
        case .tags:
            // A made-up element one publisher used: comma-separated categories.
            for term in (pop(.tags) ?? "").split(separator: ",", omittingEmptySubsequences: false) {
                addTag(String(term).pythonStripped(), nil, nil)
            }
        case .mediaKeywords:
            for term in (pop(.mediaKeywords) ?? "").split(separator: ",") {
                let t = String(term).pythonStripped()
                if !t.isEmpty { addTag(t, nil, nil) }
            }
        case .mediaTitle:
            let saved = titleDepth
            endTitle()
            titleDepth = saved
        case .title: endTitle()
        case .mediaThumbnail: pop(.url)
        case .link:
            pop(.link)
            isEntryLink = false
        case .guid:
            // A permalink guid (or an Atom id) stands in for a missing link, but only when it is a
            // web address: `tag:` and `urn:` identifiers are not links a reader can follow.
            let value = pop(.id)
            if guidIsLink, let value, FeedBuilder.isWebAddress(value) { context.setDefault(.link, value) }
        case .description, .abstract:
            if summaryIsContent { endContent() } else { popContent(.description) }
            summaryIsContent = false
        case .summary:
            if summaryIsContent { endContent() } else { popContent(.summary) }
            summaryIsContent = false
        case .info: popContent(.info)
        case .generator: pop(.generator)
        case .source:
            inSource = false
            pop(.source)
            sourceData = FeedContext()
        case .content, .body, .contentEncoded: endContent()
        case .itunesImage: pop(.itunesImage)
        case .itunesOwner:
            pop(.publisher)
            inPublisher = false
        case .webMaster:
            if let v = pop(.webMaster), !inEntry, !inSource { webMaster = v }
        case .ttl:
            if let v = pop(.ttl), !inEntry { ttl = v }
        case .updatePeriod:
            if let v = pop(.updatePeriod), !inEntry { updatePeriod = v }
        case .updateFrequency:
            if let v = pop(.updateFrequency), !inEntry { updateFrequency = v }
        case .rss, .mediaGroup, .enclosure, .mediaContent: pop(other: key)
        }
    }

    // MARK: - Element helpers

    private func cdfCommon(_ attrs: Attributes) {
        if let lastmod = attrs.value("lastmod") {
            start(.updated, [])
            textArena.append(lastmod)
            end(.updated, key: "updated")
        }
        if let href = attrs.value("href") {
            start(.link, [])
            textArena.append(href)
            end(.link, key: "link")
        }
    }

    private func startLink(_ attrs: Attributes) {
        var link = LinkBuilder()
        link.rel = attrs.value("rel") ?? "alternate"
        link.type = attrs.value("type") ?? (link.rel == "self" ? "application/atom+xml" : "text/html")
        link.title = attrs.value("title")
        link.length = attrs.value("length")
        link.hreflang = attrs.value("hreflang")
        var href = attrs.value("href")
        if let alias = attrs.value("url") ?? attrs.value("uri"), !alias.isEmpty { href = alias }
        // An IRI has no surrounding whitespace (RFC 3987); pretty-printed attributes do.
        if let h = href { href = URLResolver.join(baseURI, h.pythonStripped()) }
        link.href = href
        if link.rel == "alternate" && FeedBuilder.isHTMLType(FeedBuilder.mapContentType(link.type ?? "")) {
            isEntryLink = true
        }
        let ctx = context
        if !(inEntry && inImage) {
            if ctx.links.isEmpty { ctx.links.reserveCapacity(4) }
            ctx.links.append(link)
        }
        if let href {
            // In RSS, an `atom:link` stands in for a missing `<link>`; it does not replace one.
            if isEntryLink && (isAtom || ctx.values[.link] == nil) { ctx.values[.link] = href }
        } else {
            push(.link, expectingText: inFeed || inEntry || inSource)
        }
    }

    private func startContent(_ attrs: Attributes) {
        hasContent = true
        pushContent(.content, attrs, defaultType: "text/plain", expectingText: true)
    }

    private func endContent() {
        let type = FeedBuilder.mapContentType(content?.type ?? "")
        let copyToSummary = type == "text/plain" || FeedBuilder.isHTMLType(type)
        let value = popContent(.content)
        let ctx = context
        if copyToSummary, let value, ctx.values[.summary] == nil {
            ctx.values[.summary] = value
            ctx.summaryText = lastPlainText
        }
    }

    private func endTitle() {
        let value = popContent(.title)
        if let value, !value.isEmpty { titleDepth = depth }
    }

    private func endName() {
        let value = pop(.name)
        if inPublisher {
            return
        } else if inAuthor {
            if let value { saveAuthor(.name, value) }
        } else if inContributor {
            return
        } else if inTextInput, let value {
            context.values[.name] = value
        }
    }

    private func endCategory() {
        guard let value = pop(.category), !value.isEmpty else { return }
        let ctx = context
        if let last = ctx.categories.indices.last, (ctx.categories[last].term ?? "").isEmpty {
            ctx.categories[last].term = value
        } else {
            addTag(value, nil, nil)
        }
    }

    func addTag(_ term: String?, _ scheme: String?, _ label: String?) {
        if (term ?? "").isEmpty && (scheme ?? "").isEmpty && (label ?? "").isEmpty { return }
        let tag = TagBuilder(term: term, scheme: scheme, label: label)
        let ctx = context
        if !ctx.categories.contains(tag) {
            if ctx.categories.isEmpty { ctx.categories.reserveCapacity(4) }
            ctx.categories.append(tag)
        }
    }

    func pushContent(_ tag: Slot, _ attrs: Attributes, defaultType: String, expectingText: Bool) {
        inContent += 1
        let type = FeedBuilder.mapContentType(attrs.value("type") ?? defaultType)
        var base64 = true
        if attrs.value("mode") == "base64" {
            base64 = true
        } else if type.hasPrefix("text/") || type.hasSuffix("+xml") || type.hasSuffix("/xml") {
            base64 = false
        }
        content = ContentParams(type: type, base64: base64)
        push(tag, expectingText: expectingText)
    }

    @discardableResult
    func popContent(_ tag: Slot) -> String? {
        let value = pop(tag)
        inContent -= 1
        content = nil
        return value
    }

    static func mapContentType(_ type: String) -> String {
        // The usual values, already mapped: no case folding needed.
        if type == "text/html" || type == "text/plain" || type == "application/xhtml+xml" { return type }
        let t = type.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) ? type.lowercased() : type
        switch t {
        case "text", "plain": return "text/plain"
        case "html": return "text/html"
        case "xhtml": return "application/xhtml+xml"
        default: return t
        }
    }

    /// `http:` or `https:` (case-insensitive).
    static func isWebAddress(_ s: String) -> Bool {
        let u = s.utf8
        func prefix(_ p: String) -> Bool {
            u.count >= p.utf8.count && zip(u, p.utf8).allSatisfy { ($0 | 0x20) == $1 || $0 == $1 }
        }
        return prefix("http://") || prefix("https://")
    }

    static func isHTMLType(_ type: String) -> Bool { type == "text/html" || type == "application/xhtml+xml" }
}

extension Array where Element == (name: String, value: String) {
    /// The value of the first attribute with this (lower-case) name.
    func value(_ name: String) -> String? { first { $0.name == name }?.value }
}
