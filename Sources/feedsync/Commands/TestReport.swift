import FeedSyncCore

/// What `feedsync test` prints for one plan: a line of JSON per entry (key, identity rule,
/// decision, title, link, date, the start of the summary), then, on standard error, why the page
/// was read the way it was when that is not obvious.
struct TestReport {
    let plan: SourcePlan

    func write() {
        let entries = plan.document?.entries ?? []
        for (entry, decision) in zip(entries, plan.decisions) {
            var o = JSONObjectBuilder()
            o.add("key", decision.key)
            o.add("rule", decision.rule.rawValue)
            o.add("decision", decision.label)
            if decision.boilerplateOnly { o.add("note", "its text is all learned boilerplate: delivered without text") }
            o.add("title", entry.title)
            o.add("link", entry.link)
            o.add("published", entry.published)
            o.add("summary", entry.summary.map { String($0.prefix(200)) })
            StandardOutput.write(o.value.serialized() + "\n")
        }
        for hint in hints { StandardError.write("feedsync: \(plan.source.name): \(hint)\n") }
    }

    /// Why the document was read as it was: a feed found through the page, a watched page, item
    /// blocks found without selectors, or selectors that matched nothing.
    var hints: [String] {
        guard let doc = plan.document else { return [] }
        var out: [String] = []
        if let feed = plan.discoveredFeed {
            out.append("the page at \(URLRedaction.redact(plan.source.url)) advertises a feed; polled \(URLRedaction.redact(feed)) instead (sync does the same)")
        }
        switch doc.htmlExtraction {
        case .page?:
            out.append("no feed and no repeated item blocks found: read as one watched page (a change of its main text is delivered as \"changed\"); set [source.select] to read items")
        case .blocks?:
            out.append("no feed: \(doc.entries.count) items found as repeated blocks of the page; set [source.select] if they are not the right ones")
        case .selectors? where doc.entries.isEmpty:
            out.append("the item selector \"\(plan.source.select?.item ?? "")\" matched nothing on the page")
        default:
            break
        }
        if doc.entries.isEmpty && doc.htmlExtraction == nil { out.append("the document has no entries") }
        return out
    }
}
