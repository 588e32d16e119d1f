import Foundation

/// Scheme, host and port of a URL, compared case-insensitively (RFC 6454 §4).
struct Origin: Equatable {
    var scheme: String
    var host: String
    var port: Int?

    init?(_ url: String) {
        guard let c = URLComponents(string: url), let scheme = c.scheme?.lowercased(),
              let host = c.host?.lowercased(), !host.isEmpty else { return nil }
        self.scheme = scheme
        self.host = host
        port = c.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : nil)
    }
}
