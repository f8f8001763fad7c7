import Hummingbird
import NIOCore

extension Manager {
    /// Serves `/healthz` (the process is up), `/readyz` (caches synced; 503 before) and
    /// `/metrics` (Prometheus text format) until cancelled.
    func serveHTTP(on address: ServeAddress) async throws {
        let router = Router()
        router.get("healthz") { _, _ in "ok\n" }
        router.get("readyz") { _, _ -> Response in
            let ready = await self.isReady()
            return Response(
                status: ready ? .ok : .serviceUnavailable, headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: ready ? "ok\n" : "informer caches not synced\n")))
        }
        router.get("metrics") { _, _ -> Response in
            var text: [UInt8] = []
            self.metricsRegistry.emit(into: &text)
            text.append(contentsOf: ProcessStats.current()?.prometheusText.utf8 ?? "".utf8)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: text)))
        }
        let application = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(address.host, port: address.port), serverName: nil),
            onServerRunning: { channel in await self.serving(on: channel.localAddress?.port ?? address.port) },
            logger: logger)
        try await application.run()
    }
}
