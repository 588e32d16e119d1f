/// Builds plain text from a stream of HTML tokens: text runs, characters and tags. Whitespace
/// collapses to single spaces (except inside `<pre>`), block elements start new lines, paragraphs
/// are separated by a blank line, and the content of scripts, styles and embedded SVG/MathML is
/// left out.
struct PlainTextWriter {
    let out = ByteSink()
    private var pendingSpace = false
    private var pendingBreak = 0  // 1: newline, 2: blank line
    private var preDepth = 0
    private var hiddenDepth = 0

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

    private mutating func append(_ t: UnsafeBufferPointer<UInt8>) {
        let n = t.count
        guard n > 0 else { return }
        // Worst case every byte is preceded by a space; two more for a paragraph break.
        out.reserve(2 * n + 2)
        let base = out.base
        var count = out.count
        var space = pendingSpace
        var breaks = pendingBreak
        let pre = preDepth != 0
        for b in t {
            if b <= 0x20 && (b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C) && !pre {
                space = true
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
            base[count] = b
            count += 1
        }
        out.count = count
        pendingSpace = space
        pendingBreak = breaks
    }
}
