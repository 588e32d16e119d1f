/// Decides, for one parsed document, which entries are news. Pure: the store is reached only through
/// the lookups passed in, so the rules are tested without I/O.
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

    public init() {}

    /// - Parameters:
    ///   - known: items of this source already in the state, by key (only the document's keys needed).
    ///   - movedFrom: finds an earlier item of this source with the same canonical link or title+date.
    ///   - firstSync: the source never synced successfully before.
    ///   - identities: the entries' identities when already computed (same order as `entries`).
    public static func compute(entries: [FeedEntry], source: String, settings: SourceSettings,
                               known: [String: KnownItem], firstSync: Bool, identities: [ItemIdentity]? = nil,
                               movedFrom: (ItemIdentity) -> KnownItem?) -> SourceDiff {
        var diff = SourceDiff()
        let ids = identities ?? ItemIdentity.identities(for: entries, source: source, rules: settings.identity)
        var seenInDocument = Set<String>()
        var fresh: [(FeedEntry, ItemIdentity, Int)] = []
        var claimedLinks = Set<String>()
        var claimedTitleDates = Set<String>()
        for (index, (entry, id)) in zip(entries, ids).enumerated() {
            guard seenInDocument.insert(id.key).inserted else { continue }
            if let k = known[id.key] {
                diff.touched.append(id.key)
                if k.contentHash != id.contentHash && !k.contentHash.isEmpty {
                    if settings.onUpdate == .emit {
                        diff.deliveries.append(Delivery(entry: entry, identity: id, event: .updated,
                                                        previousHash: k.contentHash, firstSeen: k.firstSeen))
                    } else {
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
        var news: [(FeedEntry, ItemIdentity, Int)] = []
        for (entry, id, index) in fresh {
            // Another entry of this document already stands for that link/title: not a re-key.
            let linkFree = id.linkCanonical.map { !claimedLinks.contains($0) } ?? false
            let titleFree = id.titleDate.map { !claimedTitleDates.contains($0) } ?? false
            if !firstSync, linkFree || titleFree, let previous = movedFrom(id),
               previous.key != id.key, !ids.contains(where: { $0.key == previous.key }) {
                diff.identityMoves += 1
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
        let skipped = news.count - deliverCount
        for (i, (entry, id, _)) in news.enumerated() {
            if i < skipped {
                diff.recordOnly.append((id, nil))
            } else {
                diff.deliveries.append(Delivery(entry: entry, identity: id, event: .new, previousHash: nil, firstSeen: nil))
            }
        }
        return diff
    }
}
