/// Where a byte sequence stops being UTF-8, as a line and column a person can find.
enum UTF8Position {
    struct Position: Equatable {
        /// 1-based line.
        var line: Int
        /// 1-based byte offset within the line.
        var column: Int
    }

    /// The position of the first byte that does not start a valid UTF-8 sequence, or nil if all
    /// bytes are valid. Linear in the input.
    static func firstInvalid(_ bytes: [UInt8]) -> Position? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        var line = 1
        var lineStart = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case let .valid(encoded):
                if encoded.count == 1 && encoded.first == 0x0A {
                    line += 1
                    lineStart = offset + 1
                }
                offset += encoded.count
            case .error:
                return Position(line: line, column: offset - lineStart + 1)
            case .emptyInput:
                return nil
            }
        }
    }
}
