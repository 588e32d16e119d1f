/// The fields of a `source` record, named as the stores' columns, one table per value type, so
/// encoding and decoding walk the same list and a field cannot be written without being read.
extension SourceState {
    static var documentTexts: [(String, WritableKeyPath<SourceState, String?>)] {
        [("etag", \.etag), ("last_modified", \.lastModified), ("validators_url", \.validatorsURL),
         ("moved_to", \.movedTo), ("moved_from", \.movedFrom), ("moved_reason", \.movedReason),
         ("last_status", \.lastStatus), ("last_error", \.lastError), ("disabled_reason", \.disabledReason),
         ("disabled_fingerprint", \.disabledFingerprint), ("feed_title", \.feedTitle), ("feed_link", \.feedLink),
         ("document_version", \.documentVersion)]
    }

    static var documentTimes: [(String, WritableKeyPath<SourceState, Timestamp?>)] {
        [("last_attempt", \.lastAttempt), ("last_success", \.lastSuccess), ("next_due", \.nextDue),
         ("retry_after_until", \.retryAfterUntil), ("backoff_until", \.backoffUntil), ("disabled_at", \.disabledAt)]
    }

    static var documentCounters: [(String, WritableKeyPath<SourceState, Int64>)] {
        [("items_delivered", \.itemsDelivered), ("items_filtered", \.itemsFiltered), ("polls", \.polls),
         ("not_modified", \.notModified)]
    }

    static var documentInts: [(String, WritableKeyPath<SourceState, Int>)] {
        [("consecutive_failures", \.consecutiveFailures), ("feed_length", \.feedLength)]
    }

    var documentFields: [(String, JSONValue)] {
        var out: [(String, JSONValue)] = [("name", .string(name))]
        for (key, path) in Self.documentTexts { if let v = self[keyPath: path] { out.append((key, .string(v))) } }
        for (key, path) in Self.documentTimes { if let v = self[keyPath: path] { out.append((key, .int(v.seconds))) } }
        for (key, path) in Self.documentCounters { out.append((key, .int(self[keyPath: path]))) }
        for (key, path) in Self.documentInts { out.append((key, .int(Int64(self[keyPath: path])))) }
        if let v = lastHTTPStatus { out.append(("last_http_status", .int(Int64(v)))) }
        if let v = lastDuration { out.append(("last_duration", .double(v))) }
        return out
    }

    init(documentFields f: inout StateLineFields) throws(StateDocumentError) {
        self.init(name: try f.string("name"))
        for (key, path) in Self.documentTexts { self[keyPath: path] = try f.optionalString(key) }
        for (key, path) in Self.documentTimes { self[keyPath: path] = try f.optionalTime(key) }
        for (key, path) in Self.documentCounters { self[keyPath: path] = try f.optionalInt(key) ?? 0 }
        for (key, path) in Self.documentInts { self[keyPath: path] = Int(try f.optionalInt(key) ?? 0) }
        lastHTTPStatus = try f.optionalInt("last_http_status").map { Int($0) }
        lastDuration = try f.optionalDouble("last_duration")
    }
}
