// EngineRecorder: the microphone over AVAudioEngine. The input is
// converted to 16 kHz mono (the rate the core's voice pipeline works at)
// and kept by the WavEncoder, in memory: 30 s is under 1 MB, and nothing
// is written to a file. A level reading goes out with each buffer
// (about 10 a second); recording ends at the maximum duration, on
// `stop()`, or when a phone call interrupts it.
//
// Reviewed by reading; built and run only on an iPhone.
#if canImport(AVFoundation) && os(iOS)
import AVFoundation
import CheckinShell

public final class EngineRecorder: VoiceRecorder, @unchecked Sendable {
    /// The core resamples everything to 16 kHz; recording at it costs a
    /// third of the memory of 48 kHz and loses nothing the core keeps.
    public static let sampleRate: Double = 16_000
    /// Frames per tap buffer at the hardware rate (about 0.1 s at 44.1/48 kHz).
    static let tapFrames: AVAudioFrameCount = 4_096

    private let engine = AVAudioEngine()
    private let lock = NSLock()
    private var encoder: WavEncoder?
    private var continuation: CheckedContinuation<Data, Error>?
    private var interruption: NSObjectProtocol?

    public init() {}

    public func record(maxSeconds: UInt32, onLevel: @escaping @Sendable (AudioLevel) -> Void) async throws -> Data {
        try await EngineRecorder.authorize()
        let audioSession = AVAudioSession.sharedInstance()
        do {
            try audioSession.setCategory(.record, mode: .default)
            try audioSession.setActive(true)
        } catch {
            throw CaptureError.failed(reason: "audio session: \((error as NSError).code)")
        }
        let input = engine.inputNode
        let hardware = input.outputFormat(forBus: 0)
        guard hardware.sampleRate > 0, hardware.channelCount > 0,
              let target = AVAudioFormat(commonFormat: .pcmFormatFloat32, sampleRate: EngineRecorder.sampleRate,
                                         channels: 1, interleaved: false),
              let converter = AVAudioConverter(from: hardware, to: target)
        else { throw CaptureError.failed(reason: "no microphone input") }
        let encoder = try WavEncoder(sampleRate: Int(EngineRecorder.sampleRate), maxSeconds: maxSeconds)

        return try await withCheckedThrowingContinuation { continuation in
            lock.lock()
            self.encoder = encoder
            self.continuation = continuation
            lock.unlock()
            interruption = NotificationCenter.default.addObserver(
                forName: AVAudioSession.interruptionNotification, object: audioSession, queue: .main
            ) { [weak self] _ in self?.finish(throwing: nil) }
            input.installTap(onBus: 0, bufferSize: EngineRecorder.tapFrames, format: hardware) { [weak self] buffer, _ in
                self?.consume(buffer, converter: converter, target: target, onLevel: onLevel)
            }
            do {
                engine.prepare()
                try engine.start()
            } catch {
                finish(throwing: CaptureError.failed(reason: "audio engine: \((error as NSError).code)"))
            }
        }
    }

    public func stop() {
        finish(throwing: nil)
    }

    public func cancel() {
        finish(throwing: CaptureError.cancelled)
    }

    /// On the tap's thread: convert, meter, keep.
    private func consume(_ buffer: AVAudioPCMBuffer, converter: AVAudioConverter, target: AVAudioFormat,
                         onLevel: @Sendable (AudioLevel) -> Void) {
        let ratio = target.sampleRate / buffer.format.sampleRate
        let capacity = AVAudioFrameCount(Double(buffer.frameLength) * ratio) + 64
        guard let converted = AVAudioPCMBuffer(pcmFormat: target, frameCapacity: capacity) else { return }
        var handedOver = false
        var error: NSError?
        converter.convert(to: converted, error: &error) { _, status in
            if handedOver {
                status.pointee = .noDataNow
                return nil
            }
            handedOver = true
            status.pointee = .haveData
            return buffer
        }
        guard error == nil, let channel = converted.floatChannelData?[0] else { return }
        let samples = UnsafeBufferPointer(start: channel, count: Int(converted.frameLength))
        onLevel(AudioLevel(of: samples))
        lock.lock()
        encoder?.append(samples)
        let full = encoder?.isFull ?? false
        lock.unlock()
        // Not from inside the tap: stopping the engine there can deadlock.
        if full { DispatchQueue.main.async { self.finish(throwing: nil) } }
    }

    /// Ends the recording once: with the WAV when `error` is nil.
    private func finish(throwing error: Error?) {
        lock.lock()
        let continuation = self.continuation
        let encoder = self.encoder
        self.continuation = nil
        self.encoder = nil
        lock.unlock()
        guard let continuation else { return }
        engine.inputNode.removeTap(onBus: 0)
        engine.stop()
        if let interruption { NotificationCenter.default.removeObserver(interruption) }
        interruption = nil
        try? AVAudioSession.sharedInstance().setActive(false, options: .notifyOthersOnDeactivation)
        if let error {
            continuation.resume(throwing: error)
        } else if let encoder, encoder.frameCount > 0 {
            continuation.resume(returning: encoder.wav())
        } else {
            continuation.resume(throwing: CaptureError.failed(reason: "nothing was recorded"))
        }
    }

    static func authorize() async throws {
        let audioSession = AVAudioSession.sharedInstance()
        switch audioSession.recordPermission {
        case .granted:
            return
        case .undetermined:
            let granted = await withCheckedContinuation { continuation in
                audioSession.requestRecordPermission { continuation.resume(returning: $0) }
            }
            if granted { return }
            throw CaptureError.denied(.microphone)
        default:
            throw CaptureError.denied(.microphone)
        }
    }
}
#endif
