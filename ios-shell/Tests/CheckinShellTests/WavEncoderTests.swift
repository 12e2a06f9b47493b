// The WAV encoder and level meter: exact bytes, limits, bad samples, and a
// recording the real core accepts as speech.
import CheckinCore
@testable import CheckinShell
import XCTest

final class WavEncoderTests: XCTestCase {
    func testHeaderAndSamplesAreCanonical16BitMonoPCM() throws {
        var encoder = try WavEncoder(sampleRate: 16_000, maxSeconds: 1)
        encoder.append([0, 0.5, -0.5, 1, -1] as [Float])
        let wav = [UInt8](encoder.wav())
        XCTAssertEqual(wav.count, 44 + 10)
        XCTAssertEqual(Array(wav[0..<4]), Array("RIFF".utf8))
        XCTAssertEqual(le32(wav, 4), 36 + 10)
        XCTAssertEqual(Array(wav[8..<16]), Array("WAVEfmt ".utf8))
        XCTAssertEqual(le32(wav, 16), 16)
        XCTAssertEqual(le16(wav, 20), 1, "PCM")
        XCTAssertEqual(le16(wav, 22), 1, "mono")
        XCTAssertEqual(le32(wav, 24), 16_000)
        XCTAssertEqual(le32(wav, 28), 32_000, "bytes per second")
        XCTAssertEqual(le16(wav, 32), 2, "block align")
        XCTAssertEqual(le16(wav, 34), 16, "bits")
        XCTAssertEqual(Array(wav[36..<40]), Array("data".utf8))
        XCTAssertEqual(le32(wav, 40), 10)
        let samples = (0..<5).map { Int16(bitPattern: UInt16(le16(wav, 44 + 2 * $0))) }
        XCTAssertEqual(samples, [0, 16_384, -16_384, 32_767, -32_767])
    }

    func testOutOfRangeAndNaNSamplesAreClippedOrSilent() throws {
        var encoder = try WavEncoder(sampleRate: 8_000, maxSeconds: 1)
        encoder.append([3, -7, .nan, .infinity, -.infinity] as [Float])
        let wav = [UInt8](encoder.wav())
        let samples = (0..<5).map { Int16(bitPattern: UInt16(le16(wav, 44 + 2 * $0))) }
        XCTAssertEqual(samples, [32_767, -32_767, 0, 32_767, -32_767])
    }

    func testStopsAtTheMaximumDuration() throws {
        var encoder = try WavEncoder(sampleRate: 8_000, maxSeconds: 2)
        XCTAssertEqual(encoder.append([Float](repeating: 0.1, count: 10_000)), 10_000)
        XCTAssertFalse(encoder.isFull)
        XCTAssertEqual(encoder.append([Float](repeating: 0.1, count: 10_000)), 6_000, "only up to 2 s")
        XCTAssertTrue(encoder.isFull)
        XCTAssertEqual(encoder.append([0.1] as [Float]), 0)
        XCTAssertEqual(encoder.durationSeconds, 2)
        XCTAssertEqual(encoder.wav().count, 44 + 32_000)
    }

    func testRefusesRatesAndLimitsTheCoreWouldRefuse() {
        XCTAssertThrowsError(try WavEncoder(sampleRate: 96_000, maxSeconds: 10)) {
            XCTAssertEqual($0 as? WavEncoder.SetupError, .sampleRate(96_000))
        }
        XCTAssertThrowsError(try WavEncoder(sampleRate: 7_999, maxSeconds: 10))
        XCTAssertThrowsError(try WavEncoder(sampleRate: 16_000, maxSeconds: 0)) {
            XCTAssertEqual($0 as? WavEncoder.SetupError, .maxSeconds(0))
        }
        XCTAssertThrowsError(try WavEncoder(sampleRate: 16_000, maxSeconds: 601))
        XCTAssertNoThrow(try WavEncoder(sampleRate: 48_000, maxSeconds: 600))
    }

    func testLevelMeterReadsRmsPeakAndClipping() {
        let sine = (0..<1_600).map { Float(0.5 * sin(2 * Double.pi * 440 * Double($0) / 16_000)) }
        let level = AudioLevel(of: sine)
        XCTAssertEqual(level.rmsDBFS, -9.03, accuracy: 0.05, "a 0.5 sine is 0.354 RMS")
        XCTAssertEqual(level.peakDBFS, -6.02, accuracy: 0.05)
        XCTAssertFalse(level.clipped)
        XCTAssertEqual(level.meterFraction, (60 - 9.03) / 60, accuracy: 0.01)

        let silence = AudioLevel(of: [Float](repeating: 0, count: 100))
        XCTAssertEqual(silence.rmsDBFS, AudioLevel.silenceDBFS)
        XCTAssertEqual(silence.meterFraction, 0)
        XCTAssertEqual(AudioLevel(of: [] as [Float]).peakDBFS, AudioLevel.silenceDBFS)

        let loud = AudioLevel(of: [0.2, -1.0, .nan] as [Float])
        XCTAssertTrue(loud.clipped)
        XCTAssertEqual(loud.peakDBFS, 0)
    }

    func testTheCoreAcceptsTheEncodersRecordingAsSpeech() async throws {
        let server = try ReferenceServer()
        defer { server.stop() }
        let client = try openClient()
        _ = try await client.enrollWithPins(serverUrl: server.baseUrl, code: server.codes[0], tlsPins: [])
        let speech = try Fixtures.speechSamples()
        var encoder = try WavEncoder(sampleRate: speech.rate, maxSeconds: 30)
        encoder.append(speech.samples)
        let checkinId = try client.startCheckin(windowId: nil)
        let quality = try await client.attachVoice(checkinId: checkinId, wav: encoder.wav())
        XCTAssertFalse(quality.blocking, "issues: \(quality.issues)")
        XCTAssertGreaterThan(quality.speechMs, 500, "the core heard no speech")
    }

    private func le16(_ bytes: [UInt8], _ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
    private func le32(_ bytes: [UInt8], _ at: Int) -> Int { le16(bytes, at) | le16(bytes, at + 2) << 16 }
}
