/// A growable byte buffer for writers that append many small pieces: one capacity check per
/// piece and plain stores, without `Array`'s per-append uniqueness checks.
final class ByteSink {
    private(set) var base: UnsafeMutablePointer<UInt8>
    /// Bytes written. Writers that store through `base` directly (after `reserve`) set it.
    var count = 0
    private var capacity: Int

    init(capacity: Int = 256) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    var isEmpty: Bool { count == 0 }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    func reserve(_ extra: Int) {
        if count + extra > capacity { grow(count + extra) }
    }

    private func grow(_ needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// Appends one byte; the caller has reserved room.
    @inline(__always)
    func appendReserved(_ b: UInt8) {
        base[count] = b
        count += 1
    }

    @inline(__always)
    func append(_ b: UInt8) {
        reserve(1)
        appendReserved(b)
    }

    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let src = bytes.baseAddress, bytes.count > 0 else { return }
        let n = bytes.count
        reserve(n)
        if n <= 8 {
            // Most pieces of text are a few bytes (every entity splits a run): no memcpy call.
            for k in 0..<n { base[count + k] = src[k] }
        } else {
            (base + count).update(from: src, count: n)
        }
        count += n
    }

    func append(contentsOf bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) { append(bytes) }

    /// Appends a string's UTF-8.
    func append(_ s: String) {
        let u = s.utf8
        let n = u.count
        if n <= 15 {
            // A small string (tag and attribute names): its bytes are inline, read one by one.
            reserve(n)
            for b in u { appendReserved(b) }
            return
        }
        var s = s
        s.withUTF8 { append($0) }
    }

    /// Appends bytes with ASCII upper-case letters lowered.
    func appendLowercased(_ bytes: UnsafeBufferPointer<UInt8>) {
        reserve(bytes.count)
        for b in bytes { appendReserved(b >= 0x41 && b <= 0x5A ? b | 0x20 : b) }
    }

    func appendASCII(_ s: StaticString) {
        s.withUTF8Buffer { append($0) }
    }

    func appendUTF8(_ cp: UInt32) {
        reserve(4)
        encodeUTF8(cp) { appendReserved($0) }
    }

    /// Forgets what was written (the capacity stays, for the next use).
    func removeAll() { count = 0 }

    /// The bytes written in `r`, valid until the next write.
    func slice(_ r: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + r.lowerBound, count: r.count)
    }

    /// Every CR LF made LF, in place.
    func removeCarriageReturnsBeforeLineFeeds() {
        let all = UnsafeBufferPointer(start: base, count: count)
        var read = ByteScan.find(0x0D, in: all)
        guard read < count else { return }
        var write = read
        while read < count {
            let c = base[read]
            if c == 0x0D, read + 1 < count, base[read + 1] == 0x0A { read += 1; continue }
            base[write] = c
            write += 1
            read += 1
        }
        count = write
    }

    /// The bytes written, copied out.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }
}

/// The output buffers of the sanitizer (HTML and plain text), kept by a caller that sanitizes
/// many fragments so that each one does not allocate its own.
final class SanitizerBuffers {
    let html = ByteSink(capacity: 4096)
    let text = ByteSink(capacity: 4096)
}
