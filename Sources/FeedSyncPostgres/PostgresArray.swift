/// Array parameters in PostgreSQL's text input syntax (`{"a","b"}`), for `= ANY($1)`: one
/// parameter instead of one statement per value.
enum PostgresArray {
    static func text(_ values: [String]) -> String { optionalText(values) }

    /// The same with SQL NULL elements (unquoted `NULL`; a quoted "NULL" is the text).
    static func optionalText(_ values: [String?]) -> String {
        "{" + values.map { value in
            guard let v = value else { return "NULL" }
            var quoted = "\""
            for c in v.unicodeScalars {
                if c == "\"" || c == "\\" { quoted.unicodeScalars.append("\\") }
                quoted.unicodeScalars.append(c)
            }
            return quoted + "\""
        }.joined(separator: ",") + "}"
    }
}
