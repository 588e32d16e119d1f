extension FeedDocument {
    /// The neutral model as `feedsync parse` prints it (DESIGN.md §4, corpus/README.md).
    public var jsonValue: JSONValue { .object(jsonPairs(entries: .array(entries.map(\.jsonValue)))) }

    /// The document's fields in order, with `entries` as given.
    func jsonPairs(entries: JSONValue) -> [(String, JSONValue)] {
        var o = JSONObjectBuilder()
        o.add("version", version)
        o.add("bozo", .bool(bozo))
        o.add("bozo_exception", bozoReason)
        o.add("encoding", encoding)
        o.add("feed", feed.jsonValue)
        o.add("entries", entries)
        o.add("html_extraction", htmlExtraction?.rawValue)
        o.add("discovered_feeds", nonEmpty: discoveredFeeds.map(\.jsonValue))
        return o.pairs
    }

    /// Writes the same JSON as `jsonValue`, with the members of `entries` written by
    /// `writeEntries` where they belong (so a large feed's entries need not exist as `JSONValue`s
    /// all at once). With `entriesFirst`, the entries come first and the other fields after them
    /// (for entries streamed while the document is still being parsed).
    public func writeJSON(into out: inout [UInt8], entriesFirst: Bool = false, writeEntries: (inout [UInt8]) -> Void) {
        var pairs = jsonPairs(entries: .null)
        if entriesFirst, let i = pairs.firstIndex(where: { $0.0 == "entries" }) { pairs.insert(pairs.remove(at: i), at: 0) }
        out.append(UInt8(ascii: "{"))
        for (i, (key, value)) in pairs.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            JSONValue.writeString(key, into: &out)
            out.append(UInt8(ascii: ":"))
            if key == "entries" {
                out.append(UInt8(ascii: "["))
                writeEntries(&out)
                out.append(UInt8(ascii: "]"))
            } else {
                value.write(into: &out)
            }
        }
        out.append(UInt8(ascii: "}"))
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
