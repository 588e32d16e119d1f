import FeedSyncCore
import Foundation

/// A node's name in the shared state: the host name and the spool directory, stable across
/// restarts (a restarted node finds its own pending publications) and distinct for two nodes on
/// one machine (each has its own spool).
public enum NodeIdentity {
    public static func make(_ config: Config) -> String {
        ProcessInfo.processInfo.hostName + ":" + config.spoolDir
    }
}
