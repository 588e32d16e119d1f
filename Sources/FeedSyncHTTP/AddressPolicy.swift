/// Classifies peer addresses for `deny_private`: loopback, link-local, private, unique-local and
/// the like are refused after DNS resolution, so a public name pointing at an internal address
/// (DNS rebinding, cloud metadata at 169.254.169.254) cannot be reached either.
enum AddressPolicy {
    /// True for an IPv4 address (4 bytes, network order) no multi-tenant fetcher should reach.
    static func isPrivate(ipv4 a: [UInt8]) -> Bool {
        precondition(a.count == 4)
        switch a[0] {
        case 0: return true                            // "this network"; 0.0.0.0 reaches localhost on Linux
        case 10: return true                           // RFC 1918
        case 127: return true                          // loopback
        case 100: return (64...127).contains(a[1])     // RFC 6598 shared address space (CGNAT)
        case 169: return a[1] == 254                   // link-local, cloud metadata
        case 172: return (16...31).contains(a[1])      // RFC 1918
        case 192:
            return (a[1] == 168)                       // RFC 1918
                || (a[1] == 0 && a[2] == 0)            // IETF protocol assignments
        case 198: return a[1] == 18 || a[1] == 19      // benchmarking (RFC 2544)
        case 224...255: return true                    // multicast, reserved, broadcast
        default: return false
        }
    }

    /// True for an IPv6 address (16 bytes) no multi-tenant fetcher should reach.
    static func isPrivate(ipv6 a: [UInt8]) -> Bool {
        precondition(a.count == 16)
        let firstTenZero = a[0..<10].allSatisfy { $0 == 0 }
        if firstTenZero && a[10] == 0xff && a[11] == 0xff {
            return isPrivate(ipv4: Array(a[12..<16]))  // IPv4-mapped ::ffff:a.b.c.d
        }
        if a[0..<15].allSatisfy({ $0 == 0 }) && (a[15] == 0 || a[15] == 1) {
            return true                                // :: unspecified, ::1 loopback
        }
        if firstTenZero && a[10] == 0 && a[11] == 0 {
            return true                                // deprecated IPv4-compatible ::a.b.c.d
        }
        if a[0] == 0x00 && a[1] == 0x64 && a[2] == 0xff && a[3] == 0x9b {
            return isPrivate(ipv4: Array(a[12..<16]))  // NAT64 64:ff9b::/96 embeds IPv4
        }
        if a[0] & 0xfe == 0xfc { return true }         // fc00::/7 unique-local
        if a[0] == 0xfe && a[1] & 0xc0 == 0x80 { return true }  // fe80::/10 link-local
        if a[0] == 0xfe && a[1] & 0xc0 == 0xc0 { return true }  // fec0::/10 old site-local
        if a[0] == 0xff { return true }                // multicast
        return false
    }
}
