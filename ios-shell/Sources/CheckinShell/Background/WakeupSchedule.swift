// WakeupSchedule: asks the OS for the next background refresh at the time
// the core names (`nextWakeupMs`): the next sync the plan wants, a queued
// check-in's retry, a window boundary, or the moment the held reminders
// run low. Reschedule after every background run and every sync, since
// each can move that time.
//
// Guarantees: the core is asked with the same budget as the reminders, so
// it knows how many the phone holds and wakes the app before they run
// out; before enrollment (no time named) the pending request is withdrawn;
// if the core cannot answer, a retry is asked for `retryAfterFailure` later
// rather than leaving the app without a wake-up.
import CheckinCore
import Foundation

public struct WakeupSchedule {
    /// When to try again if the core could not name a time (its store was
    /// briefly unavailable): iOS runs refresh tasks no more often anyway.
    public static let retryAfterFailure: TimeInterval = 15 * 60

    public let client: CoreClient
    public let scheduler: RefreshScheduler

    public init(client: CoreClient, scheduler: RefreshScheduler) {
        self.client = client
        self.scheduler = scheduler
    }

    /// Schedules the next refresh; returns the earliest start asked for,
    /// nil if none is needed. Failures of the OS scheduler are rethrown
    /// (Background App Refresh switched off, simulator).
    @discardableResult
    public func reschedule(budget: UInt32, now: Date = Date()) throws -> Date? {
        let earliest: Date
        do {
            guard let ms = try client.nextWakeupMs(max: budget) else {
                scheduler.cancel()
                return nil
            }
            earliest = Date(timeIntervalSince1970: TimeInterval(ms) / 1000)
        } catch {
            earliest = now.addingTimeInterval(WakeupSchedule.retryAfterFailure)
        }
        try scheduler.schedule(earliest: earliest)
        return earliest
    }
}
