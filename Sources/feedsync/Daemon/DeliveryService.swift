import FeedSyncCore
import ServiceLifecycle

/// The pipeline's delivery thread (Plan and Commit) as a service of the daemon's `ServiceGroup`:
/// started with the group, stopped after the scheduler, once everything handed to it is committed.
struct DeliveryService: Service {
    let delivery: DeliveryThread

    func run() async throws {
        delivery.start()
        // Runs until the group shuts down; stop() then drains the queue before returning.
        try? await gracefulShutdown()
        delivery.stop()
    }
}
