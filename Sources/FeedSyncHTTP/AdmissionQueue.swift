/// Decides which queued requests may start: a global cap on transfers in flight, a cap per host
/// and a minimum gap between two starts to the same host. Pure: the loop passes `now` in and
/// executes what comes out.
///
/// Order: requests to one host start in the order they were queued (FIFO per host). A request
/// whose host is at its cap or inside its gap does not hold back requests to other hosts, so one
/// slow host cannot stall the rest of a sync.
struct AdmissionQueue<ID: Hashable> {
    /// One waiting request.
    struct Entry {
        var id: ID
        /// Per-host key (lower-cased host name; empty for `file:` URLs, which are not limited
        /// per host).
        var host: String
        /// Minimum seconds between starts to `host` that this request insists on.
        var hostDelay: Double
    }

    /// What `admit(now:)` decided.
    struct Admission {
        /// Start these now, in this order.
        var start: [Entry]
        /// Nothing more can start before this time unless a transfer finishes; nil when no
        /// waiting request is held back by a host gap.
        var retryAt: Double?
    }

    let concurrency: Int
    let perHost: Int
    private(set) var waiting: [Entry] = []
    private(set) var inFlight = 0
    private var inFlightByHost: [String: Int] = [:]
    private var lastStart: [String: Double] = [:]

    init(concurrency: Int, perHost: Int) {
        precondition(concurrency > 0 && perHost > 0, "caps must be positive")
        self.concurrency = concurrency
        self.perHost = perHost
    }

    mutating func enqueue(_ entry: Entry) { waiting.append(entry) }

    /// Drops a waiting request (cancelled before it started). False if it was not waiting.
    mutating func removeWaiting(_ id: ID) -> Bool {
        guard let i = waiting.firstIndex(where: { $0.id == id }) else { return false }
        waiting.remove(at: i)
        return true
    }

    /// A started request finished (or was cancelled while running): frees its slots.
    mutating func finished(host: String) {
        inFlight -= 1
        let n = (inFlightByHost[host] ?? 1) - 1
        inFlightByHost[host] = n > 0 ? n : nil
        precondition(inFlight >= 0, "finished more transfers than started")
    }

    /// Starts every waiting request that fits, in queue order.
    mutating func admit(now: Double) -> Admission {
        var result = Admission(start: [], retryAt: nil)
        guard inFlight < concurrency, !waiting.isEmpty else { return result }
        var kept: [Entry] = []
        kept.reserveCapacity(waiting.count)
        // A host that refused one entry refuses all later ones this round: keeps FIFO per host.
        var blockedHosts: Set<String> = []
        for entry in waiting {
            if inFlight >= concurrency || blockedHosts.contains(entry.host) {
                kept.append(entry)
                continue
            }
            let limited = !entry.host.isEmpty
            if limited, inFlightByHost[entry.host, default: 0] >= perHost {
                blockedHosts.insert(entry.host)
                kept.append(entry)
                continue
            }
            if limited, entry.hostDelay > 0, let last = lastStart[entry.host], now < last + entry.hostDelay {
                let at = last + entry.hostDelay
                result.retryAt = min(result.retryAt ?? at, at)
                blockedHosts.insert(entry.host)
                kept.append(entry)
                continue
            }
            inFlight += 1
            if limited {
                inFlightByHost[entry.host, default: 0] += 1
                lastStart[entry.host] = now
            }
            result.start.append(entry)
        }
        waiting = kept
        return result
    }
}
