// CaptureSurfaceView: the shell's surface over the screen while a capture
// runs: the camera's preview and shutter, the recorder's meter and clock,
// the scanner's preview. The words on it are the core's (the capture
// block's title and instructions, when the screen has one: what to say
// while recording); the buttons are symbols. Closing sends the core a
// cancel, which it answers with the screen as it was.
#if canImport(SwiftUI) && canImport(AVFoundation) && os(iOS)
import CheckinCore
import CheckinShell
import SwiftUI

struct CaptureSurfaceView: View {
    let previews: CapturePreviews
    @EnvironmentObject private var screens: Observed<ScreenModel>

    /// What is under way; `.locating` only for the moment it closes.
    private var surface: CaptureSurface {
        screens.state.capture ?? .locating(checkinId: "")
    }

    var body: some View {
        ZStack(alignment: .top) {
            Color.black.ignoresSafeArea()
            switch surface {
            case .camera:
                if let session = previews.camera { CameraPreview(session: session).ignoresSafeArea() }
            case .scanner:
                if let session = previews.scanner { CameraPreview(session: session).ignoresSafeArea() }
            case .recorder, .locating:
                EmptyView()
            }
            VStack(spacing: 16) {
                HStack {
                    Spacer()
                    Button {
                        let model = screens.model
                        Task { await model.cancelCapture() }
                    } label: {
                        Image(systemName: "xmark.circle.fill").font(.largeTitle)
                    }
                    .accessibilityIdentifier("capture.cancel")
                }
                if let words = instructions {
                    VStack(alignment: .leading, spacing: 6) {
                        CoreText(words.title).font(.headline).wrapping()
                        CoreText(words.instructions).font(.body).wrapping()
                    }
                    .padding()
                    .background(.ultraThinMaterial, in: RoundedRectangle(cornerRadius: 12))
                }
                Spacer()
                controls
            }
            .padding()
            .foregroundColor(.white)
        }
        .environment(\.colorScheme, .dark)
    }

    @ViewBuilder
    private var controls: some View {
        switch surface {
        case .camera:
            Button {
                let model = screens.model
                Task { await model.takePhoto() }
            } label: {
                Circle().strokeBorder(Color.white, lineWidth: 5).frame(width: 76, height: 76)
            }
            .disabled(screens.state.busy)
            .spokenLabel(instructions?.title)
            .accessibilityIdentifier("capture.shutter")
        case .recorder(_, let maxSeconds, let startedAt, let level):
            RecorderControls(maxSeconds: maxSeconds, startedAt: startedAt, level: level) {
                screens.model.stopRecording()
            }
        case .scanner, .locating:
            EmptyView()
        }
    }

    /// The capture block of the screen behind, for this kind of capture.
    private var instructions: (title: String, instructions: String)? {
        let wanted: CaptureKind
        switch surface {
        case .camera: wanted = .photo
        case .recorder: wanted = .voice
        case .locating: wanted = .location
        case .scanner: return nil
        }
        for block in screens.state.screen?.blocks ?? [] {
            if case .capture(let kind, let title, let instructions, _) = block, kind == wanted {
                return (title, instructions)
            }
        }
        return nil
    }
}

/// The recorder's meter, its clock against the maximum, and the stop button.
private struct RecorderControls: View {
    let maxSeconds: UInt32
    let startedAt: Date
    let level: AudioLevel?
    let stop: () -> Void

    var body: some View {
        VStack(spacing: 20) {
            GeometryReader { geometry in
                ZStack(alignment: .leading) {
                    Capsule().fill(Color.white.opacity(0.2))
                    Capsule().fill(level?.clipped == true ? Color.red : Color.green)
                        .frame(width: geometry.size.width * loudness)
                }
            }
            .frame(height: 12)
            .accessibilityHidden(true)
            TimelineView(.periodic(from: startedAt, by: 1)) { context in
                Text(clock(at: context.date))
                    .font(.title2.monospacedDigit())
            }
            Button(action: stop) {
                Image(systemName: "stop.circle.fill").font(.system(size: 72))
            }
            .accessibilityIdentifier("capture.stop")
        }
    }

    /// The meter from -60 dBFS (silence) to 0 (full scale).
    private var loudness: CGFloat {
        guard let level else { return 0 }
        return CGFloat(min(1, max(0, (level.rmsDBFS + 60) / 60)))
    }

    /// "0:12 / 0:30": digits only, no words.
    private func clock(at now: Date) -> String {
        let elapsed = min(Int(maxSeconds), max(0, Int(now.timeIntervalSince(startedAt))))
        func mmss(_ seconds: Int) -> String { String(format: "%d:%02d", seconds / 60, seconds % 60) }
        return "\(mmss(elapsed)) / \(mmss(Int(maxSeconds)))"
    }
}
#endif
