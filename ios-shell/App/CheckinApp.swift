// The iOS app: a status screen over the core for now (the core's screens
// come next), the background refresh registered at launch, and a sync each
// time the app comes to the foreground. All logic is in CheckinShell; this
// file only wires SwiftUI's life cycle to it.
#if canImport(SwiftUI) && os(iOS)
import AppleServices
import CheckinShell
import SwiftUI

@main
struct CheckinApp: App {
    @Environment(\.scenePhase) private var scenePhase
    @StateObject private var status = Observed(AppAssembly.shared.status)

    init() {
        // Must happen before launch ends, also when iOS starts the app
        // only to run a refresh.
        AppRefreshScheduler.register {
            await AppAssembly.shared.backgroundRefresh()
        }
    }

    var body: some Scene {
        WindowGroup {
            StatusView(status: status) {
                Task { await AppAssembly.shared.start()?.syncNow() }
            }
        }
        .onChange(of: scenePhase) { phase in
            Task { @MainActor in
                switch phase {
                case .active: await AppAssembly.shared.start()?.becameActive()
                case .background: await AppAssembly.shared.start()?.enteredBackground()
                default: break
                }
            }
        }
    }
}
#endif
