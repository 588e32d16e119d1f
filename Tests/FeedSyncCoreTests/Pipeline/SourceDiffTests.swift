import FeedSyncCore
import Testing

/// The diff rules of README "Item identity", without I/O: `known` stands in for the state, read into
/// `PlanInputs` as the store's batched read would.
@Suite struct SourceDiffTests {
    func entry(_ id: String?, link: String? = nil, title: String? = nil, published: Int64? = nil) -> FeedEntry {
        var e = FeedEntry()
        e.id = id; e.link = link ?? id.map { "http://a/\($0)" }; e.title = title ?? id
        e.published = published.map(Timestamp.init)
        return e
    }

    /// Runs a diff, then "commits" it into `known` the way the Commit stage would.
    func apply(_ entries: [FeedEntry], _ known: inout [String: KnownItem], settings: SourceSettings = SourceSettings(),
               first: Bool = false) -> SourceDiff {
        var inputs = PlanInputs()
        inputs.known = known
        for k in known.values.sorted(by: { $0.key < $1.key }) {
            if let l = k.linkCanonical, inputs.byLink[l] == nil { inputs.byLink[l] = k }
            if let t = k.titleDate, inputs.byTitleDate[t] == nil { inputs.byTitleDate[t] = k }
        }
        let ids = ItemIdentity.identities(for: entries, source: "s", rules: settings.identity)
        let diff = SourceDiff.compute(entries: entries, identities: ids, settings: settings, inputs: inputs, firstSync: first)
        let t = Timestamp(seconds: 1)
        for d in diff.deliveries {
            known[d.identity.key] = KnownItem(key: d.identity.key, linkCanonical: d.identity.linkCanonical, titleDate: d.identity.titleDate,
                                              contentHash: d.identity.contentHash, firstSeen: t, lastSeen: t, file: "f")
        }
        for (id, _) in diff.recordOnly {
            known[id.key] = KnownItem(key: id.key, linkCanonical: id.linkCanonical, titleDate: id.titleDate,
                                      contentHash: id.contentHash, firstSeen: t, lastSeen: t, file: nil)
        }
        return diff
    }

    @Test func firstSyncDeliversEverythingOldestFirst() {
        var known: [String: KnownItem] = [:]
        let d = apply([entry("c", published: 30), entry("b", published: 20), entry("a", published: 10)], &known, first: true)
        #expect(d.deliveries.map { $0.entry.id } == ["a", "b", "c"])
    }

    @Test func withoutDatesDeliveryIsReverseDocumentOrder() {
        var known: [String: KnownItem] = [:]
        let d = apply([entry("new"), entry("old")], &known, first: true)
        #expect(d.deliveries.map { $0.entry.id } == ["old", "new"])
    }

    @Test func unchangedAndReorderedFeedsDeliverNothing() {
        var known: [String: KnownItem] = [:]
        _ = apply([entry("a"), entry("b"), entry("c")], &known, first: true)
        #expect(apply([entry("a"), entry("b"), entry("c")], &known).deliveries.isEmpty)
        #expect(apply([entry("c"), entry("a"), entry("b")], &known).deliveries.isEmpty)
    }

    @Test func threeNewItemsDeliverExactlyThose() {
        var known: [String: KnownItem] = [:]
        _ = apply([entry("a"), entry("b")], &known, first: true)
        let d = apply([entry("x"), entry("y"), entry("z"), entry("a"), entry("b")], &known)
        #expect(Set(d.deliveries.compactMap { $0.entry.id }) == ["x", "y", "z"])
    }

    @Test func itemThatDropsOutAndComesBackIsNotRedelivered() {
        var known: [String: KnownItem] = [:]
        _ = apply([entry("a"), entry("b")], &known, first: true)
        _ = apply([entry("b")], &known)
        #expect(apply([entry("a"), entry("b")], &known).deliveries.isEmpty)
    }

    @Test func guidChangeWithSameLinkIsRecordedNotDelivered() {
        var known: [String: KnownItem] = [:]
        _ = apply([entry("old-guid", link: "http://a/story")], &known, first: true)
        let d = apply([entry("new-guid", link: "http://a/story")], &known)
        #expect(d.deliveries.isEmpty)
        #expect(d.identityMoves == 1)
    }

    @Test func httpToHttpsMoveIsNotNews() {
        var known: [String: KnownItem] = [:]
        let s = { var s = SourceSettings(); s.identity = [.link]; return s }()
        _ = apply([entry(nil, link: "http://a.org/1", title: "One")], &known, settings: s, first: true)
        #expect(apply([entry(nil, link: "https://a.org/1", title: "One")], &known, settings: s).deliveries.isEmpty)
    }

    @Test func utmOnlyLinkChangeIsNotNews() {
        var known: [String: KnownItem] = [:]
        let s = { var s = SourceSettings(); s.identity = [.link]; return s }()
        _ = apply([entry(nil, link: "https://a.org/1")], &known, settings: s, first: true)
        #expect(apply([entry(nil, link: "https://a.org/1?utm_source=rss&utm_medium=feed")], &known, settings: s).deliveries.isEmpty)
    }

    @Test func guidChangeWithSameTitleAndDateIsNotNews() {
        var known: [String: KnownItem] = [:]
        _ = apply([entry("g1", link: "http://a/x", title: "Storm hits coast", published: 500)], &known, first: true)
        let d = apply([entry("g2", link: "http://a/y", title: "Storm Hits Coast!", published: 500)], &known)
        #expect(d.deliveries.isEmpty && d.identityMoves == 1)
    }

    @Test func duplicateGuidsInOneFeedAreBothDelivered() {
        var known: [String: KnownItem] = [:]
        let d = apply([entry("same", link: "http://a/1", title: "One"), entry("same", link: "http://a/2", title: "Two")], &known, first: true)
        #expect(d.deliveries.count == 2)
    }

    @Test func initialNoneRecordsWithoutDelivering() {
        var known: [String: KnownItem] = [:]
        var s = SourceSettings(); s.initial = .none
        let d = apply([entry("a"), entry("b")], &known, settings: s, first: true)
        #expect(d.deliveries.isEmpty && d.recordOnly.count == 2)
        #expect(apply([entry("c"), entry("a"), entry("b")], &known, settings: s).deliveries.map { $0.entry.id } == ["c"])
    }

    @Test func initialLatestDeliversTheNewestN() {
        var known: [String: KnownItem] = [:]
        var s = SourceSettings(); s.initial = .latest(2)
        let d = apply([entry("d", published: 4), entry("c", published: 3), entry("b", published: 2), entry("a", published: 1)],
                      &known, settings: s, first: true)
        #expect(d.deliveries.map { $0.entry.id } == ["c", "d"])
        #expect(d.recordOnly.count == 2)
    }

    @Test func updatesAreIgnoredByDefaultAndEmittedOnRequest() {
        var known: [String: KnownItem] = [:]
        _ = apply([entry("a", title: "Old title")], &known, first: true)
        let ignored = apply([entry("a", title: "New title")], &known)
        #expect(ignored.deliveries.isEmpty && ignored.updatesIgnored == 1)

        var s = SourceSettings(); s.onUpdate = .emit
        let emitted = apply([entry("a", title: "Newer title")], &known, settings: s)
        #expect(emitted.deliveries.count == 1)
        #expect(emitted.deliveries[0].event == .updated)
        #expect(emitted.deliveries[0].previousHash != nil)
    }

    @Test func aFloodDeliversTheNewestMaxItemsAndRecordsTheRest() {
        var known: [String: KnownItem] = [:]
        var settings = SourceSettings()
        settings.maxItems = 3
        let entries = (1...10).reversed().map { entry("i\($0)", published: Int64($0) * 60) }
        let d = apply(entries, &known, settings: settings, first: true)
        #expect(d.deliveries.map { $0.entry.id } == ["i8", "i9", "i10"])
        #expect(d.overLimit == 7)
        #expect(d.recordOnly.count == 7)
        #expect(d.verdicts[d.recordOnly[0].identity.key] == .overLimit)
        #expect(apply(entries, &known, settings: settings).deliveries.isEmpty, "recorded as seen: never delivered later")
    }

    @Test func initialLatestAndMaxItemsTakeTheSmaller() {
        var known: [String: KnownItem] = [:]
        var settings = SourceSettings()
        settings.maxItems = 2
        settings.initial = .latest(5)
        let d = apply((1...10).map { entry("i\($0)", published: Int64($0)) }, &known, settings: settings, first: true)
        #expect(d.deliveries.map { $0.entry.id } == ["i9", "i10"])
        #expect(d.overLimit == 3)
    }
}
