// The capture boundary's stand-ins: a camera, a microphone and a location
// service that hand over what a test gives them, or fail as told.
import CheckinCore
@testable import CheckinShell
import Foundation

final class FakeCamera: PhotoCamera {
    var result: Result<Data, CaptureError>
    private(set) var shots = 0

    init(_ result: Result<Data, CaptureError>) {
        self.result = result
    }

    func takePhoto() async throws -> Data {
        shots += 1
        return try result.get()
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
    private(set) var levels = 0

    init(rate: Int, samples: [Float]) {
        self.rate = rate
        self.samples = samples
    }

    func record(maxSeconds: UInt32, onLevel: @escaping @Sendable (AudioLevel) -> Void) async throws -> Data {
        if denied { throw CaptureError.denied(.microphone) }
        // As EngineRecorder: no audio at all is a failed capture, not an empty WAV.
        if samples.isEmpty { throw CaptureError.failed(reason: "nothing was recorded") }
        var encoder = try WavEncoder(sampleRate: rate, maxSeconds: maxSeconds)
        var offset = 0
        while offset < samples.count, !encoder.isFull {
            let buffer = samples[offset..<min(offset + bufferFrames, samples.count)]
            encoder.append(buffer)
            onLevel(AudioLevel(of: buffer))
            levels += 1
            offset += buffer.count
        }
        return encoder.wav()
    }

    func stop() {}
    func cancel() {}
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

/// A fix in Boston, taken now, as Core Location reports one.
func bostonFix() -> LocationFix {
    LocationFix(lat: 42.3601, lon: -71.0589, accuracyM: 35, fixTime: Date(), provider: "ios", mock: false)
}
