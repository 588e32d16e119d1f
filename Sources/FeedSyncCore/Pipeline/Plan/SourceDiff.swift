/// Decides, for one parsed document, which entries are news. Pure: what the state knows comes in
/// as prefetched values (`PlanInputs`), so the rules are tested without I/O.
///
/// Rules (README, "Item identity"):
/// - an entry whose key is known is not news; if its content hash changed it is an update
///   (delivered again with `on_update = "emit"`, else only recorded);
/// - an entry whose key is new but whose canonical link, or normalized title + date, matches an item
///   already delivered from this source is the same item re-keyed (guid scheme change, http -> https):
///   recorded under its new key, not delivered;
/// - on a source's first sync, `initial` decides how many of the new entries are delivered;
/// - new entries are delivered oldest first.
public struct SourceDiff: Sendable {
    public struct Delivery: Sendable {
        public var entry: FeedEntry
        public var identity: ItemIdentity
        public var event: SpoolItem.Event
        public var previousHash: String?
        /// First time the key was seen (kept on updates).
        public var firstSeen: Timestamp?
    }

    /// Entries to deliver, in delivery order.
    public var deliveries: [Delivery] = []
    /// Items to record without delivering (initial = none/latest, re-keyed items, ignored updates).
    public var recordOnly: [(identity: ItemIdentity, firstSeen: Timestamp?)] = []
    /// Known keys still in the document.
    public var touched: [String] = []
    /// How many entries were recognized as re-keyed items.
    public var identityMoves = 0
    public var updatesIgnored = 0
    /// New items beyond `max_items`, recorded as seen instead of delivered.
    public var overLimit = 0
    /// The verdict for each key of the document (the first entry with a key decides it).
    public var verdicts: [String: EntryDecision.Verdict] = [:]

    public init() {}

    /// - Parameters:
    ///   - identities: the entries' identities, in the same order as `entries`.
    ///   - inputs: what the state knows of these keys, links and titles.
    ///   - firstSync: the source never synced successfully before.
    public static func compute(entries: [FeedEntry], identities ids: [ItemIdentity], settings: SourceSettings,
                               inputs: PlanInputs, firstSync: Bool) -> SourceDiff {
        var diff = SourceDiff()
        var seenInDocument = Set<String>()
        var fresh: [(FeedEntry, ItemIdentity, Int)] = []
        var claimedLinks = Set<String>()
        var claimedTitleDates = Set<String>()
        for (index, (entry, id)) in zip(entries, ids).enumerated() {
            guard seenInDocument.insert(id.key).inserted else { continue }
            if let k = inputs.known[id.key] {
                diff.touched.append(id.key)
                diff.verdicts[id.key] = .known
                if k.contentHash != id.contentHash && !k.contentHash.isEmpty {
                    if settings.onUpdate == .emit {
                        diff.verdicts[id.key] = .updated
                        diff.deliveries.append(Delivery(entry: entry, identity: id, event: .updated,
                                                        previousHash: k.contentHash, firstSeen: k.firstSeen))
                    } else {
                        diff.verdicts[id.key] = .updateIgnored
                        diff.updatesIgnored += 1
                        diff.recordOnly.append((id, k.firstSeen))
                    }
                } else if k.contentHash.isEmpty {
                    diff.recordOnly.append((id, k.firstSeen))
                }
                if let l = id.linkCanonical { claimedLinks.insert(l) }
                if let t = id.titleDate { claimedTitleDates.insert(t) }
                continue
            }
            fresh.append((entry, id, index))
        }
        let documentKeys = Set(ids.map(\.key))
        var news: [(FeedEntry, ItemIdentity, Int)] = []
        for (entry, id, index) in fresh {
            // Another entry of this document already stands for that link/title: not a re-key.
            let linkFree = id.linkCanonical.map { !claimedLinks.contains($0) } ?? false
            let titleFree = id.titleDate.map { !claimedTitleDates.contains($0) } ?? false
            if !firstSync, linkFree || titleFree, let previous = inputs.previousItem(matching: id),
               previous.key != id.key, !documentKeys.contains(previous.key) {
                diff.identityMoves += 1
                diff.verdicts[id.key] = .moved(from: previous.key)
                diff.recordOnly.append((id, previous.firstSeen))
                continue
            }
            if let l = id.linkCanonical { claimedLinks.insert(l) }
            if let t = id.titleDate { claimedTitleDates.insert(t) }
            news.append((entry, id, index))
        }
        // Oldest first: by date when every new entry has one, else reverse document order (feeds
        // list newest first).
        if news.allSatisfy({ ($0.0.published ?? $0.0.updated) != nil }) {
            news.sort { a, b in
                let da = (a.0.published ?? a.0.updated)!, db = (b.0.published ?? b.0.updated)!
                return da != db ? da < db : a.2 > b.2
            }
        } else {
            news.reverse()
        }
        var deliverCount = news.count
        if firstSync {
            switch settings.initial {
            case .all: break
            case .none: deliverCount = 0
            case let .latest(n): deliverCount = min(n, news.count)
            }
        }
        // A flood (a feed of 350,000 items, an archive dumped at once) delivers the newest
        // `max_items`; the older ones are recorded as seen.
        let initialSkips = news.count - deliverCount
        deliverCount = min(deliverCount, max(0, settings.maxItems - diff.deliveries.count))
        diff.overLimit = news.count - initialSkips - deliverCount
        let skipped = news.count - deliverCount
        for (i, (entry, id, _)) in news.enumerated() {
            if i < skipped {
                diff.verdicts[id.key] = i < initialSkips ? .initialSkipped : .overLimit
                diff.recordOnly.append((id, nil))
            } else {
                diff.verdicts[id.key] = .deliver
                diff.deliveries.append(Delivery(entry: entry, identity: id, event: .new, previousHash: nil, firstSeen: nil))
            }
        }
        return diff
    }
}
