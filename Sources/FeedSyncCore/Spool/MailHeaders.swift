import Foundation

/// Just enough RFC 5322 header reading for the spool's own Maildir messages.
public struct MailHeaders {
    public var fields: [(String, String)] = []

    public init(_ data: Data) {
        let text = String(decoding: data.prefix(64 * 1024), as: UTF8.self)
        let head = text.components(separatedBy: "\r\n\r\n").first ?? ""
        for line in head.components(separatedBy: "\r\n") {
            if line.hasPrefix(" ") || line.hasPrefix("\t"), !fields.isEmpty {
                fields[fields.count - 1].1 += line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                fields.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
        }
    }

    /// The first field of that name (case-insensitive).
    public subscript(name: String) -> String? { fields.first { $0.0.lowercased() == name.lowercased() }?.1 }

    /// Decodes `=?UTF-8?B?...?=` words (the only kind feedsync writes).
    public static func decodeWords(_ s: String) -> String {
        var out = ""
        var rest = Substring(s)
        while let start = rest.range(of: "=?UTF-8?B?"), let end = rest[start.upperBound...].range(of: "?=") {
            out += rest[..<start.lowerBound].trimmingCharacters(in: .whitespaces)
            let b64 = String(rest[start.upperBound..<end.lowerBound])
            if let d = Data(base64Encoded: b64) { out += String(decoding: d, as: UTF8.self) }
            rest = rest[end.upperBound...]
        }
        return out + rest
    }
}
