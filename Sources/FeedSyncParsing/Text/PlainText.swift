/// Plain-text rendition of HTML fragments (the spool's `text` field).
public enum PlainText {
    public static func render(html: String) -> String { html }
}
