import CCurl
import FeedSyncCore
import Foundation
import Logging

/// The one OS thread that owns the multi handle and every easy handle (C-INTEROP.md: an actor
/// blocking in `curl_multi_poll` would starve Swift's cooperative pool).
///
/// Other threads talk to it only through `submit`, `cancel` and `stop`, which append a command
/// to the inbox under `lock` and call `curl_multi_wakeup`. Everything else below the lock's
/// fields is touched by the loop thread alone, which is why `@unchecked Sendable` is sound.
final class CurlLoop: @unchecked Sendable {
    private enum Command {
        case start(Transfer)
        case cancel(UInt64)
    }

    // Guarded by `lock` (NSLock: TSan-clean on Linux, unlike Synchronization.Mutex here).
    private let lock = NSLock()
    private var inbox: [Command] = []
    private var stopping = false
    private var lastID: UInt64 = 0

    private let multi: CurlMulti
    /// The connection pool of `deny_private` transfers (see `CurlShare`).
    private let strictPool: CurlShare
    private let logger: Logger

    // Loop thread only.
    private var admission: AdmissionQueue<UInt64>
    private var waiting: [UInt64: Transfer] = [:]
    private var running: [UnsafeMutableRawPointer: Transfer] = [:]
    private var runningByID: [UInt64: UnsafeMutableRawPointer] = [:]

    init(multi: CurlMulti, strictPool: CurlShare, concurrency: Int, perHost: Int, logger: Logger) {
        self.multi = multi
        self.strictPool = strictPool
        self.logger = logger
        admission = AdmissionQueue(concurrency: max(1, concurrency), perHost: max(1, perHost))
    }

    /// Starts the loop thread. The thread holds the loop until `stop()`.
    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "feedsync-curl"
        thread.start()
    }

    func nextID() -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        lastID += 1
        return lastID
    }

    /// Queues a transfer; its continuation is resumed by the loop thread.
    func submit(_ transfer: Transfer) {
        lock.lock()
        let refused = stopping
        if !refused { inbox.append(.start(transfer)) }
        lock.unlock()
        if refused {
            transfer.resume(.failed(Self.cancelled(transfer)))
        } else {
            multi.wakeup()
        }
    }

    /// Asks the loop to stop a transfer (queued or running). Safe from any thread, any time,
    /// including before `submit`.
    func cancel(_ transfer: Transfer) {
        lock.lock()
        transfer.cancelRequested = true
        inbox.append(.cancel(transfer.id))
        lock.unlock()
        multi.wakeup()
    }

    /// Ends the loop: transfers still queued or running complete as cancelled.
    func stop() {
        lock.lock()
        stopping = true
        lock.unlock()
        multi.wakeup()
    }

    static func cancelled(_ t: Transfer) -> FetchFailure {
        FetchFailure(kind: .cancelled, message: "fetch cancelled (\(URLRedaction.redact(t.request.url)))")
    }

    // MARK: - Loop thread

    private func run() {
        while true {
            lock.lock()
            let commands = inbox
            inbox = []
            let stop = stopping
            lock.unlock()

            for command in commands { handle(command) }
            if stop {
                tearDown()
                return
            }
            let decision = admission.admit(now: Monotonic.now())
            for entry in decision.start {
                if let t = waiting.removeValue(forKey: entry.id) { begin(t) }
            }
            do {
                try multi.perform()
            } catch {
                logger.error("curl_multi_perform failed", metadata: ["error": "\(error)"])
            }
            var finishedAny = false
            for (handle, code) in multi.completed() {
                complete(handle, code)
                finishedAny = true
            }
            // Freed slots are refilled on the next round at once; otherwise wait for sockets,
            // libcurl's timers, a wakeup, or a host's politeness gap to pass. With nothing
            // queued or running, sleep long: a submit wakes the loop anyway.
            let idle = running.isEmpty && waiting.isEmpty
            var timeout: Int32 = finishedAny ? 0 : (idle ? 30_000 : 1000)
            if let at = decision.retryAt {
                let ms = max(0, (at - Monotonic.now()) * 1000)
                timeout = min(timeout, Int32(ms.rounded(.up)))
            }
            do {
                try multi.poll(timeoutMs: timeout)
            } catch {
                logger.error("curl_multi_poll failed", metadata: ["error": "\(error)"])
                usleep(10_000)  // never spin on a broken poll
            }
        }
    }

    private func handle(_ command: Command) {
        switch command {
        case .start(let t):
            lock.lock()
            let cancelled = t.cancelRequested
            lock.unlock()
            if cancelled {
                t.resume(.failed(Self.cancelled(t)))
                return
            }
            waiting[t.id] = t
            admission.enqueue(.init(id: t.id, host: t.host, hostDelay: t.hostDelay))
        case .cancel(let id):
            if let t = waiting.removeValue(forKey: id) {
                _ = admission.removeWaiting(id)
                t.resume(.failed(Self.cancelled(t)))
            } else if let handle = runningByID[id], let t = running[handle] {
                detach(handle, t)
                t.resume(.failed(Self.cancelled(t)))
            }
            // Otherwise it already finished, or its start command comes later and sees the flag.
        }
    }

    /// Creates the easy handle and hands it to libcurl.
    private func begin(_ t: Transfer) {
        if t.startedAt == 0 { t.startedAt = Monotonic.now() }
        do {
            let easy = try t.makeEasy(strictPool: strictPool)
            t.easy = easy
            try multi.add(easy)
            running[easy.handle] = t
            runningByID[t.id] = easy.handle
        } catch {
            t.easy = nil
            admission.finished(host: t.host)
            t.resume(.failed(error.failure))
        }
    }

    private func complete(_ handle: UnsafeMutableRawPointer, _ code: CURLcode) {
        guard let t = running[handle] else { return }
        if code == CURLE_OK {
            switch t.nextHop() {
            case .done:
                break
            case let .follow(url):
                // Same admission slot: libcurl's own following does not queue either.
                removeEasy(handle, t)
                t.prepareHop(to: url)
                begin(t)
                return
            case let .fail(failure):
                detach(handle, t)
                t.resume(.failed(failure))
                return
            }
        }
        let result = t.outcome(code: code)  // reads CURLINFO_* while the handle is alive
        detach(handle, t)
        log(t, result)
        t.resume(result)
    }

    /// Removes a transfer from libcurl, frees its handle and its admission slot.
    private func detach(_ handle: UnsafeMutableRawPointer, _ t: Transfer) {
        removeEasy(handle, t)
        admission.finished(host: t.host)
    }

    /// Removes a transfer's handle from libcurl and frees it (writing its cookie jar).
    private func removeEasy(_ handle: UnsafeMutableRawPointer, _ t: Transfer) {
        running[handle] = nil
        runningByID[t.id] = nil
        if let easy = t.easy {
            do {
                try multi.remove(easy)
            } catch {
                logger.error("curl_multi_remove_handle failed", metadata: ["error": "\(error)"])
            }
        }
        t.easy = nil
    }

    private func tearDown() {
        for (handle, t) in running {
            detach(handle, t)
            t.resume(.failed(Self.cancelled(t)))
        }
        for t in waiting.values {
            t.resume(.failed(Self.cancelled(t)))
        }
        waiting = [:]
    }

    private func log(_ t: Transfer, _ result: FetchResult) {
        guard logger.logLevel <= .debug else { return }
        var meta: Logger.Metadata = ["source": "\(t.request.source)", "url": "\(URLRedaction.redact(t.request.url))"]
        switch result {
        case .fetched(let r), .notModified(let r):
            meta["http.status"] = "\(r.status)"
            meta["bytes"] = "\(r.body.count)"
            meta["duration"] = "\(r.duration)"
        case .failed(let f):
            meta["error.kind"] = "\(f.kind.rawValue)"
            meta["error"] = "\(f.message)"
        }
        logger.debug("fetch finished", metadata: meta)
    }
}

/// Seconds on the monotonic clock, for politeness gaps.
enum Monotonic {
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
