import FeedSyncCore
import FeedSyncParsing
import Foundation

/// Reads whole files into byte arrays without an intermediate `Data` copy.
enum FileReader {
    static func contents(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        // One byte more than the size, so that reaching the end of a regular file never grows
        // the buffer (which would double the memory a large feed takes). The buffer is not
        // zero-filled first: `read` writes every byte that counts.
        let size = max(Int(st.st_size), 0)
        var failed = false
        var buf = [UInt8](unsafeUninitializedCapacity: size + 1) { p, count in
            count = readFully(fd, into: p.baseAddress!, capacity: size + 1, failed: &failed)
        }
        guard !failed else { return nil }
        guard buf.count == size + 1 else { return buf }
        // Not a regular file, or it grew: read on in larger steps.
        while true {
            let old = buf.count
            let extra = max(64 * 1024, old)
            var got = 0
            buf.reserveCapacity(old + extra)
            buf.append(contentsOf: repeatElement(0, count: extra))
            buf.withUnsafeMutableBufferPointer { got = readFully(fd, into: $0.baseAddress! + old, capacity: extra, failed: &failed) }
            guard !failed else { return nil }
            buf.removeSubrange((old + got)...)
            if got < extra { return buf }
        }
    }

    /// Reads until `capacity` bytes or the end of the file; the number of bytes read.
    private static func readFully(_ fd: Int32, into p: UnsafeMutablePointer<UInt8>, capacity: Int, failed: inout Bool) -> Int {
        var got = 0
        while got < capacity {
            let n = Glibc.read(fd, p + got, capacity - got)
            if n < 0 {
                if errno == EINTR { continue }
                failed = true
                return got
            }
            if n == 0 { break }
            got += n
        }
        return got
    }
}

/// Writes parse results to standard output, one JSON object per line, entry by entry, so a
/// large feed is never held twice in memory as JSON.
enum JSONOutput {
    nonisolated(unsafe) private static var buffer: [UInt8] = []

    static func write(_ doc: FeedDocument) {
        buffer.append(contentsOf: bytes(doc))
        if buffer.count > 1 << 16 { flush() }
    }

    /// Appends already serialized output.
    static func write(bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count > 1 << 16 { flush() }
    }

    /// One document as a JSON line: `FeedDocument.jsonValue`, written entry by entry.
    static func bytes(_ doc: FeedDocument) -> [UInt8] {
        var buffer = [UInt8]()
        doc.writeJSON(into: &buffer) { out in
            for (i, entry) in doc.entries.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                entry.jsonValue.write(into: &out)
            }
        }
        buffer.append(0x0A)
        return buffer
    }

    /// Starts a document whose entries are streamed while it is parsed: `{"entries":[`.
    static func beginStream() {
        buffer.append(contentsOf: Array("{\"entries\":[".utf8))
    }

    static func streamEntry(_ entry: FeedEntry, first: Bool) {
        if !first { buffer.append(UInt8(ascii: ",")) }
        entry.jsonValue.write(into: &buffer)
        if buffer.count > 1 << 16 { flush() }
    }

    /// Ends a streamed document with its other fields: `],"version":...}`, the same fields as
    /// `FeedDocument.jsonValue` with the entries first.
    static func endStream(_ doc: FeedDocument) {
        var shell = doc
        shell.entries = []
        var rest = [UInt8]()
        shell.writeJSON(into: &rest, entriesFirst: true) { _ in }
        // `{"entries":[],...}` from its first comma on.
        let head = Array("{\"entries\":[]".utf8)
        buffer.append(UInt8(ascii: "]"))
        buffer.append(contentsOf: rest[head.count...])
        buffer.append(0x0A)
        flush()
    }

    static func flush() {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { Foundation.write(1, $0.baseAddress! + offset, $0.count - offset) }
            if n <= 0 {
                if n < 0 && errno == EINTR { continue }
                break
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Throughput and time split for `parse --stats` (written to standard error).
struct ParseStats {
    var files = 0
    var bytes = 0
    var entries = 0
    var read: UInt64 = 0
    var parse: UInt64 = 0
    var output: UInt64 = 0

    func report(total: UInt64, timings t: ParseTimings) {
        func s(_ ns: UInt64) -> String { String(format: "%.3f", Double(ns) / 1e9) }
        let mb = Double(bytes) / 1_048_576
        let xmlOnly = t.xml > t.sanitize + t.plainText ? t.xml - t.sanitize - t.plainText : 0
        // The bare libxml2 parses that split xml_model were extra work: not part of the run.
        let parse = self.parse > t.libxml2Alone ? self.parse - t.libxml2Alone : self.parse
        let total = total > t.libxml2Alone ? total - t.libxml2Alone : total
        let model = xmlOnly > t.libxml2Alone ? xmlOnly - t.libxml2Alone : 0
        let lines = [
            "files \(files) bytes \(bytes) entries \(entries) delegated \(t.delegated)",
            "total_s \(s(total)) parse_s \(s(parse)) MBps \(String(format: "%.1f", mb / (Double(parse) / 1e9)))",
            "split_s read \(s(read)) charset \(s(t.charset)) entity_repair \(s(t.entityRepair)) xml_model \(s(xmlOnly)) "
                + "sanitize \(s(t.sanitize)) plain_text \(s(t.plainText)) recover \(s(t.recover)) output \(s(output))",
            "xml_model_s libxml2_alone \(s(t.libxml2Alone)) model \(s(model)) "
                + "(libxml2_alone: the same bytes through a bare SAX parse without callbacks)",
        ]
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}
