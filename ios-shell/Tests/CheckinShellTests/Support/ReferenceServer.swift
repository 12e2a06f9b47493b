// The reference program server (fixtures/reference-server) as a child
// process of the tests. Its first stdout line is JSON with `base_url` and
// `codes`; it runs with `--exit-on-stdin-eof` on a pipe, so it dies with
// the test process even if a test crashes.
import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

final class ReferenceServer {
    let baseUrl: String
    let codes: [String]
    let dataDir: String
    private let process = Process()
    private let stdin = Pipe()
    private var stopped = false

    var port: Int {
        Int(baseUrl.split(separator: ":").last.map(String.init) ?? "") ?? 0
    }

    /// `planJson`/`policyJson` replace the demo plan and policy; `dataDir`
    /// and `listen` restart a server where an earlier one was; with
    /// `participant` the codes are issued for that participant (a phone
    /// enrolling again after a lost key has its earlier device linked).
    init(codes: Int = 1, dataDir: String? = nil, listen: String? = nil,
         planJson: String? = nil, policyJson: String? = nil, participant: String? = nil) throws {
        let binary = try Fixtures.environment("CHECKIN_SERVER_BIN")
        self.dataDir = dataDir ?? Fixtures.tempDir("server")
        var arguments = ["--data-dir", self.dataDir, "--codes", String(codes), "--exit-on-stdin-eof"]
        if let participant { arguments += ["--participant", participant] }
        if let listen { arguments += ["--listen", listen] }
        for (flag, json) in [("--plan", planJson), ("--policy", policyJson)] {
            guard let json else { continue }
            let path = Fixtures.tempDir("server-input") + "/given.json"
            try Data(json.utf8).write(to: URL(fileURLWithPath: path))
            arguments += [flag, path]
        }
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.standardInput = stdin
        let stdout = Pipe()
        process.standardOutput = stdout
        try process.run()
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = stdout.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw FixtureError("reference-server exited before its start line") }
            line.append(chunk)
        }
        let first = line.prefix { $0 != 0x0A }
        guard let json = try JSONSerialization.jsonObject(with: first) as? [String: Any],
              let baseUrl = json["base_url"] as? String
        else { throw FixtureError("reference-server's start line is not the expected JSON") }
        self.baseUrl = baseUrl
        self.codes = json["codes"] as? [String] ?? []
    }

    /// The same program (keys, devices, check-ins) at the same address,
    /// now serving `planJson`: how a program changes a plan at run time.
    func restarted(planJson: String? = nil, policyJson: String? = nil) throws -> ReferenceServer {
        stop()
        return try ReferenceServer(codes: 0, dataDir: dataDir, listen: "127.0.0.1:\(port)",
                                   planJson: planJson, policyJson: policyJson)
    }

    /// Kills the server (no graceful shutdown: that waits for the client's
    /// idle keep-alive connections) and waits until it is gone.
    func stop() {
        guard !stopped else { return }
        stopped = true
        let pid = process.processIdentifier
        if pid > 0 { kill(pid, SIGKILL) }
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { usleep(10_000) }
    }

    deinit { stop() }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

enum Fixtures {
    static func environment(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            throw FixtureError("set \(name) (scripts/shells/test-ios.sh does)")
        }
        return value
    }

    static func tempDir(_ prefix: String) -> String {
        let path = NSTemporaryDirectory() + "checkin-ios-\(prefix)-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A file of fixtures/media, staged by test-ios.sh.
    static func media(_ name: String) throws -> Data {
        let dir = try environment("CHECKIN_MEDIA_DIR")
        return try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))
    }

    /// The 16-bit mono samples of a canonical PCM WAV fixture, as floats
    /// (what a microphone tap delivers).
    static func speechSamples() throws -> (rate: Int, samples: [Float]) {
        let wav = [UInt8](try media("speech_16k_s16.wav"))
        func le32(_ at: Int) -> Int { Int(wav[at]) | Int(wav[at + 1]) << 8 | Int(wav[at + 2]) << 16 | Int(wav[at + 3]) << 24 }
        func le16(_ at: Int) -> Int { Int(wav[at]) | Int(wav[at + 1]) << 8 }
        guard wav.count > 44, le16(22) == 1, le16(34) == 16 else { throw FixtureError("not 16-bit mono WAV") }
        var offset = 12
        while offset + 8 <= wav.count {
            let size = le32(offset + 4)
            if wav[offset..<offset + 4].elementsEqual("data".utf8) {
                let end = min(wav.count, offset + 8 + size)
                let samples = stride(from: offset + 8, to: end - 1, by: 2).map {
                    Float(Int16(bitPattern: UInt16(le16($0)))) / 32768
                }
                return (le32(24), samples)
            }
            offset += 8 + size + (size & 1)
        }
        throw FixtureError("no data chunk")
    }
}
