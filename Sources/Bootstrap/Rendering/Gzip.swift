import CompressNIO
import NIOCore

/// gzip with zlib's defaults. The header carries no name or time, so the same input always gives
/// the same bytes and golden files stay stable.
enum Gzip {
    static func compress(_ bytes: [UInt8]) throws(UserDataError) -> [UInt8] {
        var input = ByteBuffer(bytes: bytes)
        do {
            return Array(try input.compress(with: ZlibAlgorithm.gzip).readableBytesView)
        } catch {
            throw .encodingFailed("gzip")
        }
    }
}
