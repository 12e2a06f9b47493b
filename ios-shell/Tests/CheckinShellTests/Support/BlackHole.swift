// A TCP listener on 127.0.0.1 that accepts connections and never answers:
// a server that hangs, so a sync waits until it is cancelled.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

final class BlackHole: @unchecked Sendable {
    private let fd: Int32
    private let lock = NSLock()
    private var held: [Int32] = []

    var accepted: Int {
        lock.lock(); defer { lock.unlock() }
        return held.count
    }

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        // The port was a killed server's a moment ago: retry while Linux
        // still holds it.
        var bound: Int32 = -1
        for _ in 0..<100 {
            bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            if bound == 0 { break }
            usleep(50_000)
        }
        guard bound == 0, listen(fd, 16) == 0 else { throw FixtureError("cannot listen on port \(port)") }
        let listener = fd
        Thread.detachNewThread { [weak self] in
            while true {
                let client = accept(listener, nil, nil)
                if client < 0 { return }
                guard let self else { _ = Glibc.close(client); return }
                self.lock.lock()
                self.held.append(client)
                self.lock.unlock()
            }
        }
    }

    func close() {
        shutdown(fd, Int32(SHUT_RDWR))
        _ = Glibc.close(fd)
        lock.lock()
        held.forEach { _ = Glibc.close($0) }
        held = []
        lock.unlock()
    }
}
