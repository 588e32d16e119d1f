import FeedSyncCore

/// A `SourceState` as a row of the `sources` table: the column list, and the text values of a row
/// in that order.
enum SourceStateRow {
    static let columns = SourceState.storedColumns

    static func decode(_ r: PostgresResult.Row, offset o: Int = 0) -> SourceState {
        func t(_ i: Int) -> Timestamp? { r.int(o + i).map { Timestamp(seconds: $0) } }
        var s = SourceState(name: r.text(o) ?? "")
        s.etag = r.text(o + 1); s.lastModified = r.text(o + 2); s.validatorsURL = r.text(o + 3)
        s.movedTo = r.text(o + 4); s.movedFrom = r.text(o + 5)
        s.lastAttempt = t(6); s.lastSuccess = t(7)
        s.lastStatus = r.text(o + 8); s.lastError = r.text(o + 9); s.lastHTTPStatus = r.int(o + 10).map { Int($0) }
        s.consecutiveFailures = Int(r.int(o + 11) ?? 0)
        s.nextDue = t(12); s.retryAfterUntil = t(13)
        s.disabledReason = r.text(o + 14); s.disabledFingerprint = r.text(o + 15)
        s.itemsDelivered = r.int(o + 16) ?? 0; s.feedLength = Int(r.int(o + 17) ?? 0)
        s.polls = r.int(o + 18) ?? 0; s.notModified = r.int(o + 19) ?? 0
        s.lastDuration = r.double(o + 20); s.feedTitle = r.text(o + 21); s.feedLink = r.text(o + 22)
        s.backoffUntil = t(23); s.disabledAt = t(24)
        s.movedReason = r.text(o + 25); s.documentVersion = r.text(o + 26); s.itemsFiltered = r.int(o + 27) ?? 0
        return s
    }

    static func encode(_ s: SourceState) -> [String?] {
        func t(_ v: Timestamp?) -> String? { v.map { "\($0.seconds)" } }
        return [
            s.name, s.etag, s.lastModified, s.validatorsURL, s.movedTo, s.movedFrom,
            t(s.lastAttempt), t(s.lastSuccess), s.lastStatus, s.lastError, s.lastHTTPStatus.map { "\($0)" },
            "\(s.consecutiveFailures)", t(s.nextDue), t(s.retryAfterUntil), s.disabledReason, s.disabledFingerprint,
            "\(s.itemsDelivered)", "\(s.feedLength)", "\(s.polls)", "\(s.notModified)",
            s.lastDuration.map { "\($0)" }, s.feedTitle, s.feedLink,
            t(s.backoffUntil), t(s.disabledAt), s.movedReason, s.documentVersion, "\(s.itemsFiltered)",
        ]
    }
}
