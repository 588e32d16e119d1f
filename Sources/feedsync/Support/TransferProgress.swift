import FeedSyncCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Counts the records of `state export|import` by type for the closing summary and, when
/// standard error is a terminal, keeps one progress line there (at most every half second).
struct TransferProgress {
    private let verb: String
    private let interactive = isatty(STDERR_FILENO) == 1
    private var lastShown = Date()
    private var shown = false
    private(set) var total = 0
    private var byType: [String: Int] = [:]

    /// `verb`: "exported" or "imported".
    init(verb: String) { self.verb = verb }

    mutating func count(_ record: StateRecord) {
        total += 1
        byType[record.type, default: 0] += 1
        guard interactive, total % 512 == 0, Date().timeIntervalSince(lastShown) >= 0.5 else { return }
        lastShown = Date()
        shown = true
        StandardError.write("\r\(verb) \(total) records...")
    }

    /// Ends the progress line, if one was shown.
    func finish() {
        if shown { StandardError.write("\r\u{1B}[K") }
    }

    /// "3 sources, 120 items, 40 fingerprints", in the document's order of types.
    var summary: String {
        let order = [("source", "source"), ("item", "item"), ("fingerprint", "fingerprint"), ("page_text", "page text"),
                     ("boilerplate", "boilerplate line"), ("spool_name", "spool name")]
        let parts = order.compactMap { type, label in byType[type].map { "\($0) \(label)\($0 == 1 ? "" : "s")" } }
        return "\(total) record\(total == 1 ? "" : "s")" + (parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")")
    }
}
