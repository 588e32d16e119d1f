/// Reading JSON back into `JSONValue` with Foundation's `JSONDecoder`: integers stay exact
/// `Int64`s (a fingerprint or a time must not pass through a `Double`), and object keys keep no
/// order (readers look keys up).
extension JSONValue: Decodable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        // Each probe is a type check, not a hidden failure: the last one reports the real error.
        // Strings first, then integers: a failed probe throws, and those are most fields.
        if c.decodeNil() {
            self = .null
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let i = try? c.decode(Int64.self) {
            self = .int(i)
        } else if let d = try? c.decode(Double.self) {
            self = .double(d)
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let a = try? c.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: JSONValue].self).sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        }
    }
}
