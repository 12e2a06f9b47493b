// BackgroundRun: what one BGAppRefreshTask does. Sync what waits within the
// task's window, bring the reminders up to date (a new plan, fired ones
// replaced), and schedule the next run.
//
// Guarantees:
// - the sync is bounded by `syncSeconds` and stops at once when the task
//   is cancelled (iOS's expiration handler cancels it): every check-in
//   stays whole and queued;
// - the next run is scheduled whatever happened before it (a failed or
//   cancelled sync, the OS refusing a reminder), so the app never loses
//   its wake-up;
// - success means the queue was worked on without error; the reminders
//   and the schedule do not make a run fail.
import CheckinCore
import Foundation

public struct BackgroundRun {
    /// iOS gives a refresh task about 30 seconds; the sync gets 25 so the
    /// reminders and the next schedule fit after it.
    public static let syncSeconds: UInt32 = 25

    public let client: CoreClient
    public let reminders: ReminderSync
    public let wakeups: WakeupSchedule

    public init(client: CoreClient, reminders: ReminderSync, wakeups: WakeupSchedule) {
        self.client = client
        self.reminders = reminders
        self.wakeups = wakeups
    }

    /// What the run did.
    public struct Report {
        public let sync: Result<SyncReport, Error>?
        public let nextRun: Date?

        /// What to pass to `setTaskCompleted(success:)`.
        public var success: Bool {
            if case .failure = sync { return false }
            return true
        }
    }

    public func perform() async -> Report {
        var sync: Result<SyncReport, Error>?
        if (try? client.isEnrolled()) == true {
            do {
                sync = .success(try await client.syncUntilCancelled(maxSeconds: BackgroundRun.syncSeconds))
            } catch {
                sync = .failure(error)
            }
        }
        _ = try? await reminders.refresh()
        let nextRun = try? wakeups.reschedule(budget: await reminders.budget())
        return Report(sync: sync, nextRun: nextRun ?? nil)
    }
}
