// AppAssembly: opens the core once and connects every Apple service to the
// shell's logic. The client opens in the protected data directory with the
// Keychain key store, in the managed configuration's language on an issued
// phone; if it cannot open yet (a background launch before the phone's
// first unlock), the status says why and the next call tries again.
#if canImport(SwiftUI) && os(iOS)
import AppleServices
import CheckinCore
import CheckinShell
import Foundation

@MainActor
final class AppAssembly {
    static let shared = AppAssembly()

    let status = StatusModel()
    private let managedDefaults = ManagedDefaults()
    private let network = PathMonitorNetwork()
    private var lifecycle: AppLifecycle?

    /// The running shell, opened on first use.
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
            let client = try CheckinClient.open(
                config: ClientSetup.config(dataDirectory: directory, locale: locale), keyStore: keyStore)
            let lifecycle = AppLifecycle(client: client, reminders: SystemReminderCenter(),
                                         scheduler: AppRefreshScheduler(), managed: managedDefaults,
                                         singleAppMode: GuidedAccessKiosk(), status: status)
            self.lifecycle = lifecycle
            network.start { path in Task { await lifecycle.networkChanged(path) } }
            managedDefaults.observe { Task { await lifecycle.becameActive() } }
            Task { await lifecycle.launched() }
            return lifecycle
        } catch {
            status.report(error)
            return nil
        }
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
