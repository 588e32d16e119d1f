/// Splits a fuzz input into parameters and a body.
enum FuzzInput {
    /// The first `count` lines (missing ones empty) and the bytes after them.
    static func lines(_ data: [UInt8], count: Int) -> (lines: [String], rest: [UInt8]) {
        var lines: [String] = []
        var start = 0
        while lines.count < count {
            guard let nl = data[start...].firstIndex(of: 0x0A) else {
                lines.append(String(decoding: data[start...], as: UTF8.self))
                start = data.count
                break
            }
            lines.append(String(decoding: data[start..<nl], as: UTF8.self))
            start = nl + 1
        }
        while lines.count < count { lines.append("") }
        return (lines, Array(data[start...]))
    }
}
