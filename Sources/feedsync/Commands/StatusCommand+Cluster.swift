import FeedSyncCore
import FeedSyncPostgres
import Foundation

extension StatusCommand {
    /// With a shared state: the nodes (heartbeat age, live leases) after the sources, as a table or
    /// one JSON object per node (`{"node": ..., "pid": ..., "heartbeat_age_s": ..., "leases": ...}`).
    static func clusterSection(_ config: Config, json: Bool) throws -> String {
        guard let url = config.stateURL else { return "" }
        let now = Date().timeIntervalSince1970
        let view = try ClusterView.read(url: url, password: config.statePassword, now: now)
        if json {
            return view.nodes.map { n in
                let fields: [(String, JSONValue)] = [
                    ("node", .string(n.id)), ("pid", .int(Int64(n.pid))), ("version", .string(n.version)),
                    ("heartbeat_age_s", .int(Int64((now - n.heartbeat).rounded()))), ("leases", .int(Int64(n.leases))),
                ]
                return JSONValue.object(fields)
                    .serialized() + "\n"
            }.joined()
        }
        let rows = view.nodes.map { n in
            [n.id, "\(n.pid)", n.version, "\(Int((now - n.heartbeat).rounded()))s ago", "\(n.leases)"]
        }
        return "\n" + table([["NODE", "PID", "VERSION", "HEARTBEAT", "LEASES"]] + rows)
    }
}
