#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Writes all of `bytes` to `descriptor`, retrying short writes and EINTR; gives up
/// silently on any other failure (there is nowhere left to report it).
public func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) {
    var remaining = bytes
    while !remaining.isEmpty {
        let written = write(descriptor, remaining.baseAddress, remaining.count)
        if written < 0 && errno == EINTR { continue }
        if written <= 0 { return }
        remaining = UnsafeRawBufferPointer(rebasing: remaining[written...])
    }
}
