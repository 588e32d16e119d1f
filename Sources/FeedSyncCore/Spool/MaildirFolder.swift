import Foundation

/// Maildir++ folders of a spool with `maildir_folders = true`: an item goes into `.TAG/` (with its
/// own `tmp/`, `new/`, `cur/`) named by its source's first tag, so mutt and notmuch show one
/// folder per topic; items of untagged sources stay in the top-level Maildir.
///
/// Committed publications name such an item `.TAG/FILE` (`FILE` alone for the top level): the
/// file is written into the top-level `tmp/` and renamed into `.TAG/new/`.
public enum MaildirFolder {
    /// The folder for a tag: `.` followed by the tag with `/` (a path separator) and `.` (Maildir++'s
    /// hierarchy separator) replaced by `_`, and control characters dropped. Tags are 1 to 64
    /// characters (config), so the name is never empty or too long.
    public static func name(forTag tag: String) -> String {
        var out = ""
        for scalar in tag.unicodeScalars where scalar.value >= 0x20 && scalar.value != 0x7F {
            out.unicodeScalars.append(scalar == "/" || scalar == "." ? "_" : scalar)
        }
        return "." + (out.isEmpty ? "_" : out)
    }

    /// The publication of `file` for an item with `tags`: `.TAG/file`, or `file` without tags.
    public static func publication(_ file: String, tags: [String]) -> String {
        guard let first = tags.first else { return file }
        return name(forTag: first) + "/" + file
    }

    /// The folder an item file belongs in, read from the file itself (its first tag: the JSON
    /// `tags` or the message's `X-Feedsync-Tags`), so a consumer that claimed it can put it back in
    /// its folder's `cur/`; nil without tags.
    public static func folder(ofItem data: [UInt8]) -> String? {
        tags(ofItem: data).first.map(name(forTag:))
    }

    /// The tags an item file carries: the JSON `tags`, or the message's `X-Feedsync-Tags`.
    public static func tags(ofItem data: [UInt8]) -> [String] {
        if data.first == UInt8(ascii: "{") {
            return ItemSummary.object(Data(data))?["tags"] as? [String] ?? []
        }
        let h = MailHeaders(Data(data.prefix(64 * 1024)))
        guard let raw = h["X-Feedsync-Tags"] else { return [] }
        return MailHeaders.decodeWords(raw).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// (folder, file) of a publication: the folder is nil for the top level.
    public static func split(_ publication: String) -> (folder: String?, file: String) {
        guard let slash = publication.lastIndex(of: "/") else { return (nil, publication) }
        return (String(publication[..<slash]), String(publication[publication.index(after: slash)...]))
    }
}
