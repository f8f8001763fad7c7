import Benchmark
import KubeKit
import KubeKitTesting

/// The resident memory a synced informer cache costs, per cached object.
struct CacheCost {
    /// Growth from just before the informer's creation to just after its sync.
    var residentBytesPerObject: Int
    /// What stays of that growth once free heap pages are handed back: the cache itself,
    /// without the garbage the sync left behind.
    var retainedBytesPerObject: Int
}

extension WidgetCluster {
    /// Syncs a fresh informer over the Widgets, `benchmark` timing only from its `run()` until
    /// `waitForSync()` returns, and measures its memory while it is still alive. Nil, with the
    /// benchmark failed, when the cache does not hold every Widget.
    func syncInformer(timedBy benchmark: Benchmark) async -> CacheCost? {
        ProcessMemory.releaseFreePages()
        let residentBefore = ProcessMemory.residentBytes
        benchmark.startMeasurement()
        let informer = Informer<Widget>(client: client, options: .init(namespace: namespace))
        let run = Task { await informer.run() }
        await informer.waitForSync()
        benchmark.stopMeasurement()
        let resident = ProcessMemory.residentBytes - residentBefore
        ProcessMemory.releaseFreePages()
        let retained = ProcessMemory.residentBytes - residentBefore
        let cached = await informer.count
        run.cancel()
        await run.value
        guard cached == names.count else {
            benchmark.error("the informer synced \(cached) Widgets, not \(names.count)")
            return nil
        }
        return CacheCost(residentBytesPerObject: resident / cached, retainedBytesPerObject: retained / cached)
    }
}
