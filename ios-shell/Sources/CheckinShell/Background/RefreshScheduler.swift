// RefreshScheduler: the OS's background refresh, as the shell's logic sees
// it. AppleServices implements it over BGTaskScheduler with one
// BGAppRefreshTask identifier; tests record what was asked.
//
// iOS treats the date as the earliest start, not a promise: it runs the
// task when it sees fit (battery, usage, Low Power Mode, the participant's
// Background App Refresh switch), often later, sometimes not at all. The
// reminders are already with the OS, so they fire regardless.
import Foundation

public protocol RefreshScheduler: AnyObject {
    /// Replaces any pending request with one that may start at `earliest`
    /// or later.
    func schedule(earliest: Date) throws
    /// Withdraws the pending request (nothing to wake up for).
    func cancel()
}
