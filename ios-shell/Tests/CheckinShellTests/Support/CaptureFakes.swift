// The capture boundary's stand-ins: a camera, a microphone, a location
// service and a QR scanner that hand over what a test gives them, or fail
// as told.
import CheckinCore
@testable import CheckinShell
import Foundation

final class FakeCamera: PhotoCamera {
    var result: Result<Data, CaptureError>
    /// What starting the preview does: nil runs it.
    var startFailure: CaptureError?
    private(set) var shots = 0
    private(set) var running = false
    private(set) var starts = 0

    init(_ result: Result<Data, CaptureError>) {
        self.result = result
    }

    func start() async throws {
        starts += 1
        if let startFailure { throw startFailure }
        running = true
    }

    func takePhoto() async throws -> Data {
        shots += 1
        return try result.get()
    }

    func stop() {
        running = false
    }
}

/// A microphone that "hears" `samples` at `rate`, delivered in buffers of
/// `bufferFrames` through the real WavEncoder and level meter, as the
/// AVAudioEngine recorder does.
final class FakeMicrophone: VoiceRecorder {
    let rate: Int
    let samples: [Float]
    var denied = false
    var bufferFrames = 1_600
    /// Hold the recording open until `stop()` or `cancel()`, as a person
    /// speaking would, after delivering the first `heldBuffers` buffers.
    var holdOpen = false
    var heldBuffers = 5
    private(set) var levels = 0
    private(set) var askedMaxSeconds: [UInt32] = []
    private var ending: CheckedContinuation<Bool, Never>?
    private var endedEarly: Bool?
    private let lock = NSLock()

    init(rate: Int, samples: [Float]) {
        self.rate = rate
        self.samples = samples
    }

    func record(maxSeconds: UInt32, onLevel: @escaping @Sendable (AudioLevel) -> Void) async throws -> Data {
        askedMaxSeconds.append(maxSeconds)
        if denied { throw CaptureError.denied(.microphone) }
        // As EngineRecorder: no audio at all is a failed capture, not an empty WAV.
        if samples.isEmpty { throw CaptureError.failed(reason: "nothing was recorded") }
        var encoder = try WavEncoder(sampleRate: rate, maxSeconds: maxSeconds)
        var offset = 0
        var buffers = 0
        while offset < samples.count, !encoder.isFull {
            if holdOpen, buffers == heldBuffers {
                // Speaking: until the participant stops or cancels.
                if await waitForEnd() == false { throw CaptureError.cancelled }
                break
            }
            let buffer = samples[offset..<min(offset + bufferFrames, samples.count)]
            encoder.append(buffer)
            onLevel(AudioLevel(of: buffer))
            levels += 1
            buffers += 1
            offset += buffer.count
        }
        return encoder.wav()
    }

    /// True when stopped (keep what was said), false when cancelled.
    private func waitForEnd() async -> Bool {
        await withCheckedContinuation { continuation in
            lock.lock()
            if let early = endedEarly {
                endedEarly = nil
                lock.unlock()
                continuation.resume(returning: early)
                return
            }
            ending = continuation
            lock.unlock()
        }
    }

    private func end(keeping: Bool) {
        lock.lock()
        let waiting = ending
        ending = nil
        if waiting == nil { endedEarly = keeping }
        lock.unlock()
        waiting?.resume(returning: keeping)
    }

    func stop() { end(keeping: true) }
    func cancel() { end(keeping: false) }
}

final class FakeLocator: LocationReader {
    var result: Result<LocationFix, CaptureError>
    private(set) var asked: [Bool] = []

    init(_ result: Result<LocationFix, CaptureError>) {
        self.result = result
    }

    func oneFix(precise: Bool, timeout: TimeInterval) async throws -> LocationFix {
        asked.append(precise)
        return try result.get()
    }
}

/// The enrollment QR code reader: hands over `code`, or waits for
/// `cancel()` when there is none.
final class FakeScanner: CodeScanner, @unchecked Sendable {
    var result: Result<String, CaptureError>?
    private(set) var scans = 0
    private let lock = NSLock()
    private var waiting: CheckedContinuation<Void, Never>?
    private var cancelled = false

    init(_ result: Result<String, CaptureError>?) {
        self.result = result
    }

    func scan() async throws -> String {
        scans += 1
        if let result { return try result.get() }
        await withCheckedContinuation { continuation in
            lock.lock()
            if cancelled {
                lock.unlock()
                continuation.resume()
                return
            }
            waiting = continuation
            lock.unlock()
        }
        throw CaptureError.cancelled
    }

    func cancel() {
        lock.lock()
        cancelled = true
        let continuation = waiting
        waiting = nil
        lock.unlock()
        continuation?.resume()
    }
}

/// A fix in Boston, taken now, as Core Location reports one.
func bostonFix() -> LocationFix {
    LocationFix(lat: 42.3601, lon: -71.0589, accuracyM: 35, fixTime: Date(), provider: "ios", mock: false)
}
