/// "The network is down, not the sources": when every source polled in one cycle failed at the
/// connection level, the failures say nothing about the sources and must not push them into
/// backoff. The engine then records `.networkDown` for each of them instead of `.failed`.
public enum NetworkDownRule {
    /// Failures that happen before any server could answer: name resolution, connecting, and
    /// timeouts (an unplugged link shows up as connect or total timeouts).
    public static func isConnectionFailure(_ kind: FetchFailure.Kind) -> Bool {
        kind == .dns || kind == .connect || kind == .timeout
    }

    /// True when the cycle looks network-down.
    ///
    /// - Parameters:
    ///   - outcomes: the outcomes of the cycle's **network** sources (leave `file:` sources out:
    ///     they succeed with the network down).
    ///   - minimumSources: with fewer polled sources the rule cannot tell a dead network from
    ///     one dead server, so it does not fire; default 2.
    public static func networkWasDown(_ outcomes: [PollOutcome], minimumSources: Int = 2) -> Bool {
        guard outcomes.count >= max(1, minimumSources) else { return false }
        return outcomes.allSatisfy { outcome in
            if case .failed(let kind, _, _) = outcome { return isConnectionFailure(kind) }
            return false
        }
    }
}
