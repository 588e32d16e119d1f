import Dispatch
import Glibc

/// Delivers a Unix signal to a handler on a Dispatch queue instead of its default action (SIGHUP
/// would terminate the process). Keep the relay alive for as long as the signal should be handled.
///
/// `@unchecked Sendable`: the Dispatch source is only touched in `init` and `deinit`.
final class SignalRelay: @unchecked Sendable {
    private let source: any DispatchSourceSignal

    /// Starts handling `signo`: its default action is replaced at once, so a signal that arrives
    /// before the handler runs is ignored rather than fatal.
    init(signal signo: Int32, handler: @escaping @Sendable () -> Void) {
        signal(signo, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: signo, queue: DispatchQueue(label: "feedsync.signal.\(signo)"))
        source.setEventHandler(handler: handler)
        source.resume()
    }

    deinit { source.cancel() }
}
