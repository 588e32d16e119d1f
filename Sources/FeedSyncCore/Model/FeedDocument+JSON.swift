extension FeedDocument {
    /// The neutral model as `feedsync parse` prints it (DESIGN.md §4, corpus/README.md).
    public var jsonValue: JSONValue {
        var o = JSONObjectBuilder()
        o.add("version", version)
        o.add("bozo", .bool(bozo))
        o.add("bozo_exception", bozoReason)
        o.add("encoding", encoding)
        o.add("feed", feed.jsonValue)
        o.add("entries", .array(entries.map(\.jsonValue)))
        o.add("html_extraction", htmlExtraction?.rawValue)
        o.add("discovered_feeds", nonEmpty: discoveredFeeds.map(\.jsonValue))
        return o.value
    }
}

extension FeedInfo {
    public var jsonValue: JSONValue {
        var o = JSONObjectBuilder()
        o.add("title", title)
        o.add("link", link)
        o.add("links", nonEmpty: links.map(\.jsonValue))
        o.add("subtitle", subtitle)
        o.add("id", id)
        o.add("language", language)
        o.add("rights", rights)
        o.add("updated", updated)
        o.add("published", published)
        o.add("author", author?.jsonValue)
        o.add("authors", nonEmpty: authors.map(\.jsonValue))
        o.add("categories", nonEmpty: categories.map(\.jsonValue))
        return o.value
    }
}

extension FeedEntry {
    public var jsonValue: JSONValue {
        var o = JSONObjectBuilder()
        o.add("title", title)
        o.add("link", link)
        o.add("links", nonEmpty: links.map(\.jsonValue))
        o.add("id", id)
        o.add("summary", summary)
        o.add("content", content)
        o.add("text", text)
        o.add("published", published)
        o.add("updated", updated)
        o.add("rights", rights)
        o.add("author", author?.jsonValue)
        o.add("authors", nonEmpty: authors.map(\.jsonValue))
        o.add("categories", nonEmpty: categories.map(\.jsonValue))
        o.add("enclosures", nonEmpty: enclosures.map(\.jsonValue))
        return o.value
    }
}

extension Person {
    public var jsonValue: JSONValue {
        var o = JSONObjectBuilder()
        o.add("name", name); o.add("email", email); o.add("uri", uri)
        return o.value
    }
}

extension FeedLink {
    public var jsonValue: JSONValue {
        var o = JSONObjectBuilder()
        o.add("href", href); o.add("rel", rel); o.add("type", type)
        o.add("title", title); o.add("length", length); o.add("hreflang", hreflang)
        return o.value
    }
}

extension Category {
    public var jsonValue: JSONValue {
        var o = JSONObjectBuilder()
        o.add("term", term); o.add("scheme", scheme); o.add("label", label)
        return o.value
    }
}

extension Enclosure {
    public var jsonValue: JSONValue {
        var o = JSONObjectBuilder()
        o.add("url", url); o.add("type", type)
        if let length { o.add("length", .int(length)) }
        return o.value
    }
}
