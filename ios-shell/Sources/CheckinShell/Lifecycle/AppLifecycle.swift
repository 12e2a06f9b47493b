// AppLifecycle: what the app does with the core at each moment of its
// life: launch, return to the foreground, a network change, a background
// refresh, an action on a screen that changes what is due. The SwiftUI app
// calls these and renders the core's screens (ScreenModel); every decision
// is the core's.
//
// Guarantees:
// - one sync at a time from the app (a second request while one runs is
//   dropped: the running one sends what waits), and one managed set-up at
//   a time (launch and foreground arrive together; a second run joins the
//   first, so the phone never tries to enroll twice with one code);
// - after every sync, in the foreground or not, and after every screen
//   action that changes what is due or its language, the reminders are
//   brought up to date, the next background refresh is rescheduled and
//   the notification categories carry the core's names;
// - failures end up in the status as codes; none stops the others (a
//   refused reminder does not stop the reschedule).
import CheckinCore
import Foundation

@MainActor
public final class AppLifecycle {
    /// A sync the participant waits for (foreground) may take longer than a
    /// background one; the core stops at this deadline either way.
    public static let foregroundSyncSeconds: UInt32 = 60

    public let client: CoreClient
    public let status: StatusModel
    private let reminders: ReminderSync
    private let wakeups: WakeupSchedule
    private let connectivity: ConnectivityFeed
    private let managed: ManagedSetup
    private let categories: NotificationCategorySync?
    private var syncing = false
    private var settingUp: Task<ManagedSetup.Outcome, Never>?

    public init(client: CoreClient, reminders: ReminderCenter, scheduler: RefreshScheduler,
                managed: ManagedSettingsSource, singleAppMode: SingleAppMode, status: StatusModel,
                categories: NotificationCategoryCenter? = nil) {
        self.client = client
        self.categories = categories.map { NotificationCategorySync(client: client, center: $0) }
        self.status = status
        self.reminders = ReminderSync(client: client, center: reminders)
        wakeups = WakeupSchedule(client: client, scheduler: scheduler)
        connectivity = ConnectivityFeed(client: client)
        self.managed = ManagedSetup(client: client, source: managed, singleAppMode: singleAppMode)
    }

    /// The app started (in the foreground or for a background task).
    public func launched() async {
        let outcome = await applyManaged()
        status.reload(from: client)
        if outcome.enrolledNow {
            await syncNow()
        } else {
            await upkeep()
        }
    }

    /// The app came to the foreground: the configuration may have changed,
    /// and what waits should go now that the participant is looking.
    public func becameActive() async {
        _ = await applyManaged()
        await syncNow()
    }

    /// The managed set-up, joined by any call that arrives while it runs.
    private func applyManaged() async -> ManagedSetup.Outcome {
        if let settingUp { return await settingUp.value }
        let managed = self.managed
        let run = Task { await managed.apply() }
        settingUp = run
        let outcome = await run.value
        settingUp = nil
        return outcome
    }

    /// The app left the foreground: make sure a refresh is scheduled.
    public func enteredBackground() async {
        await upkeep()
    }

    /// NWPathMonitor reported a path.
    public func networkChanged(_ path: NetworkPath) async {
        do {
            if try connectivity.update(path) { await syncNow() }
        } catch {
            status.report(error)
        }
        status.reload(from: client)
    }

    /// Sends what waits, then updates reminders, schedule and status.
    public func syncNow() async {
        guard !syncing, (try? client.isEnrolled()) == true else {
            status.reload(from: client)
            return
        }
        syncing = true
        status.syncStarted()
        var failure: Error?
        do {
            _ = try await client.syncUntilCancelled(maxSeconds: AppLifecycle.foregroundSyncSeconds)
        } catch {
            failure = error
        }
        syncing = false
        await upkeep()
        status.syncFinished(at: Date(), error: failure)
    }

    /// What a BGAppRefreshTask runs; cancel the calling task to stop it.
    public func backgroundRefresh() async -> BackgroundRun.Report {
        let report = await BackgroundRun(client: client, reminders: reminders, wakeups: wakeups).perform()
        status.reload(from: client)
        return report
    }

    /// A screen action changed what is due or its language (ScreenModel's
    /// `afterAction`): reminders, categories and the next refresh follow.
    public func screenActionCompleted() async {
        await upkeep()
    }

    /// Reminders, categories, next refresh and status, from the core's
    /// current state.
    private func upkeep() async {
        var failure: Error?
        do {
            try categories?.refresh()
        } catch {
            failure = error
        }
        do {
            try await reminders.refresh()
        } catch {
            failure = failure ?? error
        }
        do {
            try wakeups.reschedule(budget: await reminders.budget())
        } catch {
            failure = failure ?? error
        }
        status.reload(from: client)
        if let failure { status.report(failure) }
    }
}
