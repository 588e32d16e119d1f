/// Builds plain text from a stream of HTML tokens: text runs, characters and tags. Whitespace
/// collapses to single spaces (except inside `<pre>`), block elements start new lines, paragraphs
/// are separated by a blank line, and the content of scripts, styles and embedded SVG/MathML is
/// left out.
struct PlainTextWriter {
    let out: ByteSink
    private var pendingSpace = false
    private var pendingBreak = 0  // 1: newline, 2: blank line
    private var preDepth = 0
    private var hiddenDepth = 0

    /// `out` receives the text (appended to what it holds).
    init(out: ByteSink = ByteSink()) { self.out = out }

    /// A tag. `selfClosing` (`<x/>`) opens nothing.
    mutating func tag(_ info: HTMLTagInfo, closing: Bool, selfClosing: Bool = false) {
        if info.textRole == .hidden {
            if closing { hiddenDepth = max(0, hiddenDepth - 1) } else if !selfClosing { hiddenDepth += 1 }
            return
        }
        guard hiddenDepth == 0 else { return }
        if info.isPre { preDepth = closing ? max(0, preDepth - 1) : preDepth + 1 }
        switch info.textRole {
        case .paragraph: pendingBreak = 2
        case .lineBreak: pendingBreak = max(pendingBreak, 1)
        case .cell: pendingSpace = true
        case .inline, .hidden: break
        }
    }

    /// Text that may contain character references.
    mutating func text(_ raw: UnsafeBufferPointer<UInt8>) {
        guard hiddenDepth == 0 else { return }
        if raw.contains(0x26) {
            let decoded = PlainText.decodeReferences(Array(raw))
            decoded.withUnsafeBufferPointer { append($0) }
        } else {
            append(raw)
        }
    }

    /// Literal text (no references to decode).
    mutating func literal(_ raw: UnsafeBufferPointer<UInt8>) {
        guard hiddenDepth == 0 else { return }
        append(raw)
    }

    /// One character.
    mutating func scalar(_ cp: UInt32) {
        guard hiddenDepth == 0 else { return }
        if cp == 0x20 || cp == 0x09 || cp == 0x0A || cp == 0x0D || cp == 0x0C {
            if preDepth == 0 { pendingSpace = true; return }
        }
        flushPending()
        out.appendUTF8(cp)
    }

    @inline(__always)
    private mutating func flushPending() {
        if !out.isEmpty {
            if pendingBreak > 0 {
                out.append(0x0A)
                if pendingBreak > 1 { out.append(0x0A) }
            } else if pendingSpace {
                out.append(0x20)
            }
        }
        pendingBreak = 0
        pendingSpace = false
    }

    /// The text written so far.
    var bytes: [UInt8] { out.bytes }

    /// Whitespace that collapses: space, tab, LF, CR, FF.
    @inline(__always)
    private static func isCollapsible(_ b: UInt8) -> Bool {
        b <= 0x20 && (UInt64(0x1_0000_3600) >> UInt64(b)) & 1 != 0
    }

    /// Copies eight bytes at a time while every whitespace byte among them is a lone space
    /// between two kept bytes (what the byte loop would write unchanged); returns where it
    /// stopped. The caller has no separator pending and has written something already.
    @inline(__always)
    private static func copyPlainWords(_ src: UnsafePointer<UInt8>, _ n: Int, from start: Int,
                                       to base: UnsafeMutablePointer<UInt8>, _ count: inout Int) -> Int {
        var i = start
        // Sixteen at a time: every byte up to a space is kept, every space is a lone one (the
        // byte after it, the block's next or the one after the block, is kept too). The byte
        // before the block is kept: the caller's condition, then each block's last byte check.
        let raw = UnsafeRawPointer(src)
        let space = SIMD16<UInt8>(repeating: 0x20)
        while i + 17 <= n {
            let block = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
            let next = raw.loadUnaligned(fromByteOffset: i + 1, as: SIMD16<UInt8>.self)
            let blank = block .<= space
            if any((blank .^ (block .== space)) .| (blank .& (next .<= space))) { break }
            UnsafeMutableRawPointer(base + count).storeBytes(of: block, as: SIMD16<UInt8>.self)
            count += 16
            i += 16
        }
        let sevens: UInt64 = 0x7F7F_7F7F_7F7F_7F7F, highs: UInt64 = 0x8080_8080_8080_8080
        while i + 8 <= n {
            let raw = UnsafeRawPointer(src + i).loadUnaligned(as: UInt64.self)
            let w = UInt64(littleEndian: raw)
            // High bit of each byte: set when the byte is above 0x20 (exact per byte: no carries).
            let above = (((w & sevens) &+ 0x5F5F_5F5F_5F5F_5F5F) | w) & highs
            let blank = ~above & highs
            if blank != 0 {
                let x = w ^ 0x2020_2020_2020_2020
                let spaces = ~(((x & sevens) &+ sevens) | x) & highs
                // A tab or newline, or two blanks in a row; a space last must have a kept byte
                // after it.
                if blank != spaces || blank & (blank << 8) != 0 { break }
                if blank >> 63 != 0 && (i + 8 >= n || isCollapsible(src[i + 8])) { break }
            }
            UnsafeMutableRawPointer(base + count).storeBytes(of: raw, as: UInt64.self)
            count += 8
            i += 8
        }
        return i
    }

    private mutating func append(_ t: UnsafeBufferPointer<UInt8>) {
        let n = t.count
        guard n > 0, let src = t.baseAddress else { return }
        // Worst case every byte is preceded by a space; two more for a paragraph break.
        out.reserve(2 * n + 2)
        let base = out.base
        var count = out.count
        var space = pendingSpace
        var breaks = pendingBreak
        let pre = preDepth != 0
        var i = 0
        while i < n {
            if !pre && !space && breaks == 0 && count > 0 {
                i = PlainTextWriter.copyPlainWords(src, n, from: i, to: base, &count)
                if i == n { break }
            }
            if !pre && PlainTextWriter.isCollapsible(src[i]) {
                space = true
                i += 1
                while i < n && PlainTextWriter.isCollapsible(src[i]) { i += 1 }
                continue
            }
            if space || breaks > 0 {
                if count > 0 {
                    if breaks > 0 {
                        base[count] = 0x0A
                        count += 1
                        if breaks > 1 { base[count] = 0x0A; count += 1 }
                    } else {
                        base[count] = 0x20
                        count += 1
                    }
                }
                space = false
                breaks = 0
            }
            if pre {
                (base + count).update(from: src + i, count: n - i)
                count += n - i
                break
            }
            // A run of kept bytes, in a loop with nothing else to check.
            repeat {
                base[count] = src[i]
                count += 1
                i += 1
            } while i < n && !PlainTextWriter.isCollapsible(src[i])
        }
        out.count = count
        pendingSpace = space
        pendingBreak = breaks
    }
}
