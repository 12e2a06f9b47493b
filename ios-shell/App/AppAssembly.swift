// AppAssembly: opens the core once and connects every Apple service to the
// shell's logic: the lifecycle (managed set-up, syncs, reminders,
// background refresh) and the screens (ScreenModel, rendered by
// ScreenView). The client opens in the protected data directory with the
// Keychain key store, in the managed configuration's language on an issued
// phone, through OpeningClient: if the core cannot open (a launch before
// the phone's first unlock, a Keychain item lost with a restore), the core's
// screen says why and its one action opens again (after a lost key,
// keeping the check-ins still waiting for the next enrollment).
#if canImport(SwiftUI) && os(iOS)
import AppleServices
import CheckinCore
import CheckinShell
import Foundation
import ScreenViews

@MainActor
final class AppAssembly: ObservableObject {
    static let shared = AppAssembly()

    /// The screens, once the core is open.
    @Published private(set) var screens: Observed<ScreenModel>?
    let status = StatusModel()
    private let managedDefaults = ManagedDefaults()
    private let network = PathMonitorNetwork()
    private let camera = FrontCamera()
    private let scanner = QRCodeScanner()
    private var lifecycle: AppLifecycle?
    /// A link that arrived before the first screen (a tapped reminder that
    /// launched the app), opened once that screen is up.
    private var pendingLink: DeepLink?

    var previews: CapturePreviews {
        CapturePreviews(camera: camera.session, scanner: scanner.session)
    }

    /// The running shell, opened on first use.
    @discardableResult
    func start() -> AppLifecycle? {
        if let lifecycle { return lifecycle }
        do {
            let directory = try AppDataDirectory.prepare()
            var managed: ManagedAppConfig?
            if case .success(let config)? = ManagedSetup.read(from: managedDefaults) { managed = config }
            let locale = ClientSetup.locale(managed: managed, preferredLanguages: Locale.preferredLanguages)
            let keyStore = KeychainKeyStore(
                items: SystemKeychain(service: Bundle.main.bundleIdentifier ?? "org.checkin.shell"),
                cipher: AESGCMKeyCipher()
            )
            // Never throws: a core that cannot open (a phone not unlocked since it started, a lost
            // Keychain item, a full disk) shows the core's screen saying why, whose one action opens again.
            let client = OpeningClient(
                config: ClientSetup.config(dataDirectory: directory, locale: locale), keyStore: keyStore)
            let reminders = SystemReminderCenter()
            let lifecycle = AppLifecycle(client: client, reminders: reminders,
                                         scheduler: AppRefreshScheduler(), managed: managedDefaults,
                                         singleAppMode: GuidedAccessKiosk(), status: status, categories: reminders)
            let permissions = SystemPermissions()
            let phone = PhoneServices(
                desk: CaptureDesk(camera: camera, recorder: EngineRecorder(), locator: OneShotLocation(),
                                  scanner: scanner),
                permissions: permissions, sharing: ShareSheet(), dialler: PhoneDialler())
            let model = ScreenModel(client: client, phone: phone,
                                    context: ShellContextSource(permissions: permissions, managed: managedDefaults),
                                    timer: SleepingTimer(),
                                    afterAction: { await lifecycle.screenActionCompleted() })
            self.lifecycle = lifecycle
            screens = Observed(model)
            network.start { path in
                Task {
                    // The network's return may send what waits: show it.
                    await lifecycle.networkChanged(path)
                    await model.askAgain()
                }
            }
            managedDefaults.observe {
                Task {
                    await lifecycle.becameActive()
                    await model.askAgain()
                }
            }
            Task {
                // An issued phone may enroll itself here: the screen on show
                // (if the scene is up) then says where that leads.
                await lifecycle.launched()
                await model.askAgain()
            }
            return lifecycle
        } catch {
            status.report(error)
            return nil
        }
    }

    /// The scene came to the foreground: the screen first (quick), then the
    /// managed set-up and a sync, then the screen again with what they did.
    func becameActive() async {
        guard let lifecycle = start(), let model = screens?.model else { return }
        await model.sceneBecameActive()
        if let link = pendingLink {
            pendingLink = nil
            await model.open(link)
        }
        await lifecycle.becameActive()
        await model.askAgain()
    }

    func enteredBackground() async {
        await start()?.enteredBackground()
    }

    /// A reminder was tapped or a `checkin://` link opened the app.
    func open(_ link: DeepLink) {
        guard start() != nil, let model = screens?.model else { return }
        guard model.state.screen != nil else {
            pendingLink = link
            return
        }
        Task { await model.open(link) }
    }

    /// What the BGAppRefreshTask runs; false tells iOS it did not succeed.
    func backgroundRefresh() async -> Bool {
        guard let lifecycle = start() else {
            // No core to ask for a time: try again a little later.
            try? AppRefreshScheduler().schedule(earliest: Date().addingTimeInterval(WakeupSchedule.retryAfterFailure))
            return false
        }
        return await lifecycle.backgroundRefresh().success
    }
}
#endif
