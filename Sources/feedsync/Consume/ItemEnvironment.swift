import FeedSyncCore
import Foundation

/// The `FEEDSYNC_*` environment a handler gets for one item.
enum ItemEnvironment {
    /// FEEDSYNC_ID, FEEDSYNC_SOURCE, FEEDSYNC_EVENT (read from the item: JSON fields or the
    /// Maildir message's X-Feedsync headers), FEEDSYNC_FILE (the claimed file), FEEDSYNC_CONSUMER
    /// and FEEDSYNC_ATTEMPT (1 on the first run).
    static func variables(path: String, consumer: String, attempt: Int) -> [String: String] {
        var env = ["FEEDSYNC_FILE": path, "FEEDSYNC_CONSUMER": consumer, "FEEDSYNC_ATTEMPT": String(attempt)]
        guard let data = FileManager.default.contents(atPath: path) else { return env }
        if let o = ItemSummary.object(data) {
            env["FEEDSYNC_ID"] = o["id"] as? String
            env["FEEDSYNC_SOURCE"] = o["source"] as? String
            env["FEEDSYNC_EVENT"] = o["event"] as? String
        } else {
            let h = MailHeaders(data)
            env["FEEDSYNC_ID"] = h["X-Feedsync-Id"]
            env["FEEDSYNC_SOURCE"] = h["X-Feedsync-Source"]
            env["FEEDSYNC_EVENT"] = h["X-Feedsync-Event"]
        }
        return env
    }
}
