// Test fixtures: the reference server as a child process, a key store, a
// camera-like PNG, and a TCP listener that never answers.
import CheckinCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The reference program server binary, started as a child process; its
/// first stdout line is JSON with `base_url` and `codes`.
final class ReferenceServer {
    let process = Process()
    let baseUrl: String
    let codes: [String]
    let dataDir: String
    var port: Int { Int(baseUrl.split(separator: ":").last!.filter(\.isNumber))! }

    /// The binary's path comes from CHECKIN_SERVER_BIN (set by test-swift.sh).
    /// `planJson`/`policyJson` replace the demo plan/policy.
    init(codes: Int = 3, dataDir: String? = nil, listen: String? = nil,
         planJson: String? = nil, policyJson: String? = nil) throws {
        guard let binary = ProcessInfo.processInfo.environment["CHECKIN_SERVER_BIN"], !binary.isEmpty else {
            throw TestFailure(description: "set CHECKIN_SERVER_BIN to the reference-server binary")
        }
        let dir = dataDir ?? makeTempDir("checkin-server")
        self.dataDir = dir
        process.executableURL = URL(fileURLWithPath: binary)
        var arguments = ["--data-dir", dir, "--codes", String(codes)] + (listen.map { ["--listen", $0] } ?? [])
        for (flag, json) in [("--plan", planJson), ("--policy", policyJson)] {
            guard let json else { continue }
            let path = makeTempDir("checkin-server-input") + "/given.json"
            try Data(json.utf8).write(to: URL(fileURLWithPath: path))
            arguments += [flag, path]
        }
        process.arguments = arguments
        let stdout = Pipe()
        process.standardOutput = stdout
        try process.run()
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { throw TestFailure(description: "reference-server exited without its start line") }
            line.append(chunk)
        }
        guard let json = try JSONSerialization.jsonObject(with: line.prefix { $0 != 0x0A }) as? [String: Any],
              let baseUrl = json["base_url"] as? String
        else { throw TestFailure(description: "bad start line") }
        self.baseUrl = baseUrl
        self.codes = json["codes"] as? [String] ?? []
    }

    /// Kills the server (a server that dies, not one that shuts down
    /// gracefully: that waits for the client's idle keep-alive connections)
    /// and reaps it (Foundation's waitUntilExit can hang outside a run loop).
    func stop() {
        let pid = process.processIdentifier
        guard pid > 0, !stopped else { return }
        stopped = true
        kill(pid, SIGKILL)
        var status: Int32 = 0
        for _ in 0..<500 where waitpid(pid, &status, WNOHANG) == 0 && process.isRunning {
            usleep(10_000)
        }
    }

    private var stopped = false

    deinit { stop() }
}

func makeTempDir(_ prefix: String = "checkin-device") -> String {
    let path = NSTemporaryDirectory() + "\(prefix)-\(UUID().uuidString)"
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// A key store for tests (no CryptoKit on Linux): XOR with a random pad,
/// behind a tag that tells a wrong key apart.
final class MemoryKeyStore: KeyStore, @unchecked Sendable {
    private let pad: [UInt8]
    private let tag: [UInt8]

    init() {
        pad = (0..<32).map { _ in UInt8.random(in: 0...255) }
        tag = (0..<8).map { _ in UInt8.random(in: 0...255) }
    }

    func wrap(key: Data) throws -> Data {
        Data(tag) + Data(key.enumerated().map { $1 ^ pad[$0 % pad.count] })
    }

    func unwrap(wrapped: Data) throws -> Data {
        guard wrapped.starts(with: tag) else { throw KeyAccessError.WrongKey }
        return Data(wrapped.dropFirst(tag.count).enumerated().map { $1 ^ pad[$0 % pad.count] })
    }
}

func openClient(dataDir: String = makeTempDir(), keyStore: KeyStore = MemoryKeyStore()) throws -> CheckinClient {
    try CheckinClient.open(config: ClientConfig(dataDir: dataDir, locale: "es", platform: "desktop"), keyStore: keyStore)
}

/// A camera-like PNG (a gradient with a skin-toned disc, the scene of the
/// core's own tests), stored uncompressed: Linux has no image encoder to hand.
func cameraPng(width: Int = 640, height: Int = 480, seed: Int = 1) -> Data {
    var raw = [UInt8]()
    raw.reserveCapacity((width * 3 + 1) * height)
    for y in 0..<height {
        raw.append(0) // filter: none
        for x in 0..<width {
            let dx = x - width / 2, dy = y - height / 2
            if dx * dx + dy * dy < (height / 4) * (height / 4) {
                raw += [230, 190, 160]
            } else {
                raw += [UInt8((x * 255 / width + seed) & 0xFF), UInt8(y * 255 / height), 120]
            }
        }
    }
    func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
    func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            crc ^= UInt32(b)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
    func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + body
        return be32(UInt32(body.count)) + typed + be32(crc32(typed))
    }
    // zlib stream of stored (uncompressed) deflate blocks.
    var zlib: [UInt8] = [0x78, 0x01]
    var offset = 0
    while offset < raw.count {
        let n = min(65_535, raw.count - offset)
        let last: UInt8 = offset + n == raw.count ? 1 : 0
        zlib += [last, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
        zlib += raw[offset..<offset + n]
        offset += n
    }
    var a: UInt32 = 1, b: UInt32 = 0
    for byte in raw { a = (a + UInt32(byte)) % 65_521; b = (b + a) % 65_521 }
    zlib += be32(b << 16 | a)
    let header = be32(UInt32(width)) + be32(UInt32(height)) + [8, 2, 0, 0, 0]
    let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        + chunk("IHDR", header) + chunk("IDAT", zlib) + chunk("IEND", [])
    return Data(png)
}

/// Accepts TCP connections on 127.0.0.1:`port` and never answers.
final class BlackHole: @unchecked Sendable {
    private let fd: Int32
    private let lock = NSLock()
    private var held: [Int32] = []
    var accepted: Int { lock.withLock { held.count } }

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        // The port was just another listener's: until the client's end of
        // the connections it held has closed, Linux refuses the bind even
        // with SO_REUSEADDR, so it is retried for a few seconds.
        var bound: Int32 = -1
        for _ in 0..<100 {
            bound = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            if bound == 0 { break }
            usleep(50_000)
        }
        guard bound == 0, listen(fd, 16) == 0 else { throw TestFailure(description: "cannot listen on \(port)") }
        let listener = fd
        Thread.detachNewThread { [weak self] in
            while true {
                let client = accept(listener, nil, nil)
                if client < 0 { return }
                guard let self else { _ = Glibc.close(client); return }
                self.lock.withLock { self.held.append(client) }
            }
        }
    }

    func close() {
        shutdown(fd, Int32(SHUT_RDWR))
        Glibc.close(fd)
        lock.withLock { held.forEach { _ = Glibc.close($0) }; held.removeAll() }
    }
}

/// Collects sync progress from the library's threads.
final class ProgressRecorder: SyncListener, @unchecked Sendable {
    private let lock = NSLock()
    private var _seen: [SyncProgress] = []
    var seen: [SyncProgress] { lock.withLock { _seen } }
    func onProgress(progress: SyncProgress) throws { lock.withLock { _seen.append(progress) } }
}
