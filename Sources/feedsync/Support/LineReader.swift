import Foundation

/// Reads a file or standard input line by line in 64 KiB chunks, so a large document is never
/// whole in memory. Lines exclude their `\n`; a last line without one is still a line.
struct LineReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    /// Bytes read so far.
    private(set) var bytesRead = 0

    init(handle: FileHandle) { self.handle = handle }

    /// The next line, or nil at the end of the input. Throws when the input cannot be read.
    mutating func next() throws -> ArraySlice<UInt8>? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                defer { start = newline + 1 }
                return buffer[start..<newline]
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                defer { start = buffer.count }
                return buffer[start...]
            }
            buffer.removeFirst(start)
            start = 0
            let chunk = try handle.read(upToCount: 65_536) ?? Data()
            if chunk.isEmpty { atEnd = true }
            bytesRead += chunk.count
            buffer.append(contentsOf: chunk)
        }
    }
}
