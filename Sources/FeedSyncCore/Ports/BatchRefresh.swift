/// What a shared state store hands a batch before it is planned (`StateStore.beginBatch`): what
/// other processes committed since this one last looked.
public struct BatchRefresh: Sendable {
    /// Committed states of the batch's sources (another node may have polled them since).
    public var states: [String: SourceState] = [:]
    /// Near-duplicate fingerprints other nodes committed since.
    public var fingerprints: [DuplicateRecord] = []
    public init() {}
}

extension StateStore {
    /// A store owned by one process (SQLite) has nothing to refresh.
    public func beginBatch(sources: [String]) throws -> BatchRefresh { BatchRefresh() }
    public func endBatch() {}
}
