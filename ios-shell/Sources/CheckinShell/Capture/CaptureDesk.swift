// CaptureDesk: carries out one capture with the phone's hardware and says
// what came of it, as a value. The screens' effects (`CapturePhoto`,
// `CaptureVoice`, `CaptureLocation`, `ScanCode`) map onto its calls, and
// its `CaptureOutcome` onto the core's `CaptureResult` (CaptureHandback).
//
// Guarantees: a call never throws; a failure comes back as `cancelled`
// (with a reason for logs, no personal data) or `denied`; a "photo" that is
// not JPEG (HEIC from a misconfigured camera, an empty buffer) never
// reaches the core as a photo.
import CheckinCore
import Foundation

/// What a capture produced.
public enum CaptureOutcome: Equatable {
    case photo(jpeg: Data)
    case voice(wav: Data)
    case location(LocationFix)
    /// The text of the enrollment QR code.
    case scannedCode(String)
    /// The participant cancelled or the hardware failed.
    case cancelled(reason: String)
    /// The participant (or a restriction) refused the sensor.
    case denied(DeviceSensor)
}

public struct CaptureDesk {
    /// How long one location fix may take before the check-in goes on
    /// without it: a cold GPS start indoors can take minutes, and the
    /// participant is waiting.
    public static let locationTimeout: TimeInterval = 30

    public let camera: PhotoCamera
    public let recorder: VoiceRecorder
    public let locator: LocationReader
    public let scanner: CodeScanner

    public init(camera: PhotoCamera, recorder: VoiceRecorder, locator: LocationReader, scanner: CodeScanner) {
        self.camera = camera
        self.recorder = recorder
        self.locator = locator
        self.scanner = scanner
    }

    /// Starts the camera's preview before the shutter: nil when it runs,
    /// else what came of it (a refusal, a camera that failed).
    public func openCamera() async -> CaptureOutcome? {
        do {
            try await camera.start()
            return nil
        } catch {
            camera.stop()
            return CaptureDesk.outcome(of: error)
        }
    }

    public func closeCamera() {
        camera.stop()
    }

    /// The shutter: one photo from the running preview.
    public func photo() async -> CaptureOutcome {
        do {
            let jpeg = try await camera.takePhoto()
            guard JPEGCheck.isJPEG(jpeg) else {
                return .cancelled(reason: "the camera returned \(JPEGCheck.describe(jpeg)), not JPEG")
            }
            return .photo(jpeg: jpeg)
        } catch {
            return CaptureDesk.outcome(of: error)
        }
    }

    public func voice(maxSeconds: UInt32, onLevel: @escaping @Sendable (AudioLevel) -> Void) async -> CaptureOutcome {
        do {
            return .voice(wav: try await recorder.record(maxSeconds: maxSeconds, onLevel: onLevel))
        } catch {
            return CaptureDesk.outcome(of: error)
        }
    }

    public func location(precise: Bool) async -> CaptureOutcome {
        do {
            return .location(try await locator.oneFix(precise: precise, timeout: CaptureDesk.locationTimeout))
        } catch {
            return CaptureDesk.outcome(of: error)
        }
    }

    /// Reads one QR code; `scanner.cancel()` ends it as cancelled.
    public func scanCode() async -> CaptureOutcome {
        do {
            return .scannedCode(try await scanner.scan())
        } catch {
            return CaptureDesk.outcome(of: error)
        }
    }

    static func outcome(of error: Error) -> CaptureOutcome {
        switch error {
        case CaptureError.denied(let sensor): return .denied(sensor)
        case CaptureError.failed(let reason): return .cancelled(reason: reason)
        default: return .cancelled(reason: FailureCode(of: error).rawValue)
        }
    }
}

/// Recognises JPEG by its first bytes (SOI and a marker), which is all the
/// shell needs to tell it from HEIC; the core checks the rest.
enum JPEGCheck {
    static func isJPEG(_ data: Data) -> Bool {
        data.count > 3 && data.starts(with: [0xFF, 0xD8, 0xFF])
    }

    /// A name for what the bytes are instead, for the log (never the bytes).
    static func describe(_ data: Data) -> String {
        if data.isEmpty { return "nothing" }
        if data.count >= 12, data[data.startIndex + 4 ..< data.startIndex + 8] == Data("ftyp".utf8) {
            return "an ISO media file (HEIC?)"
        }
        return "\(data.count) bytes of another format"
    }
}
