/// One record of a state document (`feedsync state export|import`): everything either store keeps
/// that decides what is delivered next, as plain values. What only a running cluster needs (work
/// leases, nodes' heartbeats, per-host start times, the arbiter's delivery log) is not a record:
/// an empty state rebuilds it.
public enum StateRecord: Sendable, Equatable {
    /// A source's schedule, validators, redirects and counters.
    case source(SourceState)
    /// A delivered (or recorded-only) item, or its tombstone. `revision` counts the deliveries of
    /// the item in a shared state (0 from SQLite, which does not keep it).
    case item(source: String, item: KnownItem, revision: Int64)
    /// A near-duplicate fingerprint of a delivered item.
    case fingerprint(DuplicateRecord)
    /// A watched page's last main text: the base of its next change's diff.
    case pageText(source: String, key: String, text: String)
    /// An HTML source's learned-boilerplate counters for one line.
    case boilerplate(source: String, line: BoilerplateLine)
    /// The last spool file name issued, so names keep sorting in delivery order.
    case spoolName(String)

    /// The record's `type` in the document.
    public var type: String {
        switch self {
        case .source: "source"
        case .item: "item"
        case .fingerprint: "fingerprint"
        case .pageText: "page_text"
        case .boilerplate: "boilerplate"
        case .spoolName: "spool_name"
        }
    }
}
