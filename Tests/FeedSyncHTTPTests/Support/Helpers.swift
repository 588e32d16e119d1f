import FeedSyncCore
@testable import FeedSyncHTTP
import Foundation
import Logging

/// A fetcher with test-friendly caps.
func makeFetcher(concurrency: Int = 16, perHost: Int = 16, hostDelay: Double = 0,
                 maxHeaderBytes: Int = 256 << 10, allowedPeers: Set<String> = []) -> CurlFetcher {
    CurlFetcher(concurrency: concurrency, perHost: perHost, hostDelay: hostDelay,
                maxHeaderBytes: maxHeaderBytes, logger: Logger(label: "test"), allowedPeers: allowedPeers)
}

func request(_ url: String, _ configure: (inout FetchRequest) -> Void = { _ in }) -> FetchRequest {
    var r = FetchRequest(source: "test", url: url, userAgent: "feedsync-test/1", timeout: 10, connectTimeout: 5)
    configure(&r)
    return r
}

extension FetchResult {
    var response: FetchResponse? {
        if case .fetched(let r) = self { return r }
        return nil
    }
    var notModifiedResponse: FetchResponse? {
        if case .notModified(let r) = self { return r }
        return nil
    }
    var failure: FetchFailure? {
        if case .failed(let f) = self { return f }
        return nil
    }
    var bodyText: String? { response.map { String(decoding: $0.body, as: UTF8.self) } }
}

/// Seconds on the monotonic clock.
func now() -> Double { Monotonic.now() }

/// Peak resident set (VmHWM) of this process in KB, from /proc/self/status.
func peakRSSKilobytes() -> Int? {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
    }
    return nil
}

/// Resets VmHWM to the current RSS (proc(5): writing 5 to clear_refs). False if not allowed.
func resetPeakRSS() -> Bool {
    guard let h = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
    defer { try? h.close() }
    return (try? h.write(contentsOf: Data("5".utf8))) != nil
}
