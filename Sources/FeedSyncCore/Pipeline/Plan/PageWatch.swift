/// Page watch: the page is one item keyed by its URL; when its main text changes, it is delivered
/// again as a `changed` event with a unified diff of the text. Pure.
enum PageWatch {
    /// The diff of a watched page against its last state, and the diff text for a `changed` event.
    static func diff(entry: FeedEntry, identity id: ItemIdentity, inputs: PlanInputs) -> (SourceDiff, diffText: String?) {
        var diff = SourceDiff()
        guard let known = inputs.known[id.key] else {
            diff.verdicts[id.key] = .deliver
            diff.deliveries.append(.init(entry: entry, identity: id, event: .new, previousHash: nil, firstSeen: nil))
            return (diff, nil)
        }
        diff.touched.append(id.key)
        guard known.contentHash != id.contentHash else {
            diff.verdicts[id.key] = .known
            return (diff, nil)
        }
        diff.verdicts[id.key] = .changed
        diff.deliveries.append(.init(entry: entry, identity: id, event: .changed,
                                     previousHash: known.contentHash, firstSeen: known.firstSeen))
        return (diff, UnifiedDiff.diff(old: inputs.pageText ?? "", new: entry.text ?? ""))
    }
}
