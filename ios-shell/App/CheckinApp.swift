// The iOS app: the core's screens (ScreenView over ScreenModel), the
// background refresh registered at launch, reminder taps and `checkin://`
// links opened on their screen, and the scene's life cycle handed to the
// shell. All logic is in CheckinShell; this file only wires SwiftUI's
// life cycle to it.
#if canImport(SwiftUI) && os(iOS)
import AppleServices
import CheckinShell
import ScreenViews
import SwiftUI
import UserNotifications

@main
struct CheckinApp: App {
    @Environment(\.scenePhase) private var scenePhase
    @StateObject private var assembly = AppAssembly.shared
    /// Kept for the app's life: UNUserNotificationCenter holds its delegate weakly.
    private let notificationTaps = NotificationTaps { AppAssembly.shared.open($0) }

    init() {
        // Both must happen before launch ends, also when iOS starts the app
        // only to run a refresh or because a reminder was tapped.
        AppRefreshScheduler.register {
            await AppAssembly.shared.backgroundRefresh()
        }
        UNUserNotificationCenter.current().delegate = notificationTaps
    }

    var body: some Scene {
        WindowGroup {
            Group {
                if let screens = assembly.screens {
                    ScreenView(screens: screens, previews: assembly.previews)
                } else {
                    ProgressView()
                }
            }
            .onOpenURL { url in
                if let link = DeepLink(url.absoluteString) { assembly.open(link) }
            }
        }
        .onChange(of: scenePhase) { phase in
            Task { @MainActor in
                switch phase {
                case .active: await assembly.becameActive()
                case .background: await assembly.enteredBackground()
                default: break
                }
            }
        }
    }
}
#endif
