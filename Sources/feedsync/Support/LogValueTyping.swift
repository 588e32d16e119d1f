import FeedSyncCore
import Logging

/// How a metadata value appears in a JSON log line: numbers and booleans as JSON numbers and
/// booleans, so `jq 'select(.duration_ms > 1000)'` works; everything else as a redacted string.
///
/// Callers mostly log `"\(n)"` (swift-log's metadata is stringly), so a string whose whole text is a
/// canonical integer, a plain decimal or `true`/`false` is typed by its text. Keys that name or quote
/// something (a source called `2024`, an ETag `"123"`) stay strings whatever their text.
enum LogValueTyping {
    /// Keys whose values are names or quoted text, never numbers.
    static let textKeys: Set<String> = [
        "source", "url", "effective_url", "error", "title", "path", "file", "etag", "last_modified",
        "name", "user_agent", "label", "reason", "item", "id", "guid", "config", "version",
    ]

    static func json(key: String, _ value: Logger.MetadataValue) -> JSONValue {
        switch value {
        case let .stringConvertible(v):
            switch v {
            case let b as Bool: return .bool(b)
            case let i as Int: return .int(Int64(i))
            case let i as Int64: return .int(i)
            case let i as Int32: return .int(Int64(i))
            case let u as UInt32: return .int(Int64(u))
            case let d as Double where d.isFinite: return .double(d)
            default: return typed(key: key, URLRedaction.redact(v.description))
            }
        case let .string(s): return typed(key: key, URLRedaction.redact(s))
        case let .array(values): return .array(values.map { json(key: key, $0) })
        case let .dictionary(d):
            return .object(d.sorted { $0.key < $1.key }.map { ($0.key, json(key: $0.key, $0.value)) })
        }
    }

    /// The text as a number or boolean when it is exactly one (and the key is not a text key).
    static func typed(key: String, _ text: String) -> JSONValue {
        if textKeys.contains(key) || text.isEmpty || text.utf8.count > 20 { return .string(text) }
        if text == "true" { return .bool(true) }
        if text == "false" { return .bool(false) }
        if isCanonicalInteger(text), let i = Int64(text) { return .int(i) }
        if isPlainDecimal(text), let d = Double(text), d.isFinite { return .double(d) }
        return .string(text)
    }

    /// `0`, `-12`, `300`; not `007`, `+1`, `1e3` (those read back differently).
    static func isCanonicalInteger(_ s: String) -> Bool {
        var digits = Substring(s)
        if digits.first == "-" { digits = digits.dropFirst() }
        guard let first = digits.first, first.isASCII, first.isNumber else { return false }
        if first == "0" && digits.count > 1 { return false }
        return digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// `0.25`, `-3.5`, `12.0`: digits, one dot, digits.
    static func isPlainDecimal(_ s: String) -> Bool {
        var body = Substring(s)
        if body.first == "-" { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let whole = parts.first, let fraction = parts.last,
              !whole.isEmpty, !fraction.isEmpty else { return false }
        if whole.count > 1 && whole.first == "0" { return false }
        return (whole + fraction).allSatisfy { $0.isASCII && $0.isNumber }
    }
}
