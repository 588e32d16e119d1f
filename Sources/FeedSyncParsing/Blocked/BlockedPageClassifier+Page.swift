import CLibXML2

extension BlockedPageClassifier {
    /// Classifies raw page bytes (decoded by the page's declared or sniffed charset).
    public static func classify(_ body: [UInt8], contentType: String?) -> BlockedPage? {
        let encoding = CharsetSniffer.sniff(body, contentType: contentType).encoding
        guard let tree = XMLTree.parseHTML(body, url: nil, encoding: encoding) else { return nil }
        return classify(tree)
    }

    /// Classifies a parsed page: its title, its visible text, and the markup signals walls leave
    /// (script sources and inline scripts, `id`/`class`/`name`/`type` attributes, form and frame
    /// targets), not the text, so an article about captchas is not one.
    static func classify(_ tree: XMLTree) -> BlockedPage? {
        guard let root = tree.root else { return nil }
        let text = (tree.body ?? root).inlineText
        guard text.unicodeScalars.count <= maxWallText else { return nil }
        var markup = ""
        var budget = 256 * 1024
        root.forEachElement { el in
            guard budget > 0 else { return }
            for attr in ["id", "class", "name", "type", "src", "action", "href", "data-sitekey"] {
                if let v = el.attribute(attr), !v.isEmpty {
                    let piece = " \(attr)=\"\(v)\""
                    markup += piece
                    budget -= piece.utf8.count
                }
            }
            if el.tag == "script" {
                let code = String(el.textContent.prefix(4096))
                markup += " " + code
                budget -= code.utf8.count
            }
        }
        return classify(title: tree.pageTitle, visibleText: text, markup: markup)
    }
}
