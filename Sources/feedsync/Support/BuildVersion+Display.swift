import FeedSyncCore

extension BuildVersion {
    /// What `feedsync --version` prints: `0.1.0`, or `0.1.0 (git d72b62a)` from a git checkout.
    static var display: String {
        BuildRevision.gitDescribe.isEmpty ? version : "\(version) (git \(BuildRevision.gitDescribe))"
    }
}
