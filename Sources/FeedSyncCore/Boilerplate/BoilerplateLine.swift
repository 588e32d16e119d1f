/// The counters one HTML source keeps about one short text line, persisted between polls.
///
/// Only hashes are kept: the state never stores the page text itself for this purpose.
public struct BoilerplateLine: Sendable, Equatable {
    /// Hash of the normalized line (`LearnedBoilerplate.normalize`).
    public var hash: String
    /// Hash of the first item key the line was seen in: tells a second, different item apart
    /// without keeping every key.
    public var firstItem: String
    /// Distinct item keys the line was seen in, saturating at 2 (all the rule needs).
    public var items: Int
    /// Distinct (item key, poll) occurrences.
    public var occurrences: Int
    public var lastSeen: Timestamp

    public init(hash: String, firstItem: String, items: Int, occurrences: Int, lastSeen: Timestamp) {
        self.hash = hash; self.firstItem = firstItem; self.items = items
        self.occurrences = occurrences; self.lastSeen = lastSeen
    }
}
