import Metrics

/// The metrics of one controller, named as controller-runtime names them so that existing
/// dashboards and alerts work unchanged.
struct ControllerMetrics: Sendable {
    private let factory: any MetricsFactory
    private let controller: String
    let errors: Counter
    let terminalErrors: Counter
    let duration: Timer
    let activeWorkers: Meter

    init(controller: String, factory: any MetricsFactory) {
        self.factory = factory
        self.controller = controller
        let dimensions = [("controller", controller)]
        errors = Counter(label: "controller_runtime_reconcile_errors_total", dimensions: dimensions, factory: factory)
        terminalErrors = Counter(label: "controller_runtime_terminal_reconcile_errors_total", dimensions: dimensions, factory: factory)
        duration = Timer(label: "controller_runtime_reconcile_time_seconds", dimensions: dimensions, factory: factory)
        activeWorkers = Meter(label: "controller_runtime_active_workers", dimensions: dimensions, factory: factory)
    }

    /// Counts one reconcile ending with `result`: `success`, `error`, `requeue_after` or
    /// `terminal_error`.
    func countReconcile(result: String) {
        Counter(label: "controller_runtime_reconcile_total", dimensions: [("controller", controller), ("result", result)], factory: factory)
            .increment()
    }
}

/// The metrics of one work queue, named as client-go's.
struct WorkQueueMetrics: Sendable {
    let depth: Gauge
    let adds: Counter
    let retries: Counter

    init(name: String, factory: any MetricsFactory) {
        let dimensions = [("name", name)]
        depth = Gauge(label: "workqueue_depth", dimensions: dimensions, factory: factory)
        adds = Counter(label: "workqueue_adds_total", dimensions: dimensions, factory: factory)
        retries = Counter(label: "workqueue_retries_total", dimensions: dimensions, factory: factory)
    }
}
