/// "The network is down, not the sources": when every network source polled in a cycle failed at
/// the connection level, the failures say nothing about the sources and must not push them into
/// backoff. Both `feedsync sync` (one cycle of every source) and the daemon (cycles of the sources
/// that fell due together) judge their connection failures by this rule.
///
/// A pure state machine, fed one cycle's outcomes at a time:
/// - a cycle in which any network source got an answer (any HTTP status, a 304, a parse error)
///   shows the network up: its failures, and any held ones, count against their sources;
/// - a cycle whose network polls all failed to connect is network-down when, together with the
///   failures held from the cycles just before it (with no answer in between), at least
///   `minimumSources` distinct sources failed, or when the network is already known to be down;
/// - otherwise (one source failed, the network not known to be down) the verdict is held until the
///   next cycle decides it, or `expire` gives up on it (a single dead server, then).
///
/// The daemon's sources are spread by jitter, so its cycles are often small: holding a lone failure
/// for the next cycle is what lets a network outage be told from one dead server there too.
public struct NetworkVerdict: Sendable {
    /// A cycle's verdict: its connection failures are network-down (true) or count (false).
    public struct Resolution: Sendable, Equatable {
        public var cycle: Int
        public var networkDown: Bool
    }

    public enum Link: Sendable, Equatable { case unknown, up, down }

    /// What the last cycles showed of the network.
    public private(set) var link: Link = .unknown
    /// Cycles waiting for a verdict, with the sources that failed in them.
    public private(set) var held: [(cycle: Int, sources: Set<String>)] = []
    public let minimumSources: Int

    public init(minimumSources: Int = 2) { self.minimumSources = max(1, minimumSources) }

    /// Failures that happen before any server could answer: name resolution, connecting, and
    /// timeouts (an unplugged link shows up as connect or total timeouts).
    public static func isConnectionFailure(_ kind: FetchFailure.Kind) -> Bool {
        kind == .dns || kind == .connect || kind == .timeout
    }

    /// Judges cycle `id`. `answered` counts network polls that got an answer; `failed` names the
    /// network sources that failed to connect. With `final` (nothing comes after: `feedsync sync`),
    /// an undecided cycle counts its failures instead of being held. Returns every verdict reached,
    /// for this cycle and for held ones.
    public mutating func judge(cycle id: Int, answered: Int, failed: Set<String>, final: Bool = false) -> [Resolution] {
        if failed.isEmpty {
            if answered > 0 { return networkUp(also: id) }
            return [Resolution(cycle: id, networkDown: false)]
        }
        if answered > 0 { return networkUp(also: id) }
        let distinct = held.reduce(into: failed) { $0.formUnion($1.sources) }
        if distinct.count >= minimumSources || link == .down {
            link = .down
            let out = held.map { Resolution(cycle: $0.cycle, networkDown: true) } + [Resolution(cycle: id, networkDown: true)]
            held.removeAll()
            return out
        }
        if final { return [Resolution(cycle: id, networkDown: false)] }
        held.append((id, failed))
        return []
    }

    /// Gives up waiting for a verdict on cycle `id` (nothing decided it in time): its failures count.
    public mutating func expire(cycle id: Int) -> [Resolution] {
        guard let i = held.firstIndex(where: { $0.cycle == id }) else { return [] }
        held.remove(at: i)
        return [Resolution(cycle: id, networkDown: false)]
    }

    private mutating func networkUp(also id: Int) -> [Resolution] {
        link = .up
        let out = held.map { Resolution(cycle: $0.cycle, networkDown: false) } + [Resolution(cycle: id, networkDown: false)]
        held.removeAll()
        return out
    }
}

/// The `NetworkVerdict` shared by the cycles of one run (the daemon's, or `sync`'s one cycle): a
/// cycle waits here for its verdict, at most `holdLimit` seconds.
public actor NetworkWatch {
    /// A cycle's verdict, and whether it changed what the network is known to be.
    public struct Verdict: Sendable {
        public var networkDown: Bool
        /// `.down` when this verdict found the network down, `.up` when it found it back.
        public var change: NetworkVerdict.Link?
    }

    private var verdict: NetworkVerdict
    private var waiting: [Int: CheckedContinuation<Bool, Never>] = [:]
    private var decided: [Int: Bool] = [:]
    private var nextCycle = 0
    private let holdLimit: Double

    /// - Parameter holdLimit: how long a lone failure waits for the next cycle to tell a dead
    ///   network from a dead server.
    public init(holdLimit: Double = 120, minimumSources: Int = 2) {
        verdict = NetworkVerdict(minimumSources: minimumSources)
        self.holdLimit = holdLimit
    }

    /// The verdict on a cycle with these outcomes; waits while it is held. With `final`, nothing
    /// comes after this cycle and it is never held.
    public func judge(answered: Int, failed: Set<String>, final: Bool) async -> Verdict {
        nextCycle += 1
        let id = nextCycle
        let before = verdict.link
        apply(verdict.judge(cycle: id, answered: answered, failed: failed, final: final))
        let after = verdict.link
        let change: NetworkVerdict.Link? = after != before && (after == .down || before == .down) ? after : nil
        if let down = decided.removeValue(forKey: id) { return Verdict(networkDown: down, change: change) }
        let limit = holdLimit
        Task { [weak self] in
            try? await Task.sleep(for: .seconds(limit))
            await self?.expire(id)
        }
        // A held cycle stops waiting when its task is cancelled (the daemon's shutdown): its
        // failures then count for nothing, since the caller abandons them.
        let down = await withTaskCancellationHandler {
            await withCheckedContinuation { c in
                if let d = decided.removeValue(forKey: id) { c.resume(returning: d) } else { waiting[id] = c }
            }
        } onCancel: {
            Task { await self.expire(id) }
        }
        return Verdict(networkDown: down, change: change)
    }

    private func expire(_ id: Int) { apply(verdict.expire(cycle: id)) }

    private func apply(_ resolutions: [NetworkVerdict.Resolution]) {
        for r in resolutions {
            if let c = waiting.removeValue(forKey: r.cycle) { c.resume(returning: r.networkDown) } else { decided[r.cycle] = r.networkDown }
        }
    }
}
