// AppRefreshScheduler: background refresh over BGTaskScheduler, one
// BGAppRefreshTask identifier (listed in the app's Info.plist under
// BGTaskSchedulerPermittedIdentifiers). Submitting a request replaces the
// pending one, so there is never more than one.
//
// `register` must run before the app finishes launching (the App's init).
// When iOS runs the task, the handler runs the shell's background work in
// a Swift task; iOS's expiration handler cancels that task, which cancels
// the core's sync (every check-in stays queued), and the task is always
// completed. Reviewed by reading; built and run only on an iPhone.
#if canImport(BackgroundTasks) && os(iOS)
import BackgroundTasks
import CheckinShell
import Foundation

public final class AppRefreshScheduler: RefreshScheduler {
    /// Keep in step with App/Info.plist.
    public static let taskIdentifier = "org.checkin.shell.refresh"

    public init() {}

    public func schedule(earliest: Date) throws {
        let request = BGAppRefreshTaskRequest(identifier: AppRefreshScheduler.taskIdentifier)
        request.earliestBeginDate = earliest
        do {
            try BGTaskScheduler.shared.submit(request)
        } catch {
            throw RefreshScheduleError(code: (error as NSError).code)
        }
    }

    public func cancel() {
        BGTaskScheduler.shared.cancel(taskRequestWithIdentifier: AppRefreshScheduler.taskIdentifier)
    }

    /// Registers what a refresh runs; `run` returns whether it succeeded.
    public static func register(run: @escaping @Sendable () async -> Bool) {
        BGTaskScheduler.shared.register(forTaskWithIdentifier: taskIdentifier, using: nil) { task in
            let work = Task {
                let success = await run()
                task.setTaskCompleted(success: success)
            }
            task.expirationHandler = { work.cancel() }
        }
    }
}

/// Why iOS refused a refresh request (BGTaskScheduler.Error).
public struct RefreshScheduleError: Error, FailureCoded {
    public let code: Int

    public var failureCode: FailureCode {
        switch code {
        case BGTaskScheduler.Error.Code.unavailable.rawValue:
            return FailureCode("background-refresh-off") // switched off, Low Power Mode, simulator
        case BGTaskScheduler.Error.Code.tooManyPendingTaskRequests.rawValue:
            return FailureCode("background-refresh-too-many")
        case BGTaskScheduler.Error.Code.notPermitted.rawValue:
            return FailureCode("background-refresh-not-permitted") // Info.plist identifier missing
        default:
            return FailureCode("background-refresh-\(code)")
        }
    }
}
#endif
