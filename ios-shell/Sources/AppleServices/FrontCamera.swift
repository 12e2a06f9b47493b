// FrontCamera: the in-app camera over AVFoundation. The front camera (the
// participant photographs themself), JPEG asked for explicitly (the iPhone
// default is HEIC, which the core refuses), the photo kept in memory and
// handed over as bytes: never the photo library, never a file.
//
// Use: `start()` when the capture view appears (it asks for camera access
// the first time and runs the preview: show `session` in a
// CameraPreview), `takePhoto()` on the shutter, `stop()` when the view
// goes. Reviewed by reading; built and run only on an iPhone.
#if canImport(AVFoundation) && os(iOS)
import AVFoundation
import CheckinShell

public final class FrontCamera: NSObject, PhotoCamera, @unchecked Sendable {
    /// The capture session, for the preview layer.
    public let session = AVCaptureSession()
    private let output = AVCapturePhotoOutput()
    /// Every session change and the pending capture live on this queue
    /// (startRunning blocks; AVFoundation asks for it off the main thread).
    private let queue = DispatchQueue(label: "org.checkin.shell.camera")
    private var configured = false
    private var pending: CheckedContinuation<Data, Error>?

    override public init() {
        super.init()
    }

    /// Asks for camera access if it was never asked, then runs the preview.
    public func start() async throws {
        try await FrontCamera.authorize()
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
            queue.async {
                do {
                    try self.configureOnce()
                    if !self.session.isRunning { self.session.startRunning() }
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    public func stop() {
        queue.async {
            if self.session.isRunning { self.session.stopRunning() }
        }
    }

    public func takePhoto() async throws -> Data {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                guard self.session.isRunning else {
                    return continuation.resume(throwing: CaptureError.failed(reason: "the camera is not running"))
                }
                guard self.pending == nil else {
                    return continuation.resume(throwing: CaptureError.failed(reason: "a photo is already being taken"))
                }
                guard self.output.availablePhotoCodecTypes.contains(.jpeg) else {
                    return continuation.resume(throwing: CaptureError.failed(reason: "the camera offers no JPEG"))
                }
                self.pending = continuation
                let settings = AVCapturePhotoSettings(format: [AVVideoCodecKey: AVVideoCodecType.jpeg])
                self.output.capturePhoto(with: settings, delegate: self)
            }
        }
    }

    private func configureOnce() throws {
        guard !configured else { return }
        guard let device = AVCaptureDevice.default(.builtInWideAngleCamera, for: .video, position: .front)
            ?? AVCaptureDevice.default(for: .video)
        else { throw CaptureError.failed(reason: "no camera") }
        let input: AVCaptureDeviceInput
        do {
            input = try AVCaptureDeviceInput(device: device)
        } catch {
            throw CaptureError.failed(reason: "camera input: \((error as NSError).code)")
        }
        session.beginConfiguration()
        defer { session.commitConfiguration() }
        if session.canSetSessionPreset(.photo) { session.sessionPreset = .photo }
        guard session.canAddInput(input), session.canAddOutput(output) else {
            throw CaptureError.failed(reason: "the camera cannot be set up")
        }
        session.addInput(input)
        session.addOutput(output)
        configured = true
    }

    static func authorize() async throws {
        switch AVCaptureDevice.authorizationStatus(for: .video) {
        case .authorized:
            return
        case .notDetermined:
            if await AVCaptureDevice.requestAccess(for: .video) { return }
            throw CaptureError.denied(.camera)
        default:
            throw CaptureError.denied(.camera)
        }
    }
}

extension FrontCamera: AVCapturePhotoCaptureDelegate {
    public func photoOutput(_ output: AVCapturePhotoOutput, didFinishProcessingPhoto photo: AVCapturePhoto,
                            error: Error?) {
        let jpeg = error == nil ? photo.fileDataRepresentation() : nil
        let code = (error as NSError?)?.code
        queue.async {
            guard let continuation = self.pending else { return }
            self.pending = nil
            if let jpeg {
                continuation.resume(returning: jpeg)
            } else {
                let detail = code.map { "\($0)" } ?? "no data"
                continuation.resume(throwing: CaptureError.failed(reason: "capture failed: \(detail)"))
            }
        }
    }
}
#endif
