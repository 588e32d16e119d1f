import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where `state export` writes: standard output, or a file created with mode 0600 (a state holds
/// feed URLs, errors and page texts) that `discard` removes again after a failure. Writes are
/// buffered in 64 KiB blocks.
final class DocumentOutput {
    /// The file, nil for standard output.
    let name: String?
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    private init(name: String?, handle: FileHandle) {
        self.name = name; self.handle = handle
        buffer.reserveCapacity(1 << 16)
    }

    /// `path` nil or "-": standard output. Exit 73 when the file cannot be created.
    static func open(_ path: String?) throws -> DocumentOutput {
        guard let path, path != "-" else { return DocumentOutput(name: nil, handle: .standardOutput) }
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            StandardError.write("feedsync: cannot create \(path): \(String(cString: strerror(errno)))\n")
            throw ExitCode(ExitStatus.cantCreate)
        }
        return DocumentOutput(name: path, handle: FileHandle(fileDescriptor: fd, closeOnDealloc: true))
    }

    func write(_ line: String) throws {
        buffer.append(contentsOf: line.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Flushes, and makes a file durable before it is reported written.
    func close() throws {
        try flush()
        if name != nil { try handle.synchronize() }
    }

    /// After a failure: a half-written file is removed, so it cannot be mistaken for an export.
    func discard() {
        if let name { unlink(name) }
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
