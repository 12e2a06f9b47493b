// ScreenView: the one view of the app. It renders ScreenModel's state and
// nothing else: the core's title, its blocks in order, its actions by
// style, a back button to `screen.back` (also VoiceOver's escape gesture
// and a swipe from the leading edge), the capture surface while the
// hardware works, and the privacy shield on a secure screen. Every text is
// the core's, in the screen's language; all sizes follow Dynamic Type.
// When the route changes VoiceOver is told the screen changed.
#if canImport(SwiftUI) && canImport(AVFoundation) && os(iOS)
import CheckinCore
import CheckinShell
import SwiftUI
import UIKit

public struct ScreenView: View {
    @ObservedObject private var screens: Observed<ScreenModel>
    private let previews: CapturePreviews

    public init(screens: Observed<ScreenModel>, previews: CapturePreviews) {
        self.screens = screens
        self.previews = previews
    }

    public var body: some View {
        let state = screens.state
        Group {
            if let screen = state.screen {
                content(screen)
                    .environment(\.coreLanguage, screen.language)
                    .environment(\.locale, Locale(identifier: screen.language))
                    .modifier(PrivacyShield(secure: screen.secure))
            } else {
                ProgressView()
            }
        }
        .environmentObject(screens)
        .fullScreenCover(item: surface) { _ in
            // The preview shows the participant's face: never in the app
            // switcher's snapshot, whatever the screen behind.
            CaptureSurfaceView(previews: previews)
                .environmentObject(screens)
                .environment(\.coreLanguage, state.screen?.language ?? "en")
                .modifier(PrivacyShield(secure: true))
        }
        .onChange(of: state.screen?.route) { _ in
            UIAccessibility.post(notification: .screenChanged, argument: nil)
        }
    }

    private func content(_ screen: Screen) -> some View {
        VStack(spacing: 0) {
            header(screen)
            ScrollView {
                VStack(alignment: .leading, spacing: 20) {
                    ForEach(Array(screen.blocks.enumerated()), id: \.offset) { _, block in
                        BlockView(block: block)
                    }
                    if !screen.actions.isEmpty {
                        VStack(spacing: 12) {
                            ForEach(Array(screen.actions.enumerated()), id: \.offset) { _, action in
                                ActionButton(action: action)
                            }
                        }
                        .padding(.top, 8)
                    }
                }
                .padding()
            }
        }
        .accessibilityAction(.escape) { goBack() }
        .simultaneousGesture(
            DragGesture(minimumDistance: 24).onEnded { drag in
                if drag.startLocation.x < 24, drag.translation.width > 80 { goBack() }
            }
        )
    }

    private func header(_ screen: Screen) -> some View {
        HStack(alignment: .firstTextBaseline, spacing: 12) {
            if screen.back != nil {
                Button(action: goBack) {
                    Image(systemName: "chevron.backward").font(.title3.weight(.semibold))
                }
                .disabled(screens.state.busy)
                .accessibilityIdentifier("screen.back")
            }
            CoreText(screen.title)
                .font(.title2.weight(.bold))
                .accessibilityAddTraits(.isHeader)
                .wrapping()
            if screens.state.busy || isLocating {
                ProgressView()
            }
        }
        .padding(.horizontal)
        .padding(.vertical, 10)
    }

    /// A location fix is under way.
    private var isLocating: Bool {
        if case .locating? = screens.state.capture { return true }
        return false
    }

    private func goBack() {
        let model = screens.model
        Task { await model.goBack() }
    }

    /// The capture surface shown full screen: camera, recorder, scanner. A
    /// location fix needs none (the header's progress shows it).
    private var surface: Binding<ShownSurface?> {
        let capture = screens.state.capture
        return Binding(get: {
            switch capture {
            case .camera?, .recorder?, .scanner?: return capture.map(ShownSurface.init)
            case .locating?, nil: return nil
            }
        }, set: { _ in })
    }
}

/// A capture surface as `fullScreenCover` needs it: identified by its kind,
/// so the recorder's level readings do not present it again (the surface
/// view reads them from the model).
private struct ShownSurface: Identifiable {
    let surface: CaptureSurface

    var id: String {
        switch surface {
        case .camera: return "camera"
        case .recorder: return "recorder"
        case .locating: return "locating"
        case .scanner: return "scanner"
        }
    }
}
#endif
