/// A value elements inherit from their parent (the base URI, the language), as an index per
/// open element into the values seen: opening and closing an element copies no string.
struct InheritedValues<Value: Equatable> {
    private var values: [Value]
    /// The value in effect: an index into `values`.
    private var current = 0
    /// The value each open element started with (after its own attributes).
    private var opened: [Int32] = []

    init(_ initial: Value) { values = [initial] }

    var value: Value { values[current] }

    func value(at index: Int) -> Value { values[index] }

    /// Puts `newValue` in effect.
    mutating func set(_ newValue: Value) {
        if newValue == values[current] { return }
        values.append(newValue)
        current = values.count - 1
    }

    /// An element opens with the value in effect.
    mutating func open() { opened.append(Int32(current)) }

    /// An element closes: the index its parent opened with, if it has a parent.
    mutating func close() -> Int? {
        guard !opened.isEmpty else { return nil }
        opened.removeLast()
        return opened.last.map(Int.init)
    }

    /// Puts a value seen before (an index `close` returned) back in effect.
    mutating func restore(_ index: Int) { current = index }
}
