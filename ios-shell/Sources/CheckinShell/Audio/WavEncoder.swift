// WavEncoder: a voice recording as 16-bit PCM mono WAV, built in memory.
//
// The recorder feeds it float samples (−1…1) as the microphone delivers
// them; it keeps them as 16-bit integers and writes the RIFF/WAVE file the
// core's voice pipeline reads (core/src/media/wav.rs). Guarantees:
// - never more than `maxSeconds` of audio: samples past the limit are
//   refused and `isFull` tells the recorder to stop;
// - memory is 2 bytes a sample (30 s at 16 kHz: 960 KB), reserved up front
//   so a recording does not reallocate on the audio thread;
// - out-of-range samples are clipped and NaN is silence, so a bad buffer
//   cannot make an invalid file;
// - nothing is written to disk.
import Foundation

public struct WavEncoder {
    /// The rates the core accepts (core/src/media/wav.rs).
    public static let sampleRates: ClosedRange<Int> = 8_000...48_000
    /// The longest recording an encoder can be made for; the policy's own
    /// limit (`voice.max_seconds`) is at most this (core/src/policy.rs).
    public static let maxSecondsLimit: UInt32 = 600
    /// Bytes before the samples: RIFF header, `fmt ` chunk, `data` header.
    public static let headerSize = 44

    public enum SetupError: Error, Equatable {
        case sampleRate(Int)
        case maxSeconds(UInt32)
    }

    public let sampleRate: Int
    public let maxFrames: Int
    private var samples: [Int16] = []

    public init(sampleRate: Int, maxSeconds: UInt32) throws {
        guard WavEncoder.sampleRates.contains(sampleRate) else { throw SetupError.sampleRate(sampleRate) }
        guard maxSeconds > 0, maxSeconds <= WavEncoder.maxSecondsLimit else { throw SetupError.maxSeconds(maxSeconds) }
        self.sampleRate = sampleRate
        maxFrames = sampleRate * Int(maxSeconds)
        samples.reserveCapacity(maxFrames)
    }

    /// Samples kept so far.
    public var frameCount: Int { samples.count }
    /// The recording reached `maxSeconds`.
    public var isFull: Bool { samples.count >= maxFrames }
    public var durationSeconds: Double { Double(samples.count) / Double(sampleRate) }

    /// Appends samples up to the limit; returns how many were kept.
    @discardableResult
    public mutating func append<Samples: Sequence>(_ input: Samples) -> Int where Samples.Element == Float {
        let before = samples.count
        for sample in input {
            guard samples.count < maxFrames else { break }
            samples.append(WavEncoder.pcm16(sample))
        }
        return samples.count - before
    }

    /// The WAV file.
    public func wav() -> Data {
        let dataBytes = samples.count * 2
        var out = Data(capacity: WavEncoder.headerSize + dataBytes)
        out.append(contentsOf: Array("RIFF".utf8))
        out.appendLE(UInt32(36 + dataBytes))
        out.append(contentsOf: Array("WAVE".utf8))
        out.append(contentsOf: Array("fmt ".utf8))
        out.appendLE(UInt32(16)) // chunk size
        out.appendLE(UInt16(1)) // WAVE_FORMAT_PCM
        out.appendLE(UInt16(1)) // mono
        out.appendLE(UInt32(sampleRate))
        out.appendLE(UInt32(sampleRate * 2)) // bytes per second
        out.appendLE(UInt16(2)) // block align
        out.appendLE(UInt16(16)) // bits per sample
        out.append(contentsOf: Array("data".utf8))
        out.appendLE(UInt32(dataBytes))
        samples.withUnsafeBufferPointer { buffer in
            for sample in buffer { out.appendLE(UInt16(bitPattern: sample)) }
        }
        return out
    }

    /// −1…1 to a 16-bit sample, clipped; NaN is silence.
    static func pcm16(_ sample: Float) -> Int16 {
        guard !sample.isNaN else { return 0 }
        let clipped = min(max(sample, -1), 1)
        return Int16((clipped * 32767).rounded())
    }
}

extension Data {
    mutating func appendLE<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}
