// AudioLevel: the recorder's level meter, from one buffer of samples.
//
// RMS and peak in dBFS (0 is full scale), floored at `silenceDBFS` so
// silence is a number a meter can draw; `clipped` when a sample hit full
// scale (the participant is too close or too loud). NaN samples count as
// silence. The core judges speech and clipping again on the whole
// recording; this is only what the participant sees while speaking.
import Foundation

public struct AudioLevel: Equatable, Sendable {
    /// The floor of the meter, the core's own silence level (core/src/media/voice.rs).
    public static let silenceDBFS: Float = -120
    /// A sample at or above this magnitude counts as clipped.
    public static let clipThreshold: Float = 0.999

    public let rmsDBFS: Float
    public let peakDBFS: Float
    public let clipped: Bool

    public init(rmsDBFS: Float, peakDBFS: Float, clipped: Bool) {
        self.rmsDBFS = rmsDBFS
        self.peakDBFS = peakDBFS
        self.clipped = clipped
    }

    public init<Samples: Sequence>(of samples: Samples) where Samples.Element == Float {
        var sumSquares: Double = 0
        var peak: Float = 0
        var count = 0
        for raw in samples {
            let sample = raw.isNaN ? 0 : min(abs(raw), 1)
            sumSquares += Double(sample) * Double(sample)
            peak = max(peak, sample)
            count += 1
        }
        let rms = count == 0 ? 0 : Float((sumSquares / Double(count)).squareRoot())
        self.init(rmsDBFS: AudioLevel.dbfs(rms), peakDBFS: AudioLevel.dbfs(peak),
                  clipped: peak >= AudioLevel.clipThreshold)
    }

    /// The quietest level a meter bar shows: room noise sits below it,
    /// speech a hand's length from the phone well above.
    public static let meterFloorDBFS: Float = -60

    /// 0…1 for a meter bar: RMS on the dB scale from `meterFloorDBFS` to full scale.
    public var meterFraction: Float {
        min(max((rmsDBFS - AudioLevel.meterFloorDBFS) / -AudioLevel.meterFloorDBFS, 0), 1)
    }

    static func dbfs(_ amplitude: Float) -> Float {
        guard amplitude > 0 else { return silenceDBFS }
        return max(20 * log10(amplitude), silenceDBFS)
    }
}
