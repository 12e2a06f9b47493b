// PrivacyShield: hides a screen that shows personal data (`Screen.secure`)
// when the app leaves the foreground, so the app switcher's snapshot shows
// nothing of it, and while the screen is being recorded or mirrored
// (UIScreen.isCaptured). iOS gives apps no way to block a screenshot.
#if canImport(SwiftUI) && canImport(UIKit) && os(iOS)
import SwiftUI
import UIKit

struct PrivacyShield: ViewModifier {
    let secure: Bool
    @Environment(\.scenePhase) private var scenePhase
    @State private var captured = UIScreen.main.isCaptured

    func body(content: Content) -> some View {
        content
            .overlay {
                if secure && (scenePhase != .active || captured) {
                    ZStack {
                        Color(UIColor.systemBackground)
                        Image(systemName: "lock.fill").font(.largeTitle).foregroundColor(.secondary)
                    }
                    .ignoresSafeArea()
                    .accessibilityHidden(true)
                }
            }
            .onReceive(NotificationCenter.default.publisher(for: UIScreen.capturedDidChangeNotification)) { _ in
                captured = UIScreen.main.isCaptured
            }
    }
}
#endif
