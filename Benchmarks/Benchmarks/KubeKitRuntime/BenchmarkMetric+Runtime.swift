import Benchmark

/// The figures the runtime benchmarks report besides time, each per iteration.
extension BenchmarkMetric {
    /// Resident-memory growth from creating an informer to its synced cache, per cached object.
    static var residentBytesPerObject: Self { .custom("RSS bytes/object", useScalingFactor: false) }
    /// The part of ``residentBytesPerObject`` still resident once free heap pages are handed back:
    /// what the cache keeps, without the garbage the sync left behind.
    static var retainedBytesPerObject: Self { .custom("retained RSS bytes/object", useScalingFactor: false) }
    /// One object's JSON as the server lists it.
    static var jsonBytesPerObject: Self { .custom("JSON bytes/object", useScalingFactor: false) }
    /// ``residentBytesPerObject`` as a percentage of ``jsonBytesPerObject``.
    static var residentPercentOfJSON: Self { .custom("RSS/JSON (%)", useScalingFactor: false) }
    /// GETs per second of 10 concurrent tasks.
    static var rawGetsPerSecond: Self { .custom("raw GETs/s", polarity: .prefersLarger, useScalingFactor: false) }
    /// Reconciles per second of 10 workers whose reconcile is one GET.
    static var getReconcilesPerSecond: Self { .custom("GET reconciles/s", polarity: .prefersLarger, useScalingFactor: false) }
    /// ``getReconcilesPerSecond`` as a percentage of ``rawGetsPerSecond``.
    static var reconcilePercentOfRaw: Self { .custom("reconciles/raw (%)", polarity: .prefersLarger, useScalingFactor: false) }
    /// Reconciles per second of 10 workers whose reconcile does nothing.
    static var noOpReconcilesPerSecond: Self { .custom("no-op reconciles/s", polarity: .prefersLarger, useScalingFactor: false) }
}
