// The phone's capture hardware, as the shell's logic sees it: the in-app
// camera, the microphone, one location fix and the enrollment QR scanner. AppleServices implements
// each over AVFoundation and Core Location; tests inject fakes here, at the
// capture boundary, and nowhere else.
//
// Guarantees every implementation keeps (docs/screens.md, DESIGN.md):
// - captures stay in memory and go only to the core: never the photo
//   library, shared storage or a file left behind;
// - the camera hands over JPEG (the core refuses HEIC, the iPhone default);
// - the recorder hands over 16-bit PCM mono WAV (`WavEncoder`);
// - location is one fix, taken only while a check-in asks for it;
// - the scanner hands over the text of one QR code and keeps no image.
import CheckinCore
import Foundation

/// A sensor the participant may allow or refuse.
public enum DeviceSensor: String, Equatable, Sendable {
    case camera
    case microphone
    case location

    /// The core's name for the permission this sensor needs.
    public var permission: Permission {
        switch self {
        case .camera: return .camera
        case .microphone: return .microphone
        case .location: return .location
        }
    }
}

/// Why a capture produced nothing.
public enum CaptureError: Error, Equatable, FailureCoded {
    /// The participant refused (or restrictions forbid) the sensor.
    case denied(DeviceSensor)
    /// The participant stopped the capture.
    case cancelled
    /// No answer in time (a location fix indoors).
    case timedOut
    /// The hardware or the OS failed; `reason` is for logs (no personal data).
    case failed(reason: String)

    public var failureCode: FailureCode {
        switch self {
        case .denied(let sensor): return FailureCode("\(sensor.rawValue)-denied")
        case .cancelled: return FailureCode("capture-cancelled")
        case .timedOut: return FailureCode("capture-timed-out")
        case .failed: return FailureCode("capture-failed")
        }
    }
}

/// The in-app camera (front camera first).
public protocol PhotoCamera: AnyObject {
    /// Asks for camera access if it was never asked, then runs the preview.
    /// Throws `CaptureError.denied(.camera)` when access is refused.
    func start() async throws
    /// Takes one photo from the running preview and returns it as JPEG bytes.
    func takePhoto() async throws -> Data
    /// Stops the preview and releases the camera.
    func stop()
}

/// The microphone.
public protocol VoiceRecorder: AnyObject {
    /// Records until `stop()` or `maxSeconds`, whichever comes first, and
    /// returns the WAV. `onLevel` is called with each meter reading, on any
    /// thread. Throws `CaptureError.cancelled` after `cancel()`.
    func record(maxSeconds: UInt32, onLevel: @escaping @Sendable (AudioLevel) -> Void) async throws -> Data
    /// Ends the recording; `record` returns what was captured.
    func stop()
    /// Ends the recording and drops it; `record` throws `cancelled`.
    func cancel()
}

/// One location fix, taken when a check-in asks for it.
public protocol LocationReader: AnyObject {
    /// Reads one fix, as the platform reported it. `precise` asks the
    /// platform for its best accuracy; otherwise a fix good to about a
    /// hundred metres, which comes sooner and is all a coarse or area
    /// policy keeps. Throws `CaptureError.timedOut` after `timeout`.
    func oneFix(precise: Bool, timeout: TimeInterval) async throws -> LocationFix
}

/// The back camera reading the program's enrollment QR code.
public protocol CodeScanner: AnyObject {
    /// Asks for camera access if needed, runs the preview and returns the
    /// text of the first QR code seen. Throws `CaptureError.denied(.camera)`
    /// when access is refused, `CaptureError.cancelled` after `cancel()`.
    func scan() async throws -> String
    /// Stops scanning; `scan` throws `cancelled`.
    func cancel()
}
