/// A large value behind one reference. Results are kept by the thousand (one per source for a
/// whole `sync`: 50,000 at scale), and a `SourceState` or `SourcePlan` stored inline made every
/// result about 2.6 KB, present or not (heaptrack: two such arrays were 71% of a 20,000-source
/// sync's heap peak). Boxed, an absent value costs a null pointer.
final class Boxed<Value: Sendable>: Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
