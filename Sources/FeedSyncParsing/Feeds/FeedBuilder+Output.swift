import FeedSyncCore

extension FeedBuilder {
    /// The neutral model of everything built so far.
    func document(encoding: String) -> FeedDocument {
        var doc = FeedDocument(version: version, encoding: encoding)
        var info = FeedInfo()
        info.title = feed.values[.title]
        info.link = feed.values[.link]
        info.links = feed.links.compactMap(FeedBuilder.link)
        // A podcast may describe itself only in `itunes:summary`.
        info.subtitle = feed.values[.subtitle] ?? feed.values[.summary]
        info.id = feed.values[.id]
        info.language = feed.values[.language]
        info.rights = feed.values[.rights]
        info.updated = feed.updated ?? nil
        info.published = feed.published ?? nil
        info.author = feed.authorDetail?.person
        info.authors = feed.authors.compactMap(\.person)
        if info.author == nil, let webMaster, let person = FeedBuilder.person(fromRSSAuthor: webMaster) {
            info.author = person
            info.authors = [person]
        }
        info.categories = feed.categories.map(FeedBuilder.category)
        doc.feed = info
        doc.entries = entries.map(FeedBuilder.entry)
        doc.ttlSeconds = pollHintSeconds
        return doc
    }

    static func entry(_ ctx: FeedContext) -> FeedEntry {
        var e = FeedEntry()
        e.title = ctx.values[.title]
        e.link = ctx.values[.link]
        e.links = ctx.links.compactMap(link)
        e.id = ctx.values[.id]
        e.summary = ctx.values[.summary]
        e.content = ctx.contents.first
        e.published = ctx.published ?? nil
        e.updated = ctx.updated ?? nil
        e.rights = ctx.values[.rights]
        e.author = ctx.authorDetail?.person
        e.authors = ctx.authors.compactMap(\.person)
        e.categories = ctx.categories.map(category)
        e.enclosures = ctx.links.compactMap { l in
            guard l.rel == "enclosure", let href = l.href else { return nil }
            return Enclosure(url: href, type: l.type, length: l.length.flatMap { Int64($0.pythonStripped()) })
        }
        for media in ctx.mediaEnclosures where !e.enclosures.contains(where: { $0.url == media.url }) {
            e.enclosures.append(media)
        }
        let text = e.content != nil ? ctx.contentText : ctx.summaryText
        e.text = text?.isEmpty == false ? text : nil
        return e
    }

    /// An RSS author string (`e-mail (Name)`, `Name <e-mail>`, a name or an address) as a person.
    static func person(fromRSSAuthor raw: String) -> Person? {
        let (name, email) = splitAuthor(raw)
        let person = Person(name: name.isEmpty ? nil : name, email: email)
        return person.name == nil && person.email == nil ? nil : person
    }

    private static func link(_ l: LinkBuilder) -> FeedLink? {
        guard let href = l.href else { return nil }
        return FeedLink(href: href, rel: l.rel, type: l.type, title: l.title, length: l.length, hreflang: l.hreflang)
    }

    private static func category(_ t: TagBuilder) -> Category {
        Category(term: t.term ?? "", scheme: t.scheme, label: t.label)
    }

    /// RSS `<ttl>` (minutes), else `sy:updatePeriod` / `sy:updateFrequency`, in seconds.
    var pollHintSeconds: Int? {
        if let ttl, let minutes = Int(ttl.pythonStripped()), minutes > 0, minutes < 10_000_000 {
            return minutes * 60
        }
        guard let period = updatePeriod?.pythonStripped().lowercased() else { return nil }
        let seconds: Int
        switch period {
        case "hourly": seconds = 3600
        case "daily": seconds = 86_400
        case "weekly": seconds = 604_800
        case "monthly": seconds = 2_592_000
        case "yearly": seconds = 31_536_000
        default: return nil
        }
        let frequency = updateFrequency.flatMap { Int($0.pythonStripped()) } ?? 1
        return frequency > 0 ? max(seconds / frequency, 1) : nil
    }
}
