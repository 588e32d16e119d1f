/// Turns a `SpoolItem` into the bytes of its spool file.
public enum SpoolRenderer {
    public static func render(_ item: SpoolItem, format: SpoolFormat, fileName: String) -> [UInt8] {
        switch format {
        case .json:
            var out = [UInt8]()
            out.reserveCapacity(2048)
            item.jsonValue.write(into: &out)
            out.append(0x0A)
            return out
        case .maildir:
            return MaildirMessage.render(item)
        }
    }
}
