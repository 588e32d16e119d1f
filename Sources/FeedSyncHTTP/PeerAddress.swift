#if canImport(Glibc)
import Glibc
#endif

/// A resolved peer libcurl is about to connect to, read from the `sockaddr` it hands the
/// open-socket callback.
struct PeerAddress: CustomStringConvertible {
    /// 4 bytes (IPv4) or 16 bytes (IPv6), network order.
    var bytes: [UInt8]
    var port: UInt16

    init(bytes: [UInt8], port: UInt16) {
        self.bytes = bytes
        self.port = port
    }

    /// Nil for a family other than AF_INET and AF_INET6.
    init?(family: Int32, sockaddr: UnsafePointer<sockaddr>) {
        let raw = UnsafeRawPointer(sockaddr)
        switch family {
        case AF_INET:
            let sin = raw.loadUnaligned(as: sockaddr_in.self)
            var addr = sin.sin_addr
            bytes = withUnsafeBytes(of: &addr) { Array($0) }
            port = UInt16(bigEndian: sin.sin_port)
        case AF_INET6:
            let sin6 = raw.loadUnaligned(as: sockaddr_in6.self)
            var addr = sin6.sin6_addr
            bytes = withUnsafeBytes(of: &addr) { Array($0) }
            port = UInt16(bigEndian: sin6.sin6_port)
        default:
            return nil
        }
    }

    var isPrivate: Bool {
        bytes.count == 4 ? AddressPolicy.isPrivate(ipv4: bytes) : AddressPolicy.isPrivate(ipv6: bytes)
    }

    /// Numeric host: `127.0.0.1`, `::1`.
    var host: String {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        var groups: [String] = []
        for i in stride(from: 0, to: 16, by: 2) {
            groups.append(String(UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]), radix: 16))
        }
        return groups.joined(separator: ":")  // uncompressed form; only for messages and matching
    }

    /// `ip:port` (IPv6 in brackets): the key tests use to exempt one server from `denyPrivate`.
    var description: String { bytes.count == 4 ? "\(host):\(port)" : "[\(host)]:\(port)" }
}
