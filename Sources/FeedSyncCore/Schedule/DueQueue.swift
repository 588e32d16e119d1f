/// A binary min-heap of (due time, source name): the daemon's schedule finds what is due without
/// scanning every source. `DaemonSchedule.takeDue` ran after every completed poll, and a scan of
/// all sources each time made a cycle quadratic (10,000 sources: 45% of the daemon's CPU in
/// copying entries, perf). Entries are never updated in place: a new due time is pushed and the
/// old one, now stale, is skipped when it reaches the top (the schedule checks each popped entry
/// against its current due time).
struct DueQueue: Sendable {
    private(set) var items: [(due: Double, name: String)] = []

    var top: (due: Double, name: String)? { items.first }

    var count: Int { items.count }

    mutating func push(_ due: Double, _ name: String) {
        items.append((due, name))
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard items[i].due < items[parent].due else { break }
            items.swapAt(i, parent)
            i = parent
        }
    }

    @discardableResult
    mutating func pop() -> (due: Double, name: String)? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let out = items.removeLast()
        var i = 0
        while true {
            let left = 2 * i + 1, right = left + 1
            var smallest = i
            if left < items.count, items[left].due < items[smallest].due { smallest = left }
            if right < items.count, items[right].due < items[smallest].due { smallest = right }
            guard smallest != i else { break }
            items.swapAt(i, smallest)
            i = smallest
        }
        return out
    }

    mutating func removeAll() { items.removeAll(keepingCapacity: true) }
}
