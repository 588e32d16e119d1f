import FeedSyncCore

/// What `feedsync status` shows of a shared state: the nodes with their heartbeats, and each
/// leased source with its holder.
public struct ClusterView: Sendable {
    public struct Node: Sendable {
        public var id: String
        public var pid: Int
        public var version: String
        public var started: Double
        public var heartbeat: Double
        /// Sources this node holds a live lease on.
        public var leases: Int
    }

    public var nodes: [Node] = []
    /// Source name -> (node, lease end).
    public var leases: [String: (node: String, until: Double)] = [:]

    /// Reads the view on a short connection of its own.
    public static func read(url: String, password: String?, now: Double) throws -> ClusterView {
        let db = try PostgresConnection(url: url, password: password, displayURL: PostgresURL.redact(url))
        var view = ClusterView()
        for r in try db.execute("SELECT name, leased_by, lease_until FROM sources WHERE leased_by IS NOT NULL AND lease_until >= $1",
                                ["\(now)"]).rows {
            if let name = r.text(0), let node = r.text(1) { view.leases[name] = (node, r.double(2) ?? 0) }
        }
        for r in try db.execute("SELECT id, pid, version, started, heartbeat FROM nodes ORDER BY id").rows {
            let id = r.text(0) ?? ""
            view.nodes.append(Node(id: id, pid: Int(r.int(1) ?? 0), version: r.text(2) ?? "", started: r.double(3) ?? 0,
                                   heartbeat: r.double(4) ?? 0, leases: view.leases.values.filter { $0.node == id }.count))
        }
        return view
    }
}
