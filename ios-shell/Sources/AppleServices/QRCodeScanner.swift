// QRCodeScanner: the program's enrollment QR code read with the back
// camera (AVCaptureMetadataOutput, QR only). The first code seen ends the
// scan and stops the camera; only its text is kept, never an image.
//
// Use: `scan()` when the scanner surface appears (it asks for camera access
// the first time and runs the preview: show `session` in a CameraPreview),
// `cancel()` when the participant closes it. Reviewed by reading; built
// and run only on an iPhone.
#if canImport(AVFoundation) && os(iOS)
import AVFoundation
import CheckinShell

public final class QRCodeScanner: NSObject, CodeScanner, AVCaptureMetadataOutputObjectsDelegate, @unchecked Sendable {
    /// The capture session, for the preview layer.
    public let session = AVCaptureSession()
    private let output = AVCaptureMetadataOutput()
    /// Session changes, the delegate and the pending scan live on this queue.
    private let queue = DispatchQueue(label: "org.checkin.shell.scanner")
    private var configured = false
    private var pending: CheckedContinuation<String, Error>?

    override public init() {
        super.init()
    }

    public func scan() async throws -> String {
        try await FrontCamera.authorize()
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                guard self.pending == nil else {
                    return continuation.resume(throwing: CaptureError.failed(reason: "a scan is already running"))
                }
                do {
                    try self.configureOnce()
                } catch {
                    return continuation.resume(throwing: error)
                }
                self.pending = continuation
                if !self.session.isRunning { self.session.startRunning() }
            }
        }
    }

    public func cancel() {
        queue.async { self.finish(.failure(CaptureError.cancelled)) }
    }

    /// On `queue`.
    private func finish(_ result: Result<String, Error>) {
        if session.isRunning { session.stopRunning() }
        guard let continuation = pending else { return }
        pending = nil
        continuation.resume(with: result)
    }

    /// On `queue`.
    private func configureOnce() throws {
        guard !configured else { return }
        guard let device = AVCaptureDevice.default(.builtInWideAngleCamera, for: .video, position: .back)
            ?? AVCaptureDevice.default(for: .video)
        else { throw CaptureError.failed(reason: "no camera") }
        let input: AVCaptureDeviceInput
        do {
            input = try AVCaptureDeviceInput(device: device)
        } catch {
            throw CaptureError.failed(reason: "camera input: \((error as NSError).code)")
        }
        session.beginConfiguration()
        guard session.canAddInput(input), session.canAddOutput(output) else {
            session.commitConfiguration()
            throw CaptureError.failed(reason: "the scanner cannot be set up")
        }
        session.addInput(input)
        session.addOutput(output)
        session.commitConfiguration()
        // The types are known only once the output is in the session.
        guard output.availableMetadataObjectTypes.contains(.qr) else {
            throw CaptureError.failed(reason: "this camera reads no QR codes")
        }
        output.setMetadataObjectsDelegate(self, queue: queue)
        output.metadataObjectTypes = [.qr]
        configured = true
    }

    public func metadataOutput(_ output: AVCaptureMetadataOutput, didOutput metadataObjects: [AVMetadataObject],
                               from connection: AVCaptureConnection) {
        let texts = metadataObjects.compactMap { ($0 as? AVMetadataMachineReadableCodeObject)?.stringValue }
        guard let text = texts.first(where: { !$0.isEmpty }) else { return }
        finish(.success(text))
    }
}
#endif
