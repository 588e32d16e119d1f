import Foundation

/// Rebuilds what the state knows of delivered items from the spool's own files, after the state was
/// lost (`feedsync recover`). Each file names its source and item key: JSON items in their `source`
/// and `id` fields, Maildir messages in `X-Feedsync-Source` and `X-Feedsync-Id`. The rebuilt items
/// carry no content hash, so the next poll records the current one without delivering them again.
public enum SpoolRebuild {
    public struct Result: Sendable {
        public var items: [(source: String, item: KnownItem)] = []
        /// The greatest file name found: new names sort after it.
        public var lastName: String?
        /// Files that named no source and key (not written by feedsync).
        public var unreadable: [String] = []
    }

    /// Reads every item file of `new/`, `cur/`, `failed/` (parked by consumers) and `work/*/`
    /// (claimed by consumers); consumers' error records are not items.
    public static func read(spool: Spool) -> Result {
        var result = Result()
        for dir in spool.deliveredDirectories().map({ spool.root + "/" + $0 }) {
            for name in Spool.listDirectory(dir) where !name.hasSuffix(".error") {
                let path = dir + "/" + name
                guard let data = FileManager.default.contents(atPath: path), let (source, key) = identify(data) else {
                    result.unreadable.append(path)
                    continue
                }
                let base = String(name.split(separator: ":", maxSplits: 1)[0])
                let micros = Int64(base.prefix { $0 != "." }) ?? 0
                let seen = Timestamp(seconds: micros / 1_000_000)
                result.items.append((source, KnownItem(key: key, linkCanonical: nil, titleDate: nil, contentHash: "",
                                                       firstSeen: seen, lastSeen: seen, file: base)))
                if base > (result.lastName ?? "") { result.lastName = base }
            }
        }
        return result
    }

    /// The (source, key) a spool file was written for.
    static func identify(_ data: Data) -> (String, String)? {
        if data.first == UInt8(ascii: "{") {
            guard let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let source = obj["source"] as? String, let id = obj["id"] as? String else { return nil }
            return (source, id)
        }
        // Read as bytes split at LF: in a Swift String "\r\n" is one Character, so splitting the
        // text at "\n" never split the CRLF lines of a message.
        var source: String?, id: String?
        for raw in data.prefix(64 * 1024).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            let bytes = raw.last == UInt8(ascii: "\r") ? raw.dropLast() : raw[...]
            if bytes.isEmpty { break }
            let l = String(decoding: bytes, as: UTF8.self)
            if l.hasPrefix("X-Feedsync-Source: ") { source = String(l.dropFirst(19)) }
            if l.hasPrefix("X-Feedsync-Id: ") { id = String(l.dropFirst(15)) }
        }
        guard let source, let id else { return nil }
        return (source, id)
    }
}
