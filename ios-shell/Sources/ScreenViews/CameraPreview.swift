// CameraPreview: what a capture session sees, full size (the front camera
// mirrored, as a mirror would be). The session is the adapter's
// (FrontCamera, QRCodeScanner); this view only shows it.
#if canImport(SwiftUI) && canImport(AVFoundation) && os(iOS)
import AVFoundation
import SwiftUI

struct CameraPreview: UIViewRepresentable {
    let session: AVCaptureSession

    func makeUIView(context: Context) -> PreviewView {
        let view = PreviewView()
        view.previewLayer?.session = session
        view.previewLayer?.videoGravity = .resizeAspectFill
        return view
    }

    func updateUIView(_ view: PreviewView, context: Context) {}

    final class PreviewView: UIView {
        override class var layerClass: AnyClass { AVCaptureVideoPreviewLayer.self }
        var previewLayer: AVCaptureVideoPreviewLayer? { layer as? AVCaptureVideoPreviewLayer }
    }
}

/// The capture sessions the surfaces show, from the app's adapters.
public struct CapturePreviews {
    public let camera: AVCaptureSession?
    public let scanner: AVCaptureSession?

    public init(camera: AVCaptureSession?, scanner: AVCaptureSession?) {
        self.camera = camera
        self.scanner = scanner
    }
}
#endif
