/// Values by key in definition order, for TOML tables. Nearly every table of a config is small
/// (a `[[source]]` has a handful of keys, and a config may have 50,000 of them), so lookups are a
/// linear scan over the keys until a table grows past `linearLimit`; only then is a hash index
/// built. Two hashed dictionaries per source table were a quarter of loading a large config.
struct OrderedKeys<Value> {
    private(set) var keys: [String] = []
    private(set) var values: [Value] = []
    /// Position by key, once the table has more than `linearLimit` keys.
    private var index: [String: Int]?
    static var linearLimit: Int { 16 }

    init() {}

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        return keys.firstIndex(of: key)
    }

    subscript(key: String) -> Value? {
        guard let i = position(of: key) else { return nil }
        return values[i]
    }

    /// Sets the value of `key`; a new key goes last. Returns whether the key was new.
    @discardableResult
    mutating func set(_ key: String, _ value: Value) -> Bool {
        if let i = position(of: key) {
            values[i] = value
            return false
        }
        keys.append(key)
        values.append(value)
        if index != nil {
            index?[key] = keys.count - 1
        } else if keys.count > Self.linearLimit {
            index = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
        }
        return true
    }

    /// Removes `key` and its value, if present.
    mutating func remove(_ key: String) {
        guard let i = position(of: key) else { return }
        keys.remove(at: i)
        values.remove(at: i)
        if index != nil { index = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) }) }
    }

    /// (key, value) in definition order.
    var pairs: Zip2Sequence<[String], [Value]> { zip(keys, values) }
}

extension OrderedKeys: Sendable where Value: Sendable {}
